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
