package io.pgserve.sql;

/**
 * The kind of a statement, read from its leading keywords (a statement the grammar does not know is still
 * classified this way).
 */
public enum StatementKind {
    SELECT(true), VALUES(true), TABLE(true), SHOW(true), EXPLAIN(true), FETCH(true),
    INSERT(false), UPDATE(false), DELETE(false), MERGE(false), COPY(false),
    /** BEGIN, START TRANSACTION. */
    BEGIN(false),
    /** COMMIT, END, COMMIT AND CHAIN. */
    COMMIT(false),
    /** ROLLBACK, ABORT (but not ROLLBACK TO SAVEPOINT). */
    ROLLBACK(false),
    SAVEPOINT(false),
    RELEASE_SAVEPOINT(false),
    ROLLBACK_TO_SAVEPOINT(false),
    /** PREPARE TRANSACTION, COMMIT PREPARED, ROLLBACK PREPARED. */
    TWO_PHASE(false),
    SET(false), RESET(false), DISCARD(false),
    /** CREATE, ALTER, DROP, COMMENT, TRUNCATE, GRANT, REVOKE and the other utility statements that change objects. */
    DDL(false),
    PREPARE(false), EXECUTE(false), DEALLOCATE(false),
    DECLARE(false), MOVE(false), CLOSE(false),
    LISTEN(false), UNLISTEN(false), NOTIFY(false),
    VACUUM(false), ANALYZE(false), CALL(false), DO(false), LOCK(false), CHECKPOINT(false),
    /** Anything else. */
    OTHER(false);

    private final boolean returnsRows;

    StatementKind(boolean returnsRows) {
        this.returnsRows = returnsRows;
    }

    /** Whether statements of this kind always produce a row set (INSERT ... RETURNING etc. also can, but not always). */
    public boolean returnsRows() {
        return returnsRows;
    }

    /** BEGIN, COMMIT, ROLLBACK and the savepoint statements: those that change the transaction status. */
    public boolean isTransactionControl() {
        switch (this) {
            case BEGIN: case COMMIT: case ROLLBACK: case SAVEPOINT: case RELEASE_SAVEPOINT: case ROLLBACK_TO_SAVEPOINT:
                return true;
            default:
                return false;
        }
    }

    /** LISTEN, UNLISTEN and NOTIFY. */
    public boolean isNotification() {
        return this == LISTEN || this == UNLISTEN || this == NOTIFY;
    }

    /** PREPARE, EXECUTE and DEALLOCATE (SQL-level prepared statements). */
    public boolean isPreparedStatementControl() {
        return this == PREPARE || this == EXECUTE || this == DEALLOCATE;
    }

    /** DECLARE, FETCH, MOVE and CLOSE (SQL-level cursors). */
    public boolean isCursorControl() {
        return this == DECLARE || this == FETCH || this == MOVE || this == CLOSE;
    }

    /**
     * The statements a pgserve session serves itself for any handler: session parameters, transaction control,
     * notifications, SQL-level prepared statements and cursors.
     */
    public boolean isServedBySession() {
        return isSessionControl() || isTransactionControl() || isNotification() || isPreparedStatementControl()
                || isCursorControl();
    }

    /** SET, RESET, SHOW and DISCARD: those that read or change session parameters. */
    public boolean isSessionControl() {
        return this == SET || this == RESET || this == SHOW || this == DISCARD;
    }
}
