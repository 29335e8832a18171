package io.pgserve.server;

import io.pgserve.sql.StatementKind;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs the statements of one session. The server creates one handler per connection with the
 * {@link QueryHandlerFactory} and calls it for one statement at a time, in order; a handler needs no locking
 * for its own state.
 *
 * <pre>{@code
 * QueryHandler handler = query -> {
 *     if (query.sql().equalsIgnoreCase("select 1")) {
 *         return QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)), List.<Object[]>of(new Object[] {1}));
 *     }
 *     throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "only SELECT 1 is supported");
 * };
 * }</pre>
 *
 * <h2>Threads</h2>
 * By default the handler may block: {@link #execute} and the returned {@link RowStream} run on a worker thread
 * (virtual threads when the JVM has them), never on a network thread. An asynchronous handler overrides
 * {@link #executeAsync} and returns {@code false} from {@link #isBlocking()}, and is then called on the network
 * thread and must not block; it can still move a statement that may block to a worker with
 * {@link Query#onWorker}.
 *
 * <h2>Errors</h2>
 * Throw (or complete exceptionally with) a {@link PgException} for the client to get its SQLSTATE and fields;
 * anything else is reported as XX000 with its message. The session continues either way, except after a
 * {@link PgException} of severity FATAL, which (as in PostgreSQL) is sent and then ends the session.
 *
 * <h2>Cancellation</h2>
 * A CancelRequest from the client sets {@link Query#isCancelled()}, runs the callbacks registered with
 * {@link Query#onCancel(Runnable)} and interrupts the worker thread running the statement; the client gets 57014
 * whatever the handler returns afterwards.
 */
@FunctionalInterface
public interface QueryHandler {

    /** Runs one statement. May block, unless {@link #isBlocking()} says otherwise. */
    QueryResult execute(Query query) throws Exception;

    /** The asynchronous form; by default it calls {@link #execute}. */
    default CompletionStage<QueryResult> executeAsync(Query query) {
        try {
            return CompletableFuture.completedFuture(execute(query));
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Describes a statement without running it, for the extended protocol's Describe of a prepared statement: its
     * parameter types and result columns. {@link Query#parameters()} are all null here. Return {@code null} (the
     * default) to let the server work it out: parameter types are inferred from the SQL ({@code $1::date},
     * {@code LIMIT $1}, else text), and the columns of a statement that returns rows are learnt by running it with
     * NULL parameters and discarding its rows. May block, like {@link #execute}.
     */
    default Description describe(Query query) throws Exception {
        return null;
    }

    /**
     * Whether {@link #execute} (and row streams) may block. A handler that returns {@code false} is called on the
     * connection's network thread, saving a thread switch per statement.
     */
    default boolean isBlocking() {
        return true;
    }

    /**
     * Whether this handler runs statements of this kind itself. By default the server serves on its own the
     * statements of {@link StatementKind#isServedBySession()} — session parameters (SET, RESET, SHOW, DISCARD),
     * transaction control (BEGIN, COMMIT, ROLLBACK, savepoints), LISTEN/UNLISTEN/NOTIFY, PREPARE/EXECUTE/DEALLOCATE
     * and DECLARE/FETCH/MOVE/CLOSE (whose queries it runs through this handler) — and passes everything else here.
     * A handler with transactional state returns {@code true} for transaction control; the server still tracks the
     * transaction status from their outcome.
     */
    default boolean handles(StatementKind kind) {
        return !kind.isServedBySession();
    }

    /**
     * Ends an implicit transaction (see {@link TransactionMode#IMPLICIT}): {@code commit} after its last statement
     * succeeded, else rollback. Called (on a worker thread, or on the network thread for a non-blocking handler)
     * only for handlers that run transaction control themselves ({@code handles(StatementKind.BEGIN)}), before the
     * client is told the session is ready. A failure to commit is reported to the client as the error of the
     * statement string.
     */
    default void endImplicitTransaction(boolean commit) throws Exception {
    }

    /** Called once when the session ends (the client left, or the server is closing). */
    default void close() {
    }
}
