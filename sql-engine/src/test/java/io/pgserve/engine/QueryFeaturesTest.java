package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The query-level features (set-returning functions, sub-SELECTs, WITH [RECURSIVE], joins, DISTINCT ON...) against
 * PostgreSQL 15's own answers: each query of src/test/resources/query-features/queries.sql over setup.sql must give
 * the column names, rows (in order when the query has ORDER BY) or error (SQLSTATE and message) recorded in
 * expected.tsv by src/test/golden/make-query-features.py.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryFeaturesTest {
    private static final Path DIR = Path.of("src/test/resources/query-features");

    private static PgServer server;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.builder().port(0).handler(SqlEngine.memdb()).build().start();
        Properties p = new Properties();
        p.setProperty("user", "u");
        p.setProperty("preferQueryMode", "simple");
        connection = DriverManager.getConnection(server.jdbcUrl(), p);
        try (Statement s = connection.createStatement()) {
            for (String sql : Files.readString(DIR.resolve("setup.sql")).split(";\n")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        server.close();
    }

    /** A query and PostgreSQL's answer: columns and rows, or an error. */
    record Expected(String sql, List<String> columns, List<List<String>> rows, String sqlState, String message) {
    }

    static List<Expected> expected() throws Exception {
        List<Expected> out = new ArrayList<>();
        String sql = null;
        List<String> columns = null;
        List<List<String>> rows = null;
        for (String line : Files.readAllLines(DIR.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            List<String> values = Arrays.stream(f).skip(1).map(QueryFeaturesTest::un).toList();
            switch (f[0]) {
                case "query" -> {
                    if (sql != null && columns != null) {
                        out.add(new Expected(sql, columns, rows, null, null));
                    }
                    sql = un(f[1]);
                    columns = null;
                    rows = new ArrayList<>();
                }
                case "columns" -> columns = values;
                case "row" -> rows.add(values);
                case "error" -> {
                    out.add(new Expected(sql, null, null, f[1], un(f[2])));
                    sql = null;
                }
                default -> throw new IllegalStateException(line);
            }
        }
        if (sql != null && columns != null) {
            out.add(new Expected(sql, columns, rows, null, null));
        }
        return out;
    }

    private static String un(String s) {
        if (s.equals("\\N")) {
            return null;
        }
        return s.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\");
    }

    @TestFactory
    Stream<DynamicTest> answersAsPostgresqlDoes() throws Exception {
        return expected().stream().map(e -> DynamicTest.dynamicTest(e.sql(), () -> check(e)));
    }

    private static void check(Expected want) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(want.sql())) {
            ResultSetMetaData md = rs.getMetaData();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                columns.add(md.getColumnLabel(c));
            }
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            if (want.sqlState() == null) {
                fail(e.getSQLState() + " " + e.getMessage());
            }
            assertEquals(want.sqlState() + " " + want.message(), e.getSQLState() + " "
                    + e.getMessage().replaceFirst("^ERROR: ", "").replaceFirst("\\n(.|\\n)*", ""));
            return;
        }
        if (want.sqlState() != null) {
            fail("PostgreSQL fails with " + want.sqlState() + " " + want.message() + " but memdb answered " + rows);
        }
        assertEquals(want.columns(), columns, "column names");
        List<List<String>> wantRows = want.rows();
        if (!want.sql().toLowerCase(Locale.ROOT).contains("order by")) {
            wantRows = sorted(wantRows);
            rows = sorted(rows);
        }
        assertEquals(wantRows, rows);
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        return copy;
    }
}
