package io.pgserve.server;

import io.pgserve.server.RawPgClient.Message;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.pgserve.server.RawPgClient.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits and timeouts of {@link PgServer.Builder}: each one enforced, with the answer PostgreSQL 15 gives. */
@Timeout(30)
class LimitsTest {
    private PgServer server;

    private PgServer start(UnaryOperator<PgServer.Builder> options) {
        server = options.apply(PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> query -> query.sql().trim().equalsIgnoreCase("select 1")
                        ? QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)),
                        List.<Object[]>of(new Object[] {1}))
                        : QueryResult.command("SELECT", 0))).build().start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawPgClient connected() throws IOException {
        RawPgClient c = RawPgClient.connect(server.port());
        c.startup("alice");
        return c;
    }

    private static void assertSelectOne(RawPgClient c) throws IOException {
        assertEquals(List.of('T', 'D', 'C', 'Z'), types(c.query("select 1")));
    }

    private void awaitSessions(int n, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (server.sessionCount() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, server.sessionCount(), "open sessions");
    }

    // --- max connections ------------------------------------------------------------------------------------------

    @Test
    void connectionsPastMaxConnectionsGetFatal53300() throws Exception {
        start(b -> b.maxConnections(2));
        try (RawPgClient a = connected(); RawPgClient b = connected()) {
            try (RawPgClient c = RawPgClient.connect(server.port())) {
                // PostgreSQL 15 with max_connections reached: the FATAL answers the startup packet.
                c.send(FrontendEncoder.startup(Map.of("user", "alice")));
                c.expectError("FATAL", "53300", "sorry, too many clients already");
                c.expectClosed();
            }
            try (RawPgClient c = RawPgClient.connect(server.port())) {
                // An SSLRequest is still answered (as by PostgreSQL) before the refusal.
                c.send(FrontendEncoder.sslRequest());
                assertEquals('N', c.readByte());
                c.send(FrontendEncoder.startup(Map.of("user", "alice")));
                c.expectError("FATAL", "53300", "sorry, too many clients already");
            }
            assertSelectOne(a);
            List<Message> show = a.query("show max_connections");
            assertEquals('Z', show.get(show.size() - 1).type());
        }
        awaitSessions(0, 5_000);
        try (RawPgClient c = connected(); RawPgClient d = connected()) {
            assertSelectOne(c);
            assertSelectOne(d);
        }
    }

    @Test
    void maxConnectionsIsWhatShowPrints() throws Exception {
        start(b -> b.maxConnections(7));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(), "alice", "");
             java.sql.ResultSet rs = c.createStatement().executeQuery("show max_connections")) {
            assertTrue(rs.next());
            assertEquals("7", rs.getString(1));
        }
    }

    // --- authentication timeout -----------------------------------------------------------------------------------

    @Test
    void silentClientIsClosedWithoutAMessageAfterTheAuthenticationTimeout() throws Exception {
        start(b -> b.authenticationTimeout(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.expectClosed(); // PostgreSQL 15 closes without sending anything, too
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(elapsed >= 250 && elapsed < 4_000, "closed after " + elapsed + " ms");
        awaitSessions(0, 5_000);
    }

    @Test
    void halfSentStartupPacketIsClosedAfterTheAuthenticationTimeout() throws Exception {
        start(b -> b.authenticationTimeout(Duration.ofMillis(300)));
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.send(new byte[] {0, 0, 0, 80, 0, 3});
            c.expectClosed();
        }
    }

    @Test
    void clientThatDoesNotAnswerThePasswordRequestIsClosed() throws Exception {
        start(b -> b.authenticationTimeout(Duration.ofMillis(300))
                .authentication(AuthMethod.SCRAM_SHA_256, CredentialStore.of(Map.of("alice", "secret"))));
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.send(FrontendEncoder.startup(Map.of("user", "alice")));
            assertEquals('R', c.read().type());
            c.expectClosed();
        }
    }

    @Test
    void authenticatedSessionsOutliveTheAuthenticationTimeout() throws Exception {
        start(b -> b.authenticationTimeout(Duration.ofMillis(200)));
        try (RawPgClient c = connected()) {
            Thread.sleep(600);
            assertSelectOne(c);
        }
    }

    // --- parameters, prepared statements, portals -----------------------------------------------------------------

    private static String inList(int n) {
        StringBuilder sql = new StringBuilder("select 1 where 1 in (");
        for (int i = 1; i <= n; i++) {
            sql.append(i > 1 ? "," : "").append('$').append(i);
        }
        return sql.append(')').toString();
    }

    @Test
    void statementWithMoreParametersThanTheLimitIs54000() throws Exception {
        start(b -> b.maxParameters(3));
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.parse("", inList(3)), FrontendEncoder.parse("", inList(4)),
                    FrontendEncoder.sync());
            assertEquals('1', c.read().type());
            c.expectError("ERROR", "54000", "prepared statement has 4 parameters, more than the limit of 3");
            c.expectReady('I');
            // Parameter types given in Parse count too.
            c.send(FrontendEncoder.parse("", "select 1", 23, 23, 23, 23), FrontendEncoder.sync());
            c.expectError("ERROR", "54000", "prepared statement has 4 parameters, more than the limit of 3");
            c.expectReady('I');
            assertSelectOne(c);
        }
    }

    @Test
    void statementWith65536ParametersIs54000AndOneWith65535CanBeBound() throws Exception {
        // PostgreSQL 15 accepts Parse of $65536 but no Bind can supply it (the count is 16 bits): pgserve refuses
        // it at Parse, with a clear message.
        start(b -> b);
        try (RawPgClient c = connected()) {
            // Parsing a 65,535-element IN list costs about 0.5 s of CPU once the JIT has warmed up, and several
            // seconds before, on a busy 2-core machine: more than the client's usual 5 s read timeout.
            c.readTimeout(java.time.Duration.ofSeconds(25)); // within the class's 30 s @Timeout
            c.send(FrontendEncoder.parse("", inList(65_536)), FrontendEncoder.sync());
            c.expectError("ERROR", "54000", "prepared statement has 65536 parameters, more than the limit of 65535");
            c.expectReady('I');
            List<byte[]> values = new ArrayList<>(Collections.nCopies(65_535, "1".getBytes()));
            c.send(FrontendEncoder.parse("", inList(65_535)),
                    FrontendEncoder.bind("", "", List.of(), values, List.of()),
                    FrontendEncoder.execute("", 0), FrontendEncoder.sync());
            assertEquals('1', c.read().type());
            assertEquals('2', c.read().type());
            List<Message> rest = c.readUntil('Z');
            assertEquals('Z', rest.get(rest.size() - 1).type(), () -> "answer: " + rest);
            assertTrue(rest.stream().noneMatch(m -> m.type() == 'E'), () -> "answer: " + rest);
        }
    }

    @Test
    void preparedStatementsPastTheLimitAre54000() throws Exception {
        start(b -> b.maxPreparedStatements(3));
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.parse("s1", "select 1"), FrontendEncoder.parse("s2", "select 1"),
                    FrontendEncoder.parse("", "select 1"), FrontendEncoder.parse("", "select 1"),
                    FrontendEncoder.parse("s3", "select 1"), FrontendEncoder.sync());
            assertEquals(List.of('1', '1', '1', '1'), List.of(c.read().type(), c.read().type(), c.read().type(),
                    c.read().type()));
            c.expectError("ERROR", "54000",
                    "too many prepared statements in this session (the limit is 3); close or DEALLOCATE some first");
            c.expectReady('I');
            // SQL-level PREPARE counts against the same limit.
            Message e = c.query("prepare p as select 1").get(0);
            assertEquals("54000", e.fields().get('C'), () -> "answer: " + e);
            c.send(FrontendEncoder.close('S', "s1"), FrontendEncoder.parse("s3", "select 1"),
                    FrontendEncoder.sync());
            assertEquals('3', c.read().type());
            assertEquals('1', c.read().type());
            c.expectReady('I');
        }
    }

    @Test
    void portalsPastTheLimitAre54000() throws Exception {
        start(b -> b.maxPortals(2));
        try (RawPgClient c = connected()) {
            c.query("begin");
            c.send(FrontendEncoder.parse("s", "select 1"),
                    FrontendEncoder.bind("p1", "s", List.of(), List.of(), List.of()),
                    FrontendEncoder.bind("p2", "s", List.of(), List.of(), List.of()),
                    FrontendEncoder.bind("p2", "s", List.of(), List.of(), List.of()), // duplicate: 42P03, skips
                    FrontendEncoder.sync());
            assertEquals('1', c.read().type());
            assertEquals('2', c.read().type());
            assertEquals('2', c.read().type());
            assertEquals("42P03", c.read().fields().get('C'));
            c.expectReady('E');
            c.query("rollback");
            c.query("begin");
            c.send(FrontendEncoder.bind("p1", "s", List.of(), List.of(), List.of()),
                    FrontendEncoder.bind("p2", "s", List.of(), List.of(), List.of()),
                    FrontendEncoder.bind("p3", "s", List.of(), List.of(), List.of()),
                    FrontendEncoder.sync());
            assertEquals('2', c.read().type());
            assertEquals('2', c.read().type());
            c.expectError("ERROR", "54000",
                    "too many open portals and cursors in this session (the limit is 2); close some first");
            c.expectReady('E');
            c.query("rollback");
            assertSelectOne(c);
        }
    }

    // --- a client that does not read ------------------------------------------------------------------------------

    /** LISTENs, then stops reading while the server notifies it with 8 KB payloads. */
    private void floodNotifications(RawPgClient c, int count) throws Exception {
        List<Message> r = c.query("listen flood");
        assertEquals('Z', r.get(r.size() - 1).type(), () -> "answer: " + r);
        String payload = "x".repeat(7_999);
        for (int i = 0; i < count && server.sessionCount() > 0; i++) {
            server.notify("flood", payload);
            if (i % 100 == 0) {
                Thread.sleep(1);
            }
        }
    }

    @Test
    void clientThatStopsReadingIsClosedPastMaxOutboundBytes() throws Exception {
        start(b -> b.maxOutboundBytes(256 * 1024).outboundStallTimeout(Duration.ZERO));
        try (RawPgClient c = RawPgClient.connect(server.port(), 4096)) {
            c.startup("alice");
            floodNotifications(c, 8_000); // 64 MB, far more than the socket buffers hold
            awaitSessions(0, 10_000);
        }
    }

    @Test
    void clientThatStopsReadingIsClosedAfterTheStallTimeout() throws Exception {
        start(b -> b.outboundStallTimeout(Duration.ofMillis(300)));
        try (RawPgClient c = RawPgClient.connect(server.port(), 4096)) {
            c.startup("alice");
            floodNotifications(c, 2_000); // 16 MB: fills the socket buffers, but less than maxOutboundBytes
            awaitSessions(0, 10_000);
        }
    }

    @Test
    void slowButReadingClientIsNotClosed() throws Exception {
        start(b -> b.outboundStallTimeout(Duration.ofMillis(500)).maxOutboundBytes(1024 * 1024));
        try (RawPgClient c = RawPgClient.connect(server.port(), 4096)) {
            c.startup("alice");
            c.query("listen flood");
            String payload = "x".repeat(7_999);
            for (int i = 0; i < 300; i++) {
                server.notify("flood", payload);
                assertEquals('A', c.read().type());
            }
            assertSelectOne(c);
        }
    }

    // --- message size ---------------------------------------------------------------------------------------------

    @Test
    void messageOverMaxMessageSizeIsFatal() throws Exception {
        start(b -> b.maxMessageSize(1024));
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.query("select '" + "x".repeat(1100) + "'"));
            c.expectError("FATAL", "08P01", "invalid message length");
            c.expectClosed();
        }
        try (RawPgClient c = connected()) {
            assertEquals('Z', c.query("select '" + "x".repeat(900) + "'").get(1).type());
        }
    }
}
