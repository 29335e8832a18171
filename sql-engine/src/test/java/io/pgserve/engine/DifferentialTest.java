package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
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
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * memdb against PostgreSQL 15 itself: the queries of src/test/resources/differential/queries.sql over the data of
 * schema.sql, compared with PostgreSQL's answers in expected.tsv (made by src/test/golden/make-differential-goldens.py)
 * — column names and every value as text, in order when the query has ORDER BY, as a multiset otherwise.
 *
 * <p>{@link #NOT_YET} lists the queries that use what the engine does not implement yet. Each of them must fail
 * with 0A000 feature_not_supported — a wrong answer is never hidden — and one that starts to pass must leave the list.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DifferentialTest {
    private static final Path DIR = Path.of("src/test/resources/differential");

    /** Query number → what the engine lacks for it. */
    private static final Map<Integer, String> NOT_YET = new TreeMap<>(Map.ofEntries(
            Map.entry(1, "the ^ operator"),
            Map.entry(28, "IN (subquery)"), Map.entry(29, "EXISTS"), Map.entry(30, "scalar subqueries"),
            Map.entry(31, "scalar subqueries"), Map.entry(38, "WITH"), Map.entry(39, "WITH RECURSIVE"),
            Map.entry(41, "extract() and date_trunc()"), Map.entry(42, "date + interval"),
            Map.entry(44, "substring/position/replace"), Map.entry(46, "FULL JOIN"),
            Map.entry(51, "ceil, floor, trunc, mod, greatest, least"), Map.entry(52, "generate_series"),
            Map.entry(53, "set-returning functions in FROM"), Map.entry(54, "array constructors and subscripts"),
            Map.entry(55, "= ANY (array)"), Map.entry(56, "jsonb operators"),
            Map.entry(58, "format, quote_ident, trim"),
            Map.entry(59, "regular expressions"), Map.entry(60, "SIMILAR TO, to_char, make_date"),
            Map.entry(62, "DISTINCT ON"), Map.entry(63, "LATERAL")));

    /**
     * How a query the engine cannot run yet may fail: 0A000 for a construct, 42883/42809 for a built-in function or
     * operator not registered yet — PostgreSQL's own errors, never a wrong answer.
     */
    private static final List<String> NOT_YET_STATES = List.of("0A000", "42883", "42809");

    private static PgServer server;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.builder().port(0).handler(SqlEngine.memdb()).build().start();
        Properties p = new Properties();
        p.setProperty("user", "u");
        p.setProperty("preferQueryMode", "simple"); // every value in PostgreSQL's text form, as the goldens are
        connection = DriverManager.getConnection(server.jdbcUrl(), p);
        String schema = Files.readString(DIR.resolve("schema.sql"));
        try (Statement s = connection.createStatement()) {
            for (String statement : schema.split(";\\s*\\n")) {
                String sql = Arrays.stream(statement.split("\n")).filter(l -> !l.startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b).trim();
                if (!sql.isEmpty()) {
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

    record Expected(boolean ok, List<String> columns, List<List<String>> rows, String sqlState) {
    }

    static List<String> queries() throws IOException {
        List<String> out = new ArrayList<>();
        for (String q : Files.readString(DIR.resolve("queries.sql"), StandardCharsets.UTF_8).split("-- #####")) {
            String sql = Arrays.stream(q.split("\n")).filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b)
                    .trim();
            if (!sql.isEmpty()) {
                out.add(sql);
            }
        }
        return out;
    }

    static List<Expected> expected() throws IOException {
        List<Expected> out = new ArrayList<>();
        Expected current = null;
        for (String line : Files.readAllLines(DIR.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "query":
                    current = f[2].equals("ok") ? new Expected(true, new ArrayList<>(), new ArrayList<>(), null)
                            : new Expected(false, List.of(), List.of(), f[3]);
                    out.add(current);
                    break;
                case "columns":
                    current.columns().addAll(Arrays.asList(f).subList(1, f.length).stream().map(DifferentialTest::un)
                            .toList());
                    break;
                case "row":
                    current.rows().add(Arrays.asList(f).subList(1, f.length).stream().map(DifferentialTest::un)
                            .toList());
                    break;
                default:
                    break;
            }
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
    Stream<DynamicTest> everyQueryAnswersAsPostgresqlDoes() throws IOException {
        List<String> queries = queries();
        List<Expected> expected = expected();
        assertEquals(expected.size(), queries.size(), "expected.tsv is out of date: run make-differential-goldens.py");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            int n = i;
            String sql = queries.get(i);
            tests.add(DynamicTest.dynamicTest(n + ": " + sql.replace('\n', ' '), () -> check(n, sql, expected.get(n))));
        }
        return tests.stream();
    }

    private static void check(int n, String sql, Expected want) throws SQLException {
        String gap = NOT_YET.get(n);
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
            if (gap != null) {
                if (!NOT_YET_STATES.contains(e.getSQLState())) {
                    fail("query " + n + " (" + gap + ") must fail with one of " + NOT_YET_STATES + ": "
                            + e.getSQLState() + " " + e.getMessage());
                }
                return;
            }
            if (!want.ok()) {
                assertEquals(want.sqlState(), e.getSQLState(), e.getMessage());
                return;
            }
            fail("query " + n + " failed: " + e.getSQLState() + " " + e.getMessage());
        }
        if (gap != null) {
            fail("query " + n + " now runs: check its result and take it out of NOT_YET (" + gap + ")");
        }
        if (!want.ok()) {
            fail("PostgreSQL fails query " + n + " with " + want.sqlState() + " but memdb answered " + rows);
        }
        assertEquals(want.columns(), columns, "column names");
        boolean ordered = sql.toLowerCase(Locale.ROOT).contains("order by");
        List<List<String>> wantRows = want.rows();
        if (!ordered) {
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
