package io.pgserve.examples;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DuckDB through the bridge. */
class DuckDbBridgeTest extends BridgeExampleTest {
    @Override
    String url(Path dir) {
        return "jdbc:duckdb:" + dir.resolve("sales.duckdb");
    }

    /** The bridge's connection settings: DuckDB opens a database file once per process, with one configuration. */
    @Override
    Connection nativeConnection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("jdbc_stream_results", "true");
        return DriverManager.getConnection(url(dir), p);
    }

    @Override
    String endlessQuery() {
        return "SELECT i FROM range(2000000000) AS t(i)";
    }

    @Override
    List<String> nativeBiQueries() {
        return List.of(
                "SELECT date_trunc('month', placed_at), count(*), sum(amount) FROM orders GROUP BY 1 "
                        + "ORDER BY 1",
                "SELECT status, count(DISTINCT customer_id) FROM orders GROUP BY status "
                        + "ORDER BY status NULLS LAST",
                "SELECT c.name, sum(o.amount) AS total FROM orders o JOIN customers c "
                        + "ON c.id = o.customer_id GROUP BY c.name ORDER BY total DESC NULLS FIRST LIMIT 5",
                "SELECT count(*), sum(amount) FROM orders WHERE status IN ('paid', 'shipped') "
                        + "AND placed_at >= TIMESTAMP '2024-03-01' AND placed_at < TIMESTAMP '2024-06-01'",
                "SELECT CASE WHEN amount >= 250 THEN 'large' WHEN amount >= 100 THEN 'medium' "
                        + "ELSE 'small' END AS size, count(*) FROM orders GROUP BY 1 ORDER BY 1",
                "SELECT c.country, COALESCE(sum(o.amount), 0) FROM customers c LEFT JOIN orders o "
                        + "ON o.customer_id = c.id AND o.status = 'cancelled' GROUP BY c.country "
                        + "ORDER BY c.country NULLS LAST",
                "SELECT year(placed_at), quarter(placed_at), count(*) FROM orders GROUP BY 1, 2 "
                        + "ORDER BY 1, 2",
                "SELECT date_trunc('week', placed_at), count(*) FROM orders "
                        + "WHERE placed_at < TIMESTAMP '2024-03-01' GROUP BY 1 ORDER BY 1",
                "SELECT id, amount FROM orders ORDER BY amount DESC NULLS FIRST, id LIMIT 5 OFFSET 2",
                "SELECT count(*) FROM customers WHERE lower(name) LIKE '%an%' AND name LIKE 'H%'",
                "SELECT status, round(avg(amount), 2), sum(amount) / count(*) FROM orders "
                        + "GROUP BY status ORDER BY status NULLS LAST",
                "SELECT customer_id, count(*) FILTER (WHERE status = 'paid'), 3 FROM orders "
                        + "GROUP BY customer_id HAVING count(*) > 15 ORDER BY 2 DESC, 1");
    }

    @Test
    void duckdbTypesReadAsPostgresTypes() throws Exception {
        try (Connection n = nativeConnection(); Statement s = n.createStatement()) {
            s.execute("CREATE TABLE kinds (l INTEGER[], tz TIMESTAMPTZ, b BLOB, h HUGEINT, d DECIMAL(5,2), "
                    + "i INTERVAL, u UUID, f BOOLEAN, t VARCHAR[])");
            s.execute("INSERT INTO kinds VALUES ([1, 2, NULL], TIMESTAMPTZ '2024-01-01 10:00:00+02', 'abc'::BLOB, "
                    + "12345678901234567890, 1.5, INTERVAL 3 DAY, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, "
                    + "['x', 'y z'])");
        }
        try (Connection c = pg(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM kinds")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                types.add(md.getColumnTypeName(i));
            }
            assertEquals(List.of("_int4", "timestamptz", "bytea", "numeric", "numeric", "interval", "uuid", "bool",
                    "_text"), types);
            assertTrue(rs.next());
            assertArrayEquals(new Integer[] {1, 2, null}, (Object[]) rs.getArray(1).getArray());
            assertEquals(OffsetDateTime.parse("2024-01-01T08:00:00Z").toInstant(),
                    rs.getObject(2, OffsetDateTime.class).toInstant());
            assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), rs.getBytes(3));
            assertEquals(new BigDecimal("12345678901234567890"), rs.getBigDecimal(4));
            assertEquals("1.50", rs.getString(5));
            assertEquals("3 days", rs.getString(6));
            assertEquals(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), rs.getObject(7));
            assertTrue(rs.getBoolean(8));
            assertArrayEquals(new String[] {"x", "y z"}, (Object[]) rs.getArray(9).getArray());
        }
    }
}
