package io.pgserve.engine.internal;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.Transaction;
import io.pgserve.engine.internal.catalog.SystemCatalog;
import io.pgserve.server.Column;
import io.pgserve.server.Description;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.server.SessionContext;
import io.pgserve.server.SqlState;
import io.pgserve.server.TransactionMode;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.StatementKind;
import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.ast.TransactionStatement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** One session's handler: runs statements and keeps the session's transaction. */
public final class EngineSession implements QueryHandler {
    private final Catalog catalog;
    private final FunctionRegistry functions;
    private final TypeRegistry types;
    private final SessionContext session;
    /** This session's handle on the engine's advisory locks. */
    private final AdvisoryLocks.Holder advisoryLocks;

    /** Whether short statements run on the network thread (see {@link #executeAsync}). */
    private final boolean quick;
    /** The open transaction (block or implicit), or null. */
    private Transaction tx;
    private boolean block;
    private boolean failed;
    private OffsetDateTime txStart;
    /** The open savepoints, innermost last, with the advisory lock mark each was set at. */
    private final java.util.ArrayDeque<java.util.Map.Entry<String, Integer>> savepoints = new java.util.ArrayDeque<>();
    /** The search path of the current statement, and the setting it was made from. */
    private List<String> searchPath;
    private String searchPathSetting;

    /**
     * @param quick run short statements on the network thread (a catalog that does not block, no functions of the
     *              user's own): see {@link #executeAsync}
     */
    public EngineSession(Catalog catalog, FunctionRegistry functions, TypeRegistry types, SessionContext session,
                         AdvisoryLocks advisoryLocks, boolean quick) {
        this.quick = quick;
        this.advisoryLocks = advisoryLocks.holder(session == null ? 0 : session.processId());
        this.catalog = catalog;
        this.functions = functions;
        this.types = types;
        this.session = session;
    }

    @Override
    public boolean handles(StatementKind kind) {
        return kind.isTransactionControl() || !kind.isServedBySession();
    }

    @Override
    public boolean isBlocking() {
        return !quick;
    }

