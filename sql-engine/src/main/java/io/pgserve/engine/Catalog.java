package io.pgserve.engine;

import io.pgserve.engine.catalog.SchemaModel;

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

    /** Starts a transaction ({@link Transaction#NONE} for stores without transactions). */
    default Transaction begin() {
        return Transaction.NONE;
    }

    /** Runs DDL (CREATE TABLE, DROP TABLE...), or null when the catalog's schema is fixed. */
    default SchemaEditor schemaEditor() {
        return null;
    }

    /**
     * What pg_catalog and information_schema show of this catalog. By default only the schema {@code public}: a
     * catalog that can list its tables returns {@link SchemaModel#ofTables}, or a richer model with constraints,
     * indexes and comments.
     */
    default SchemaModel schemaModel() {
        return SchemaModel.EMPTY;
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
            public boolean schemaExists(String schema) {
                return "public".equals(schema) || copy.stream().anyMatch(t -> t.schema().equals(schema));
            }

            @Override
            public SchemaModel schemaModel() {
                return SchemaModel.ofTables(copy);
            }
        };
    }
}
