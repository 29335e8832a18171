package io.pgserve.testing;

import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static io.pgserve.testing.Stubbing.*;
import static org.junit.jupiter.api.Assertions.*;

@Timeout(30)
class PgTestServerTest {
    private PgTestServer pg;

    @BeforeEach
    void start() {
        pg = new PgTestServer().start();
    }

    @AfterEach
    void stop() {
        pg.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl());
    }

    @Test
    void a_stub_answers_whatever_the_spacing_case_and_comments() throws Exception {
        pg.stubFor(sql("SELECT name, age FROM users WHERE id = 7")
                .willReturn(rows(column("name", PgType.TEXT), column("age", PgType.INT4)).row("ada", 36)));
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select  name,age -- who\n FROM Users where ID=7")) {
            assertTrue(rs.next());
            assertEquals("ada", rs.getString(1));
            assertEquals(36, rs.getInt(2));
            ResultSetMetaData md = rs.getMetaData();
            assertEquals("int4", md.getColumnTypeName(2));
            assertFalse(rs.next());
        }
        pg.verify(1, sql("select name, age from users where id = 7"));
    }

    @Test
    void prepared_statements_match_by_parameters_and_describe_the_stub_columns() throws Exception {
        pg.stubFor(sql("SELECT name FROM users WHERE id = $1").withParameters(1)
                .willReturn(rows(column("name", PgType.TEXT)).row("ada")));
        pg.stubFor(sql("SELECT name FROM users WHERE id = $1").withParameters(2)
                .willReturn(rows(column("name", PgType.TEXT)).row("grace")));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT name FROM users WHERE id = ?")) {
            assertEquals("name", ps.getMetaData().getColumnName(1)); // Describe of the statement, not a call
            for (int id : new int[] {1, 2, 2}) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(id == 1 ? "ada" : "grace", rs.getString(1));
                }
            }
        }
        pg.verify(3, sql("SELECT name FROM users WHERE id = $1"));
        pg.verify(2, sql("SELECT name FROM users WHERE id = $1").withParameters(2));
        assertEquals(2, pg.stubs().get(0).callCount());
    }

    @Test
    void unmatched_statements_fall_through_to_the_in_memory_database() throws Exception {
        pg.execute("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'one')");
        pg.stubFor(sql("SELECT v FROM t WHERE id = 2").willReturn(rows(column("v", PgType.TEXT)).row("stubbed")));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t VALUES (2, 'two')");
            try (ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id = 2")) {
                assertTrue(rs.next());
                assertEquals("stubbed", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
        assertEquals(3, pg.received().size());
        assertTrue(pg.received().get(0).stub().isEmpty());
        assertTrue(pg.received().get(1).stub().isPresent());
    }

    @Test
    void restore_points_bring_the_data_back() throws Exception {
        pg.execute("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)");
        RestorePoint one = pg.restorePoint();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t VALUES (2)");
            s.executeUpdate("DELETE FROM t WHERE id = 1");
            one.restore();
            try (ResultSet rs = s.executeQuery("SELECT array_agg(id) FROM t")) {
                assertTrue(rs.next());
                assertEquals("{1}", rs.getString(1));
            }
            pg.restoreSeeded(); // the state when built: no table at all
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM t"))
                    .getSQLState());
        }
        try (PgTestServer other = new PgTestServer()) {
            assertThrows(IllegalArgumentException.class, () -> other.restore(one));
        }
    }

    @Test
    void computed_answers_see_the_parameters() throws Exception {
        Stub echo = pg.stubFor(sql("SELECT greeting($1)").willAnswer(st ->
                rows(column("greeting", PgType.TEXT)).row("hello " + st.parameters().get(0))));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT greeting(?)")) {
            ps.setString(1, "ada");
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("hello ada", rs.getString(1));
            }
        }
        assertEquals(1, echo.callCount());
    }

    @Test
    void errors_carry_sqlstate_message_and_detail() throws Exception {
        pg.stubFor(sql("DELETE FROM users").willReturn(
                error("42501", "permission denied for table users").withDetail("only admins").withHint("ask")));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class, () -> s.executeUpdate("delete from users"));
            assertEquals("42501", e.getSQLState());
            assertEquals("permission denied for table users", e.getServerErrorMessage().getMessage());
            assertEquals("only admins", e.getServerErrorMessage().getDetail());
            assertEquals("ask", e.getServerErrorMessage().getHint());
            try (ResultSet rs = s.executeQuery("SELECT 1")) { // the session goes on
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void a_sequence_answers_successive_calls_and_the_last_repeats() throws Exception {
        pg.stubFor(sql("UPDATE accounts SET n = n + 1").willReturn(serializationFailure(), command("UPDATE", 1)));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals("40001", assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE accounts SET n = n + 1")).getSQLState());
            assertEquals(1, s.executeUpdate("UPDATE accounts SET n = n + 1"));
            assertEquals(1, s.executeUpdate("UPDATE accounts SET n = n + 1"));
        }
    }

    @Test
    void a_stubbed_error_fails_the_transaction_block_and_its_earlier_writes_are_rolled_back() throws Exception {
        pg.execute("CREATE TABLE t (id int PRIMARY KEY)");
        pg.stubFor(sql("UPDATE t SET id = id + 1").willReturn(serializationFailure()));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO t VALUES (1)");
            assertEquals("40001", assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE t SET id = id + 1"))
                    .getSQLState());
            assertEquals("25P02", assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1")).getSQLState());
            c.commit(); // PostgreSQL answers ROLLBACK; the database drops the INSERT
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
        }
    }

    @Test
    void a_failing_commit_rolls_the_transaction_back() throws Exception {
        pg.execute("CREATE TABLE t (id int PRIMARY KEY)");
        pg.stubFor(sql("COMMIT").willReturn(serializationFailure(), command("COMMIT")));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO t VALUES (1)");
            assertEquals("40001", assertThrows(SQLException.class, c::commit).getSQLState());
            s.executeUpdate("INSERT INTO t VALUES (2)"); // a new transaction: the first one is gone
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
        }
        pg.verify(1, sql("COMMIT"));
    }

    @Test
    void declared_parameter_types_answer_a_describe() throws Exception {
        pg.stubFor(sql("SELECT lookup($1, $2)").withParameterTypes(PgType.INT8, PgType.DATE)
                .willReturn(rows(column("lookup", PgType.TEXT)).row("x")));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT lookup(?, ?)")) {
            java.sql.ParameterMetaData md = ps.getParameterMetaData();
            assertEquals("int8", md.getParameterTypeName(1));
            assertEquals("date", md.getParameterTypeName(2));
        }
        assertEquals(0, pg.stubs().get(0).callCount()); // describing is not a call
    }

    @Test
    void queued_responses_answer_the_next_unstubbed_statements_in_order() throws Exception {
        pg.stubFor(sql("SELECT 'stubbed'").willReturn(rows(column("s", PgType.TEXT)).row("stub")));
        pg.enqueue(rows(column("id", PgType.INT8)).row(1L), command("UPDATE", 3));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false); // BEGIN is not answered from the queue
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM anything WHERE x = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1L, rs.getLong(1));
                }
            }
            assertTrue(s.executeQuery("SELECT 'stubbed'").next()); // a stub comes first
            assertEquals(3, s.executeUpdate("UPDATE whatever SET y = 1"));
            c.commit();
            c.setAutoCommit(true);
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE whatever SET y = 1"))
                    .getSQLState()); // the queue is empty: the database answers
        }
    }

    @Test
    void command_tags_report_row_counts() throws Exception {
        pg.stubFor(sql("INSERT INTO audit SELECT * FROM staging").willReturn(command("INSERT", 42)));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals(42, s.executeUpdate("INSERT INTO audit SELECT * FROM staging"));
        }
    }

    @Test
    void a_dropped_connection_breaks_the_clients_connection() throws Exception {
        pg.stubFor(sqlMatching("(?i)^select pg_sleep").willReturn(dropConnection()));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT pg_sleep(1)"));
            assertEquals("57P01", e.getSQLState());
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
            assertFalse(c.isValid(2));
        }
    }

    @Test
    void a_delay_is_cut_short_by_the_drivers_query_timeout() throws Exception {
        pg.stubFor(sql("SELECT slow()").willReturn(
                rows(column("slow", PgType.INT4)).row(1).delayedBy(Duration.ofSeconds(20))));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            long t0 = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT slow()"));
            assertEquals("57014", e.getSQLState());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
        }
    }

    @Test
    void verification_failures_list_the_closest_statements() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
            ps.setInt(1, 5);
            ps.executeQuery().close();
        }
        VerificationException e = assertThrows(VerificationException.class,
                () -> pg.verify(2, sql("SELECT $1 + 1").withParameters(4)));
        assertTrue(e.getMessage().startsWith("Expected exactly 2 statements matching sql(\"SELECT $1 + 1\")"
                + ".withParameters[4], but received 0."), e.getMessage());
        assertTrue(e.getMessage().contains("parameters differ: $1: expected 4 but was 5"), e.getMessage());
        pg.verify(sql("select $1+1"));
        pg.verify(0, sql("SELECT 2"));
    }

    @Test
    void strict_mode_refuses_unmatched_statements_with_the_closest_stubs() throws Exception {
        try (PgTestServer strict = PgTestServer.builder().strict().start()) {
            strict.stubFor(sql("SELECT id FROM orders WHERE status = 'open'")
                    .willReturn(rows(column("id", PgType.INT8)).row(1L)));
            strict.stubFor(sql("SELECT 1").willReturn(rows(column("?column?", PgType.INT4)).row(1)));
            try (Connection c = DriverManager.getConnection(strict.jdbcUrl()); Statement s = c.createStatement()) {
                PSQLException e = assertThrows(PSQLException.class,
                        () -> s.executeQuery("SELECT id FROM orders WHERE status = 'opened'"));
                assertEquals("XX000", e.getSQLState());
                String detail = e.getServerErrorMessage().getDetail();
                assertTrue(detail.contains("1. sql(\"SELECT id FROM orders WHERE status = 'open'\")"), detail);
                assertTrue(s.executeQuery("SELECT 1").next());
            }
            VerificationException v = assertThrows(VerificationException.class, strict::verifyNoUnmatched);
            assertTrue(v.getMessage().contains("1 statement matched no stub"), v.getMessage());
            assertEquals(List.of("SELECT id FROM orders WHERE status = 'opened'"),
                    strict.unmatched().stream().map(ReceivedStatement::normalizedSql).toList());
        }
    }
}
