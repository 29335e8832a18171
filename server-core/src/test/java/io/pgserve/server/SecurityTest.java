package io.pgserve.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pgserve.server.RawPgClient.Message;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed-login logging, authentication rate limiting, and what a failing handler lets a client see. */
@Timeout(30)
class SecurityTest {
    private PgServer server;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private ch.qos.logback.classic.Logger pgserveLogger;

    private static QueryResult answer(Query query) {
        String sql = query.sql().trim().toLowerCase();
        switch (sql) {
            case "select 1":
                return QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)), List.<Object[]>of(new Object[] {1}));
            case "fail runtime":
                throw new IllegalStateException("boom", new java.io.IOException("inner cause"));
            case "fail npe":
                throw new NullPointerException();
            case "fail error":
                throw new AssertionError("assertion in handler");
            case "fail stream":
                Iterator<Object[]> rows = new Iterator<>() {
                    int n;

                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public Object[] next() {
                        if (++n > 3) {
                            throw new IllegalStateException("stream broke");
                        }
                        return new Object[] {n};
                    }
                };
                return QueryResult.rows(List.of(Column.of("n", PgType.INT4)), RowStream.of(rows));
            default:
                return QueryResult.command("SELECT", 0);
        }
    }

    private PgServer start(UnaryOperator<PgServer.Builder> options) {
        server = options.apply(PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> SecurityTest::answer)).build().start();
        return server;
    }

    @BeforeEach
    void captureLogs() {
        pgserveLogger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.pgserve");
        // The tests' logback configuration logs WARN and up; failed logins are INFO.
        pgserveLogger.setLevel(ch.qos.logback.classic.Level.INFO);
        logs.start();
        pgserveLogger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        pgserveLogger.detachAppender(logs);
        pgserveLogger.setLevel(null);
        logs.stop();
    }

    private static RawPgClient connectFrom(String localAddress, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(localAddress, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(5_000);
        return RawPgClient.wrap(s);
    }

    /** A cleartext-password login attempt; returns the final message (ErrorResponse or ReadyForQuery). */
    private Message login(RawPgClient c, String password) throws IOException {
        c.send(FrontendEncoder.startup(Map.of("user", "alice")));
        Message m = c.read();
        if (m.type() != 'R') {
            return m;
        }
        c.send(FrontendEncoder.password(password));
        List<Message> rest = c.readUntilEither('Z', 'E');
        return rest.get(rest.size() - 1);
    }

    private PgServer passwordServer(UnaryOperator<PgServer.Builder> more) {
        return start(b -> more.apply(b.authentication(AuthMethod.PASSWORD,
                CredentialStore.of(Map.of("alice", "secret")))));
    }

    // --- failed logins are logged with the client's address -------------------------------------------------------

    @Test
    void failedLoginIsLoggedWithTheRemoteAddressAndPort() throws Exception {
        passwordServer(b -> b);
        int localPort;
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            localPort = c.localPort();
            Message e = login(c, "wrong");
            assertEquals("28P01", e.fields().get('C'), () -> "answer: " + e);
            c.expectClosed();
        }
        List<String> failures = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Authentication failed")).collect(Collectors.toList());
        assertEquals(1, failures.size(), () -> "log: " + failures);
        assertTrue(failures.get(0).contains("\"alice\"") && failures.get(0).contains("127.0.0.1:" + localPort),
                failures.get(0));
        assertFalse(failures.get(0).contains("wrong"), "the password must not be logged");
    }

    @Test
    void failedScramLoginIsLoggedToo() throws Exception {
        start(b -> b.authentication(AuthMethod.SCRAM_SHA_256, CredentialStore.of(Map.of("alice", "secret"))));
        try (java.sql.Connection ignored = java.sql.DriverManager.getConnection(server.jdbcUrl(), "alice", "nope")) {
            throw new AssertionError("login with a wrong password succeeded");
        } catch (java.sql.SQLException e) {
            assertEquals("28P01", e.getSQLState());
        }
        assertTrue(logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("Authentication failed for user \"alice\" from /127.0.0.1:")),
                () -> "log: " + logs.list);
    }

    // --- rate limiting -------------------------------------------------------------------------------------------

    @Test
    void addressPastItsFailedLoginsIsRefusedUntilTheWindowPasses() throws Exception {
        passwordServer(b -> b.authenticationRateLimit(2, Duration.ofMillis(1_500)));
        for (int i = 0; i < 2; i++) {
            try (RawPgClient c = RawPgClient.connect(server.port())) {
                assertEquals("28P01", login(c, "wrong").fields().get('C'));
            }
        }
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            // Refused before any password is asked for, even the right one.
            c.send(FrontendEncoder.startup(Map.of("user", "alice")));
            c.expectError("FATAL", "28000", "too many failed authentication attempts from this address; try again later");
            c.expectClosed();
        }
        // Another address is not affected (all of 127/8 is loopback on Linux).
        try (RawPgClient c = connectFrom("127.0.0.2", server.port())) {
            assertEquals('Z', login(c, "secret").type());
        }
        Thread.sleep(1_600);
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            assertEquals('Z', login(c, "secret").type());
        }
    }

    @Test
    void successfulLoginsAreNotRateLimited() throws Exception {
        passwordServer(b -> b.authenticationRateLimit(2, Duration.ofMinutes(1)));
        for (int i = 0; i < 10; i++) {
            try (RawPgClient c = RawPgClient.connect(server.port())) {
                assertEquals('Z', login(c, "secret").type());
            }
        }
    }

    // --- handler failures never leak stack traces -----------------------------------------------------------------

    private static void assertNoStackTrace(Message e) {
        for (Map.Entry<Character, String> f : e.fields().entrySet()) {
            String v = f.getValue();
            assertFalse(v.contains("\tat ") || v.contains("at io.pgserve") || v.contains(".java:")
                    || v.contains("Caused by") || v.contains("inner cause"), () -> "field " + f.getKey() + ": " + v);
        }
    }

    @Test
    void handlerExceptionsReachTheClientAsXX000WithoutStackTraces() throws Exception {
        start(b -> b);
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("alice");
            for (String sql : List.of("fail runtime", "fail npe", "fail error", "fail stream")) {
                List<Message> r = c.query(sql);
                Message e = r.stream().filter(m -> m.type() == 'E').findFirst()
                        .orElseThrow(() -> new AssertionError(sql + ": no error in " + r));
                assertEquals("XX000", e.fields().get('C'), () -> sql + ": " + e);
                assertEquals("ERROR", e.fields().get('S'), () -> sql + ": " + e);
                assertNoStackTrace(e);
                assertEquals('Z', r.get(r.size() - 1).type());
            }
            assertEquals("boom", c.query("fail runtime").get(0).fields().get('M'));
            assertEquals('Z', c.query("select 1").get(3).type());
        }
        // The stack traces are in the server's log instead.
        assertTrue(logs.list.stream().anyMatch(e -> e.getThrowableProxy() != null
                && "boom".equals(e.getThrowableProxy().getMessage())), "stack trace of 'boom' logged");
    }

    @Test
    void handlerFactoryExceptionIsFatalWithoutStackTrace() throws Exception {
        server = PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> {
                    throw new IllegalStateException("no backend", new RuntimeException("secret detail"));
                }).build().start();
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.send(FrontendEncoder.startup(Map.of("user", "alice")));
            Message e = c.read();
            assertEquals('E', e.type(), () -> "got " + e);
            assertEquals("FATAL", e.fields().get('S'));
            assertEquals("XX000", e.fields().get('C'));
            assertEquals("no backend", e.fields().get('M'));
            assertFalse(String.valueOf(e.fields()).contains("secret detail"));
            assertNoStackTrace(e);
            c.expectClosed();
        }
    }
}
