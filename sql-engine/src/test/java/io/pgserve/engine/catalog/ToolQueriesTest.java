package io.pgserve.engine.catalog;

import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the catalog queries BI tools send on connect and while browsing a schema (DBeaver, Metabase, Grafana,
 * Tableau, Npgsql and Power BI; the files under {@code tools/}, each query with the source it was copied from) over
 * memdb loaded with {@code schema.sql} and over a raw handler behind {@link CatalogHandler} describing the same schema,
 * and compares the rows about the test schema with PostgreSQL 15's (the {@code goldens/tools-*.out} files, recorded by
 * {@code src/test/scripts/catalog-goldens.sh} with {@code -Dpgserve.goldens.record=jdbc:postgresql://...}).
 *
 * <p>What cannot pass yet is listed, each with its reason: {@link #BLOCKED} (queries that fail, with the exact error
 * they fail with: they need an engine feature another branch builds) and {@link #DIFFERENT} (results that differ from
 * PostgreSQL's). A listed query that has started to work fails the test, so the lists only shrink.
 */
@Timeout(300)
class ToolQueriesTest {
    private static final String DATABASE = "pgserve_catalog_goldens";
    /** PostgreSQL's version where the goldens were recorded (the tools' version-dependent texts are for 15). */
    private static final String SERVER_VERSION = "15.18";
    private static final Path GOLDENS = Path.of("src/test/resources/io/pgserve/engine/catalog/goldens");
    private static final List<String> TOOLS = List.of("dbeaver", "metabase", "grafana", "tableau", "npgsql", "powerbi");

    /** A query that fails today: the text its error must contain, and why. */
    record Blocked(String error, String reason) {
    }

    /** Queries that fail over memdb and over the raw handler, by "tool/name". */
    private static final Map<String, Blocked> BLOCKED = new LinkedHashMap<>();

    /** Results (over both servers) that differ from PostgreSQL's, by "tool/name", with the reason. */
    private static final Map<String, String> DIFFERENT = new LinkedHashMap<>();

    static {
        String types = "pg_type lists no range or multirange types (int4range, int4multirange...) and not the "
                + "pseudo-types record, void and unknown, which PostgreSQL lists (and Npgsql loads)";
        DIFFERENT.put("npgsql/load-types", types);
        DIFFERENT.put("powerbi/load-types", types);
    }

    private static CatalogServers servers;

    @BeforeAll
    static void start() throws Exception {
        // the tools' queries are those they send to PostgreSQL 15 (the goldens' server)
        servers = new CatalogServers(SERVER_VERSION, DATABASE, CatalogGoldenTest.schemaStatements(),
                CatalogGoldenTest.rawModel(), session -> query -> {
                    if (query.sql().equals("SELECT 1")) { // Metabase's connection test, which any handler answers
                        return QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)),
                                List.<Object[]>of(new Object[] {1}));
                    }
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this handler only has a catalog");
                });
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    /** One query of a tool's file: its header lines, then its text. */
    record ToolQuery(String tool, String name, List<String> params, boolean simple, List<String> check,
                     String keepColumn, Pattern keep, boolean sort, String sql) {
        String key() {
            return tool + "/" + name;
        }
    }

    static List<ToolQuery> queries(String tool) throws IOException {
        String text;
        try (InputStream in = ToolQueriesTest.class.getResourceAsStream("tools/" + tool + ".sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<ToolQuery> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("-- name: ")) {
            i++;
        }
        while (i < lines.length) {
            String name = lines[i++].substring("-- name: ".length()).trim();
            List<String> params = List.of();
            boolean simple = false;
            boolean sort = false;
            List<String> check = List.of();
            String keepColumn = null;
            Pattern keep = null;
            for (; i < lines.length && lines[i].startsWith("--"); i++) {
                String h = lines[i];
                if (h.startsWith("-- params: ")) {
                    params = List.of(h.substring("-- params: ".length()).split("; "));
                } else if (h.equals("-- mode: simple")) {
                    simple = true;
                } else if (h.equals("-- sort")) {
                    sort = true;
                } else if (h.startsWith("-- check: ")) {
                    check = List.of(h.substring("-- check: ".length()).split(", "));
                } else if (h.startsWith("-- keep: ")) {
                    String[] k = h.substring("-- keep: ".length()).split(" ", 2);
                    keepColumn = k[0];
                    keep = Pattern.compile(k[1]);
                }
            }
            StringBuilder sql = new StringBuilder();
            for (; i < lines.length && !lines[i].startsWith("-- name: "); i++) {
                sql.append(lines[i]).append('\n');
            }
            String body = sql.toString().strip();
            if (body.isEmpty()) {
                throw new IllegalStateException(tool + "/" + name + " has no query text");
            }
            out.add(new ToolQuery(tool, name, params, simple, check, keepColumn, keep, sort, body));
        }
        return out;
    }

    private static Connection connect(String url, boolean simple) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", "");
        if (simple) {
            p.setProperty("preferQueryMode", "simple");
        }
        return DriverManager.getConnection(url, p);
    }

    /**
     * Runs a tool's queries in order on one server (prepared ones on one connection, simple ones on another, as a tool
     * has one connection per protocol), each as text: its results as {@link #format}, or its error.
     */
    static Map<String, String> run(String url, String tool) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection extended = connect(url, false); Connection simple = connect(url, true)) {
            for (ToolQuery q : queries(tool)) {
                Connection c = q.simple() ? simple : extended;
                StringBuilder text = new StringBuilder();
                try {
                    List<Object> values = new ArrayList<>();
                    for (String expression : q.params()) {
                        // current_database() makes it a catalog query, which a raw handler's CatalogHandler answers
                        try (Statement s = extended.createStatement();
                             ResultSet rs = s.executeQuery("select " + expression + ", current_database()")) {
                            rs.next();
                            values.add(rs.getObject(1));
                        }
                    }
                    try (Statement st = q.simple() ? c.createStatement() : c.prepareStatement(q.sql())) {
                        boolean isResult;
                        if (q.simple()) {
                            isResult = st.execute(q.sql());
                        } else {
                            PreparedStatement ps = (PreparedStatement) st;
                            for (int k = 0; k < values.size(); k++) {
                                ps.setObject(k + 1, values.get(k));
                            }
                            isResult = ps.execute();
                        }
                        while (true) {
                            if (isResult) {
                                try (ResultSet rs = st.getResultSet()) {
                                    text.append(format(rs, q));
                                }
                            } else if (st.getUpdateCount() == -1) {
                                break;
                            } else {
                                text.append("(command)\n");
                            }
                            isResult = st.getMoreResults();
                        }
                    }
                } catch (SQLException e) {
                    text.append("ERROR ").append(e.getSQLState()).append(": ").append(e.getMessage()).append('\n');
                    try (Statement s = c.createStatement()) {
                        s.execute("rollback"); // a failed BEGIN;... leaves the transaction open
                    } catch (SQLException ignored) {
                        // no transaction to end
                    }
                }
                out.put(q.key(), text.toString());
            }
        }
        return out;
    }

    /**
     * A result set as text: the checked columns' labels, then their values row by row ("|"-separated), only rows
     * whose keep column matches, sorted if asked; or just the row count.
     */
    static String format(ResultSet rs, ToolQuery q) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Integer> columns = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            labels.add(md.getColumnLabel(i));
        }
        if (q.check().isEmpty()) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(i);
            }
        } else {
            for (String c : q.check()) {
                if (labels.contains(c)) {
                    columns.add(labels.indexOf(c) + 1);
                }
            }
        }
        int keep = q.keepColumn() == null ? 0 : labels.indexOf(q.keepColumn()) + 1;
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            if (keep > 0) {
                String v = rs.getString(keep);
                if (v == null || !q.keep().matcher(v).matches()) {
                    continue;
                }
            }
            List<String> values = new ArrayList<>();
            for (int c : columns) {
                values.add(rs.getString(c));
            }
            rows.add(String.join("|", values));
        }
        if (columns.isEmpty()) {
            return rows.size() + " rows\n";
        }
        if (q.sort()) {
            rows.sort(null);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.join("|", columns.stream().map(c -> labels.get(c - 1)).toList())).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }

    private static Path golden(String key) {
        return GOLDENS.resolve("tools-" + key.replace('/', '-') + ".out");
    }

    /** Recording mode (the goldens script): the tools' queries against a real PostgreSQL 15. */
    @Test
    void recordGoldensWhenAsked() throws Exception {
        String record = System.getProperty("pgserve.goldens.record");
        if (record == null) {
            return;
        }
        for (String tool : TOOLS) {
            for (Map.Entry<String, String> e : run(record, tool).entrySet()) {
                Files.writeString(golden(e.getKey()), e.getValue());
            }
        }
    }

    static List<String> tools() {
        return TOOLS;
    }

    @ParameterizedTest
    @MethodSource("tools")
    void overMemdb(String tool) throws Exception {
        compare(run(servers.memdb.jdbcUrl(DATABASE), tool));
    }

    @ParameterizedTest
    @MethodSource("tools")
    void overRawHandler(String tool) throws Exception {
        compare(run(servers.raw.jdbcUrl(DATABASE), tool));
    }

    @Test
    void everyToolHasQueriesAndGoldens() throws Exception {
        for (String tool : TOOLS) {
            List<ToolQuery> qs = queries(tool);
            assertTrue(!qs.isEmpty(), tool);
            for (ToolQuery q : qs) {
                String golden = Files.readString(golden(q.key()));
                assertTrue(!golden.contains("ERROR"), q.key() + " fails in PostgreSQL too: " + golden);
            }
        }
        for (String key : BLOCKED.keySet()) {
            assertTrue(Files.exists(golden(key)), "BLOCKED names no query: " + key);
        }
        for (String key : DIFFERENT.keySet()) {
            assertTrue(Files.exists(golden(key)), "DIFFERENT names no query: " + key);
        }
    }

    private static void compare(Map<String, String> actual) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : actual.entrySet()) {
            String key = e.getKey();
            String got = e.getValue();
            String expected = Files.readString(golden(key));
            Blocked blocked = BLOCKED.get(key);
            String reason = DIFFERENT.get(key);
            boolean failed = got.contains("ERROR ");
            if (blocked != null) {
                if (!failed) {
                    problems.add(key + " is no longer blocked on \"" + blocked.error() + "\" (" + blocked.reason()
                            + "): remove it from BLOCKED" + (got.equals(expected) ? "" : "; it gives\n" + got));
                } else if (!got.contains(blocked.error())) {
                    problems.add(key + " fails otherwise than BLOCKED says (\"" + blocked.error() + "\"):\n" + got);
                }
            } else if (failed) {
                problems.add(key + " fails:\n" + got);
            } else if (!got.equals(expected) && reason == null) {
                problems.add(key + " differs from PostgreSQL's:\n--- expected\n" + expected + "--- actual\n" + got);
            } else if (got.equals(expected) && reason != null) {
                problems.add(key + " now equals PostgreSQL's: remove it from DIFFERENT (" + reason + ")");
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }
}
