package io.pgserve.engine;

import java.util.List;

/**
 * The schemas and tables the engine resolves names against. Unqualified names are looked up along the session's
 * search_path (pg_catalog implicitly first), as in PostgreSQL.
 */
public interface Catalog {
    /** The table {@code schema.name}, or null. */
    Table table(String schema, String name);

    /** Whether the schema exists. */
    boolean schemaExists(String schema);

    /** The names of the schemas (for the catalog), pg_catalog and information_schema excluded. */
    default List<String> schemas() {
        return List.of("public");
    }

    /** The tables of a schema (for the catalog and for finding the foreign keys that reference a table). */
    default List<Table> tables(String schema) {
        return List.of();
    }

    /** Starts a transaction ({@link Transaction#NONE} for stores without transactions). */
    default Transaction begin() {
        return Transaction.NONE;
    }

    /** Runs DDL (CREATE TABLE, DROP TABLE...), or null when the catalog's schema is fixed. */
    default SchemaEditor schemaEditor() {
        return null;
    }

    /** A catalog made of fixed tables. */
    static Catalog of(List<Table> tables) {
        List<Table> copy = List.copyOf(tables);
        return new Catalog() {
            @Override
            public Table table(String schema, String name) {
                for (Table t : copy) {
                    if (t.schema().equals(schema) && t.name().equals(name)) {
                        return t;
                    }
                }
                return null;
            }

            @Override
            public List<String> schemas() {
                return copy.stream().map(Table::schema).distinct().toList();
            }

            @Override
            public List<Table> tables(String schema) {
                return copy.stream().filter(t -> t.schema().equals(schema)).toList();
            }

            @Override
            public boolean schemaExists(String schema) {
                return "public".equals(schema) || copy.stream().anyMatch(t -> t.schema().equals(schema));
            }
        };
    }
}
