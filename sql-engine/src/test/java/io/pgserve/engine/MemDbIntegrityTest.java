package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memdb under concurrency with clients that vanish at random points (between statements, mid-statement, while
 * waiting for a row lock, around COMMIT): after a pgbench TPC-B run, sum(abalance) = sum(bbalance) = sum(tbalance) =
 * sum(history.delta); no committed transaction is lost, no half of one is visible, no lock outlives its session.
 * CI: 16 clients for 10 s; {@code -Pload}: 60 s. Also: a vanished client's open transaction is rolled back, and a
 * COPY FROM STDIN whose client vanishes mid-stream leaves no row behind.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MemDbIntegrityTest {
    private static final boolean LONG = "long".equals(System.getProperty("pgserve.load"));
    private static final int SECONDS = Integer.getInteger("pgserve.integrity.seconds", LONG ? 60 : 10);
    private static final int CLIENTS = 16;
    private static final int BRANCHES = 2;
    private static final int TELLERS = 10 * BRANCHES;
    private static final int ACCOUNTS = 2_000 * BRANCHES;

    private PgServer server;

    @BeforeEach
    void start() {
        server = PgServer.builder().port(0).handler(SqlEngine.memdb()).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
    }

    private void createPgbenchTables() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table pgbench_branches (bid int primary key, bbalance int not null, filler text)");
            s.execute("create table pgbench_tellers (tid int primary key, bid int not null, tbalance int not null, "
                    + "filler text)");
            s.execute("create table pgbench_accounts (aid int primary key, bid int not null, abalance int not null, "
                    + "filler text)");
            s.execute("create table pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, "
                    + "filler text)");
            for (int b = 1; b <= BRANCHES; b++) {
                s.execute("insert into pgbench_branches values (" + b + ", 0, null)");
            }
            for (int t = 1; t <= TELLERS; t++) {
                s.execute("insert into pgbench_tellers values (" + t + ", " + ((t - 1) / 10 + 1) + ", 0, null)");
            }
            StringBuilder values = new StringBuilder();
            for (int a = 1; a <= ACCOUNTS; a++) {
                values.append(values.length() == 0 ? "" : ", ").append('(').append(a).append(", ")
                        .append((a - 1) / 2_000 + 1).append(", 0, null)");
                if (a % 500 == 0) {
                    s.execute("insert into pgbench_accounts values " + values);
                    values.setLength(0);
                }
            }
        }
    }

    private static long sum(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void pgbenchBalancesAddUpAfterRandomDisconnects() throws Exception {
        createPgbenchTables();
        AtomicLong committed = new AtomicLong();
        AtomicLong killed = new AtomicLong();
        AtomicLong started = new AtomicLong();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        long endAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        ScheduledExecutorService killer = Executors.newScheduledThreadPool(2);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            runs.add(clients.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < endAt) {
                    AtomicBoolean doomed = new AtomicBoolean();
                    try (Connection c = connect()) {
                        c.setAutoCommit(false);
                        PreparedStatement[] tx = {
                                c.prepareStatement("UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?"),
                                c.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?"),
                                c.prepareStatement("UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?"),
                                c.prepareStatement("UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?"),
                                c.prepareStatement("INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) "
                                        + "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")};
                        // A session runs a few dozen transactions, unless it is killed first.
                        for (int n = random.nextInt(5, 50); n > 0 && System.nanoTime() < endAt; n--) {
                            int bid = random.nextInt(1, BRANCHES + 1);
                            int tid = random.nextInt(1, TELLERS + 1);
                            int aid = random.nextInt(1, ACCOUNTS + 1);
                            int delta = random.nextInt(-5000, 5001);
                            int killAfter = -1;
                            int dice = random.nextInt(100);
                            if (dice < 4) {
                                killAfter = random.nextInt(6); // between statements (5: after COMMIT was sent)
                            } else if (dice < 8) {
                                // at a random moment: mid-statement, waiting for a lock, in flight...
                                doomed.set(true);
                                killer.schedule(() -> abort(c), random.nextInt(0, 3000), TimeUnit.MICROSECONDS);
                            }
                            started.incrementAndGet();
                            for (int step = 0; step < 6; step++) {
                                if (step == killAfter) {
                                    doomed.set(true);
                                    abort(c);
                                }
                                switch (step) {
                                    case 0 -> {
                                        tx[0].setInt(1, delta);
                                        tx[0].setInt(2, aid);
                                        assertEquals(1, tx[0].executeUpdate());
                                    }
                                    case 1 -> {
                                        tx[1].setInt(1, aid);
                                        try (ResultSet rs = tx[1].executeQuery()) {
                                            assertTrue(rs.next());
                                        }
                                    }
                                    case 2 -> {
                                        tx[2].setInt(1, delta);
                                        tx[2].setInt(2, tid);
                                        assertEquals(1, tx[2].executeUpdate());
                                    }
                                    case 3 -> {
                                        tx[3].setInt(1, delta);
                                        tx[3].setInt(2, bid);
                                        assertEquals(1, tx[3].executeUpdate());
                                    }
                                    case 4 -> {
                                        tx[4].setInt(1, tid);
                                        tx[4].setInt(2, bid);
                                        tx[4].setInt(3, aid);
                                        tx[4].setInt(4, delta);
                                        assertEquals(1, tx[4].executeUpdate());
                                    }
                                    default -> c.commit();
                                }
                            }
                            if (doomed.get()) {
                                break; // may or may not have committed: the invariant holds either way
                            }
                            committed.incrementAndGet();
                        }
                    } catch (SQLException e) {
                        if (!doomed.get()) {
                            unexpected.add(e.getSQLState() + " " + e.getMessage());
                        }
                    } catch (Throwable e) {
                        unexpected.add(String.valueOf(e));
                    }
                    if (doomed.get()) {
                        killed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : runs) {
            f.get(SECONDS + 120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        killer.shutdownNow();
        assertEquals(List.of(), unexpected.subList(0, Math.min(10, unexpected.size())), unexpected.size()
                + " unexpected errors");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.sessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.sessionCount(), "sessions of killed clients left behind");

        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set statement_timeout = '10s'"); // a lock left behind would fail this, not hang it
            long accounts = sum(s, "select sum(abalance) from pgbench_accounts");
            long tellers = sum(s, "select sum(tbalance) from pgbench_tellers");
            long branches = sum(s, "select sum(bbalance) from pgbench_branches");
            long history = sum(s, "select sum(delta) from pgbench_history");
            long rows = sum(s, "select count(*) from pgbench_history");
            System.out.printf("memdb pgbench, %d clients, %d s: %d transactions started, %d committed, %d clients "
                            + "killed; history has %d rows; sums %d / %d / %d / %d%n", CLIENTS, SECONDS,
                    started.get(), committed.get(), killed.get(), rows, accounts, tellers, branches, history);
            assertEquals(history, accounts, "sum(abalance) = sum(delta)");
            assertEquals(history, tellers, "sum(tbalance) = sum(delta)");
            assertEquals(history, branches, "sum(bbalance) = sum(delta)");
            assertTrue(rows >= committed.get(), "committed transactions lost: " + rows + " < " + committed.get());
            assertTrue(rows <= committed.get() + killed.get(), "more history than transactions that may commit");
            assertTrue(killed.get() > 0 && committed.get() >= 10, "the run did little");
            // No lock outlived its session: every row can be written now.
            assertEquals(BRANCHES, s.executeUpdate("update pgbench_branches set bbalance = bbalance"));
            assertEquals(TELLERS, s.executeUpdate("update pgbench_tellers set tbalance = tbalance"));
            assertEquals(ACCOUNTS, s.executeUpdate("update pgbench_accounts set abalance = abalance"));
        }
    }

    private static void abort(Connection c) {
        try {
            c.abort(Runnable::run); // closes the socket at once: no Terminate, no rollback from the client
        } catch (SQLException ignored) {
            // already closed
        }
    }

    @Test
    void aVanishedClientsTransactionIsRolledBackAndItsLocksReleased() throws Exception {
        try (Connection setup = connect(); Statement s = setup.createStatement()) {
            s.execute("create table t (id int primary key, v int not null)");
            s.execute("insert into t values (1, 0), (2, 0)");
            StringBuilder values = new StringBuilder();
            for (int i = 1; i <= 20_000; i++) {
                values.append(i == 1 ? "" : ", ").append('(').append(i).append(")");
            }
            s.execute("create table big (n int)");
            s.execute("insert into big values " + values);
        }
        // A: writes, locks row 1, then vanishes while the rows of a big query stream to it.
        Connection a = connect();
        a.setAutoCommit(false);
        try (Statement s = a.createStatement()) {
            s.executeUpdate("insert into t values (100, 100)");
            s.executeUpdate("update t set v = 1 where id = 1");
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("select n from big")) {
                for (int i = 0; i < 1500; i++) {
                    assertTrue(rs.next());
                }
                abort(a);
            } catch (SQLException expected) {
                // the result set's close after the abort
            }
        } catch (SQLException expected) {
            // the statement's close after the abort
        }
        // B: waits for row 2's lock held by C, then vanishes while waiting.
        Connection c = connect();
        c.setAutoCommit(false);
        Connection b = connect();
        b.setAutoCommit(false);
        try (Statement sc = c.createStatement(); Statement sb = b.createStatement()) {
            sc.executeUpdate("update t set v = 3 where id = 2");
            sb.executeUpdate("insert into t values (200, 200)");
            Future<?> waiting = Executors.newSingleThreadExecutor().submit(() -> {
                try {
                    sb.executeUpdate("update t set v = 2 where id = 2");
                } catch (SQLException expected) {
                    // aborted
                }
                return null;
            });
            Thread.sleep(300);
            assertFalse(waiting.isDone(), "B should wait for C's row lock");
            abort(b);
            waiting.get(10, TimeUnit.SECONDS);
            c.commit();
        }
        c.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.sessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.sessionCount());
        try (Connection check = connect(); Statement s = check.createStatement()) {
            s.execute("set statement_timeout = '5s'");
            try (ResultSet rs = s.executeQuery("select id, v from t order by id")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getInt(1) + "=" + rs.getInt(2));
                }
                assertEquals(List.of("1=0", "2=3"), rows, "nothing of A's or B's transaction is visible");
            }
            // A's lock on row 1 went with it.
            assertEquals(1, s.executeUpdate("update t set v = 9 where id = 1"));
        }
    }

    @Test
    void aCopyWhoseClientVanishesLeavesNothingBehind() throws Exception {
        try (Connection setup = connect(); Statement s = setup.createStatement()) {
            s.execute("create table c (id int primary key, v text)");
        }
        // A: COPY on its own (an implicit transaction), 5,000 rows sent and flushed, then the socket is closed
        // without CopyDone. B: the same inside a transaction block that had already inserted a row.
        for (boolean inBlock : new boolean[] {false, true}) {
            Connection client = connect();
            if (inBlock) {
                client.setAutoCommit(false);
                try (Statement s = client.createStatement()) {
                    s.executeUpdate("insert into c values (-1, 'before the copy')");
                }
            }
            CopyIn copy = client.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY c FROM STDIN");
            int base = inBlock ? 10_000 : 0;
            for (int i = 0; i < 5_000; i++) {
                byte[] line = ((base + i) + "\tv" + i + "\n").getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(line, 0, line.length);
            }
            copy.flushCopy();
            abort(client);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.sessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.sessionCount());
        try (Connection check = connect(); Statement s = check.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from c")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1), "no row of either vanished COPY is visible");
            }
            // the keys are free again: nothing half-written holds them
            CopyIn copy = check.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY c FROM STDIN");
            byte[] rows = "0\tzero\n-1\tminus one\n10000\tten thousand\n".getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(rows, 0, rows.length);
            assertEquals(3, copy.endCopy());
        }
    }
}
