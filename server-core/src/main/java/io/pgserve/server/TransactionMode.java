package io.pgserve.server;

/**
 * How a statement stands with respect to transactions, for handlers with transactional state (those that return
 * {@code true} from {@link QueryHandler#handles} for {@link io.pgserve.sql.StatementKind#BEGIN}).
 */
public enum TransactionMode {
    /** A statement on its own outside a transaction block: it commits when it completes. */
    SINGLE_STATEMENT,
    /**
     * Outside a transaction block, but one of several statements that PostgreSQL runs as one implicit transaction:
     * the statements of one multi-statement simple Query, or every Execute between two Syncs of the extended
     * protocol. The server ends it with {@link QueryHandler#endImplicitTransaction(boolean)}: commit after the last
     * statement, rollback after an error. A BEGIN among them turns the implicit transaction into a block.
     */
    IMPLICIT,
    /** Inside a transaction block (BEGIN ... COMMIT/ROLLBACK). */
    BLOCK
}