    /**
     * Over a catalog that does not block, a short statement runs here, on the network thread: queries, DML and
     * transaction control that read at most {@link EvalContext#QUICK_ROWS} rows and wait for nothing. One that would
     * wait (a row lock, a sleep) or read more throws {@link io.pgserve.engine.WouldBlockException}; it is undone
     * and runs again on a worker thread, as does every other kind of statement.
     */
    @Override
    public java.util.concurrent.CompletionStage<QueryResult> executeAsync(Query query) {
        if (!quick || !isQuickKind(query.kind())) {
            return query.onWorker(() -> execute(query));
        }
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(execute(query, true));
        } catch (Throwable e) {
            if (io.pgserve.engine.WouldBlockException.isCause(e)) {
                return query.onWorker(() -> execute(query));
            }
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private static boolean isQuickKind(StatementKind kind) {
        return switch (kind) {
            case SELECT, VALUES, TABLE, INSERT, UPDATE, DELETE, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE_SAVEPOINT,
                    ROLLBACK_TO_SAVEPOINT -> true;
            default -> false;
        };
    }

    @Override
    public QueryResult execute(Query query) throws Exception {
        return execute(query, false);
    }

    /** {@code quick}: on the network thread, where nothing may wait (see {@link #executeAsync}). */
    private QueryResult execute(Query query, boolean quick) throws Exception {
        Statement st = query.statement();
        if (st instanceof TransactionStatement t) {
            return transactionControl(t, query);
        }
        if (failed) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        boolean single = tx == null && query.transactionMode() != TransactionMode.IMPLICIT;
        if (tx == null) {
            begin();
        }
        try {
            tx.startStatement(!quick);
            statementStarted();
            QueryResult r = run(st, query, quick);
            if (r instanceof QueryResult.CopyIn in) {
                return copyIn(in, single); // the rows come later: the transaction ends with the COPY
            }
            if (single) {
                commit();
                if (r instanceof QueryResult.Rows rows) {
                    return endingTransactionLocks(rows);
                }
            }
            return r;
        } catch (Throwable e) {
            if (single) {
                rollback();
            } else if (quick && io.pgserve.engine.WouldBlockException.isCause(e)) {
                tx.undoStatement(); // the statement runs again on a worker: as if it had not started
            } else if (block) {
                failed = true;
            }
            throw e;
        }
    }

    private QueryResult run(Statement st, Query query, boolean quick) throws Exception {
        EvalContext ctx = evalContext(EnumCodec.checkParameters(query.parameterTypes(), query.parameters(), types),
                query);
        if (quick) {
            ctx.runQuick();
        }
        if (st instanceof io.pgserve.sql.ast.Query q) {
            Binder binder = binder(query.parameterTypes());
            Plan plan = binder.bindQuery(q);
            Executor.Op op = new Executor(ctx).build(plan);
            if (quick) { // every row now, while a statement that reads too many can still move to a worker
                List<Object[]> rows = new ArrayList<>();
                try (op) {
                    Object[] r;
                    while ((r = op.next()) != null) {
                        rows.add(r);
                    }
                }
                return QueryResult.rows(columns(plan), rows);
            }
            return QueryResult.rows(columns(plan), new RowStream() {
                @Override
                public Object[] next() throws Exception {
                    return op.next();
                }

                @Override
                public void close() {
                    op.close();
                }
            });
        }
        Dml dml = new Dml(binder(query.parameterTypes()), ctx, catalog, searchPath(), query.sql());
        return dml.execute(st); // RETURNING rows are computed here, with the writes
    }

    /**
     * The rows of a statement running on its own, which are computed after its transaction committed: the
     * transaction-level advisory locks their functions take are released when the rows end, as PostgreSQL releases
     * them at the end of the statement's implicit transaction.
     */
    private QueryResult.Rows endingTransactionLocks(QueryResult.Rows rows) {
        RowStream stream = rows.rows();
        return new QueryResult.Rows(rows.columns(), new RowStream() {
            @Override
            public Object[] next() throws Exception {
                return stream.next();
            }

            @Override
            public void close() {
                try {
                    stream.close();
                } finally {
                    if (tx == null) {
                        advisoryLocks.releaseTransactionLocks();
                    }
                }
            }
        }, rows.tag());
    }

    /** A COPY FROM whose transaction (when it runs on its own) commits at its end, or rolls back on failure. */
    private QueryResult copyIn(QueryResult.CopyIn in, boolean single) {
        io.pgserve.server.CopyInSink sink = in.sink();
        return QueryResult.copyIn(in.columns(), in.options(), new io.pgserve.server.CopyInSink() {
            @Override
            public void row(Object[] values) throws Exception {
                sink.row(values);
            }

            @Override
            public QueryResult.Command finish(long rows) throws Exception {
                QueryResult.Command c;
                try {
                    c = sink.finish(rows);
                } catch (Throwable e) {
                    abort(e);
                    throw e;
                }
                if (single) {
                    commit();
                }
                return c;
            }

            @Override
            public void abort(Throwable cause) {
                sink.abort(cause);
                if (single) {
                    rollback();
                } else if (block) {
                    failed = true;
                }
            }
        });
    }

    @Override
    public Description describe(Query query) throws Exception {
        Statement st = query.statement();
        if (!(st instanceof io.pgserve.sql.ast.Query q)) {
            if (!(st instanceof io.pgserve.sql.ast.Insert || st instanceof io.pgserve.sql.ast.Update
                    || st instanceof io.pgserve.sql.ast.Delete)) {
                return null;
            }
            statementStarted();
            List<PgType> given = new ArrayList<>(query.parameterTypes());
            given.replaceAll(t -> t.equals(PgType.TEXT) ? PgType.UNKNOWN : t);
            return new Dml(binder(given), evalContext(query.parameters(), query), catalog, searchPath(),
                    query.sql()).describe(st);
        }
        statementStarted();
        List<PgType> given = new ArrayList<>(query.parameterTypes());
        given.replaceAll(t -> t.equals(PgType.TEXT) ? PgType.UNKNOWN : t);
        Binder binder = binder(given);
        Plan plan = binder.bindQuery(q);
        return Description.rows(binder.parameterTypes(), columns(plan));
    }

    /** A system catalog reads its schema model anew for each statement. */
    private void statementStarted() {
        searchPath = null; // the schemas that exist may have changed since the last statement
        if (catalog instanceof SystemCatalog s) {
            s.statementStarted(searchPath());
        }
    }

    private static List<Column> columns(Plan plan) {
        List<Column> cols = new ArrayList<>();
        for (Plan.OutColumn c : plan.columns()) {
            cols.add(new Column(c.name(), c.type(), c.typmod(), c.tableOid(), c.attnum()));
        }
        return cols;
    }

    private Binder binder(List<PgType> parameterTypes) {
        return new Binder(catalog, functions, types, codecContext(), searchPath(), parameterTypes);
    }

    private EvalContext evalContext(List<Object> parameters, Query query) {
        return new EvalContext(session, types, codecContext(), catalog, currentSchema(), txStart, parameters, tx,
                query::isCancelled, advisoryLocks);
    }

    private CodecContext codecContext() {
        return session == null ? CodecContext.DEFAULT : session.codecContext();
    }

    private String param(String name) {
        return session.parameter(name).orElse(null);
    }

    /** The schemas to search, pg_catalog first, from the session's search_path ("$user" when it exists). */
    List<String> searchPath() {
        String sp = session == null ? null : param("search_path");
        if (sp == null) {
            sp = "\"$user\", public";
        }
        if (searchPath != null && sp.equals(searchPathSetting)) {
            return searchPath;
        }
        List<String> out = new ArrayList<>();
        out.add("pg_catalog");
        for (String part : sp.split(",")) {
            String s = part.trim();
            if (s.startsWith("\"") && s.endsWith("\"") && s.length() > 1) {
                s = s.substring(1, s.length() - 1);
            } else {
                s = s.toLowerCase(java.util.Locale.ROOT);
            }
            if (s.equals("$user")) {
                s = session == null ? "postgres" : session.user();
            }
            if (!s.isEmpty() && !out.contains(s) && catalog.schemaExists(s)) {
                out.add(s);
            }
        }
        searchPath = List.copyOf(out);
        searchPathSetting = sp;
        return searchPath;
    }

    String currentSchema() {
        List<String> sp = searchPath();
        for (String s : sp) {
            if (!s.equals("pg_catalog")) {
                return s;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- transactions

    private void begin() {
        tx = catalog.begin();
        txStart = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        failed = false;
    }

    private void commit() {
        savepoints.clear();
        Transaction t = tx;
        tx = null;
        block = false;
        failed = false;
        try {
            if (t != null) {
                t.commit();
            }
        } finally {
            advisoryLocks.releaseTransactionLocks();
        }
    }

    private void rollback() {
        savepoints.clear();
        Transaction t = tx;
        tx = null;
        block = false;
        failed = false;
        try {
            if (t != null) {
                t.rollback();
            }
        } finally {
            advisoryLocks.releaseTransactionLocks();
        }
    }

    /**
     * BEGIN, COMMIT, ROLLBACK and savepoints on this session's transaction. PostgreSQL's warnings for a BEGIN inside a
     * block and a COMMIT or ROLLBACK outside one are the server's to send (it tracks the status from the outcome).
     */
    private QueryResult transactionControl(TransactionStatement t, Query query) {
        switch (t.kind()) {
            case BEGIN, START -> {
                if (!block) {
                    if (tx == null) {
                        begin();
                    }
                    block = true;
                }
                return QueryResult.command(t.kind() == TransactionStatement.Kind.START ? "START TRANSACTION" : "BEGIN");
            }
            case COMMIT -> {
                if (failed) {
                    rollback();
                    return QueryResult.command("ROLLBACK");
                }
                commit();
                return QueryResult.command("COMMIT");
            }
            case ROLLBACK -> {
                rollback();
                return QueryResult.command("ROLLBACK");
            }
            case SAVEPOINT, RELEASE, ROLLBACK_TO -> {
                String verb = switch (t.kind()) {
                    case SAVEPOINT -> "SAVEPOINT";
                    case RELEASE -> "RELEASE SAVEPOINT";
                    default -> "ROLLBACK TO SAVEPOINT";
                };
                if (!block) {
                    throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, verb + " can only be used in "
                            + "transaction blocks");
                }
                String name = t.savepoint().value();
                if (failed && t.kind() != TransactionStatement.Kind.ROLLBACK_TO) {
                    throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                            "current transaction is aborted, commands ignored until end of transaction block");
                }
                switch (t.kind()) {
                    case SAVEPOINT -> {
                        tx.savepoint(name);
                        savepoints.addLast(java.util.Map.entry(name, advisoryLocks.transactionMark()));
                    }
                    case RELEASE -> {
                        tx.releaseSavepoint(name);
                        popSavepointsTo(name, true);
                    }
                    default -> {
                        tx.rollbackToSavepoint(name);
                        failed = false;
                        Integer mark = popSavepointsTo(name, false);
                        if (mark != null) {
                            advisoryLocks.releaseTransactionLocksSince(mark);
                        }
                    }
                }
                return QueryResult.command(switch (t.kind()) { // PostgreSQL's tags
                    case SAVEPOINT -> "SAVEPOINT";
                    case RELEASE -> "RELEASE";
                    default -> "ROLLBACK";
                });
            }
            default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "two-phase commit is not supported");
        }
    }

    /**
     * Forgets the savepoints set after the innermost one named {@code name}, and that one too when it is released;
     * returns its advisory lock mark (null if unknown).
     */
    private Integer popSavepointsTo(String name, boolean including) {
        if (savepoints.stream().noneMatch(e -> e.getKey().equals(name))) {
            return null;
        }
        while (!savepoints.peekLast().getKey().equals(name)) {
            savepoints.removeLast();
        }
        return including ? savepoints.removeLast().getValue() : savepoints.peekLast().getValue();
    }

    @Override
    public void endImplicitTransaction(boolean commit) {
        if (tx == null || block) {
            return;
        }
        if (commit) {
            commit();
        } else {
            rollback();
        }
    }

    @Override
    public void close() {
        if (catalog instanceof SystemCatalog s) {
            s.close();
        }
        try {
            if (tx != null) {
                rollback();
            }
        } finally {
            advisoryLocks.releaseAll();
        }
    }
}
