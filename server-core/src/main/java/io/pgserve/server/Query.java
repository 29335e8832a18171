package io.pgserve.server;

import io.pgserve.server.types.PgType;
import io.pgserve.sql.StatementKind;

import java.util.List;
import java.util.Objects;

/**
 * One statement for a {@link QueryHandler} to run: its SQL text (a single statement: a multi-statement simple
 * query is split by the server first), what kind of statement it is, the bound parameter values, and the session.
 *
 * <p>Positions in a {@link PgException} thrown for this statement are relative to {@link #sql()}; the server
 * adjusts them to the client's whole query string.
 */
public final class Query {
    private final String sql;
    private final StatementKind kind;
    private final String commandTag;
    private final List<Object> parameters;
    private final SessionContext session;
    private final Cancellation cancellation;
    private final TransactionMode transactionMode;
    private final List<PgType> parameterTypes;
    private volatile io.pgserve.sql.ast.Statement parsed;

    /** A statement on its own (for tests of a handler). */
    public Query(String sql, StatementKind kind, String commandTag, List<Object> parameters, SessionContext session,
                 Cancellation cancellation) {
        this(sql, kind, commandTag, parameters, session, cancellation, TransactionMode.SINGLE_STATEMENT);
    }

    /** For tests of a handler. */
    public Query(String sql, StatementKind kind, String commandTag, List<Object> parameters, SessionContext session,
                 Cancellation cancellation, TransactionMode transactionMode) {
        this(sql, kind, commandTag, parameters, null, session, cancellation, transactionMode);
    }

    /** For the server and for tests of a handler. {@code parameterTypes} null: all text. */
    public Query(String sql, StatementKind kind, String commandTag, List<Object> parameters,
                 List<PgType> parameterTypes, SessionContext session, Cancellation cancellation,
                 TransactionMode transactionMode) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.commandTag = Objects.requireNonNull(commandTag, "commandTag");
        this.parameters = parameters == null ? List.of() : java.util.Collections.unmodifiableList(parameters);
        this.session = session;
        this.cancellation = cancellation == null ? new Cancellation() : cancellation;
        this.transactionMode = Objects.requireNonNull(transactionMode, "transactionMode");
        this.parameterTypes = parameterTypes != null ? List.copyOf(parameterTypes)
                : java.util.Collections.nCopies(this.parameters.size(), PgType.TEXT);
    }

    /**
     * The type of each parameter ($1 first): as the client declared it in Parse, as {@link QueryHandler#describe}
     * said, or as inferred from the SQL (text when nothing says otherwise). The values in {@link #parameters()} are
     * of the Java types these map to.
     */
    public List<PgType> parameterTypes() {
        return parameterTypes;
    }

    /** Whether the statement runs alone, in an implicit transaction with others, or in a transaction block. */
    public TransactionMode transactionMode() {
        return transactionMode;
    }

    /**
     * The statement parsed into pgserve's AST ({@link io.pgserve.sql.ast}), parsed on first call and cached by SQL
     * text across the server, so a hot statement is parsed once. Statements the grammar does not cover come back as
     * {@link io.pgserve.sql.ast.OtherStatement} with their kind and tag; a syntax error is thrown as a
     * {@link PgException} 42601 with PostgreSQL's message and position, for the handler to rethrow.
     *
     * <pre>{@code
     * if (query.statement() instanceof io.pgserve.sql.ast.Query select) { ... }
     * }</pre>
     */
    public io.pgserve.sql.ast.Statement statement() {
        io.pgserve.sql.ast.Statement parsed = this.parsed;
        if (parsed == null) {
            try {
                parsed = io.pgserve.sql.SqlParser.cached().parse(sql);
            } catch (io.pgserve.sql.SqlParseException e) {
                throw PgException.builder(e.sqlState(), e.getMessage()).position(e.position()).hint(e.hint()).build();
            }
            this.parsed = parsed;
        }
        return parsed;
    }

    /** The statement's text, without a trailing semicolon. */
    public String sql() {
        return sql;
    }

    /** The kind of statement, read from its leading keywords. */
    public StatementKind kind() {
        return kind;
    }

    /** The command tag PostgreSQL would report for it, without a row count (e.g. "INSERT", "CREATE TABLE"). */
    public String commandTag() {
        return commandTag;
    }

    /** The bound parameter values ($1 is index 0), as Java objects; empty for a simple query. */
    public List<Object> parameters() {
        return parameters;
    }

    public SessionContext session() {
        return session;
    }

    /** Whether the client cancelled this statement; a long-running handler should check it and stop. */
    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    /** Runs {@code callback} when the statement is cancelled (at once if it already is), on an unspecified thread. */
    public void onCancel(Runnable callback) {
        cancellation.onCancel(callback);
    }

    /**
     * Runs {@code call} on a worker thread, as a blocking handler's {@link QueryHandler#execute} runs, and completes
     * with its result; the rows of that result are pulled on the worker too, and a cancel interrupts it. Lets a
     * non-blocking handler ({@link QueryHandler#isBlocking()} false) answer most statements on the network thread
     * and move the few that may wait or run long. Called from a worker thread already (or without a server), it
     * runs {@code call} at once.
     *
     * <pre>{@code
     * public CompletionStage<QueryResult> executeAsync(Query query) {
     *     if (isQuick(query)) {
     *         return CompletableFuture.completedFuture(answer(query)); // on the network thread
     *     }
     *     return query.onWorker(() -> execute(query));                // may block
     * }
     * }</pre>
     */
    public java.util.concurrent.CompletionStage<QueryResult> onWorker(java.util.concurrent.Callable<QueryResult> call) {
        Objects.requireNonNull(call, "call");
        if (session instanceof io.pgserve.server.internal.session.PgConnection connection) {
            return connection.onWorker(call);
        }
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(call.call());
        } catch (Throwable e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String toString() {
        return "Query[" + sql + "]";
    }
}
