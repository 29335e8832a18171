package io.pgserve.server;

import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PgServer#close()} under load: statements in flight complete (and their session then ends with FATAL 57P01)
 * or, past the shutdown timeout, are cancelled with FATAL 57P01; clients connecting meanwhile get FATAL 57P03; close()
 * returns within the shutdown timeout.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GracefulShutdownTest {
    private static final List<Column> TEXT = List.of(Column.of("v", PgType.TEXT));

    /** "sleep N" sleeps N ms; "hold" waits for the latch, deaf to interrupts; anything else echoes itself. */
    private static QueryHandler handler(CountDownLatch hold, CountDownLatch holding) {
        return query -> {
            String sql = query.sql();
            if (sql.startsWith("sleep ")) {
                Thread.sleep(Long.parseLong(sql.substring(6)));
            } else if (sql.equals("hold")) {
                holding.countDown();
                while (true) {
                    try {
                        hold.await();
                        break;
                    } catch (InterruptedException ignored) {
                        // deaf to cancellation, as some handlers are
                    }
                }
            }
            return QueryResult.rows(TEXT, List.<Object[]>of(new Object[] {sql}));
        };
    }

    /** What one load client saw. */
    record Outcome(int completed, String end) {
    }

    /**
     * Runs statements until the server ends the session. Every statement must either complete with its own result
     * or be followed by FATAL 57P01 and the end of the connection; anything else fails.
     */
    private static Outcome loadClient(int port, int id) throws IOException {
        try (RawPgClient c = RawPgClient.connect(port)) {
            c.startup("u");
            int completed = 0;
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (true) {
                String sql = random.nextInt(4) == 0 ? "sleep " + random.nextInt(1, 40) : "echo " + id + " " + completed;
                c.send(FrontendEncoder.query(sql));
                List<RawPgClient.Message> got = new ArrayList<>();
                while (true) {
                    RawPgClient.Message m = c.read();
                    got.add(m);
                    if (m.type() == 'E') {
                        assertEquals("FATAL", m.fields().get('S'), got.toString());
                        assertEquals("57P01", m.fields().get('C'), got.toString());
                        assertEquals("terminating connection due to administrator command", m.fields().get('M'));
                        c.expectClosed();
                        return new Outcome(completed, "57P01");
                    }
                    if (m.type() == 'Z') {
                        break;
                    }
                }
                assertEquals(List.of('T', 'D', 'C', 'Z'), RawPgClient.types(got));
                assertEquals(sql, new String(got.get(1).body(), 6, got.get(1).body().length - 6,
                        StandardCharsets.UTF_8), "a response to another statement");
                completed++;
            }
        }
    }

    @Test
    void closeUnderLoad() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Duration timeout = Duration.ofSeconds(10); // ample: close() returns once the held statement is released
        PgServer server = PgServer.builder().port(0).maxConnections(500).shutdownTimeout(timeout)
                .handler(s -> handler(hold, holding)).build().start();
        int port = server.port();
        int clients = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        List<Future<Outcome>> load = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int id = i;
            load.add(pool.submit(() -> loadClient(port, id)));
        }
        // One statement outlives everything but the release below.
        RawPgClient holder = RawPgClient.connect(port);
        holder.startup("u");
        holder.send(FrontendEncoder.query("hold"));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        Thread.sleep(500); // load running

        long t0 = System.nanoTime();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

        // Every load client ends with 57P01, after statements that all completed whole.
        int completed = 0;
        for (Future<Outcome> f : load) {
            Outcome o = f.get(30, TimeUnit.SECONDS);
            assertEquals("57P01", o.end());
            completed += o.completed();
        }
        assertTrue(completed > 0);

        // While the held statement runs, a new client is refused with 57P03 (after its startup packet).
        try (RawPgClient late = RawPgClient.connect(port)) {
            late.send(FrontendEncoder.startup(Map.of("user", "u")));
            late.expectError("FATAL", "57P03", "the database system is shutting down");
            late.expectClosed();
        }
        // A CancelRequest is still honoured meanwhile (here for an unknown key: silently ignored, then closed).
        try (RawPgClient cancel = RawPgClient.connect(port)) {
            cancel.send(FrontendEncoder.cancelRequest(1, new byte[4]));
            cancel.expectClosed();
        }
        assertTrue(!closing.isDone());

        // Released, the held statement completes and its session then ends with 57P01.
        hold.countDown();
        List<RawPgClient.Message> result = holder.readUntil('Z');
        assertEquals(List.of('T', 'D', 'C', 'Z'), RawPgClient.types(result));
        holder.expectError("FATAL", "57P01", "terminating connection due to administrator command");
        holder.close();

        closing.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("shutdown under load: %d statements completed, close() took %d ms%n", completed, millis);
        assertTrue(millis < timeout.toMillis() + 500, "close() took " + millis + " ms");
        assertThrows(ConnectException.class, () -> RawPgClient.connect(port));
        pool.shutdownNow();
    }

    @Test
    void closeReturnsWithinTheTimeoutWhenAStatementIgnoresCancellation() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Duration timeout = Duration.ofMillis(800);
        PgServer server = PgServer.builder().port(0).shutdownTimeout(timeout)
                .handler(s -> handler(hold, holding)).build().start();
        try (RawPgClient held = RawPgClient.connect(server.port());
             RawPgClient idle = RawPgClient.connect(server.port())) {
            held.startup("u");
            idle.startup("u");
            held.send(FrontendEncoder.query("hold"));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            server.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(millis >= timeout.toMillis() - 50 && millis < timeout.toMillis() + 500,
                    "close() took " + millis + " ms");
            idle.expectError("FATAL", "57P01", "terminating connection due to administrator command");
            held.expectError("FATAL", "57P01", "terminating connection due to administrator command");
        } finally {
            hold.countDown();
        }
    }
}
