package io.pgserve.engine.readme;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.ColumnFilter;
import io.pgserve.engine.ScanRequest;
import io.pgserve.engine.SqlEngine;
import io.pgserve.engine.TableScan;
import io.pgserve.server.PgServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's table SPI example cannot rot: its code is {@link Users} verbatim (checked here), and this test runs
 * it behind a server and pgjdbc — a key lookup reaches the table as a pushed-down filter, not a full scan.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeTableExampleTest {
    private static final String USAGE = "SqlEngine engine = new SqlEngine(Catalog.of(List.of(new Users())));";

    @Test
    void theReadmeShowsTheExampleVerbatim() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String source = Files.readString(Path.of("src/test/java/io/pgserve/engine/readme/Users.java"),
                StandardCharsets.UTF_8);
        String example = between(source, "// README:begin\n", "// README:end\n");
        assertTrue(readme.contains("```java\n" + example + "\n" + USAGE + "\n"),
                "README.md's table SPI example differs from src/test/java/io/pgserve/engine/readme/Users.java; "
                        + "copy it (and the line '" + USAGE + "' after it) into the README:\n" + example);
    }

    @Test
    void theExampleAnswersSqlAndLooksKeysUp() throws Exception {
        List<ScanRequest> scans = new CopyOnWriteArrayList<>();
        Users users = new Users() {
            @Override
            public TableScan scan(ScanRequest request) {
                scans.add(request);
                return super.scan(request);
            }
        };
        SqlEngine engine = new SqlEngine(Catalog.of(List.of(users))); // the README's USAGE line, with the spy
        try (PgServer server = PgServer.builder().host("127.0.0.1").port(0).handler(engine).build().start();
             Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            assertEquals(List.of("1 ada", "2 bob", "3 cy"), rows(s, "SELECT id, name FROM users ORDER BY id"));
            assertEquals(List.of(), last(scans).filters(), "no WHERE: a full scan");

            scans.clear();
            assertEquals(List.of("bob"), rows(s, "SELECT name FROM users WHERE id = 2"));
            assertEquals(1, scans.size());
            assertEquals(List.of(new ColumnFilter(0, ColumnFilter.Op.EQ, 2)), last(scans).filters(),
                    "the key lookup is pushed down to the store");

            assertEquals(List.of(), rows(s, "SELECT name FROM users WHERE id = 2 AND id = 3"));
            assertEquals(2, last(scans).filters().size(), "both conjuncts pushed; the table honours both");
            assertEquals(List.of(), rows(s, "SELECT name FROM users WHERE id = 9"));

            assertEquals(List.of("2"), rows(s, "SELECT count(*) FROM users WHERE name <> 'ada'"));
            assertEquals(List.of(), last(scans).filters(), "a filter the table refused is the engine's to apply");

            assertEquals(List.of("ada", "bob"), rows(s, "SELECT name FROM users LIMIT 2"));
            assertEquals(2, last(scans).limit(), "the limit is pushed too");

            try (PreparedStatement ps = c.prepareStatement("SELECT upper(name) FROM users WHERE id = ?")) {
                ps.setInt(1, 3);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("CY", rs.getString(1));
                }
            }

            SQLException readOnly = assertThrows(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO users VALUES (4, 'dee')"));
            assertEquals("0A000", readOnly.getSQLState(), "the example does not implement insert()");
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nope"))
                    .getSQLState());
        }
    }

    private static ScanRequest last(List<ScanRequest> scans) {
        return scans.get(scans.size() - 1);
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int c = 1; c <= n; c++) {
                    b.append(c > 1 ? " " : "").append(rs.getString(c));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, "markers " + begin.trim() + " / " + end.trim());
        return text.substring(from + begin.length(), to).stripTrailing();
    }
}
