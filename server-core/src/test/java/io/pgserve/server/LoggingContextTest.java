package io.pgserve.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a handler logs carries the connection's id (its process id), remote address and user in the MDC, on the
 * network thread and on a worker alike; the MDC is empty again after each call.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoggingContextTest {
    private static final org.slf4j.Logger HANDLER_LOG = LoggerFactory.getLogger("test.handler");
    /** Each event's MDC is read when it is appended, on the thread that logged it (logback reads it lazily). */
    private final ListAppender<ILoggingEvent> events = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
            e.prepareForDeferredProcessing();
            super.append(e);
        }
    };
    private final List<Map<String, String>> afterCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void attach() {
        events.start();
        Logger logger = (Logger) LoggerFactory.getLogger("test.handler");
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // whatever logback-test.xml's root level is
        logger.setAdditive(false);
        logger.addAppender(events);
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger("test.handler")).detachAppender(events);
    }

    /** Logs each statement; the non-blocking one answers on the network thread, the other on a worker. */
    private QueryHandler handler(boolean blocking) {
        return new QueryHandler() {
            @Override
            public QueryResult execute(Query query) {
                HANDLER_LOG.info("statement {} on {}", query.sql(), Thread.currentThread().getName());
                Thread caller = Thread.currentThread();
                // what this thread's MDC holds once the call is over, seen by the next task queued to it
                if (!blocking) {
                    io.netty.util.concurrent.EventExecutor loop = io.netty.util.internal.ThreadExecutorMap
                            .currentExecutor();
                    if (loop != null) {
                        loop.execute(() -> afterCalls.add(copy(MDC.getCopyOfContextMap())));
                    }
                }
                return QueryResult.rows(List.of(Column.of("thread", PgType.TEXT)),
                        List.<Object[]>of(new Object[] {caller.getName()}));
            }

            @Override
            public CompletionStage<QueryResult> executeAsync(Query query) {
                return blocking ? QueryHandler.super.executeAsync(query)
                        : CompletableFuture.completedFuture(execute(query));
            }

            @Override
            public boolean isBlocking() {
                return blocking;
            }
        };
    }

    private static Map<String, String> copy(Map<String, String> m) {
        return m == null ? Map.of() : Map.copyOf(m);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void handlerLogsCarryTheConnection(boolean blocking) throws Exception {
        try (PgServer server = PgServer.builder().host("127.0.0.1").port(0)
                .handler(QueryHandlerFactory.nonBlocking(s -> handler(blocking))).build().start();
             Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                     + "/db?user=alice&preferQueryMode=simple");
             Statement s = c.createStatement()) {
            int pid = c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            for (int i = 0; i < 3; i++) {
                try (ResultSet rs = s.executeQuery("select " + i)) {
                    assertTrue(rs.next());
                    assertTrue(rs.getString(1).startsWith(blocking ? "pgserve-worker" : "pgserve-io"),
                            rs.getString(1));
                }
            }
            List<ILoggingEvent> logged = events.list.stream()
                    .filter(e -> e.getFormattedMessage().startsWith("statement select")).toList();
            assertEquals(3, logged.size(), events.list.toString());
            for (ILoggingEvent e : logged) {
                Map<String, String> mdc = e.getMDCPropertyMap();
                assertEquals(Integer.toString(pid), mdc.get("connection"), mdc.toString());
                assertEquals("alice", mdc.get("user"), mdc.toString());
                assertTrue(mdc.get("remote").contains("127.0.0.1"), mdc.toString());
            }
            if (!blocking) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (afterCalls.size() < 3 && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                assertEquals(List.of(Map.of(), Map.of(), Map.of()), afterCalls,
                        "a task after the connection's callback finds no logging context on the network thread");
            }
        }
    }
}
