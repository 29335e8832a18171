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

    /** The names of the schemas (for the catalog), pg_catalog and information_schema excluded. */
    default List<String> schemas() {
        return List.of("public");
    }

    /** The tables of a schema (for the catalog and for finding the foreign keys that reference a table). */
    default List<Table> tables(String schema) {
        return List.of();
    }

    /**
     * A view: its stored query (bound again wherever the view is used in FROM), the query's text, its column names,
     * and the relations it reads ("schema.name", for DROP's dependency checks).
     */
    record View(String schema, String name, List<String> columns, io.pgserve.sql.ast.Query query, String text,
                List<String> dependsOn) {
        public View {
            columns = List.copyOf(columns);
            dependsOn = List.copyOf(dependsOn);
        }
    }

    /** The view {@code schema.name}, or null. */
    default View view(String schema, String name) {
        return null;
    }

    /** The views of a schema (for the catalog). */
    default List<View> views(String schema) {
        return List.of();
    }

    /**
     * The enum type {@code schema.name} (CREATE TYPE ... AS ENUM), or null. Columns of an enum type hold its
     * {@link EnumType.Value}s (arrays of them for {@code mood[]}).
     */
    default EnumType enumType(String schema, String name) {
        return null;
    }

    /** The enum types of a schema (for the catalog: pg_type, pg_enum). */
    default List<EnumType> enumTypes(String schema) {
        return List.of();
    }

    /**
     * Whether scanning this catalog's tables, writing to them and ending its transactions may block. A catalog that
     * never blocks (an in-memory store such as {@link io.pgserve.engine.memdb.MemDb}) returns false: the engine then
     * runs short statements on the connection's network thread, without a thread switch, and its transactions
     * implement {@link Transaction#startStatement(boolean)} and {@link Transaction#undoStatement()}, throwing
     * {@link WouldBlockException} where a statement that must not wait would wait.
     */
    default boolean isBlocking() {
        return true;
    }

    /** Starts a transaction ({@link Transaction#NONE} for stores without transactions). */
    default Transaction begin() {
        return Transaction.NONE;
    }

    /** Runs DDL (CREATE TABLE, DROP TABLE...), or null when the catalog's schema is fixed. */
    default SchemaEditor schemaEditor() {
        return null;
    }

    /**
     * What pg_catalog and information_schema show of this catalog. By default: {@link #schemas()}, their
     * {@link #tables} (with their constraints, indexes and comments) and the sequences of the
     * {@link #schemaEditor()}; override to describe views or more.
     */
    default SchemaModel schemaModel() {
        return SchemaModel.of(this);
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
