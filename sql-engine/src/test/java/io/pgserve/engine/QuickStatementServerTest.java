package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * memdb runs statements on the network thread and moves one that must wait for a row lock to a worker, undoing what
 * it wrote first. Through pgjdbc, in the simple and the extended protocol: the waiting statement's result is the
 * one it would have had from the start, a statement timeout interrupts the wait, and nothing of it is left behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuickStatementServerTest {
    private PgServer server;

    @BeforeEach
    void start() throws SQLException {
        server = PgServer.builder().host("127.0.0.1").port(0).handler(SqlEngine.memdb()).build().start();
        try (Connection c = connect("extended"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, n int)");
            s.execute("INSERT INTO t VALUES (1, 0), (2, 0), (3, 0)");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect(String mode) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres") + "&preferQueryMode=" + mode, "postgres", "");
    }

    private static List<String> rows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, n FROM t ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + ":" + rs.getInt(2));
            }
        }
        return out;
    }

    private static CompletableFuture<Integer> update(Connection c, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(sql);
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void aStatementThatMeetsALockWaitsAndRunsOnce(String mode) throws Exception {
        try (Connection holder = connect(mode); Connection waiter = connect(mode); Connection reader = connect(mode)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeUpdate("UPDATE t SET n = n + 1 WHERE id = 2");
            }
            // row 1 is updated, then row 2 is locked: the update of row 1 is undone and the statement waits
            CompletableFuture<Integer> waiting = update(waiter, "UPDATE t SET n = n + 10");
            Thread.sleep(300);
            assertFalse(waiting.isDone(), "the update waits for the holder's lock");
            assertEquals(List.of("1:0", "2:0", "3:0"), rows(reader));
            try (Statement s = reader.createStatement()) { // other rows are not locked by the waiting statement
                assertEquals(1, s.executeUpdate("UPDATE t SET n = n + 100 WHERE id = 3"));
            }
            holder.commit();
            assertEquals(3, waiting.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("1:10", "2:11", "3:110"), rows(reader));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void aStatementTimeoutEndsTheWaitAndLeavesNothingBehind(String mode) throws Exception {
        try (Connection holder = connect(mode); Connection waiter = connect(mode)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeUpdate("UPDATE t SET n = n + 1 WHERE id = 3");
            }
            waiter.setAutoCommit(false);
            try (Statement s = waiter.createStatement()) {
                s.executeUpdate("INSERT INTO t VALUES (4, 0)");
                s.execute("SET statement_timeout = 300");
            }
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> update(waiter, "UPDATE t SET n = n + 10").get(10, TimeUnit.SECONDS));
            SQLException timeout = assertInstanceOf(SQLException.class, e.getCause().getCause());
            assertEquals("57014", timeout.getSQLState());
            assertEquals("ERROR: canceling statement due to statement timeout", timeout.getMessage());
            waiter.rollback();
            holder.commit();
            try (Statement s = waiter.createStatement()) {
                s.execute("SET statement_timeout = 0");
            }
            waiter.setAutoCommit(true);
            assertEquals(List.of("1:0", "2:0", "3:1"), rows(waiter));
            try (Statement s = waiter.createStatement()) { // no lock of the cancelled statement is left
                assertEquals(3, s.executeUpdate("UPDATE t SET n = n + 1"));
            }
            assertEquals(List.of("1:1", "2:1", "3:2"), rows(waiter));
        }
    }
}
