package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** set_config() behaves as SET: it changes what the session resolves, is undone by ROLLBACK, and checks names. */
@Timeout(60)
class SetConfigTest {
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = PgServer.builder().host("127.0.0.1").port(0).handler(SqlEngine.memdb()).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void setConfigIsSet() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create schema app");
            s.execute("create table app.things (id int)");
            s.execute("insert into app.things values (7)");
            // the value as SHOW prints it, and the search path really used by the next statement
            assertEquals("app, public", one(s, "select set_config('search_path', 'app, public', false)"));
            assertEquals("app, public", one(s, "show search_path"));
            assertEquals("7", one(s, "select id from things"));
            // is_local: undone at the end of the transaction block; a plain one is undone by ROLLBACK
            String initial = one(s, "select current_setting('application_name')"); // pgjdbc sets one
            c.setAutoCommit(false);
            assertEquals("local_app", one(s, "select set_config('application_name', 'local_app', true)"));
            assertEquals("local_app", one(s, "select current_setting('application_name')"));
            c.commit();
            assertEquals(initial, one(s, "select current_setting('application_name')"));
            one(s, "select set_config('application_name', 'rolled_back', false)");
            c.rollback();
            assertEquals(initial, one(s, "select current_setting('application_name')"));
            c.setAutoCommit(true);
            SQLException e = assertThrows(SQLException.class,
                    () -> one(s, "select set_config('no_such_parameter', 'x', false)"));
            assertEquals("42704", e.getSQLState());
            assertEquals("ERROR: unrecognized configuration parameter \"no_such_parameter\"",
                    e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
