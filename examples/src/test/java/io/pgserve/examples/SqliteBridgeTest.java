package io.pgserve.examples;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SQLite through the bridge. */
class SqliteBridgeTest extends BridgeExampleTest {
    @Override
    String url(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("sales.sqlite");
    }

    /** Waits for the bridge's readers (a catalog refresh) instead of failing with "database is locked". */
    @Override
    Connection nativeConnection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("busy_timeout", "10000");
        return DriverManager.getConnection(url(dir), p);
    }

    @Override
    String endlessQuery() {
        return "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 100000000000) SELECT i FROM r";
    }

    @Override
    List<String> nativeBiQueries() {
        return List.of(
                "SELECT strftime('%Y-%m-01 00:00:00', placed_at), count(*), sum(amount) FROM orders "
                        + "GROUP BY 1 ORDER BY 1",
                "SELECT status, count(DISTINCT customer_id) FROM orders GROUP BY status "
                        + "ORDER BY status IS NULL, status",
                "SELECT c.name, sum(o.amount) AS total FROM orders o JOIN customers c "
                        + "ON c.id = o.customer_id GROUP BY c.name ORDER BY total IS NULL DESC, total DESC "
                        + "LIMIT 5",
                "SELECT count(*), sum(amount) FROM orders WHERE status IN ('paid', 'shipped') "
                        + "AND placed_at >= '2024-03-01 00:00:00' AND placed_at < '2024-06-01 00:00:00'",
                "SELECT CASE WHEN amount >= 250 THEN 'large' WHEN amount >= 100 THEN 'medium' "
                        + "ELSE 'small' END AS size, count(*) FROM orders GROUP BY 1 ORDER BY 1",
                "SELECT c.country, COALESCE(sum(o.amount), 0) FROM customers c LEFT JOIN orders o "
                        + "ON o.customer_id = c.id AND o.status = 'cancelled' GROUP BY c.country "
                        + "ORDER BY c.country IS NULL, c.country",
                "SELECT CAST(strftime('%Y', placed_at) AS INTEGER), "
                        + "(CAST(strftime('%m', placed_at) AS INTEGER) + 2) / 3, count(*) FROM orders "
                        + "GROUP BY 1, 2 ORDER BY 1, 2",
                "SELECT date(placed_at, '-' || ((CAST(strftime('%w', placed_at) AS INTEGER) + 6) % 7) "
                        + "|| ' days') || ' 00:00:00', count(*) FROM orders "
                        + "WHERE placed_at < '2024-03-01' GROUP BY 1 ORDER BY 1",
                "SELECT id, amount FROM orders ORDER BY amount IS NULL DESC, amount DESC, id "
                        + "LIMIT 5 OFFSET 2",
                "SELECT count(*) FROM customers WHERE lower(name) LIKE '%an%' AND name GLOB 'H*'",
                "SELECT status, round(avg(amount), 2), sum(amount) / count(*) FROM orders "
                        + "GROUP BY status ORDER BY status IS NULL, status",
                "SELECT customer_id, sum(status = 'paid'), 3 FROM orders "
                        + "GROUP BY customer_id HAVING count(*) > 15 ORDER BY 2 DESC, 1");
    }

    /** SQLite has savepoints: they pass through, with PostgreSQL's command tags and errors around them. */
    @Test
    void savepoints() throws Exception {
        String out = HelloExampleTest.psql(null, server.port(), "postgres", null,
                "-c", "BEGIN", "-c", "INSERT INTO customers (id, name) VALUES (200, 'kept')", "-c", "SAVEPOINT s",
                "-c", "INSERT INTO customers (id, name) VALUES (201, 'undone')", "-c", "ROLLBACK TO SAVEPOINT s",
                "-c", "RELEASE SAVEPOINT s", "-c", "RELEASE SAVEPOINT s", "-c", "ROLLBACK", "-c", "BEGIN",
                "-c", "INSERT INTO customers (id, name) VALUES (202, 'kept')", "-c", "SAVEPOINT t",
                "-c", "RELEASE SAVEPOINT t", "-c", "COMMIT",
                "-c", "SELECT id FROM customers WHERE id >= 200 ORDER BY id", "-c", "SAVEPOINT u");
        assertEquals("""
                BEGIN
                INSERT 0 1
                SAVEPOINT
                INSERT 0 1
                ROLLBACK
                RELEASE
                ERROR:  savepoint "s" does not exist
                ROLLBACK
                BEGIN
                INSERT 0 1
                SAVEPOINT
                RELEASE
                COMMIT
                202
                ERROR:  SAVEPOINT can only be used in transaction blocks
                """, out);
    }
}
