package io.pgserve.server;

import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** statement_timeout, idle_in_transaction_session_timeout and idle_session_timeout, as PostgreSQL applies them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeoutsTest {
    private PgServer server;

    @BeforeEach
    void start() {
        server = PgServer.builder().port(0).handler(session -> query -> {
            if (query.sql().startsWith("sleep")) {
                Thread.sleep(Long.parseLong(query.sql().substring(6)));
            }
            return QueryResult.rows(List.of(Column.of("v", PgType.TEXT)), List.<Object[]>of(new Object[] {"ok"}));
        }).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statementTimeoutCancelsWith57014() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "u", ""); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 200");
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                rs.next();
                assertEquals("200ms", rs.getString(1));
            }
            long t0 = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("sleep 10000"));
            assertEquals("57014", e.getSQLState());
            assertTrue(e.getMessage().contains("canceling statement due to statement timeout"), e.getMessage());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 5000);
            s.executeQuery("sleep 10").close(); // fast statements are unaffected
            s.execute("SET statement_timeout = '2min'");
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                rs.next();
                assertEquals("2min", rs.getString(1));
            }
            s.execute("SET statement_timeout = 1000");
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                rs.next();
                assertEquals("1s", rs.getString(1));
            }
            SQLException bad = assertThrows(SQLException.class, () -> s.execute("SET statement_timeout = '5 parsecs'"));
            assertEquals("22023", bad.getSQLState());
        }
    }

    @Test
    void aCopyReturnedAfterTheTimeoutIsAborted() throws Exception {
        java.util.concurrent.CompletableFuture<Throwable> aborted = new java.util.concurrent.CompletableFuture<>();
        try (PgServer copyServer = PgServer.builder().port(0).handler(session -> query -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < end) { // deaf to the cancel, as a handler stuck in a call would be
                Thread.onSpinWait();
            }
            return QueryResult.copyIn(List.of(Column.of("n", PgType.INT4)), io.pgserve.server.copy.CopyOptions.text(),
                    new CopyInSink() {
                        @Override
                        public void row(Object[] values) {
                        }

                        @Override
                        public void abort(Throwable cause) {
                            aborted.complete(cause);
                        }
                    });
        }).build().start();
             Connection c = DriverManager.getConnection(copyServer.jdbcUrl(), "u", "");
             Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 100");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("COPY t FROM STDIN"));
            assertEquals("57014", e.getSQLState());
            // The COPY the handler returned too late never runs: its sink is told so, with the statement's error.
            Throwable cause = aborted.get(10, TimeUnit.SECONDS);
            assertEquals(SqlState.QUERY_CANCELED, ((PgException) cause).sqlState());
        }
    }

    @Test
    void idleInTransactionEndsTheSession() throws Exception {
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            c.query("SET idle_in_transaction_session_timeout = 300");
            c.query("SELECT 1"); // idle outside a transaction: no timeout
            Thread.sleep(500);
            c.query("BEGIN");
            c.expectError("FATAL", "25P03", "terminating connection due to idle-in-transaction timeout");
            c.expectClosed();
        }
    }

    @Test
    void idleSessionTimeout() throws Exception {
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            c.query("SET idle_session_timeout = '300ms'");
            c.expectError("FATAL", "57P05", "terminating connection due to idle-session timeout");
            c.expectClosed();
        }
    }
}
