package io.pgserve.examples;

import io.pgserve.server.PgServer;
import io.pgserve.server.testsupport.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge example over one engine: a small sales database made natively through the engine's JDBC driver, then
 * read through pgserve by psql, pgjdbc, SQLAlchemy + pandas and psqlODBC, and a BI-style query set whose results must
 * equal the same queries run natively. {@link DuckDbBridgeTest} and {@link SqliteBridgeTest} give the engine and its native queries.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class BridgeExampleTest {
    @TempDir
    Path dir;
    PgServer server;
    Main main;

    /** The engine's JDBC URL for a database file in {@code dir}. */
    abstract String url(Path dir);

    /** BI queries in PostgreSQL's SQL, as a BI tool sends them. */
    static final List<String> BI_QUERIES = List.of(
            "SELECT date_trunc('month', placed_at) AS month, count(*) AS orders, "
                    + "sum(amount) AS revenue FROM orders GROUP BY date_trunc('month', placed_at) ORDER BY 1",
            "SELECT status, count(DISTINCT customer_id) FROM orders GROUP BY status ORDER BY status",
            "SELECT c.name, sum(o.amount) AS total FROM orders o JOIN customers c "
                    + "ON c.id = o.customer_id GROUP BY c.name ORDER BY total DESC LIMIT 5",
            "SELECT count(*), sum(amount) FROM orders WHERE status IN ('paid', 'shipped') "
                    + "AND placed_at >= CAST('2024-03-01' AS timestamp) AND placed_at < '2024-06-01'::timestamp",
            "SELECT CASE WHEN amount >= 250 THEN 'large' WHEN amount >= 100 THEN 'medium' "
                    + "ELSE 'small' END AS size, count(*) FROM orders GROUP BY 1 ORDER BY 1",
            "SELECT c.country, COALESCE(sum(o.amount), 0) AS total FROM customers c LEFT JOIN "
                    + "orders o ON o.customer_id = c.id AND o.status = 'cancelled' GROUP BY c.country "
                    + "ORDER BY c.country",
            "SELECT extract(year FROM placed_at) AS y, EXTRACT(QUARTER FROM placed_at) AS q, "
                    + "count(*) FROM orders GROUP BY 1, 2 ORDER BY 1, 2",
            "SELECT date_trunc('week', placed_at) AS week, count(*) FROM orders "
                    + "WHERE placed_at < '2024-03-01' GROUP BY 1 ORDER BY 1",
            "SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 5 OFFSET 2",
            "SELECT count(*) FROM customers WHERE name ILIKE '%AN%' AND name LIKE 'H%'",
            "SELECT status, round(avg(amount), 2), sum(amount) / count(*) FROM orders "
                    + "GROUP BY status ORDER BY status",
            "SELECT customer_id, count(*) FILTER (WHERE status = 'paid') AS paid, 7 / 2 AS half "
                    + "FROM orders GROUP BY customer_id HAVING count(*) > 15 ORDER BY 2 DESC, 1");

    /** Each of {@link #BI_QUERIES}, in its order, in the engine's own SQL. */
    abstract List<String> nativeBiQueries();

    /** A query whose rows (a column i counting from 0 or 1) would take far too long and too much memory to collect. */
    abstract String endlessQuery();

    /** A connection of the engine's own JDBC driver. */
    Connection nativeConnection() throws SQLException {
        return DriverManager.getConnection(url(dir));
    }

    /** Sales data: 20 customers, 300 orders over 2024, some NULL amounts, countries and statuses. */
    @BeforeEach
    void database() throws SQLException {
        try (Connection c = nativeConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, country VARCHAR(2), "
                    + "signed_up DATE)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
                    + "customers (id), amount DECIMAL(10,2), status VARCHAR(10), placed_at TIMESTAMP)");
            s.execute("CREATE INDEX orders_placed_at_idx ON orders (placed_at)");
            Random r = new Random(42);
            String[] names = {"Ann", "Bob", "Chandra", "Dana", "Eve", "Frank", "Gunnar", "Hanna", "Ivan", "Jo"};
            String[] countries = {"DE", "FR", "US", null};
            try (PreparedStatement p = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= 20; i++) {
                    p.setInt(1, i);
                    p.setString(2, names[i % names.length] + " " + i);
                    p.setString(3, countries[i % countries.length]);
                    p.setString(4, "2023-" + String.format("%02d-%02d", 1 + i % 12, 1 + i));
                    p.executeUpdate();
                }
            }
            String[] statuses = {"new", "paid", "shipped", "cancelled", null};
            LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= 300; i++) {
                    p.setInt(1, i);
                    p.setInt(2, 1 + r.nextInt(20));
                    p.setString(3, i % 37 == 0 ? null : BigDecimal.valueOf(100 + r.nextInt(50_000), 2).toPlainString());
                    p.setString(4, statuses[r.nextInt(statuses.length)]);
                    p.setString(5, start.plusMinutes(r.nextInt(365 * 24 * 60)).toString().replace('T', ' ')
                            + (i % 2 == 0 ? ":00" : ":30"));
                    p.executeUpdate();
                }
            }
        }
        main = new Main();
        new CommandLine(main).parseArgs("bridge", "--port", "0", "--jdbc-url", url(dir), "--pool-size", "4",
                "--refresh-seconds", "1");
        server = main.startServer();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (main != null && main.bridgeInstance != null) {
            main.bridgeInstance.close();
        }
    }

    private String psql(String... args) throws IOException, InterruptedException {
        return HelloExampleTest.psql(null, server.port(), "postgres", null, args);
    }

    Connection pg() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
    }

    @Test
    void psqlListsDescribesJoinsAndAggregates() throws Exception {
        String dt = psql("-c", "\\dt");
        assertTrue(dt.contains("public|customers|table|postgres"), dt);
        assertTrue(dt.contains("public|orders|table|postgres"), dt);
        Processes.Result described = Processes.run(List.of("psql", "-X", "-w", "-A", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "postgres", "-d", "postgres", "-c", "\\d orders"), 30);
        String d = described.output();
        assertTrue(d.contains("id|integer||not null|") || d.contains("id|bigint||not null|"), d);
        assertTrue(d.contains("amount|numeric(10,2)|||"), d);
        assertTrue(d.contains("placed_at|timestamp without time zone|||"), d);
        assertTrue(d.contains("PRIMARY KEY, btree (id)"), d);
        assertTrue(d.contains("orders_placed_at_idx"), d);
        assertTrue(d.contains("FOREIGN KEY (customer_id) REFERENCES customers(id)"), d);
        String join = psql("-c", "SELECT c.name, count(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
                + "WHERE c.id = 3 GROUP BY c.name");
        assertTrue(Pattern.compile("Dana 3\\|\\d+\\n").matcher(join).matches(), join);
        assertEquals("300|20\n", psql("-c", "SELECT count(*), count(DISTINCT customer_id) FROM orders"));
        // a word that is also a catalog function's name does not take an engine table's query to the catalog
        assertEquals("300\n", psql("-c", "SELECT count(*) AS version FROM orders"));
        String error = psql("-c", "SELECT nope FROM orders");
        assertTrue(error.contains("ERROR:") && error.contains("nope"), error);
    }

    @Test
    void pgjdbcMetadataQueriesParametersAndTransactions() throws Exception {
        try (Connection c = pg()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(List.of("customers", "orders"), tables);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, "public", "customers", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " "
                            + rs.getInt("NULLABLE"));
                }
            }
            assertEquals(4, columns.size(), columns.toString());
            assertTrue(columns.get(1).equals("name varchar 0") || columns.get(1).equals("name text 0"),
                    columns.toString());
            assertTrue(columns.get(3).equals("signed_up date 1"), columns.toString());
            try (ResultSet rs = md.getImportedKeys(null, "public", "orders")) {
                assertTrue(rs.next());
                assertEquals("customers", rs.getString("PKTABLE_NAME"));
                assertEquals("customer_id", rs.getString("FKCOLUMN_NAME"));
            }

            try (PreparedStatement p = c.prepareStatement(
                    "SELECT count(*), min(placed_at) FROM orders WHERE customer_id = ? AND placed_at >= ?")) {
                p.setInt(1, 7);
                p.setTimestamp(2, java.sql.Timestamp.valueOf("2024-06-01 00:00:00"));
                try (ResultSet rs = p.executeQuery(); Connection n = nativeConnection();
                     PreparedStatement q = n.prepareStatement("SELECT count(*) FROM orders WHERE customer_id = 7 "
                             + "AND placed_at >= '2024-06-01 00:00:00'"); ResultSet nrs = q.executeQuery()) {
                    assertTrue(rs.next() && nrs.next());
                    assertEquals(nrs.getLong(1), rs.getLong(1));
                    assertTrue(rs.getTimestamp(2).toLocalDateTime().isAfter(LocalDateTime.of(2024, 5, 31, 0, 0)));
                }
            }

            // a parameter sent as text (varchar) compares with an integer column as the engine casts it
            try (PreparedStatement typed = c.prepareStatement("SELECT count(*) FROM orders WHERE customer_id = ?");
                 PreparedStatement text = c.prepareStatement("SELECT count(*) FROM orders WHERE customer_id = ?")) {
                typed.setInt(1, 7);
                text.setString(1, "7");
                try (ResultSet a = typed.executeQuery(); ResultSet b = text.executeQuery()) {
                    assertTrue(a.next() && b.next());
                    assertTrue(a.getLong(1) > 0);
                    assertEquals(a.getLong(1), b.getLong(1));
                }
            }

            // a transaction holds one engine connection: a rolled-back insert is gone, a committed one stays
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("INSERT INTO customers (id, name) VALUES (100, 'temp')"));
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM customers WHERE id = 100")) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                }
                c.rollback();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM customers WHERE id = 100")) {
                    assertTrue(rs.next());
                    assertEquals(0, rs.getInt(1));
                }
                s.executeUpdate("INSERT INTO customers (id, name) VALUES (101, 'kept')");
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM customers WHERE id = 101")) {
                assertTrue(rs.next());
                assertEquals("kept", rs.getString(1));
            }

            // the engine's errors carry PostgreSQL's SQLSTATEs; a failed statement fails its transaction block
            try (Statement s = c.createStatement()) {
                SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
                assertEquals("42P01", missing.getSQLState(), missing.getMessage());
                c.setAutoCommit(false);
                SQLException duplicate = assertThrows(SQLException.class,
                        () -> s.executeUpdate("INSERT INTO customers (id, name) VALUES (1, 'again')"));
                assertEquals("23505", duplicate.getSQLState(), duplicate.getMessage());
                SQLException aborted = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
                assertEquals("25P02", aborted.getSQLState(), aborted.getMessage());
                c.rollback();
                c.setAutoCommit(true);
                try (ResultSet rs = s.executeQuery("SELECT name FROM customers WHERE id = 1")) {
                    assertTrue(rs.next());
                    assertEquals("Bob 1", rs.getString(1));
                }
            }

            // x / 0 is an error, as in PostgreSQL (both engines would answer NULL)
            try (Statement s = c.createStatement()) {
                SQLException zero = assertThrows(SQLException.class,
                        () -> s.executeQuery("SELECT id / (customer_id - customer_id) FROM orders"));
                assertEquals("22012", zero.getSQLState(), zero.getMessage());
                assertEquals("ERROR: division by zero", zero.getMessage());
                try (ResultSet rs = s.executeQuery("SELECT 7 / 2, 7 % 3, 7.0 / 2")) {
                    assertTrue(rs.next());
                    assertEquals(List.of("3", "1", "3.5"), List.of(normalize(rs.getObject(1)),
                            normalize(rs.getObject(2)), normalize(rs.getObject(3))));
                }
            }

            // DDL passes through and the catalog sees it at once
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
                try (ResultSet rs = c.getMetaData().getTables(null, "public", "notes", null)) {
                    assertTrue(rs.next(), "notes is in the catalog after CREATE TABLE");
                }
                // what cannot be translated is an error naming it, never a wrong answer
                SQLException e = assertThrows(SQLException.class,
                        () -> s.executeQuery("SELECT to_char(placed_at, 'YYYY') FROM orders"));
                assertEquals("0A000", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("to_char"), e.getMessage());
            }
        }
    }

    @Test
    void aTableMadeBehindTheBridgesBackIsInTheCatalogAfterTheNextRefresh() throws Exception {
        try (Connection n = nativeConnection(); Statement s = n.createStatement()) {
            s.execute("CREATE TABLE made_natively (k INTEGER PRIMARY KEY, v VARCHAR(5))");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
            try (Connection c = pg(); ResultSet rs = c.getMetaData().getTables(null, "public", "made_natively", null)) {
                seen = rs.next();
            }
            Thread.sleep(200);
        }
        assertTrue(seen, "made_natively is not in the catalog 20 s after it was created (--refresh-seconds 1)");
    }

    @Test
    void rowsStreamAsTheClientReadsThem() throws Exception {
        try (Connection c = pg()) {
            c.setAutoCommit(false); // pgjdbc fetches fetchSize rows at a time only inside a transaction
            try (Statement s = c.createStatement()) {
                s.setFetchSize(100);
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery(endlessQuery())) {
                    for (int k = 0; k < 1000; k++) {
                        assertTrue(rs.next());
                    }
                    assertTrue(rs.getLong(1) <= 1000, "rows in order: " + rs.getLong(1));
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms < 20_000, "the first 1000 rows took " + ms + " ms");
            }
            c.rollback();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
                assertTrue(rs.next());
                assertEquals(20, rs.getInt(1));
            }
        }
    }

    @Test
    void cancelStopsTheEngineStatement() throws Exception {
        try (Connection c = pg(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1); // pgjdbc sends a CancelRequest after 1 s
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT count(*), max(i) FROM (" + endlessQuery() + ") AS q"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(ms < 15_000, "cancelled after " + ms + " ms");
            s.setQueryTimeout(0);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) { // the session goes on
                assertTrue(rs.next());
                assertEquals(300, rs.getInt(1));
            }
        }
    }

    @Test
    void biQueriesEqualTheEngineRunningThemNatively() throws Exception {
        try (Connection bridged = pg(); Connection native_ = nativeConnection()) {
            List<String> natives = nativeBiQueries();
            assertEquals(BI_QUERIES.size(), natives.size());
            for (int i = 0; i < natives.size(); i++) {
                List<List<String>> expected = rows(native_, natives.get(i));
                List<List<String>> actual = rows(bridged, BI_QUERIES.get(i));
                assertFalse(expected.isEmpty(), natives.get(i));
                assertEquals(expected, actual, BI_QUERIES.get(i));
            }
        }
    }

    /** A result as normalized text: numbers to 4 places, timestamps in ISO form. */
    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(normalize(rs.getObject(i)));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?");

    static String normalize(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        String s = v.toString();
        if (TIMESTAMP.matcher(s).matches()) {
            return LocalDateTime.parse(s.replace(' ', 'T')).toString();
        }
        return s;
    }

    @Test
    void sqlalchemyInspectAndPandasReadSql() throws Exception {
        Path script = dir.resolve("bridge_client.py");
        Files.writeString(script, """
                import sys
                import pandas as pd
                import sqlalchemy as sa
                e = sa.create_engine("postgresql+psycopg2://postgres@127.0.0.1:%s/postgres")
                insp = sa.inspect(e)
                print("tables", sorted(insp.get_table_names()))
                print("columns", [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns("orders")])
                print("pk", insp.get_pk_constraint("orders")["constrained_columns"])
                print("fk", [(f["referred_table"], f["constrained_columns"]) for f in insp.get_foreign_keys("orders")])
                df = pd.read_sql("SELECT status, count(*) AS n FROM orders WHERE status IS NOT NULL "
                                 "GROUP BY status ORDER BY status", e)
                print("df", df["status"].tolist(), int(df["n"].sum()))
                """.formatted(server.port()));
        Processes.Result r = Processes.run(List.of("/usr/bin/python3", script.toString()), 60);
        assertEquals(0, r.exit(), r.output());
        String out = r.output();
        assertTrue(out.contains("tables ['customers', 'orders']"), out);
        assertTrue(out.contains("('amount', 'NUMERIC(10, 2)', True)"), out);
        assertTrue(out.contains("('placed_at', 'TIMESTAMP', True)"), out);
        assertTrue(out.contains("pk ['id']"), out);
        assertTrue(out.contains("fk [('customers', ['customer_id'])]"), out);
        try (Connection n = nativeConnection()) {
            List<List<String>> nat = rows(n, "SELECT count(*) FROM orders WHERE status IS NOT NULL");
            assertTrue(out.contains("df ['cancelled', 'new', 'paid', 'shipped'] " + nat.get(0).get(0)), out);
        }
    }

    @Test
    void psqlodbcThroughIsql() throws Exception {
        Path sql = dir.resolve("odbc.sql");
        Files.writeString(sql, "SELECT count(*) AS n, max(id) AS top FROM orders\n"
                + "SELECT name FROM customers WHERE id = 2\n");
        String conn = "Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=" + server.port()
                + ";Database=postgres;Uid=postgres;Pwd=;SSLMode=disable";
        Processes.Result r = Processes.run(List.of("sh", "-c", "isql -b -v -d'|' -k '" + conn + "' < " + sql), 60);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("300|300"), r.output());
        assertTrue(r.output().contains("Chandra 2"), r.output());
    }
}
