package io.pgserve.server;

import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session and server lifecycle: handler close, graceful shutdown, DISCARD ALL. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleTest {

    private static QueryHandler sleepyHandler(AtomicInteger closed, CountDownLatch started) {
        return new QueryHandler() {
            @Override
            public QueryResult execute(Query query) throws Exception {
                if (query.sql().startsWith("sleep")) {
                    started.countDown();
                    Thread.sleep(Long.parseLong(query.sql().substring(6)));
                }
                return QueryResult.rows(List.of(Column.of("v", PgType.TEXT)),
                        List.<Object[]>of(new Object[] {query.sql()}));
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    @Test
    void networkThreadsDefaultToOnePerCore() {
        int expected = Integer.getInteger("io.netty.eventLoopThreads", Runtime.getRuntime().availableProcessors());
        assertEquals(Math.max(1, expected), PgServer.ioThreads(0));
        assertEquals(3, PgServer.ioThreads(3));
    }

    @Test
    void handlerIsClosedWhenTheClientTerminatesOrDisappears() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        try (PgServer server = PgServer.builder().port(0)
                .handler(s -> sleepyHandler(closed, new CountDownLatch(1))).build().start()) {
            try (RawPgClient c = RawPgClient.connect(server.port())) {
                c.startup("u");
                c.send(FrontendEncoder.terminate());
                c.expectClosed();
            }
            try (RawPgClient c = RawPgClient.connect(server.port())) {
                c.startup("u");
            } // dropped without Terminate
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((closed.get() < 2 || server.sessionCount() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, closed.get());
            assertEquals(0, server.sessionCount());
        }
    }

    @Test
    void closeLetsARunningStatementFinishThenEndsEverySession() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        PgServer server = PgServer.builder().port(0).shutdownTimeout(Duration.ofSeconds(10))
                .handler(s -> sleepyHandler(closed, started)).build().start();
        int port = server.port();
        try (RawPgClient busy = RawPgClient.connect(port); RawPgClient idle = RawPgClient.connect(port)) {
            busy.startup("u");
            idle.startup("u");
            busy.send(FrontendEncoder.query("sleep 700"));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

            // The idle session is told at once; the busy one gets its result first.
            idle.expectError("FATAL", "57P01", "terminating connection due to administrator command");
            List<RawPgClient.Message> result = busy.readUntil('Z');
            assertEquals(List.of('T', 'D', 'C', 'Z'), RawPgClient.types(result));
            busy.expectError("FATAL", "57P01", "terminating connection due to administrator command");
            closing.get(20, TimeUnit.SECONDS);
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        assertEquals(2, closed.get());
    }

    @Test
    void closeCancelsWhatOutlastsTheTimeout() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        PgServer server = PgServer.builder().port(0).shutdownTimeout(Duration.ofMillis(300))
                .handler(s -> sleepyHandler(new AtomicInteger(), started)).build().start();
        try (RawPgClient busy = RawPgClient.connect(server.port())) {
            busy.startup("u");
            busy.send(FrontendEncoder.query("sleep 60000"));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            server.close();
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 10_000);
            busy.expectError("FATAL", "57P01", "terminating connection due to administrator command");
        }
    }

    @Test
    void discardAllResetsParametersAndPreparedStatements() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        try (PgServer server = PgServer.builder().port(0)
                .handler(s -> sleepyHandler(closed, new CountDownLatch(1))).build().start();
             RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup(java.util.Map.of("user", "u", "application_name", "app"));
            c.send(FrontendEncoder.parse("s1", "x"), FrontendEncoder.sync());
            c.readUntil('Z');
            List<RawPgClient.Message> set = c.query("set application_name = 'other'");
            assertTrue(set.stream().anyMatch(m -> m.type() == 'S'
                    && new String(m.body(), StandardCharsets.UTF_8).equals("application_name\0other\0")), set.toString());
            List<RawPgClient.Message> discard = c.query("discard all");
            assertTrue(discard.stream().anyMatch(m -> m.type() == 'S'
                    && new String(m.body(), StandardCharsets.UTF_8).equals("application_name\0app\0")),
                    discard.toString());
            c.send(FrontendEncoder.bind("", "s1", List.of(), List.of(), List.of()), FrontendEncoder.sync());
            c.expectError("ERROR", "26000", "prepared statement \"s1\" does not exist");
            c.expectReady('I');
            List<RawPgClient.Message> inBlock = c.query("begin; discard all");
            assertEquals(List.of('C', 'E', 'Z'), RawPgClient.types(inBlock));
            assertEquals("DISCARD ALL cannot run inside a transaction block", inBlock.get(1).fields().get('M'));
            assertEquals("25001", inBlock.get(1).fields().get('C'));
        }
    }
}
