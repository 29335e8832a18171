package io.pgserve.server.jdbc;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.pgserve.server.PgServer;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real pgjdbc driver against a PgServer: authentication, TLS, queries, errors, cancel, streaming, load. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PgjdbcTest {
    private PgServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PgServer start(PgServer.Builder builder) {
        server = builder.host("127.0.0.1").port(0).handler(session -> new TestHandler()).build().start();
        return server;
    }

    private PgServer startTrust() {
        return start(PgServer.builder());
    }

    private Connection connect(String user, String password, String... extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "60");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return DriverManager.getConnection(server.jdbcUrl("testdb"), p);
    }

    @Test
    void trustConnectsAndRunsAQueryInBothQueryModes() throws Exception {
        startTrust();
        for (String mode : List.of("simple", "extended", "extendedForPrepared")) {
            try (Connection c = connect("anyone", null, "preferQueryMode", mode);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next(), mode);
                assertEquals(1, rs.getInt(1));
                assertFalse(rs.next());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = AuthMethod.class, names = {"PASSWORD", "MD5", "SCRAM_SHA_256"})
    void passwordMethodsAcceptTheRightPasswordAndRejectOthers(AuthMethod method) throws Exception {
        start(PgServer.builder().authentication(method,
                CredentialStore.builder().user("alice", "s3cret").build()));
        try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
        SQLException wrong = assertThrows(SQLException.class, () -> connect("alice", "wrong").close());
        assertEquals("28P01", wrong.getSQLState());
        assertTrue(wrong.getMessage().contains("password authentication failed for user \"alice\""),
                wrong.getMessage());
        SQLException unknown = assertThrows(SQLException.class, () -> connect("mallory", "s3cret").close());
        assertEquals("28P01", unknown.getSQLState());
        assertTrue(unknown.getMessage().contains("password authentication failed for user \"mallory\""),
                unknown.getMessage());
    }

    @Test
    void tlsWithSslmodeRequireAndScramChannelBinding() throws Exception {
        X509Bundle cert = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1").setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        File certFile = cert.toTempCertChainPem();
        File keyFile = cert.toTempPrivateKeyPem();
        try {
            start(PgServer.builder().tls(certFile, keyFile).requireTls(true)
                    .authentication(AuthMethod.SCRAM_SHA_256, CredentialStore.builder().user("bob", "pw").build()));
            try (Connection c = connect("bob", "pw", "sslmode", "require", "channelBinding", "require");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
            }
            SQLException plain = assertThrows(SQLException.class,
                    () -> connect("bob", "pw", "sslmode", "disable").close());
            assertEquals("28000", plain.getSQLState());
            assertTrue(plain.getMessage().contains("no encryption"), plain.getMessage());
        } finally {
            certFile.delete();
            keyFile.delete();
        }
    }

    @Test
    void typedValuesInTextFormat() throws Exception {
        startTrust();
        try (Connection c = connect("u", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select types")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt("i"));
            assertEquals(9_000_000_000L, rs.getLong("l"));
            assertEquals("héllo", rs.getString("t"));
            assertTrue(rs.getBoolean("b"));
            assertEquals(1.5, rs.getDouble("d"));
            assertEquals(new BigDecimal("123.456"), rs.getBigDecimal("n"));
            assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("day", LocalDate.class));
            assertNull(rs.getString("nothing"));
            assertEquals("int4", rs.getMetaData().getColumnTypeName(1));
            assertEquals("numeric", rs.getMetaData().getColumnTypeName(6));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void errorsCarryTheirSqlstateAndTheSessionGoesOn(String mode) throws Exception {
        startTrust();
        try (Connection c = connect("u", null, "preferQueryMode", mode); Statement s = c.createStatement()) {
            SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("select missing"));
            assertEquals("42P01", missing.getSQLState());
            assertTrue(missing.getMessage().contains("relation \"missing\" does not exist"));
            assertTrue(missing.getMessage().contains("Position: 8"), missing.getMessage());
            SQLException boom = assertThrows(SQLException.class, () -> s.executeQuery("select boom"));
            assertEquals("XX000", boom.getSQLState());
            assertTrue(boom.getMessage().contains("boom"));
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void errorInsideATransactionAbortsItUntilRollback() throws Exception {
        startTrust();
        try (Connection c = connect("u", null); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeQuery("select 1").close();
            assertThrows(SQLException.class, () -> s.executeQuery("select missing"));
            SQLException aborted = assertThrows(SQLException.class, () -> s.executeQuery("select 1"));
            assertEquals("25P02", aborted.getSQLState());
            c.rollback();
            s.executeQuery("select 1").close();
            c.commit();
        }
    }

    @Test
    void statementCancelStopsASlowHandler() throws Exception {
        startTrust();
        try (Connection c = connect("u", null); Statement s = c.createStatement()) {
            CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                    s.cancel();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select sleep(30000)"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            cancel.get(10, TimeUnit.SECONDS);
            assertEquals("57014", e.getSQLState());
            assertTrue(e.getMessage().contains("canceling statement due to user request"), e.getMessage());
            assertTrue(ms < 10_000, "cancel took " + ms + " ms");
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
            }
        }
    }

    /** A million rows through a fetch-size cursor: the server pulls rows only as the client reads them. */
    @Test
    void millionRowsStreamWithBoundedMemory() throws Exception {
        startTrust();
        TestHandler.pulled.set(0);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long baseline = rt.totalMemory() - rt.freeMemory();
        long peak = 0;
        try (Connection c = connect("u", null); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(1000);
            long count = 0;
            long sum = 0;
            try (ResultSet rs = s.executeQuery("select n from series(1000000)")) {
                while (rs.next()) {
                    sum += rs.getLong(1);
                    if (++count % 100_000 == 0) {
                        peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                        // The server stays within a bounded distance ahead of the client.
                        long ahead = TestHandler.pulled.get() - count;
                        assertTrue(ahead < 200_000, "server ran " + ahead + " rows ahead of the client");
                    }
                }
            }
            c.commit();
            assertEquals(1_000_000, count);
            assertEquals(999_999L * 1_000_000 / 2, sum);
        }
        assertTrue(peak - baseline < 256L * 1024 * 1024, "heap grew by " + (peak - baseline) / 1024 / 1024 + " MiB");
    }

    /** A client that stops reading: the server must stop pulling rows, not buffer the result. */
    @Test
    void serverStopsPullingRowsWhenTheClientStopsReading() throws Exception {
        startTrust();
        TestHandler.pulled.set(0);
        // A raw client that sends a query and then never reads: pgjdbc would always read.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.setReceiveBufferSize(64 * 1024);
            var out = new java.io.DataOutputStream(socket.getOutputStream());
            byte[] user = "user\0u\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.writeInt(8 + user.length);
            out.writeInt(196608);
            out.write(user);
            byte[] q = "select n from series(10000000)\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.writeByte('Q');
            out.writeInt(4 + q.length);
            out.write(q);
            out.flush();
            // Socket buffers fill first; then the count must stop moving.
            long stalled = -1;
            for (int i = 0; i < 100 && stalled != TestHandler.pulled.get(); i++) {
                stalled = TestHandler.pulled.get();
                Thread.sleep(300);
            }
            assertEquals(stalled, TestHandler.pulled.get(), "rows kept being pulled while the client did not read");
            assertTrue(stalled < 500_000, "pulled " + stalled + " rows into buffers");
        }
    }

    @Test
    void hundredConcurrentConnections() throws Exception {
        startTrust();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch allConnected = new CountDownLatch(100);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    try (Connection c = connect("u" , null); Statement s = c.createStatement()) {
                        allConnected.countDown();
                        assertTrue(allConnected.await(60, TimeUnit.SECONDS));
                        int n = 0;
                        for (int k = 0; k < 20; k++) {
                            try (ResultSet rs = s.executeQuery("select 1")) {
                                rs.next();
                                n += rs.getInt(1);
                            }
                        }
                        return n;
                    }
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(20, f.get(90, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batchedInsertsArePipelinedBeforeOneSync() throws Exception {
        startTrust();
        try (Connection c = connect("u", null);
             PreparedStatement ps = c.prepareStatement("insert into t values (?)")) {
            for (int i = 0; i < 500; i++) {
                ps.setInt(1, i);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertEquals(500, counts.length);
            for (int n : counts) {
                assertEquals(1, n);
            }
        }
    }

    @Test
    void preparedStatementParametersReachTheHandler() throws Exception {
        startTrust();
        try (Connection c = connect("u", null, "prepareThreshold", "1");
             PreparedStatement ps = c.prepareStatement("select echo($1)".replace("$1", "?"))) {
            for (int i = 0; i < 10; i++) {
                ps.setString(1, "v" + i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("v" + i, rs.getString(1));
                }
            }
            ps.setInt(1, 7);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("7", rs.getString(1));
            }
        }
    }

    @Test
    void sessionParametersAndShow() throws Exception {
        startTrust();
        try (Connection c = connect("u", null, "ApplicationName", "pgjdbc-test"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("show application_name")) {
                assertTrue(rs.next());
                assertEquals("pgjdbc-test", rs.getString(1));
            }
            s.execute("set application_name = 'changed'");
            try (ResultSet rs = s.executeQuery("show application_name")) {
                assertTrue(rs.next());
                assertEquals("changed", rs.getString(1));
            }
            assertEquals("changed", c.getClientInfo("ApplicationName"));
            try (ResultSet rs = s.executeQuery("show server_version")) {
                assertTrue(rs.next());
                assertEquals("16.6", rs.getString(1));
            }
            assertEquals(16, c.getMetaData().getDatabaseMajorVersion());
        }
    }

    @Test
    void sessionCharacteristicsAndDiscardAllThroughPreparedStatements() throws Exception {
        startTrust();
        try (Connection c = connect("u", null); Statement s = c.createStatement()) {
            // as Metabase sends it: outside a transaction block SHOW reports the new default (PostgreSQL does)
            try (PreparedStatement ps = c.prepareStatement(
                    "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED")) {
                ps.execute();
            }
            try (ResultSet rs = s.executeQuery("SHOW TRANSACTION ISOLATION LEVEL")) {
                assertTrue(rs.next());
                assertEquals("read uncommitted", rs.getString(1));
            }
            s.execute("declare c cursor with hold for select 1");
            // as Npgsql resets a pooled connection (Parse, Bind, Describe, Execute in the unnamed portal)
            try (PreparedStatement ps = c.prepareStatement("DISCARD ALL")) {
                assertFalse(ps.execute());
            }
            try (ResultSet rs = s.executeQuery("show default_transaction_isolation")) {
                assertTrue(rs.next());
                assertEquals("read committed", rs.getString(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> s.execute("fetch c"));
            assertEquals("34000", e.getSQLState()); // DISCARD ALL closed the cursor, as CLOSE ALL does
        }
    }
}
