package io.pgserve.testing.junit;

import io.pgserve.server.types.PgType;
import io.pgserve.testing.PgTestServer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.pgserve.testing.Stubbing.*;
import static org.junit.jupiter.api.Assertions.*;

/** Tests running at the same time each get their own server: own port, stubs, records and data. */
@PgTest
@Execution(ExecutionMode.CONCURRENT)
@Timeout(300)
class ParallelServersTest {
    private static final int TESTS = 4;
    private static final CountDownLatch allRunning = new CountDownLatch(TESTS);
    private static final Set<Integer> ports = ConcurrentHashMap.newKeySet();

    @RepeatedTest(TESTS)
    void concurrent_tests_do_not_see_each_other(PgTestServer pg) throws Exception {
        assertTrue(ports.add(pg.port()), "two live servers on one port");
        pg.stubFor(sql("SELECT whoami()").willReturn(rows(column("port", PgType.INT4)).row(pg.port())));
        allRunning.countDown();
        assertTrue(allRunning.await(240, TimeUnit.SECONDS), "the tests did not run concurrently");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int)"); // the same name in every test's own database
            s.execute("INSERT INTO t VALUES (" + pg.port() + ")");
            try (ResultSet rs = s.executeQuery("SELECT id FROM t")) {
                assertTrue(rs.next());
                assertEquals(pg.port(), rs.getInt(1));
                assertFalse(rs.next());
            }
            try (ResultSet rs = s.executeQuery("SELECT whoami()")) {
                assertTrue(rs.next());
                assertEquals(pg.port(), rs.getInt(1));
            }
        }
        assertEquals(4, pg.received().size());
    }
}
