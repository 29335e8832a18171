package io.pgserve.server;

import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many concurrent pgjdbc connections running pgbench's TPC-B-like transaction (BEGIN; UPDATE; SELECT; UPDATE; UPDATE;
 * INSERT; END) against a handler whose answers depend on the parameters: no errors, no lost or mismatched responses,
 * latency percentiles printed. CI: 200 connections for 5 s; {@code -Pload}: 1,000 connections for 60 s.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ConcurrentLoadTest {
    private static final boolean LONG = "long".equals(System.getProperty("pgserve.load"));
    private static final int CLIENTS = Integer.getInteger("pgserve.load.clients", LONG ? 1000 : 200);
    private static final int SECONDS = Integer.getInteger("pgserve.load.seconds", LONG ? 60 : 5);

    /** Answers like a pgbench database would, from the parameters alone: abalance of aid n is 7n. */
    private static final class TpcbHandler implements QueryHandler {
        @Override
        public QueryResult execute(Query query) {
            String sql = query.sql();
            List<Object> p = query.parameters();
            if (sql.startsWith("SELECT abalance")) {
                // (Describe runs it once with NULL parameters to learn the columns.)
                int aid = p.get(0) == null ? 0 : Integer.parseInt(String.valueOf(p.get(0)));
                return QueryResult.rows(List.of(Column.of("abalance", PgType.INT4)),
                        List.<Object[]>of(new Object[] {7 * aid}));
            }
            if (sql.startsWith("UPDATE")) {
                return QueryResult.command("UPDATE", 1);
            }
            if (sql.startsWith("INSERT")) {
                return QueryResult.command("INSERT", 1);
            }
            throw new PgException(SqlState.SYNTAX_ERROR, "unexpected statement: " + sql);
        }
    }

    @Test
    void pgbenchStyleLoad() throws Exception {
        try (PgServer server = PgServer.builder().port(0).maxConnections(CLIENTS + 10)
                .handler(s -> new TpcbHandler()).build().start()) {
            String url = server.jdbcUrl();
            AtomicLong transactions = new AtomicLong();
            AtomicInteger errors = new AtomicInteger();
            List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch connected = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            // Connections ramp up 50 at a time: the load is 1,000 connections at work, not 1,000 simultaneous
            // handshakes on a 2-core machine (with which pgjdbc's 10 s connect timeout is the first to give).
            Semaphore connecting = new Semaphore(50);
            long[][] latencies = new long[CLIENTS][];
            List<Thread> threads = new ArrayList<>();
            long[] endAt = new long[1];
            for (int i = 0; i < CLIENTS; i++) {
                int id = i;
                Thread t = new Thread(() -> {
                    long[] lat = new long[1024];
                    int n = 0;
                    try (Connection c = connect(url, connecting)) {
                        c.setAutoCommit(false);
                        connected.countDown();
                        go.await();
                        PreparedStatement updAcc = c.prepareStatement(
                                "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?");
                        PreparedStatement selAcc = c.prepareStatement(
                                "SELECT abalance FROM pgbench_accounts WHERE aid = ?");
                        PreparedStatement updTel = c.prepareStatement(
                                "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?");
                        PreparedStatement updBr = c.prepareStatement(
                                "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?");
                        PreparedStatement ins = c.prepareStatement("INSERT INTO pgbench_history (tid, bid, aid, "
                                + "delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)");
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (System.nanoTime() < endAt[0]) {
                            int aid = random.nextInt(1, 100_001);
                            int tid = random.nextInt(1, 11);
                            int delta = random.nextInt(-5000, 5001);
                            long t0 = System.nanoTime();
                            updAcc.setInt(1, delta);
                            updAcc.setInt(2, aid);
                            assertEquals(1, updAcc.executeUpdate());
                            selAcc.setInt(1, aid);
                            try (ResultSet rs = selAcc.executeQuery()) {
                                assertTrue(rs.next());
                                assertEquals(7 * aid, rs.getInt(1), "the answer to another statement");
                                assertTrue(!rs.next());
                            }
                            updTel.setInt(1, delta);
                            updTel.setInt(2, tid);
                            assertEquals(1, updTel.executeUpdate());
                            updBr.setInt(1, delta);
                            updBr.setInt(2, 1);
                            assertEquals(1, updBr.executeUpdate());
                            ins.setInt(1, tid);
                            ins.setInt(2, 1);
                            ins.setInt(3, aid);
                            ins.setInt(4, delta);
                            assertEquals(1, ins.executeUpdate());
                            c.commit();
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = (System.nanoTime() - t0) / 1000;
                            transactions.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        connected.countDown();
                        if (errors.incrementAndGet() <= 5) {
                            firstErrors.add("client " + id + ": " + e + (e.getCause() == null ? ""
                                    : " caused by " + e.getCause()));
                        }
                    } finally {
                        latencies[id] = Arrays.copyOf(lat, n);
                    }
                }, "load-client-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            assertTrue(connected.await(120, TimeUnit.SECONDS), "clients connected");
            assertEquals(List.of(), firstErrors, "errors while connecting");
            assertEquals(CLIENTS, server.sessionCount());
            endAt[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            long start = System.nanoTime();
            go.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(SECONDS + 120));
                assertTrue(!t.isAlive(), t.getName() + " still running: a lost response");
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            assertEquals(List.of(), firstErrors);
            assertEquals(0, errors.get());
            assertEquals(transactions.get(), all.length);
            int idle = 0;
            for (long[] l : latencies) {
                if (l.length == 0) {
                    idle++;
                }
            }
            System.out.printf("%d connections, %d s: %d transactions (%.0f tps), latency µs p50 %d, p90 %d, p99 %d, "
                            + "p99.9 %d, max %d; %d clients completed none%n", CLIENTS, SECONDS, all.length,
                    all.length / elapsed, pct(all, 50), pct(all, 90), pct(all, 99), pct(all, 99.9),
                    all[all.length - 1], idle);
            assertTrue(all.length >= CLIENTS, "every client got through at least once on average");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.sessionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, server.sessionCount());
        }
    }

    private static Connection connect(String url, Semaphore connecting) throws Exception {
        connecting.acquire();
        try {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", "bench");
            props.setProperty("connectTimeout", "60");
            return DriverManager.getConnection(url, props);
        } finally {
            connecting.release();
        }
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100))];
    }
}
