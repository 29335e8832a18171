package io.pgserve.engine;

import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.Expression;

import java.util.List;

/**
 * The DDL a {@link Catalog} supports (CREATE/DROP/ALTER TABLE, indexes, schemas, sequences). Names are as PostgreSQL
 * stores them (lower case unless quoted); errors are PostgreSQL's (42P07 exists, 42P01 missing, 2BP01 dependent
 * objects). The engine binds and checks the statement, then calls these.
 *
 * <pre>{@code
 * SchemaEditor ed = catalog.schemaEditor();
 * ed.createTable(tx, new TableDefinition("public", "t", List.of(TableColumn.of("id", PgType.INT4)),
 *         List.of(TableConstraint.key("t_pkey", true, List.of("id")))));
 * }</pre>
 */
public interface SchemaEditor {
    /** A table to create: its columns and constraints (keys, checks, foreign keys). */
    record TableDefinition(String schema, String name, List<TableColumn> columns, List<TableConstraint> constraints) {
        public TableDefinition {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
        }
    }

    /**
     * A sequence's options (CREATE SEQUENCE): {@code increment}, {@code minValue}, {@code maxValue}, {@code start},
     * {@code cycle}, its data type ({@code AS}: smallint, integer or bigint) and the column that owns it
     * ({@code ownedByTable}.{@code ownedByColumn} in the sequence's schema, as a serial or identity column owns its
     * sequence; both null when none does); {@link #of} gives PostgreSQL's defaults for a bigint sequence.
     * <pre>{@code SequenceOptions.of(Integer.MAX_VALUE).as(PgType.INT4).ownedBy("author", "id")}</pre>
     */
    record SequenceOptions(long increment, long minValue, long maxValue, long start, boolean cycle, PgType type,
                           String ownedByTable, String ownedByColumn) {
        /** A bigint sequence owned by no column. */
        public SequenceOptions(long increment, long minValue, long maxValue, long start, boolean cycle) {
            this(increment, minValue, maxValue, start, cycle, PgType.INT8, null, null);
        }

        /** PostgreSQL's defaults for an ascending sequence with this maximum (Long.MAX_VALUE for bigint). */
        public static SequenceOptions of(long maxValue) {
            return new SequenceOptions(1, 1, maxValue, 1, false);
        }

        /** These options for a sequence of this data type. */
        public SequenceOptions as(PgType dataType) {
            return new SequenceOptions(increment, minValue, maxValue, start, cycle, dataType, ownedByTable,
                    ownedByColumn);
        }

        /** These options for a sequence owned by this column (of a table in the sequence's schema). */
        public SequenceOptions ownedBy(String table, String column) {
            return new SequenceOptions(increment, minValue, maxValue, start, cycle, type, table, column);
        }
    }

    /** One ALTER TABLE action. */
    sealed interface TableChange {
    }

    /** ADD COLUMN; existing rows get {@code fill} (the default's value, computed per row by the engine). */
    record AddColumn(TableColumn column, java.util.function.Supplier<Object> fill) implements TableChange {
    }

    /** DROP COLUMN (CASCADE drops the constraints and indexes that use it, else 2BP01 when any does). */
    record DropColumn(String column, boolean cascade) implements TableChange {
    }

    /** RENAME COLUMN. */
    record RenameColumn(String column, String newName) implements TableChange {
    }

    /** SET DEFAULT (null: DROP DEFAULT). */
    record SetDefault(String column, Expression defaultValue) implements TableChange {
    }

    /** ALTER COLUMN TYPE: the column becomes {@code column}; {@code convert} computes its new value from each row. */
    record AlterType(String name, TableColumn column, java.util.function.Function<Object[], Object> convert)
            implements TableChange {
    }

    /** SET NOT NULL (checked against the rows by the engine first) / DROP NOT NULL. */
    record SetNotNull(String column, boolean notNull) implements TableChange {
    }

    /** ADD CONSTRAINT / ADD PRIMARY KEY (the table checks keys against its rows; the engine checks the rest). */
    record AddConstraint(TableConstraint constraint) implements TableChange {
    }

    /** DROP CONSTRAINT. */
    record DropConstraint(String name) implements TableChange {
    }

    /** RENAME TO. */
    record RenameTable(String newName) implements TableChange {
    }

    void createTable(Transaction transaction, TableDefinition definition);

