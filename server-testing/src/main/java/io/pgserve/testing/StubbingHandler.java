package io.pgserve.testing;

import io.pgserve.server.Description;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SessionContext;
import io.pgserve.server.SqlState;
import io.pgserve.server.TransactionMode;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.StatementKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One session of a {@link PgTestServer}: each statement is recorded, then answered by the newest stub that
 * matches it, else run by the in-memory database's handler (or refused, in strict mode).
 */
final class StubbingHandler implements QueryHandler {
    private final PgTestServer server;
    private final QueryHandler engine;
    private final SessionContext session;
    /** A stub failed a statement of a transaction block the engine does not know has failed. */
    private boolean engineBlockFailed;

    StubbingHandler(PgTestServer server, QueryHandler engine, SessionContext session) {
        this.server = server;
        this.engine = engine;
        this.session = session;
    }

    @Override
    public boolean handles(StatementKind kind) {
        return engine.handles(kind);
    }

    @Override
    public QueryResult execute(Query query) throws Exception {
        ReceivedStatement received = new ReceivedStatement(query.sql(), query.parameters(), query.parameterTypes(),
                session == null ? 0 : session.processId(), session == null ? "" : session.user(),
                session == null ? "" : session.database(),
                session == null ? "" : session.parameter("application_name").orElse(""), null);
        Stub stub = server.findStub(received, true);
        server.record(stub == null ? received : received.withStub(stub));
        if (stub != null) {
            return respond(stub.next(received), query);
        }
        boolean transactionControl = query.kind().isTransactionControl();
        StubResponse queued = transactionControl ? null : server.queued(true);
        if (queued != null) {
            return respond(queued, query);
        }
        if (server.isStrict() && !transactionControl) {
            throw server.unmatched(received);
        }
        if (engineBlockFailed && transactionControl) {
            return endFailedBlock(query);
        }
        return engine.execute(query);
    }

    /** COMMIT or ROLLBACK of a block failed by a stub: the engine's transaction is rolled back. */
    private QueryResult endFailedBlock(Query query) throws Exception {
        StatementKind kind = query.kind();
        if (kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK) {
            engineBlockFailed = false;
            rollbackEngine();
            return QueryResult.command("ROLLBACK");
        }
        if (kind == StatementKind.ROLLBACK_TO_SAVEPOINT) {
            engineBlockFailed = false;
        }
        return engine.execute(query);
    }

    private QueryResult respond(StubResponse response, Query query) throws Exception {
        if (response instanceof StubResponse.Delayed d) {
            sleep(d, query);
            return respond(d.then(), query);
        }
        if (response instanceof StubResponse.Rows || response instanceof StubResponse.Command) {
            if (query.kind() == StatementKind.COMMIT || query.kind() == StatementKind.ROLLBACK) {
                engineBlockFailed = false;
                rollbackEngine(); // the stub ended the transaction; so does the engine (without its changes)
            }
            return toResult(response);
        }
        if (response instanceof StubResponse.Error e) {
            failed(query);
            throw e.toException();
        }
        StubResponse.Terminate t = (StubResponse.Terminate) response;
        rollbackEngine();
        throw PgException.builder(t.sqlState(), t.message()).severity(PgException.Severity.FATAL).build();
    }

    /** Keeps the engine's transaction in step with a stub's error, as the server's transaction status is. */
    private void failed(Query query) throws Exception {
        StatementKind kind = query.kind();
        if (kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK) {
            engineBlockFailed = false;
            rollbackEngine(); // a failed COMMIT ends the transaction all the same
        } else if (query.transactionMode() == TransactionMode.BLOCK) {
            engineBlockFailed = true;
        }
    }

    private void rollbackEngine() throws Exception {
        if (session != null && session.transactionStatus() == io.pgserve.server.TransactionStatus.IDLE) {
            return;
        }
        engine.execute(new Query("ROLLBACK", StatementKind.ROLLBACK, "ROLLBACK", List.of(), session, null,
                TransactionMode.BLOCK));
    }

    private static void sleep(StubResponse.Delayed d, Query query) {
        CountDownLatch cancelled = new CountDownLatch(1);
        query.onCancel(cancelled::countDown);
        boolean wasCancelled;
        try {
            wasCancelled = cancelled.await(d.delay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            wasCancelled = true;
        }
        if (wasCancelled || query.isCancelled()) {
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    @Override
    public Description describe(Query query) throws Exception {
        ReceivedStatement described = new ReceivedStatement(query.sql(), query.parameters(), query.parameterTypes(),
                0, "", "", "", null);
        Stub stub = server.findStub(described, false);
        if (stub != null) {
            return describe(stub.pattern().parameterTypes(), stub.upcoming(described));
        }
        StubResponse queued = query.kind().isTransactionControl() ? null : server.queued(false);
        if (queued != null) {
            return describe(null, List.of(queued));
        }
        if (server.isStrict() && !query.kind().isTransactionControl()) {
            throw server.unmatched(described);
        }
        return engine.describe(query);
    }

    /** The columns of the next row set among the responses to come (Describe is not a call), else a command. */
    private static Description describe(List<PgType> types, List<StubResponse> upcoming) {
        for (StubResponse r : upcoming) {
            StubResponse plain = undelayed(r);
            if (plain instanceof StubResponse.Rows rows) {
                return Description.rows(types, rows.columns());
            }
        }
        return Description.command(types == null ? Collections.emptyList() : new ArrayList<>(types));
    }

    @Override
    public void endImplicitTransaction(boolean commit) throws Exception {
        engine.endImplicitTransaction(commit);
    }

    @Override
    public void close() {
        engine.close();
    }

    static StubResponse undelayed(StubResponse r) {
        while (r instanceof StubResponse.Delayed d) {
            r = d.then();
        }
        return r;
    }

    static QueryResult toResult(StubResponse r) {
        if (r instanceof StubResponse.Rows rows) {
            List<Object[]> arrays = new ArrayList<>(rows.rows().size());
            for (List<Object> row : rows.rows()) {
                arrays.add(row.toArray());
            }
            return QueryResult.rows(rows.columns(), arrays).withTag(rows.tag());
        }
        return QueryResult.command(((StubResponse.Command) r).tag());
    }
}
