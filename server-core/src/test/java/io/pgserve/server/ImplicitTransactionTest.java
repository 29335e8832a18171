package io.pgserve.server;

import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.sql.StatementKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A transactional handler (one that runs BEGIN/COMMIT itself) learns how each statement stands with respect to
 * transactions, and is told when an implicit transaction ends — as PostgreSQL runs a multi-statement Query, or an
 * extended-protocol batch, as one transaction.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ImplicitTransactionTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private PgServer server;

    @BeforeEach
    void start() {
        server = PgServer.builder().port(0).handler(session -> new QueryHandler() {
            @Override
            public QueryResult execute(Query query) {
                events.add(query.sql() + ":" + query.transactionMode());
                if (query.sql().equals("fail")) {
                    throw new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
                }
                return QueryResult.command(query.commandTag().equals("OTHER") ? "DONE" : query.commandTag());
            }

            @Override
            public boolean handles(StatementKind kind) {
                return !kind.isSessionControl();
            }

            @Override
            public void endImplicitTransaction(boolean commit) {
                events.add(commit ? "commit" : "rollback");
            }
        }).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private char status(List<RawPgClient.Message> answer) {
        return (char) answer.get(answer.size() - 1).body()[0];
    }

    @Test
    void simpleQueries() throws Exception {
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            c.query("a");
            assertEquals(List.of("a:SINGLE_STATEMENT"), events);
            events.clear();

            c.query("a; b");
            assertEquals(List.of("a:IMPLICIT", "b:IMPLICIT", "commit"), events);
            events.clear();

            assertEquals(List.of('C', 'E', 'Z'), RawPgClient.types(c.query("a; fail; b")));
            assertEquals(List.of("a:IMPLICIT", "fail:IMPLICIT", "rollback"), events);
            events.clear();

            assertEquals('I', status(c.query("begin; a; commit")));
            assertEquals(List.of("begin:IMPLICIT", "a:BLOCK", "commit:BLOCK"), events);
            events.clear();

            // A BEGIN after statements of the string turns their implicit transaction into the block.
            assertEquals('T', status(c.query("a; begin; b")));
            assertEquals(List.of("a:IMPLICIT", "begin:IMPLICIT", "b:BLOCK"), events);
            events.clear();
            assertEquals('I', status(c.query("commit")));
            assertEquals(List.of("commit:BLOCK"), events);
        }
    }

    @Test
    void extendedBatchEndsAtSync() throws Exception {
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            c.send(FrontendEncoder.parse("", "a"), FrontendEncoder.bind("", "", List.of(), List.of(), List.of()),
                    FrontendEncoder.execute("", 0),
                    FrontendEncoder.parse("", "b"), FrontendEncoder.bind("", "", List.of(), List.of(), List.of()),
                    FrontendEncoder.execute("", 0), FrontendEncoder.sync());
            c.readUntil('Z');
            assertEquals(List.of("a:IMPLICIT", "b:IMPLICIT", "commit"), events);
            events.clear();

            c.send(FrontendEncoder.parse("", "fail"), FrontendEncoder.bind("", "", List.of(), List.of(), List.of()),
                    FrontendEncoder.execute("", 0), FrontendEncoder.sync());
            c.readUntil('Z');
            assertEquals(List.of("fail:IMPLICIT", "rollback"), events);
        }
    }
}
