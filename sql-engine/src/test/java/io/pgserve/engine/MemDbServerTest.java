package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** memdb through a real server and pgjdbc. */
class MemDbServerTest {
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

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    /** A BEGIN inside a block and a COMMIT or ROLLBACK outside one get PostgreSQL's warning, once. */
    @Test
    void misplacedTransactionControlWarnsOnce() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String[] step : new String[][] {{"begin", null}, {"begin", "25001"}, {"commit", null},
                    {"commit", "25P01"}, {"rollback", "25P01"}}) {
                s.clearWarnings();
                s.execute(step[0]);
                java.sql.SQLWarning w = s.getWarnings();
                if (step[1] == null) {
                    assertEquals(null, w, step[0]);
                } else {
                    assertEquals(step[1], w.getSQLState(), step[0]);
                    assertEquals(null, w.getNextWarning(), step[0] + ": one warning, not two");
                }
            }
        }
    }

    @Test
    void crudInTransactions() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table crud (id serial primary key, name text not null, qty int default 0)");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into crud (name, qty) values (?, ?)")) {
                for (int i = 0; i < 10; i++) {
                    ps.setString(1, "item" + i);
                    ps.setInt(2, i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            try (PreparedStatement ps = c.prepareStatement("update crud set qty = qty + ? where id = ?")) {
                ps.setInt(1, 100);
                ps.setInt(2, 1);
                assertEquals(1, ps.executeUpdate());
            }
            assertEquals(1, s.executeUpdate("delete from crud where name = 'item9'"));
            c.commit();
            try (PreparedStatement ps = c.prepareStatement("select id, name, qty from crud where id <= ? order by id")) {
                ps.setInt(1, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt("id"));
                    assertEquals("item0", rs.getString("name"));
                    assertEquals(100, rs.getInt("qty"));
                    assertTrue(rs.next());
                    assertEquals(2, rs.getInt(1));
                    assertFalse(rs.next());
                }
            }
            assertEquals(9, count(c, "select count(*) from crud"));
            SQLException e = assertThrows(SQLException.class, () -> s.execute("insert into crud values (1, 'dup')"));
            assertEquals("23505", e.getSQLState());
            assertTrue(e.getMessage().contains("Key (id)=(1) already exists."), e.getMessage());
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("select name, qty * 2 as double_qty, lower(name) from crud where id = 3")) {
                assertEquals("name", rs.getMetaData().getColumnName(1));
                assertEquals("double_qty", rs.getMetaData().getColumnName(2));
                assertEquals("lower", rs.getMetaData().getColumnName(3));
                assertTrue(rs.next());
                assertEquals(4, rs.getInt(2));
            }
        }
    }

    @Test
    void rollbackRestores() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table rb (id int primary key, v text)");
            s.execute("insert into rb values (1, 'one'), (2, 'two')");
            c.setAutoCommit(false);
            s.execute("update rb set v = 'changed'");
            s.execute("delete from rb where id = 1");
            s.execute("insert into rb values (3, 'three')");
            assertEquals(2, count(c, "select count(*) from rb"));
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("select id, v from rb order by id")) {
                assertTrue(rs.next());
                assertEquals("one", rs.getString(2));
                assertTrue(rs.next());
                assertEquals("two", rs.getString(2));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void concurrentInserts() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table many (id int primary key, who int not null)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            int who = t;
            futures.add(pool.submit(() -> {
                try (Connection c = connect();
                     PreparedStatement ps = c.prepareStatement("insert into many values (?, ?)")) {
                    for (int i = 0; i < 500; i++) {
                        ps.setInt(1, who * 500 + i);
                        ps.setInt(2, who);
                        ps.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        try (Connection c = connect()) {
            assertEquals(10_000, count(c, "select count(*) from many"));
            assertEquals(20, count(c, "select count(*) from (select who from many group by who) g"));
        }
    }

    @Test
    void concurrentCounterIncrements() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table counter (id int primary key, n int not null)");
            s.execute("insert into counter values (1, 0)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            boolean explicit = t == 1;
            futures.add(pool.submit(() -> {
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    for (int i = 0; i < 1000; i++) {
                        if (explicit) {
                            c.setAutoCommit(false);
                            s.executeUpdate("update counter set n = n + 1 where id = 1");
                            c.commit();
                        } else {
                            s.executeUpdate("update counter set n = n + 1 where id = 1");
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        try (Connection c = connect()) {
            assertEquals(2000, count(c, "select n from counter"));
        }
    }

    @Test
    void copyFromAndTo() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table cp (id int primary key, name text, qty int default 7, note text)");
            org.postgresql.copy.CopyManager cm = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            long n = cm.copyIn("copy cp (id, name, note) from stdin",
                    new java.io.StringReader("1\talpha\t\\N\n2\tbeta\tb\\tc\n"));
            assertEquals(2, n);
            n = cm.copyIn("copy cp from stdin with (format csv, header true)",
                    new java.io.StringReader("id,name,qty,note\n3,\"ga, mma\",1,\n"));
            assertEquals(1, n);
            java.io.StringWriter out = new java.io.StringWriter();
            cm.copyOut("copy cp to stdout", out);
            List<String> lines = new ArrayList<>(List.of(out.toString().split("\n")));
            java.util.Collections.sort(lines);
            assertEquals(List.of("1\talpha\t7\t\\N", "2\tbeta\t7\tb\\tc", "3\tga, mma\t1\t\\N"), lines);
            out = new java.io.StringWriter();
            cm.copyOut("copy (select id, name from cp where id = 3) to stdout with (format csv)", out);
            assertEquals("3,\"ga, mma\"\n", out.toString());
            out = new java.io.StringWriter();
            cm.copyOut("copy cp (name) to stdout", out);
            assertEquals(3, out.toString().split("\n").length);
            // a failing COPY (duplicate key) leaves nothing behind
            SQLException e = assertThrows(SQLException.class, () -> cm.copyIn("copy cp (id) from stdin",
                    new java.io.StringReader("10\n1\n")));
            assertEquals("23505", e.getSQLState());
            assertEquals(3, count(c, "select count(*) from cp"));
            // inside a transaction block the rows commit with it
            c.setAutoCommit(false);
            cm.copyIn("copy cp (id) from stdin", new java.io.StringReader("20\n21\n"));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(3, count(c, "select count(*) from cp"));
        }
    }

    @Test
    void concurrentUpsertsOfOneKey() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table kv (k int primary key, v int not null)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                            "insert into kv values (?, 1) on conflict (k) do update set v = kv.v + excluded.v")) {
                        for (int i = 0; i < 200; i++) {
                            ps.setInt(1, i % 3);
                            ps.executeUpdate();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = connect()) {
            assertEquals(1600, count(c, "select sum(v) from kv"));
            assertEquals(3, count(c, "select count(*) from kv"));
        }
    }

    @Test
    void tableOfManyTypes() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table typed (a smallint, b integer, c bigint, d numeric(10,2), e real, f double precision,"
                    + " g text, h varchar(20), i char(3), j boolean, k date, l time, m timestamp, n timestamptz,"
                    + " o interval, p uuid, q bytea, r json, s jsonb, t int[], u text[]) with (fillfactor = 70)");
            s.execute("insert into typed values (1, 2, 3, 4.5, 1.5, 2.5, 'x', 'y', 'z', true, '2024-01-02', '10:11:12',"
                    + " '2024-01-02 03:04:05', '2024-01-02 03:04:05+00', '1 day', "
                    + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x0102', '{\"a\": 1}', '{\"b\": 2}', '{1,2}', "
                    + "'{p,q}')");
            try (ResultSet rs = s.executeQuery("select d, h, j, k, p, s, t from typed where b = 2")) {
                assertTrue(rs.next());
                assertEquals(new java.math.BigDecimal("4.50").compareTo(rs.getBigDecimal(1)), 0);
                assertEquals("y", rs.getString(2));
                assertTrue(rs.getBoolean(3));
                assertEquals("2024-01-02", rs.getString(4));
                assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", rs.getString(5));
                assertEquals("{\"b\": 2}", rs.getString(6));
                assertEquals("{1,2}", rs.getString(7));
            }
        }
    }

    @Test
    void generatedKeysAndReturningOverTheExtendedProtocol() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table gk (id bigserial primary key, name text not null, created timestamptz default now())");
            try (PreparedStatement ps = c.prepareStatement("insert into gk (name) values (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "a");
                assertEquals(1, ps.executeUpdate());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertEquals(1L, keys.getLong("id"));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update gk set name = ? where id = ? returning id, name")) {
                ps.setString(1, "b");
                ps.setLong(2, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("b", rs.getString(2));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into gk (name) values (?) on conflict (id) do nothing")) {
                ps.setString(1, null);
                SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
                assertEquals("23502", e.getSQLState());
            }
        }
    }
}
