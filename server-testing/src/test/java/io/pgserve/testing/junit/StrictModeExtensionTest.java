package io.pgserve.testing.junit;

import io.pgserve.server.types.PgType;
import io.pgserve.testing.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static io.pgserve.testing.Stubbing.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** In strict mode a statement without a stub fails its test, even when the application swallowed the error. */
@Timeout(60)
class StrictModeExtensionTest {

    @Test
    void a_test_whose_code_ran_an_unstubbed_statement_fails_with_the_near_misses() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request().selectors(selectClass(StrictExample.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        assertEquals(2, summary.getTestsStartedCount());
        assertEquals(1, summary.getTestsSucceededCount());
        assertEquals(1, summary.getTotalFailureCount());
        Throwable failure = summary.getFailures().get(0).getException();
        assertInstanceOf(VerificationException.class, failure);
        assertTrue(failure.getMessage().contains("SELECT name FROM users WHERE id = 2"), failure.getMessage());
        assertTrue(failure.getMessage().contains("1. sql(\"SELECT name FROM users WHERE id = 1\")"),
                failure.getMessage());
    }

    /** Run by the test above only (surefire skips nested classes). */
    @PgTest(strict = true)
    static class StrictExample {
        static io.pgserve.testing.PgTestServer pg;

        @Test
        void stubbed_only(@JdbcUrl String url) throws SQLException {
            pg.stubFor(sql("SELECT name FROM users WHERE id = 1").willReturn(rows(column("name", PgType.TEXT))));
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.executeQuery("SELECT name FROM users WHERE id = 1").close();
                s.execute("BEGIN");   // transaction control reaches the database even in strict mode
                s.execute("COMMIT");
            }
        }

        @Test
        void swallows_an_error(@JdbcUrl String url) throws SQLException {
            pg.stubFor(sql("SELECT name FROM users WHERE id = 1").willReturn(rows(column("name", PgType.TEXT))));
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.executeQuery("SELECT name FROM users WHERE id = 2").close();
            } catch (SQLException e) {
                // the application logs and goes on; the extension still fails the test
            }
        }
    }
}
