package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Advisory locks between sessions of one engine, over pgjdbc: contention, re-entrant session locks, blocking waits
 * ended by the holder's unlock, transaction locks released at COMMIT/ROLLBACK and statement end, session locks
 * released at disconnect, cancellation of a waiting lock, and a deadlock between two waiters.
 */
@Timeout(60)
class AdvisoryLockTest {
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = PgServer.builder().host("127.0.0.1").port(0).handler(SqlEngine.memdb()).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
    }

    private static Connection connectSimple() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres") + "?preferQueryMode=simple", "postgres", "");
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static boolean bool(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getBoolean(1);
        }
    }

    /** Runs a statement on another thread. */
    private static CompletableFuture<String> async(Connection c, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return one(c, sql);
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static void assertStillWaiting(CompletableFuture<?> f) throws Exception {
        assertThrows(TimeoutException.class, () -> f.get(300, TimeUnit.MILLISECONDS));
    }

    private static String sqlState(ExecutionException e) {
        Throwable t = e.getCause();
        while (!(t instanceof SQLException) && t.getCause() != null) {
            t = t.getCause();
        }
        return ((SQLException) t).getSQLState();
    }

    @Test
    void tryLockContentionReentranceAndModes() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            assertTrue(bool(a, "select pg_try_advisory_lock(1)"));
            assertFalse(bool(b, "select pg_try_advisory_lock(1)"));
            assertFalse(bool(b, "select pg_try_advisory_lock_shared(1)"));
            // the two-int key space is another than the bigint one: (0, 1) is not 1
            assertTrue(bool(b, "select pg_try_advisory_lock(0, 1)"));
            assertFalse(bool(a, "select pg_try_advisory_lock(0, 1)"));
            // re-entrant: two holds need two unlocks
            assertTrue(bool(a, "select pg_try_advisory_lock(1)"));
            assertTrue(bool(a, "select pg_advisory_unlock(1)"));
            assertFalse(bool(b, "select pg_try_advisory_lock(1)"));
            assertTrue(bool(a, "select pg_advisory_unlock(1)"));
            assertTrue(bool(b, "select pg_try_advisory_lock(1)"));
            // a session's own locks never block it, whatever the mode
            assertTrue(bool(b, "select pg_try_advisory_lock_shared(1)"));
            // shared locks share; an exclusive one waits for them
            assertTrue(bool(a, "select pg_try_advisory_lock_shared(2)"));
            assertTrue(bool(b, "select pg_try_advisory_lock_shared(2)"));
            assertFalse(bool(b, "select pg_try_advisory_lock(2)"));
            assertTrue(bool(a, "select pg_advisory_unlock_shared(2)"));
            assertTrue(bool(b, "select pg_try_advisory_lock(2)"));
            // pg_advisory_unlock_all frees everything b held
            one(b, "select pg_advisory_unlock_all()");
            assertTrue(bool(a, "select pg_try_advisory_lock(1)"));
            assertTrue(bool(a, "select pg_try_advisory_lock(0, 1)"));
            assertTrue(bool(a, "select pg_try_advisory_lock(2)"));
            one(a, "select pg_advisory_unlock_all()");
            assertNull(one(a, "select pg_advisory_lock(null)"));
        }
    }

    @Test
    void unlockingWhatIsNotHeldWarnsAndReturnsFalse() throws Exception {
        try (Connection a = connect(); Statement s = a.createStatement()) {
            for (String[] call : new String[][] {{"pg_advisory_unlock(11)", "ExclusiveLock"},
                    {"pg_advisory_unlock_shared(11, 12)", "ShareLock"}}) {
                try (ResultSet rs = s.executeQuery("select " + call[0])) {
                    assertTrue(rs.next());
                    assertFalse(rs.getBoolean(1));
                }
                SQLWarning w = s.getWarnings();
                assertEquals("you don't own a lock of type " + call[1], w.getMessage());
                assertEquals("01000", w.getSQLState());
                s.clearWarnings();
            }
            // a transaction-level lock is not unlocked by pg_advisory_unlock
            a.setAutoCommit(false);
            one(a, "select pg_advisory_xact_lock(13)");
            assertFalse(bool(a, "select pg_advisory_unlock(13)"));
            a.rollback();
        }
    }

    @Test
    void aBlockingLockWaitsForTheHoldersUnlock() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            one(a, "select pg_advisory_lock(3)");
            one(a, "select pg_advisory_lock(3)");
            CompletableFuture<String> waiting = async(b, "select pg_advisory_lock(3)");
            assertStillWaiting(waiting);
            assertTrue(bool(a, "select pg_advisory_unlock(3)"));
            assertStillWaiting(waiting); // a still holds it once
            assertTrue(bool(a, "select pg_advisory_unlock(3)"));
            assertEquals("", waiting.get(10, TimeUnit.SECONDS));
            assertFalse(bool(a, "select pg_try_advisory_lock(3)"));
            assertTrue(bool(b, "select pg_advisory_unlock(3)"));
        }
    }

    @Test
    void transactionLocksEndWithTheTransaction() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Connection simple = connectSimple()) {
            a.setAutoCommit(false);
            one(a, "select pg_advisory_xact_lock(4)");
            assertTrue(bool(a, "select pg_try_advisory_xact_lock_shared(4, 4)"));
            assertFalse(bool(b, "select pg_try_advisory_lock(4)"));
            assertFalse(bool(b, "select pg_try_advisory_lock(4, 4)"));
            CompletableFuture<String> waiting = async(b, "select pg_advisory_xact_lock(4)");
            assertStillWaiting(waiting);
            a.commit();
            assertEquals("", waiting.get(10, TimeUnit.SECONDS));
            // b ran on its own: its transaction lock ended with its statement
            assertTrue(bool(a, "select pg_try_advisory_xact_lock(4)"));
            assertFalse(bool(b, "select pg_try_advisory_xact_lock(4)"));
            a.rollback();
            assertTrue(bool(b, "select pg_try_advisory_lock(4)"));
            assertTrue(bool(b, "select pg_advisory_unlock(4)"));
            // a statement on its own over the simple protocol too
            assertTrue(bool(simple, "select pg_try_advisory_xact_lock(5)"));
            assertTrue(bool(b, "select pg_try_advisory_xact_lock(5)"));
            // a failed transaction keeps its locks until ROLLBACK
            a.commit();
            one(a, "select pg_advisory_xact_lock(5)");
            assertThrows(SQLException.class, () -> one(a, "select 1/0"));
            assertFalse(bool(b, "select pg_try_advisory_xact_lock(5)"));
            a.rollback();
            assertTrue(bool(b, "select pg_try_advisory_xact_lock(5)"));
        }
    }

    @Test
    void rollbackToASavepointReleasesTheTransactionLocksTakenSince() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement s = a.createStatement()) {
            a.setAutoCommit(false);
            one(a, "select pg_advisory_xact_lock(14)");
            s.execute("savepoint s1");
            one(a, "select pg_advisory_xact_lock(15)");
            s.execute("savepoint s2");
            one(a, "select pg_advisory_xact_lock(16)");
            one(a, "select pg_advisory_lock(17)"); // session-level: no savepoint undoes it
            s.execute("release savepoint s2");
            s.execute("rollback to savepoint s1");
            assertFalse(bool(b, "select pg_try_advisory_lock(14)"));
            assertTrue(bool(b, "select pg_try_advisory_lock(15)"));
            assertTrue(bool(b, "select pg_try_advisory_lock(16)"));
            assertFalse(bool(b, "select pg_try_advisory_lock(17)"));
            one(b, "select pg_advisory_unlock_all()");
            one(a, "select pg_advisory_xact_lock(15)"); // s1 still exists: a second rollback to it undoes this
            s.execute("rollback to savepoint s1");
            assertTrue(bool(b, "select pg_try_advisory_lock(15)"));
            one(b, "select pg_advisory_unlock_all()");
            a.commit();
            assertTrue(bool(b, "select pg_try_advisory_lock(14)"));
            one(b, "select pg_advisory_unlock_all()");
            one(a, "select pg_advisory_unlock_all()");
        }
    }

    @Test
    void sessionLocksEndWithTheSession() throws Exception {
        try (Connection b = connect()) {
            Connection a = connect();
            one(a, "select pg_advisory_lock(6)");
            one(a, "select pg_advisory_lock_shared(6, 6)");
            assertFalse(bool(b, "select pg_try_advisory_lock(6)"));
            a.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!bool(b, "select pg_try_advisory_lock(6)")) { // the server closes the session shortly after
                assertTrue(System.nanoTime() < deadline, "the closed session's lock was never released");
                Thread.sleep(20);
            }
            assertTrue(bool(b, "select pg_try_advisory_lock(6, 6)"));
            one(b, "select pg_advisory_unlock_all()");
        }
    }

    @Test
    void aSessionThatVanishesWhileWaitingIsNeverGrantedTheLock() throws Exception {
        try (Connection a = connect(); Connection c = connect()) {
            one(a, "select pg_advisory_lock(18)");
            Connection b = connect();
            CompletableFuture<String> waiting = async(b, "select pg_advisory_lock(18)");
            assertStillWaiting(waiting);
            b.close();
            assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
            Thread.sleep(200); // the server ends b's session
            assertTrue(bool(a, "select pg_advisory_unlock(18)"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!bool(c, "select pg_try_advisory_lock(18)")) {
                assertTrue(System.nanoTime() < deadline, "the vanished session was granted the lock");
                Thread.sleep(20);
            }
            one(c, "select pg_advisory_unlock_all()");
        }
    }

    @Test
    void aWaitingLockIsCancelled() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Connection c = connect()) {
            one(a, "select pg_advisory_lock(7)");
            // statement_timeout through setQueryTimeout
            try (Statement s = b.createStatement()) {
                s.setQueryTimeout(1);
                SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select pg_advisory_lock(7)"));
                assertEquals("57014", e.getSQLState());
            }
            // Statement.cancel from another thread
            try (Statement s = b.createStatement()) {
                CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return s.execute("select pg_advisory_lock(7)");
                    } catch (SQLException e) {
                        throw new RuntimeException(e);
                    }
                });
                assertStillWaiting(waiting);
                for (int i = 0; i < 10 && !waiting.isDone(); i++) { // again, if the first cancel came too early
                    s.cancel();
                    try {
                        waiting.get(1, TimeUnit.SECONDS);
                    } catch (ExecutionException | TimeoutException ignored) {
                        // checked below
                    }
                }
                ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(1, TimeUnit.SECONDS));
                assertEquals("57014", sqlState(e));
            }
            // the cancelled requests were not granted later
            assertTrue(bool(a, "select pg_advisory_unlock(7)"));
            assertTrue(bool(c, "select pg_try_advisory_lock(7)"));
            assertFalse(bool(b, "select pg_try_advisory_lock(7)"));
            assertEquals("1", one(b, "select 1"));
            one(c, "select pg_advisory_unlock_all()");
        }
    }

    @Test
    void twoSessionsWaitingForEachOtherAreADeadlock() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            one(a, "select pg_advisory_lock(8)");
            one(b, "select pg_advisory_lock(9)");
            List<CompletableFuture<String>> waits = List.of(async(a, "select pg_advisory_lock(9)"),
                    async(b, "select pg_advisory_lock(8)"));
            // one of the waiters looks for a cycle after deadlock_timeout (1s) and is refused; the other waits on
            CompletableFuture.anyOf(waits.toArray(CompletableFuture[]::new))
                    .exceptionally(t -> null).get(10, TimeUnit.SECONDS);
            int loser = waits.get(0).isCompletedExceptionally() ? 0 : 1;
            ExecutionException e = assertThrows(ExecutionException.class, () -> waits.get(loser).get());
            assertEquals("40P01", sqlState(e));
            SQLException cause = (SQLException) e.getCause().getCause();
            assertTrue(cause.getMessage().contains("deadlock detected"), cause.getMessage());
            CompletableFuture<String> winner = waits.get(1 - loser);
            assertStillWaiting(winner); // the loser still holds its lock
            one(loser == 0 ? a : b, "select pg_advisory_unlock_all()");
            assertEquals("", winner.get(10, TimeUnit.SECONDS));
            one(loser == 0 ? b : a, "select pg_advisory_unlock_all()");
        }
    }

    @Test
    void locksAreTheEnginesNotGlobal() throws Exception {
        SqlEngine other = SqlEngine.memdb();
        try (PgServer second = PgServer.builder().host("127.0.0.1").port(0).handler(other).build().start();
             Connection a = connect();
             Connection b = DriverManager.getConnection(second.jdbcUrl("postgres"), "postgres", "")) {
            one(a, "select pg_advisory_lock(10)");
            assertTrue(bool(b, "select pg_try_advisory_lock(10)"));
            one(a, "select pg_advisory_unlock_all()");
        }
    }
}
