package io.pgserve.engine;

/**
 * A catalog's transaction, as the engine drives it: one per transaction block, implicit transaction, or statement
 * run on its own. Tables receive it in {@link ScanRequest#transaction()} and in their write methods. A catalog without
 * transactions uses {@link #NONE}.
 */
public interface Transaction {
    /** A transaction that does nothing: for stores without transactions. */
    Transaction NONE = new Transaction() {
    };

    /** A statement of this transaction starts: under READ COMMITTED it takes a new snapshot. */
    default void startStatement() {
    }

    /**
     * A statement starts, as {@link #startStatement()}; with {@code mayWait} false it runs on a network thread and
     * must not wait: where it would (a row lock another transaction holds...), the store throws
     * {@link WouldBlockException} and the engine calls {@link #undoStatement()}. Only a catalog that is not blocking
     * ({@link Catalog#isBlocking()}) is called with false.
     */
    default void startStatement(boolean mayWait) {
        startStatement();
    }

    /**
     * Undoes what the current statement (started with {@code startStatement(false)}) wrote, leaving the
     * transaction as it was before the statement; the engine then runs the statement again where it may wait.
     */
    default void undoStatement() {
        throw new UnsupportedOperationException("undoStatement: the catalog said it does not block");
    }

    default void commit() {
    }

    default void rollback() {
    }

    default void savepoint(String name) {
        throw new io.pgserve.server.PgException(io.pgserve.server.SqlState.FEATURE_NOT_SUPPORTED,
                "savepoints are not supported");
    }

    default void rollbackToSavepoint(String name) {
        savepoint(name);
    }

    default void releaseSavepoint(String name) {
        savepoint(name);
    }
}
