package io.pgserve.testing.junit;

import io.pgserve.testing.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The declarative form without a static field: each test gets its own server, closed after it. */
@PgTest
@Timeout(30)
class PgTestPerTestTest {
    static final List<PgTestServer> servers = new ArrayList<>();
    PgTestServer field;

    @RepeatedTest(3)
    void each_test_has_its_own_server_and_database(PgTestServer pg) throws Exception {
        assertSame(field, pg);
        synchronized (servers) {
            for (PgTestServer earlier : servers) {
                assertNotSame(earlier, pg);
                assertFalse(earlier.isRunning()); // closed by the extension store after its test
            }
            servers.add(pg);
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl())) {
            c.createStatement().execute("CREATE TABLE t (id int)"); // would fail on a shared database
            c.createStatement().execute("INSERT INTO t VALUES (1)");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @AfterAll
    static void all_closed() {
        assertEquals(3, servers.size());
        for (PgTestServer s : servers) {
            assertFalse(s.isRunning());
        }
    }
}
