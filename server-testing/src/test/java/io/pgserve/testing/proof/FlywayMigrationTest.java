package io.pgserve.testing.proof;

import io.pgserve.testing.PgTestServer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.pgserve.testing.Stubbing.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A real migration tool against the double: Flyway (core + its PostgreSQL module, from Maven Central) migrates
 * {@code db/migration} over pgjdbc, with nothing stubbed: its catalog queries (pg_namespace, pg_class, pg_roles) run in
 * memdb's pg_catalog, and the lock it takes for the migration ({@code pg_try_advisory_xact_lock}) is the engine's
 * advisory lock.
 */
@Timeout(60)
class FlywayMigrationTest {
    private PgTestServer pg;

    @BeforeEach
    void start() {
        pg = new PgTestServer().start();
    }

    @AfterEach
    void stop() {
        pg.close();
    }

    @Test
    void flyway_migrates_the_double_and_its_history_is_in_the_database() throws Exception {
        MigrateResult result = Flyway.configure()
                // a generous connect timeout: the first session of a cold JVM on a loaded CI machine is slow
                .dataSource(pg.connectionInfo().jdbcUrl() + "?connectTimeout=120", pg.user(), pg.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();

        assertTrue(result.success);
        assertEquals(4, result.migrationsExecuted);
        assertEquals("10", result.targetSchemaVersion);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name FROM customers ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals("Ada", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
                for (String version : new String[] {"1", "1.1", "2", "10"}) {
                    assertTrue(rs.next());
                    assertEquals(version, rs.getString(1));
                    assertTrue(rs.getBoolean(2));
                }
                assertFalse(rs.next());
            }
        }
        // The migrations and the history table's DDL ran in memdb, not in stubs:
        pg.verify(1, sqlMatching("^ALTER TABLE \"public\"\\.\"flyway_schema_history\" ADD CONSTRAINT"));
        pg.verify(1, sql("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, "
                + "total numeric(10, 2) NOT NULL, status text NOT NULL)"));
        assertTrue(pg.findAll(sqlMatching("^CREATE TABLE (customers|orders|order_notes)")).stream()
                .allMatch(r -> r.stub().isEmpty()));
        // The catalog queries ran in memdb's pg_catalog:
        assertTrue(pg.findAll(sqlMatching("pg_catalog\\.pg_class")).stream().allMatch(r -> r.stub().isEmpty()));
        pg.verify(sqlMatching("FROM pg_namespace WHERE nspname"));
        // Flyway's migration lock was the engine's advisory lock, and nothing was answered by a stub:
        pg.verify(sqlMatching("^SELECT pg_try_advisory_xact_lock\\("));
        assertTrue(pg.findAll(sqlMatching(".")).stream().allMatch(r -> r.stub().isEmpty()));
    }
}
