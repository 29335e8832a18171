package io.pgserve.engine;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A table of a user's data store, as the engine sees it: its columns, a scan with projection, filters and limit
 * pushed down, and optional writes. Rows are arrays of Java values of the columns' types (see the README's type
 * table), {@code null} for SQL NULL.
 *
 * <pre>{@code
 * class Users implements Table {
 *     public String schema() { return "public"; }
 *     public String name() { return "users"; }
 *     public List<TableColumn> columns() { return List.of(TableColumn.of("id", PgType.INT4), TableColumn.of("name", PgType.TEXT)); }
 *     public TableScan scan(ScanRequest request) { ... }
 * }
 * }</pre>
 */
public interface Table {
    String schema();

    String name();

    List<TableColumn> columns();

    /** Scans the table; see {@link ScanRequest} for what the table must honour. */
    TableScan scan(ScanRequest request) throws Exception;

    /** Whether the table applies this filter itself in {@link #scan} (then the engine does not). */
    default boolean supportsFilter(ColumnFilter filter) {
        return false;
    }

    /** The table's constraints (PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY); the engine enforces CHECK and FOREIGN KEY. */
    default List<TableConstraint> constraints() {
        return List.of();
    }

    /** The table's indexes (for the catalog). */
    default List<TableIndex> indexes() {
        return List.of();
    }

    /** COMMENT ON TABLE's text, or null. */
    default String comment() {
        return null;
    }

    /** COMMENT ON COLUMN's text for the column, or null. */
    default String columnComment(String column) {
        return null;
    }

    /** A unique id for pgjdbc's metadata (RowDescription's table OID); 0 when none. */
    default int oid() {
        return 0;
    }

    /**
     * Inserts a row (one value per column, defaults already applied and NOT NULL checked by the engine). Returns
     * the row as stored (for RETURNING).
     */
    default Object[] insert(Transaction transaction, Object[] row) throws Exception {
        throw readOnly();
    }

    /**
     * Updates the row {@code rowId} (from a {@link ScanRequest#forUpdate()} scan). {@code change} gets the row's
     * current values and returns its new values, or null when the row no longer qualifies; a store whose row was
     * changed by a concurrent transaction calls it again with the newest version (READ COMMITTED). Returns the row
     * as stored, or null when nothing was updated.
     */
    default Object[] update(Transaction transaction, Object rowId, UnaryOperator<Object[]> change) throws Exception {
        throw readOnly();
    }

    /**
     * Deletes the row {@code rowId}, if {@code recheck} still accepts its current values. Returns the deleted row,
     * or null when nothing was deleted.
     */
    default Object[] delete(Transaction transaction, Object rowId, Predicate<Object[]> recheck) throws Exception {
        throw readOnly();
    }

    /**
     * For {@code INSERT ... ON CONFLICT}: the row that already holds {@code row}'s key in the unique constraint (or
     * unique index) {@code constraint} — its newest committed version, or this transaction's, whatever the
     * statement's snapshot, after waiting for a concurrent inserter of the key to end — as a row id for
     * {@link #update}, or null when there is none. With {@code forUpdate} (DO UPDATE), a row this same command
     * already inserted or updated is an error (21000). Tables that cannot tell return null: a conflict is then a
     * unique violation.
     */
    default Object conflictingRow(Transaction transaction, String constraint, Object[] row, boolean forUpdate) {
        return null;
    }

    private PgException readOnly() {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot change relation \"" + name() + "\"");
    }
}
