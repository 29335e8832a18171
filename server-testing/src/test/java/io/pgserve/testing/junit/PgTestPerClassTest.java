package io.pgserve.testing.junit;

import io.pgserve.server.types.PgType;
import io.pgserve.testing.PgConnectionInfo;
import io.pgserve.testing.PgTestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.pgserve.testing.Stubbing.*;
import static org.junit.jupiter.api.Assertions.*;

/** The declarative form with a static field: one server for the class, stubs reset before each test. */
@PgTest(seed = "classpath:db/migration", user = "app", database = "shop")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(30)
class PgTestPerClassTest {
    static PgTestServer pg;
    static PgTestServer fromBeforeAll;

    @BeforeAll
    static void before(PgTestServer server) {
        fromBeforeAll = server;
    }

    @Test
    @Order(1)
    void injects_the_class_server_everywhere(PgTestServer server, PgConnectionInfo info, @JdbcUrl String url,
                                             DataSource dataSource) throws Exception {
        assertNotNull(pg);
        assertSame(pg, server);
        assertSame(pg, fromBeforeAll);
        assertEquals("app", info.user());
        assertEquals("shop", info.database());
        assertEquals(pg.port(), info.port());
        assertTrue(url.startsWith("jdbc:postgresql://127.0.0.1:" + pg.port() + "/shop?user=app"), url);
        pg.stubFor(sql("SELECT 42").willReturn(rows(column("answer", PgType.INT4)).row(43)));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM customers WHERE id = 3")) {
            assertTrue(rs.next());
            assertEquals("Barbara", rs.getString(1)); // V10 ran after V2
            try (ResultSet answer = s.executeQuery("SELECT 42")) {
                assertTrue(answer.next());
                assertEquals(43, answer.getInt(1));
            }
        }
        assertEquals(2, pg.received().size());
    }

    @Test
    @Order(2)
    void the_next_test_starts_without_the_previous_stubs_and_records(@JdbcUrl String url) throws Exception {
        assertTrue(pg.received().isEmpty());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 42")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
        pg.verify(1, sql("SELECT 42"));
    }
}
