package io.pgserve.server;

import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Query#onWorker}: a non-blocking handler answers some statements on the network thread and moves others to
 * a worker, where they may block, their rows are pulled, and a cancel interrupts them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OnWorkerTest {
    private static final List<Column> TEXT = List.of(Column.of("thread", PgType.TEXT));

    /** The threads each part of a statement ran on, by statement and part. */
    private final Map<String, String> threads = new ConcurrentHashMap<>();

    /**
     * "quick" answers on the calling thread; "slow" moves to a worker and streams three rows; "sleep" moves to a
     * worker and sleeps until interrupted.
     */
    private final class Handler implements QueryHandler {
        @Override
        public QueryResult execute(Query query) throws Exception {
            String sql = query.sql();
            threads.put(sql + ":execute", Thread.currentThread().getName());
            if (sql.equals("sleep")) {
                Thread.sleep(30_000);
            }
            int[] left = {3};
            return QueryResult.rows(TEXT, () -> {
                threads.put(sql + ":rows", Thread.currentThread().getName());
                return left[0]-- > 0 ? new Object[] {Thread.currentThread().getName()} : null;
            });
        }

        @Override
        public CompletionStage<QueryResult> executeAsync(Query query) {
            threads.put(query.sql() + ":executeAsync", Thread.currentThread().getName());
            if (query.sql().equals("quick")) {
                return CompletableFuture.completedFuture(QueryResult.rows(TEXT,
                        List.<Object[]>of(new Object[] {Thread.currentThread().getName()})));
            }
            return query.onWorker(() -> execute(query));
        }

        @Override
        public boolean isBlocking() {
            return false;
        }
    }

    @Test
    void statementsMoveToAWorkerWithTheirRows() throws Exception {
        try (PgServer server = PgServer.builder().host("127.0.0.1").port(0)
                .handler(QueryHandlerFactory.nonBlocking(s -> new Handler())).build().start();
             Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                     + "/db?user=u&preferQueryMode=simple");
             Statement s = c.createStatement()) {
            for (int round = 0; round < 3; round++) { // alternating, the two paths keep their threads
                // A call waits behind what the worker still does for the session (the end of the last "slow"
                // pump task can race the client's next statement), so after a "slow" it may take a moment.
                String thread = null;
                for (int attempt = 0; attempt < 100; attempt++) {
                    try (ResultSet rs = s.executeQuery("quick")) {
                        assertTrue(rs.next());
                        thread = rs.getString(1);
                    }
                    if (thread.startsWith("pgserve-io") || round == 0) {
                        break; // the first statement of the session finds the worker idle
                    }
                    Thread.sleep(10);
                }
                assertTrue(thread.startsWith("pgserve-io"), thread);
                int rows = 0;
                try (ResultSet rs = s.executeQuery("slow")) {
                    while (rs.next()) {
                        assertTrue(rs.getString(1).startsWith("pgserve-worker"), rs.getString(1));
                        rows++;
                    }
                }
                assertEquals(3, rows);
                assertTrue(threads.get("slow:executeAsync").startsWith("pgserve-io"), threads.toString());
                assertTrue(threads.get("slow:execute").startsWith("pgserve-worker"), threads.toString());
                assertTrue(threads.get("slow:rows").startsWith("pgserve-worker"), threads.toString());
            }
            assertFalse(threads.containsKey("quick:execute"));
        }
    }

    @Test
    void aCancelInterruptsTheWorker() throws Exception {
        try (PgServer server = PgServer.builder().host("127.0.0.1").port(0)
                .handler(QueryHandlerFactory.nonBlocking(s -> new Handler())).build().start();
             Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                     + "/db?user=u&preferQueryMode=simple");
             Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 200");
            long t0 = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("sleep"));
            assertEquals("57014", e.getSQLState());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "the sleep was interrupted");
            try (ResultSet rs = s.executeQuery("quick")) { // the session goes on, on the network thread again
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("pgserve-io"), rs.getString(1));
            }
        }
    }

    @Test
    void withoutAServerTheCallRunsAtOnce() throws Exception {
        Query q = new Query("slow", io.pgserve.sql.StatementKind.SELECT, "SELECT", List.of(), null, null);
        String[] ran = new String[1];
        QueryResult r = q.onWorker(() -> {
            ran[0] = Thread.currentThread().getName();
            return QueryResult.command("SELECT 0");
        }).toCompletableFuture().getNow(null);
        assertEquals(Thread.currentThread().getName(), ran[0]);
        assertEquals("SELECT 0", ((QueryResult.Command) r).tag());
    }
}