    /** Drops a table (and, with cascade, the foreign keys and views that depend on it; 2BP01 otherwise). */
    void dropTable(Transaction transaction, String schema, String name, boolean cascade);

    /** Changes a table. */
    void alterTable(Transaction transaction, String schema, String name, TableChange change);

    /** CREATE [UNIQUE] INDEX (23505 when a unique index finds duplicates); 42P07 when the name is taken. */
    void createIndex(Transaction transaction, String schema, String table, TableIndex index);

    /** DROP INDEX; 42704 when missing. Returns false when the index does not exist. */
    boolean dropIndex(Transaction transaction, String schema, String name);

    /** CREATE SCHEMA; 42P06 when it exists. */
    void createSchema(Transaction transaction, String name);

    /** DROP SCHEMA (cascade: with its objects; 2BP01 when not empty otherwise). */
    void dropSchema(Transaction transaction, String name, boolean cascade);

    /** Creates a sequence; 42P07 when the name is taken. */
    void createSequence(Transaction transaction, String schema, String name, SequenceOptions options);

    /** Drops a sequence; returns false when it does not exist. */
    boolean dropSequence(Transaction transaction, String schema, String name);

    /** The sequence's options (for the catalog, and to restart it), or null when it does not exist. */
    SequenceOptions sequence(String schema, String name);

    /** The names of a schema's sequences (for the catalog). */
    List<String> sequences(String schema);

    /**
     * The next value of a sequence, remembered as the session's currval/lastval ({@code session} identifies the
     * session, any object; null for a single embedded session); 42P01 when missing, 2200H when exhausted.
     */
    long nextval(Object session, String schema, String name);

    /** The session's last nextval of the sequence; 55000 when there is none. */
    long currval(Object session, String schema, String name);

    /** setval(seq, value, isCalled); returns value. */
    long setval(Object session, String schema, String name, long value, boolean isCalled);

    /** The session's last nextval of any sequence; 55000 when none. */
    long lastval(Object session);

    /** CREATE [OR REPLACE] VIEW; 42P07 when the name is taken (by a table, or by a view without OR REPLACE). */
    void createView(Transaction transaction, Catalog.View view, boolean orReplace);

    /** DROP VIEW (cascade: with the views that use it; 2BP01 otherwise); false when it does not exist. */
    boolean dropView(Transaction transaction, String schema, String name, boolean cascade);

    /** COMMENT ON TABLE (column null) or COLUMN; text null removes it. */
    void comment(Transaction transaction, String schema, String table, String column, String text);

    /**
     * CREATE TYPE name AS ENUM (labels): a new type with fresh OIDs; 42710 when a type (or a table, whose row type
     * has its name) of that name exists in the schema.
     */
    default EnumType createEnumType(Transaction transaction, String schema, String name, List<String> labels) {
        throw new io.pgserve.server.PgException(io.pgserve.server.SqlState.FEATURE_NOT_SUPPORTED,
                "CREATE TYPE is not supported by this catalog");
    }

    /**
     * DROP TYPE; false when it does not exist. Columns of the type (or of its array type) make it 2BP01, or are
     * dropped with {@code cascade}.
     */
    default boolean dropEnumType(Transaction transaction, String schema, String name, boolean cascade) {
        throw new io.pgserve.server.PgException(io.pgserve.server.SqlState.FEATURE_NOT_SUPPORTED,
                "DROP TYPE is not supported by this catalog");
    }

    /**
     * ALTER TYPE ... ADD VALUE (see {@link EnumType#add}); with {@code ifNotExists} an existing label is no error
     * and the result is false.
     */
    default boolean addEnumValue(Transaction transaction, EnumType type, String label, String neighbor, boolean after,
                                 boolean ifNotExists) {
        throw new io.pgserve.server.PgException(io.pgserve.server.SqlState.FEATURE_NOT_SUPPORTED,
                "ALTER TYPE is not supported by this catalog");
    }

    /** ALTER TYPE ... RENAME VALUE (see {@link EnumType#rename}). */
    default void renameEnumValue(Transaction transaction, EnumType type, String from, String to) {
        throw new io.pgserve.server.PgException(io.pgserve.server.SqlState.FEATURE_NOT_SUPPORTED,
                "ALTER TYPE is not supported by this catalog");
    }
}
