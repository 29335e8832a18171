package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.postgresql.jdbc.PgResultSetMetaData;
import org.postgresql.util.PSQLException;

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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * memdb against PostgreSQL 15 itself: the queries of src/test/resources/differential/queries.sql over the data of
 * schema.sql, compared with PostgreSQL's answers in expected.tsv (made by src/test/golden/make-differential-goldens.py)
 * — column names, column types (OID and type modifier) and every value as text, in order when the query has a
 * top-level ORDER BY, as a multiset otherwise; for a query PostgreSQL rejects, the SQLSTATE and the message.
 *
 * <p>Two lists name the queries that do not equal PostgreSQL's answer yet, one per line ({@code number | reason}):
 * <ul>
 *   <li>{@link #NOT_YET}: what the engine does not implement yet. Each must fail with 0A000, 42883 or 42809 — a
 *       wrong answer is never hidden there.</li>
 *   <li>{@link #KNOWN_WRONG}: engine bugs — a wrong answer, a wrong error or a syntax the parser lacks — listed so
 *       that they are routed and fixed, not hidden: each must still differ from PostgreSQL.</li>
 * </ul>
 * A listed query that starts to answer as PostgreSQL does (or a KNOWN_WRONG one that now fails cleanly) does not fail
 * its own test: the last test, {@code lists are up to date}, fails once, naming every such line and giving the one
 * {@code sed} command that deletes them all, plus the lines to add for unlisted queries that fail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DifferentialTest {
    private static final Path DIR = Path.of("src/test/resources/differential");

    /** Query number → what the engine lacks for it (one {@code number | reason} per line). */
    private static final Map<Integer, String> NOT_YET = entries("""
            """);

    /** Query number → how the engine's answer differs from PostgreSQL's (one {@code number | reason} per line). */
    private static final Map<Integer, String> KNOWN_WRONG = entries("""
            471 | a whole-row reference is of the anonymous type record (2249), not the table's row type (tables have \
            no composite type in pg_type yet)
            """);

    /**
     * How a query the engine cannot run yet may fail: 0A000 for a construct, 42883/42809 for a built-in function or
     * operator not registered yet — PostgreSQL's own errors, never a wrong answer.
     */
    private static final List<String> NOT_YET_STATES = List.of("0A000", "42883", "42809");

    private static final String SOURCE = "sql-engine/src/test/java/io/pgserve/engine/DifferentialTest.java";

    /** Listed queries whose line must go: query number → the line and why. Filled by the query tests. */
    private static final Map<Integer, String> STALE = new ConcurrentSkipListMap<>();
    /** Unlisted queries that fail: query number → the line to add and to which list. */
    private static final Map<Integer, String> MISSING = new ConcurrentSkipListMap<>();

    private static PgServer server;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.builder().port(0).handler(SqlEngine.memdb()).build().start();
        Properties p = new Properties();
        p.setProperty("user", "postgres"); // as the goldens' session: current_user is part of the corpus
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

    /** Parses a list: one {@code number | reason} per line. */
    static Map<Integer, String> entries(String lines) {
        Map<Integer, String> out = new TreeMap<>();
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int bar = line.indexOf('|');
            Integer n = Integer.valueOf(line.substring(0, bar).trim());
            if (out.put(n, line.substring(bar + 1).trim()) != null) {
                throw new IllegalStateException("query " + n + " is listed twice");
            }
        }
        return out;
    }

    record Expected(boolean ok, List<String> columns, List<String> types, List<List<String>> rows, String sqlState,
                    String message) {
    }

    /** What memdb did with a query: equal to PostgreSQL's answer, a clean not-yet error, or a difference. */
    record Outcome(Kind kind, String detail) {
        enum Kind { EQUAL, NOT_YET, DIFFERENT }
    }

    static List<String> queries() throws IOException {
        List<String> out = new ArrayList<>();
        for (String q : Files.readString(DIR.resolve("queries.sql"), StandardCharsets.UTF_8).split("-- #####")) {
            String sql = Arrays.stream(q.split("\n")).filter(l -> !l.startsWith("--"))
                    .reduce("", (a, b) -> a + "\n" + b).trim();
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
                    current = f[2].equals("ok")
                            ? new Expected(true, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), null, null)
                            : new Expected(false, List.of(), List.of(), List.of(), f[3], un(f[4]));
                    out.add(current);
                    break;
                case "columns":
                    current.columns().addAll(Arrays.asList(f).subList(1, f.length).stream().map(DifferentialTest::un)
                            .toList());
                    break;
                case "oids":
                    current.types().addAll(Arrays.asList(f).subList(1, f.length));
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
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                b.append(e == 't' ? '\t' : e == 'n' ? '\n' : e);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyQueryAnswersAsPostgresqlDoes() throws IOException {
        List<String> queries = queries();
        List<Expected> expected = expected();
        assertEquals(expected.size(), queries.size(), "expected.tsv is out of date: run make-differential-goldens.py");
        for (int n : union(NOT_YET.keySet(), KNOWN_WRONG.keySet())) {
            assertTrue(n >= 0 && n < queries.size(), "listed query " + n + " does not exist");
            assertFalse(NOT_YET.containsKey(n) && KNOWN_WRONG.containsKey(n), "query " + n + " is in both lists");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            int n = i;
            String sql = queries.get(i);
            tests.add(DynamicTest.dynamicTest(n + ": " + sql.replace('\n', ' '), () -> check(n, sql, expected.get(n))));
        }
        tests.add(DynamicTest.dynamicTest("lists are up to date", DifferentialTest::listsAreUpToDate));
        return tests.stream();
    }

    private static List<Integer> union(Collection<Integer> a, Collection<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void check(int n, String sql, Expected want) {
        Outcome outcome = run(sql, want);
        String gap = NOT_YET.get(n);
        String wrong = KNOWN_WRONG.get(n);
        if (gap != null) {
            switch (outcome.kind()) {
                case EQUAL -> STALE.put(n, line(n, gap) + "   (NOT_YET: now equals PostgreSQL's answer)");
                case NOT_YET -> { }
                case DIFFERENT -> {
                    MISSING.put(n, "KNOWN_WRONG: " + line(n, outcome.detail()) + "   (and delete it from NOT_YET)");
                    fail("query " + n + " is in NOT_YET (" + gap + ") but must fail with one of " + NOT_YET_STATES
                            + ": " + outcome.detail());
                }
                default -> throw new IllegalStateException();
            }
        } else if (wrong != null) {
            switch (outcome.kind()) {
                case EQUAL -> STALE.put(n, line(n, wrong) + "   (KNOWN_WRONG: now equals PostgreSQL's answer)");
                case NOT_YET -> {
                    STALE.put(n, line(n, wrong) + "   (KNOWN_WRONG: now fails cleanly — " + outcome.detail() + ")");
                    MISSING.put(n, "NOT_YET: " + line(n, outcome.detail()));
                }
                case DIFFERENT -> { }
                default -> throw new IllegalStateException();
            }
        } else if (outcome.kind() != Outcome.Kind.EQUAL) {
            String list = outcome.kind() == Outcome.Kind.NOT_YET ? "NOT_YET" : "KNOWN_WRONG";
            MISSING.put(n, list + ": " + line(n, outcome.detail()));
            fail("query " + n + ": " + outcome.detail());
        }
    }

    /** The line of a list for query n, as written in this file. */
    private static String line(int n, String reason) {
        return n + " | " + reason.replace('\n', ' ');
    }

    private static Outcome run(String sql, Expected want) {
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout(20); // a runaway query (a recursive CTE that never ends) fails alone, cancelled
            ResultSet rs = s.executeQuery(sql);
            ResultSetMetaData md = rs.getMetaData();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                columns.add(md.getColumnLabel(c));
            }
            types.addAll(typeOids(md));
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            String error = e.getSQLState() + " " + e.getMessage().replace('\n', ' ');
            if (!want.ok() && want.sqlState().equals(e.getSQLState())) {
                String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
                        ? p.getServerErrorMessage().getMessage() : e.getMessage();
                if (!want.message().equals(message)) {
                    return new Outcome(Outcome.Kind.DIFFERENT, "fails with " + e.getSQLState() + " \"" + message
                            + "\" where PostgreSQL says \"" + want.message() + "\"");
                }
                return new Outcome(Outcome.Kind.EQUAL, error);
            }
            if (NOT_YET_STATES.contains(e.getSQLState())) {
                return new Outcome(Outcome.Kind.NOT_YET, error);
            }
            return new Outcome(Outcome.Kind.DIFFERENT, want.ok() ? "fails with " + error
                    : "fails with " + error + " where PostgreSQL fails with " + want.sqlState() + " " + want.message());
        }
        if (!want.ok()) {
            return new Outcome(Outcome.Kind.DIFFERENT, "answers " + rows + " where PostgreSQL fails with "
                    + want.sqlState() + " " + want.message());
        }
        if (!want.columns().equals(columns)) {
            return new Outcome(Outcome.Kind.DIFFERENT, "column names " + columns + ", PostgreSQL's " + want.columns());
        }
        List<List<String>> wantRows = want.rows();
        if (!want.types().equals(types)) {
            return new Outcome(Outcome.Kind.DIFFERENT, "column types (OID/typmod) " + types + ", PostgreSQL's "
                    + want.types());
        }
        if (!hasTopLevelOrderBy(sql)) {
            wantRows = sorted(wantRows);
            rows = sorted(rows);
        }
        if (!wantRows.equals(rows)) {
            return new Outcome(Outcome.Kind.DIFFERENT, "answers " + rows + ", PostgreSQL " + wantRows);
        }
        return new Outcome(Outcome.Kind.EQUAL, "");
    }

    /**
     * Each column's type OID and type modifier as RowDescription gave them ("1700/655366"). pgjdbc keeps them in its
     * metadata's fields, which it does not expose; read them reflectively rather than parse the protocol again.
     */
    private static List<String> typeOids(ResultSetMetaData md) throws SQLException {
        try {
            java.lang.reflect.Field fields = PgResultSetMetaData.class.getDeclaredField("fields");
            fields.setAccessible(true);
            List<String> out = new ArrayList<>();
            Object all = fields.get(md.unwrap(PgResultSetMetaData.class));
            for (org.postgresql.core.Field f : (org.postgresql.core.Field[]) all) {
                out.add(f.getOID() + "/" + f.getMod());
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("pgjdbc's PgResultSetMetaData changed", e);
        }
    }

    private static void listsAreUpToDate() {
        if (STALE.isEmpty() && MISSING.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder("NOT_YET/KNOWN_WRONG of DifferentialTest are out of date.\n");
        if (!STALE.isEmpty()) {
            b.append("Delete these ").append(STALE.size()).append(" lines:\n");
            STALE.values().forEach(l -> b.append("    ").append(l).append('\n'));
            b.append("in one step:\n    sed -i -E '/^ +(")
                    .append(String.join("|", STALE.keySet().stream().map(String::valueOf).toList()))
                    .append(") \\| /d' ").append(SOURCE).append('\n');
        }
        if (!MISSING.isEmpty()) {
            b.append("Failing queries that no list names (fix the engine, or add the line to the list named):\n");
            MISSING.values().forEach(l -> b.append("    ").append(l).append('\n'));
        }
        fail(b.toString());
    }

    /** Whether the query orders its result: an ORDER BY outside any parentheses, string or quoted name. */
    static boolean hasTopLevelOrderBy(String sql) {
        int depth = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int close = sql.indexOf(c, i + 1);
                i = close < 0 ? sql.length() : close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && (c == 'o' || c == 'O') && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))
                    && sql.regionMatches(true, i, "order", 0, 5)) {
                int j = i + 5;
                int k = j;
                while (k < sql.length() && Character.isWhitespace(sql.charAt(k))) {
                    k++;
                }
                if (k > j && sql.regionMatches(true, k, "by", 0, 2)
                        && (k + 2 == sql.length() || !Character.isLetterOrDigit(sql.charAt(k + 2)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        return copy;
    }
}
