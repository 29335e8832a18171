package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL's own pgbench against memdb: initialisation (client-side generation with COPY, and server-side with
 * INSERT ... SELECT FROM generate_series), then the default TPC-B-like script with 8 clients, zero failed
 * transactions, and the balances invariant. Short runs for CI (scale 1, 10 s); for a longer profile run set
 * {@code -Dpgbench.seconds=60 -Dpgbench.scale=10}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PgbenchTest {
    static final String PGBENCH = "/usr/lib/postgresql/15/bin/pgbench";
    private PgServer server;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(new File(PGBENCH).canExecute(), "pgbench is not installed at " + PGBENCH
                + " (apt-get install postgresql-15 / .ci/run installs it): pgbench tests skipped");
        server = PgServer.builder().host("127.0.0.1").port(0).handler(SqlEngine.memdb()).build().start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static int scale() {
        return Integer.getInteger("pgbench.scale", 1);
    }

    /** Runs pgbench with these arguments; returns its output (stdout and stderr), failing on a non-zero exit. */
    private String pgbench(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PGBENCH, "-h", "127.0.0.1", "-p", String.valueOf(server.port()),
                "-U", "postgres", "-n"));
        cmd.addAll(List.of(args));
        cmd.add("postgres");
        if (cmd.contains("-i")) {
            cmd.remove("-n");
        }
        Path out = Files.createTempFile("pgbench", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            boolean done = p.waitFor(200, TimeUnit.SECONDS);
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(done, "pgbench did not end: " + text);
            assertEquals(0, p.exitValue(), "pgbench failed: " + String.join(" ", cmd) + "\n" + text);
            return text;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }

    private void checkBalances(long minHistory) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            long accounts = one(s, "select sum(abalance) from pgbench_accounts");
            long branches = one(s, "select sum(bbalance) from pgbench_branches");
            long tellers = one(s, "select sum(tbalance) from pgbench_tellers");
            long history = one(s, "select coalesce(sum(delta), 0) from pgbench_history");
            long count = one(s, "select count(*) from pgbench_history");
            assertEquals(accounts, branches, "sum(abalance) = sum(bbalance)");
            assertEquals(accounts, tellers, "sum(abalance) = sum(tbalance)");
            assertEquals(accounts, history, "sum(abalance) = sum(delta)");
            assertTrue(count >= minHistory, "history rows " + count);
            assertEquals(100_000L * scale(), one(s, "select count(*) from pgbench_accounts"));
        }
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private void runWorkload() throws Exception {
        String seconds = Integer.toString(Integer.getInteger("pgbench.seconds", 10));
        String out = pgbench("-c", "8", "-j", "2", "-T", seconds);
        System.out.println(out);
        Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(out);
        assertTrue(processed.find(), out);
        long tx = Long.parseLong(processed.group(1));
        assertTrue(tx > 0, out);
        Matcher failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(out);
        assertTrue(failed.find(), out);
        assertEquals("0", failed.group(1), out);
        checkBalances(tx);
    }

    @Test
    void clientSideInitThenTpcb() throws Exception {
        String init = pgbench("-i", "-s", String.valueOf(scale()));
        assertTrue(init.contains("done in"), init);
        checkBalances(0);
        runWorkload();
    }

    @Test
    void serverSideInitThenTpcb() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.executeQuery("select * from generate_series(1, 2) as g").close();
        } catch (java.sql.SQLException e) {
            // generate_series as a FROM item comes with the "query" work; this test runs once it is merged
            Assumptions.abort("generate_series() in FROM is not available yet (" + e.getMessage() + ")");
        }
        String init = pgbench("-i", "-I", "dtGvp", "-s", String.valueOf(scale()));
        assertTrue(init.contains("done in"), init);
        checkBalances(0);
        runWorkload();
    }
}
