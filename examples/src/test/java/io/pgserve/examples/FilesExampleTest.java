package io.pgserve.examples;

import io.pgserve.engine.SqlEngine;
import io.pgserve.examples.files.FilesCatalog;
import io.pgserve.server.PgServer;
import io.pgserve.server.testsupport.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files example (a folder of CSV and JSON-lines files as tables), checked with psql, pgjdbc, SQLAlchemy + pandas
 * and psqlODBC (isql).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FilesExampleTest {
    @TempDir
    Path dir;
    private PgServer server;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("people.csv"), """
                id,name,born,score,active
                1,ada,1815-12-10,9.5,true
                2,bob,1990-01-02,7.25,false
                3,"cy, the third",,3,t
                """);
        Files.createDirectory(dir.resolve("sales"));
        Files.writeString(dir.resolve("sales/orders.csv"), """
                order_id,person_id,amount,placed_at,big
                10,1,12.50,2024-01-01 10:00:00,1
                11,1,7.5,2024-01-02T11:30,9000000000
                12,2,100,2024-02-01,2
                """);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PgServer start(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        server = main.startServer();
        return server;
    }

    private void startFiles() {
        start("files", "--port", "0", "--dir", dir.toString());
    }

    /** psql -A -t against the server (HelloExampleTest's, with its hard timeout); returns stdout + stderr. */
    private String psql(String... args) throws IOException, InterruptedException {
        return HelloExampleTest.psql(null, server.port(), "postgres", null, args);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }

    @Test
    void psqlListsDescribesJoinsAndAggregates() throws Exception {
        startFiles();
        assertEquals("public|people|table|postgres\n", psql("-c", "\\dt"));
        assertEquals("sales|orders|table|postgres\n", psql("-c", "\\dt sales.*"));
        assertEquals("""
                id|integer|||
                name|text|||
                born|date|||
                score|numeric|||
                active|boolean|||
                """, psql("-c", "\\d people"));
        assertEquals("""
                order_id|integer|||
                person_id|integer|||
                amount|numeric|||
                placed_at|timestamp without time zone|||
                big|bigint|||
                """, psql("-c", "\\d sales.orders"));
        assertEquals("ada|20.00|2\nbob|100|1\n", psql("-c",
                "SELECT p.name, sum(o.amount), count(*) FROM people p JOIN sales.orders o ON o.person_id = p.id"
                        + " GROUP BY p.name ORDER BY 1"));
        assertEquals("cy, the third||3|t\n", psql("-c",
                "SELECT name, born, score, active FROM people WHERE born IS NULL"));
        assertEquals("2024-01-02 11:30:00|9000000000\n", psql("-c",
                "SELECT placed_at, big FROM sales.orders WHERE big > 2147483647"));
    }

    @Test
    void jdbcMetadataAndQueries() throws Exception {
        startFiles();
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(List.of("public.people", "sales.orders"), tables);
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = md.getSchemas()) {
                while (rs.next()) {
                    schemas.add(rs.getString("TABLE_SCHEM"));
                }
            }
            assertEquals(List.of("information_schema", "pg_catalog", "public", "sales"), schemas);
            try (ResultSet rs = md.getPrimaryKeys(null, "sales", "orders")) {
                assertFalse(rs.next(), "a file has no primary key");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM people")) {
                var meta = rs.getMetaData();
                List<String> described = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    described.add(meta.getTableName(i) + "." + meta.getColumnName(i) + ":" + meta.getColumnTypeName(i)
                            + ":" + meta.isNullable(i));
                }
                assertEquals(List.of("people.id:int4:1", "people.name:text:1", "people.born:date:1",
                        "people.score:numeric:1", "people.active:bool:1"), described);
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, "sales", "orders", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
                }
            }
            assertEquals(List.of("order_id:int4", "person_id:int4", "amount:numeric", "placed_at:timestamp",
                    "big:int8"), columns);
            assertEquals(List.of("11|7.5", "10|12.50"), rows(c,
                    "SELECT order_id, amount FROM sales.orders WHERE person_id = 1 ORDER BY amount LIMIT 2"));
            try (var ps = c.prepareStatement("SELECT name FROM people WHERE id > ? ORDER BY id DESC LIMIT 1")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("cy, the third", rs.getString(1));
                    assertFalse(rs.next());
                }
            }
        }
    }

    /**
     * SQLAlchemy's inspector, pandas.read_sql and read_sql_table (src/test/python/files_sqlalchemy.py); PostgreSQL 15
     * prints the same.
     */
    @Test
    void sqlAlchemyInspectsAndPandasReads() throws Exception {
        startFiles();
        Processes.Result r = Processes.run(List.of("/usr/bin/python3", "src/test/python/files_sqlalchemy.py",
                Integer.toString(server.port())), 60);
        assertEquals(0, r.exit(), r.output());
        assertEquals("""
                schemas ['information_schema', 'public', 'sales']
                tables ['people']
                sales tables ['orders']
                column public people id INTEGER True
                column public people name TEXT True
                column public people born DATE True
                column public people score NUMERIC True
                column public people active BOOLEAN True
                column sales orders order_id INTEGER True
                column sales orders person_id INTEGER True
                column sales orders amount NUMERIC True
                column sales orders placed_at TIMESTAMP True
                column sales orders big BIGINT True
                keys {'constrained_columns': [], 'name': None} [] []
                frame [{'name': 'bob', 'orders': 1, 'total': 100.0}, {'name': 'ada', 'orders': 2, 'total': 20.0}]
                dtypes {'id': 'int64', 'name': 'object', 'born': 'datetime64[ns]', 'score': 'float64', 'active': 'bool'}
                people [{'id': 1, 'name': 'ada'}, {'id': 2, 'name': 'bob'}]
                orders [['10', '1', '12.5', '2024-01-01 10:00:00', '1'], \
                ['11', '1', '7.5', '2024-01-02 11:30:00', '9000000000'], \
                ['12', '2', '100.0', '2024-02-01 00:00:00', '2']]
                """, r.output());
    }

    /**
     * psqlODBC ("PostgreSQL Unicode") through unixODBC's isql: a query, and {@code help} / {@code help TABLE}, which
     * list tables and columns with SQLTables and SQLColumns. PostgreSQL 15 answers the same (but the table's OID).
     */
    @Test
    void psqlOdbcThroughIsql() throws Exception {
        startFiles();
        Path commands = dir.resolve("isql.txt");
        Files.writeString(commands, """
                SELECT p.name, count(*) AS n, max(o.placed_at) AS last FROM people p JOIN sales.orders o ON o.person_id = p.id GROUP BY p.name ORDER BY 1
                help
                help people
                """);
        String connect = "Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=" + server.port()
                + ";Database=postgres;Uid=postgres;Pwd=x;SSLMode=disable";
        Processes.Result r = Processes.run(List.of("sh", "-c",
                "exec isql -b -d'|' -c -k \"$0\" < \"$1\"", connect, commands.toString()), 60);
        assertEquals(0, r.exit(), r.output());
        String oid;
        try (Connection c = connect()) {
            oid = rows(c, "SELECT 'public.people'::regclass::oid").get(0);
        }
        assertEquals("""
                name|n|last
                ada|2|2024-01-02 11:30:00
                bob|1|2024-02-01 00:00:00
                TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|TABLE_TYPE|REMARKS
                postgres|public|people|TABLE|
                postgres|sales|orders|TABLE|
                TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|COLUMN_NAME|DATA_TYPE|TYPE_NAME|PRECISION|LENGTH|SCALE|RADIX|\
                NULLABLE|REMARKS|COLUMN_DEF|SQL_DATA_TYPE|SQL_DATETIME_SUB|CHAR_OCTET_LENGTH|ORDINAL_POSITION|\
                IS_NULLABLE|DISPLAY_SIZE|FIELD_TYPE|AUTO_INCREMENT|PHYSICAL NUMBER|TABLE OID|BASE TYPEID|TYPMOD|TABLE INFO
                postgres|public|people|id|4|int4|10|4|0|10|1|||4||-1|1||11|23|0|1|OID|0|-1|0
                postgres|public|people|name|-1|text|8190|8190|||1|||-1||32760|2||8190|25|0|2|OID|0|-1|0
                postgres|public|people|born|9|date|10|6|||1|||9||-1|3||10|1082|0|3|OID|0|-1|0
                postgres|public|people|score|2|numeric|28|30|6|10|1|||2||-1|4||30|1700|0|4|OID|0|-1|0
                postgres|public|people|active|12|bool|5|5|0||1|||12||-1|5||5|16|0|5|OID|0|-1|0
                """.replace("|OID|", "|" + oid + "|"), r.output());
    }

    @Test
    void aChangedFileIsReadAgainAndItsColumnsInferredAgain() throws Exception {
        startFiles();
        try (Connection c = connect()) {
            assertEquals(List.of("3"), rows(c, "SELECT count(*) FROM people"));
            Path people = dir.resolve("people.csv");
            Files.writeString(people, "id,name,height\n1,ada,1.65\n2,bob,\n4,dee,1.8\n5,eve,1.7\n");
            Files.setLastModifiedTime(people, FileTime.from(Instant.now().plusSeconds(5)));
            assertEquals(List.of("4"), rows(c, "SELECT count(*) FROM people"));
            assertEquals(List.of("dee|1.8"), rows(c, "SELECT name, height FROM people WHERE height > 1.75"));
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, "public", "people", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
                }
            }
            assertEquals(List.of("id:int4", "name:text", "height:numeric"), columns);
            // rows appended (no other change) are in the next query
            Files.writeString(people, "6,fay,1.6\n", java.nio.file.StandardOpenOption.APPEND);
            assertEquals(List.of("5|fay"), rows(c, "SELECT count(*), max(name) FROM people"));
            // a file added while the server runs is a table at once
            Files.writeString(dir.resolve("sales/regions.csv"), "code,label\nEU,Europe\n");
            assertEquals(List.of("Europe"), rows(c, "SELECT label FROM sales.regions"));
        }
    }

    @Test
    void aMalformedLineNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("unclosed.csv"), "a,b\n1,2\n3,\"4\n");
        Files.writeString(dir.resolve("sales/short.csv"), "a,b\n1,2\n3\n");
        startFiles();
        try (Connection c = connect()) {
            SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.short"));
            assertEquals("22P04", e.getSQLState());
            assertTrue(e.getMessage().contains("missing data for column \"b\" (file \"sales/short.csv\", line 3)"),
                    e.getMessage());

            Files.writeString(dir.resolve("quote.csv"), "a,b\n1,\"2\"x\n");
            e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM quote"));
            assertEquals("22P04", e.getSQLState());
            assertTrue(e.getMessage().contains("quote.csv") && e.getMessage().contains("line 2"), e.getMessage());

            e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM unclosed"));
            assertEquals("22P04", e.getSQLState());
            assertTrue(e.getMessage().contains("unclosed.csv"), e.getMessage());

            // past the inference's sample, a value that is not of the column's type
            StringBuilder csv = new StringBuilder("n\n");
            for (int i = 0; i < 1500; i++) {
                csv.append(i).append('\n');
            }
            csv.append("oops\n");
            Files.writeString(dir.resolve("late.csv"), csv);
            e = assertThrows(SQLException.class, () -> rows(c, "SELECT sum(n) FROM late"));
            assertEquals("22P02", e.getSQLState());
            assertTrue(e.getMessage().contains(
                    "invalid input syntax for type integer: \"oops\" (file \"late.csv\", line 1502, column n)"),
                    e.getMessage());
            // the session goes on, and a scan that stops before the bad line does not see it
            assertEquals(List.of("0", "1"), rows(c, "SELECT n FROM late LIMIT 2"));
        }
        String out = psql("-c", "SELECT * FROM sales.short");
        assertTrue(out.contains("ERROR:  missing data for column \"b\" (file \"sales/short.csv\", line 3)"), out);
    }

    @Test
    void aLimitStopsReadingABigFile() throws Exception {
        Path big = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big)) {
            w.write("id,label,value\n");
            for (int i = 1; i <= 200_000; i++) {
                w.write(i + ",row " + i + "," + (i * 0.5) + "\n");
            }
        }
        FilesCatalog catalog = new FilesCatalog(dir);
        server = PgServer.builder().host("127.0.0.1").port(0).handler(new SqlEngine(catalog)).build().start();
        try (Connection c = connect()) {
            assertEquals(List.of("1|row 1", "2|row 2", "3|row 3"), rows(c, "SELECT id, label FROM big LIMIT 3"));
            assertEquals(3, catalog.rowsRead(), "rows read for LIMIT 3");
            long before = catalog.rowsRead();
            assertEquals(10, rows(c, "SELECT * FROM big LIMIT 10").size());
            assertEquals(10, catalog.rowsRead() - before, "rows read for SELECT * LIMIT 10");
            before = catalog.rowsRead();
            assertEquals(List.of("150000|row 150000"), rows(c, "SELECT id, label FROM big WHERE id >= 150000 LIMIT 1"));
            assertEquals(150_000, catalog.rowsRead() - before, "rows read for WHERE id >= 150000 LIMIT 1");
            before = catalog.rowsRead();
            assertEquals(List.of("200000|20000100000"), rows(c, "SELECT count(*), sum(id) FROM big"));
            assertEquals(200_000, catalog.rowsRead() - before);
        }
    }

    /**
     * A CSV file three times the server's heap: the example runs in its own JVM with {@code -Xmx20m} and still answers
     * {@code SELECT * ... LIMIT 10} and {@code count(*)} / {@code sum} over all of it (nothing is loaded whole).
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aFileBiggerThanTheHeapIsStreamed() throws Exception {
        Path big = dir.resolve("big.csv");
        long rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(big)) {
            w.write("id,label,amount,day\n");
            while (Files.size(big) < 64L << 20 || rows % 1000 != 0) {
                for (int i = 0; i < 10_000; i++) {
                    rows++;
                    w.write(rows + ",label number " + rows + "," + (rows % 1000) + ".25,2024-01-" + (10 + rows % 20)
                            + "\n");
                }
                w.flush();
            }
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx20m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "files", "--port", "0", "--dir", dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                Matcher m = Pattern.compile("example listening on [^ ]+:(\\d+)").matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "the server did not start");
            Thread drain = new Thread(() -> {   // keep reading its log so that it never blocks on a full pipe
                try {
                    out.transferTo(Writer.nullWriter());
                } catch (IOException e) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "postgres", "")) {
                List<String> first = rows(c, "SELECT * FROM big LIMIT 10");
                assertEquals(10, first.size());
                assertEquals("1|label number 1|1.25|2024-01-11", first.get(0));
                long n = rows;
                // sum(amount): (0.25 + 1.25 + ... + 999.25) per 1000 rows
                assertEquals(List.of(n + "|" + new java.math.BigDecimal(n / 1000 * (499_500 * 100 + 25_000))
                        .movePointLeft(2) + "|" + n), rows(c, "SELECT count(*), sum(amount), max(id) FROM big"));
            }
            assertTrue(p.isAlive(), "the server survived");
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void jsonLinesFilesAreTablesToo() throws Exception {
        Files.writeString(dir.resolve("sales/events.jsonl"), """
                {"id": 1, "person_id": 1, "kind": "click", "at": "2024-03-01 09:00:00", "price": 12.50, \
                "ok": true, "code": "007", "tags": {"b": 2, "a": [1, 2]}}

                {"id": 2, "person_id": 2, "kind": "view", "at": "2024-03-02T10:15:00", "price": 3, "ok": false}
                {"id": 3, "person_id": 1, "kind": "click", "at": null, "price": 1e2, "ok": true, "code": "x"}
                """);
        startFiles();
        assertEquals("""
                id|integer|||
                person_id|integer|||
                kind|text|||
                at|timestamp without time zone|||
                price|double precision|||
                ok|boolean|||
                code|text|||
                tags|jsonb|||
                """, psql("-c", "\\d sales.events"));
        assertEquals("sales|events|table|postgres\nsales|orders|table|postgres\n",
                psql("-c", "\\dt sales.*"));
        try (Connection c = connect()) {
            assertEquals(List.of("ada|2|112.5", "bob|1|3"), rows(c, "SELECT p.name, count(*), sum(e.price)"
                    + " FROM sales.events e JOIN people p ON p.id = e.person_id GROUP BY p.name ORDER BY 1"));
            assertEquals(List.of("1|007|{\"a\": [1, 2], \"b\": 2}|2024-03-01 09:00:00"),
                    rows(c, "SELECT id, code, tags, at FROM sales.events WHERE ok AND at IS NOT NULL"));
            assertEquals(List.of("2"), rows(c, "SELECT tags ->> 'b' FROM sales.events WHERE id = 1"));
            Files.writeString(dir.resolve("broken.jsonl"), "{\"a\": 1}\n{\"a\": 2,\n");
            SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM broken"));
            assertEquals("22P04", e.getSQLState());
            assertTrue(e.getMessage().contains("malformed JSON in file \"broken.jsonl\", line 2"), e.getMessage());
        }
    }

    @Test
    void namesStayInsideTheFolder() throws Exception {
        Files.writeString(dir.resolve("sales/dup.csv"), "a,b,a\n1,2,3\n");
        Files.writeString(dir.resolve("bom.csv"), "\uFEFFid,x\n1,2\n");
        Path outside = Files.createTempFile(dir.getParent(), "outside", ".csv");
        try {
            Files.writeString(outside, "secret\n42\n");
            startFiles();
            String name = outside.getFileName().toString().replace(".csv", "");
            try (Connection c = connect()) {
                SQLException e = assertThrows(SQLException.class,
                        () -> rows(c, "SELECT * FROM \"..\".\"" + name + "\""));
                assertEquals("42P01", e.getSQLState(), e.getMessage());
                e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM \"../" + name + "\""));
                assertEquals("42P01", e.getSQLState(), e.getMessage());
                e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.dup"));
                assertEquals("42701", e.getSQLState());
                assertTrue(e.getMessage().contains("column \"a\" specified more than once (file \"sales/dup.csv\""),
                        e.getMessage());
                assertEquals(List.of("1|2"), rows(c, "SELECT id, x FROM bom"));
                Files.writeString(dir.resolve("empty.csv"), "");
                Files.writeString(dir.resolve("header_only.csv"), "a,b\n");
                assertEquals(List.of("0"), rows(c, "SELECT count(*) FROM empty"));
                assertEquals(List.of("0"), rows(c, "SELECT count(*) FROM header_only"));
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT a, b FROM header_only")) {
                    assertEquals("text", rs.getMetaData().getColumnTypeName(2));
                    assertFalse(rs.next());
                }
                try (var ps = c.prepareStatement("SELECT * FROM bom")) {   // planned, then the file goes away
                    Files.delete(dir.resolve("bom.csv"));
                    e = assertThrows(SQLException.class, ps::executeQuery);
                    assertTrue(e.getMessage().contains("bom"), e.getMessage());
                }
            }
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void skipMalformedSkipsBadRecordsOnly() throws Exception {
        Files.writeString(dir.resolve("mixed.csv"), "a,b\n1,x\n2\n3,y,extra\n4,z\n");
        StringBuilder late = new StringBuilder("n\n");
        for (int i = 0; i < 1200; i++) {
            late.append(i).append('\n');
        }
        late.append("oops\n1200\n");
        Files.writeString(dir.resolve("late.csv"), late);
        Files.writeString(dir.resolve("ev.jsonl"), "{\"a\": 1}\n[1]\n{\"a\": 2,\n{\"a\": 3}\n");
        Files.writeString(dir.resolve("unclosed.csv"), "a,b\n1,2\n3,\"4\n");
        start("files", "--port", "0", "--dir", dir.toString(), "--skip-malformed");
        try (Connection c = connect()) {
            assertEquals(List.of("1|x", "4|z"), rows(c, "SELECT a, b FROM mixed ORDER BY a"));
            assertEquals(List.of("1201|720600"), rows(c, "SELECT count(*), sum(n) FROM late"));
            assertEquals(List.of("1", "3"), rows(c, "SELECT a FROM ev ORDER BY a"));
            SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM unclosed"));
            assertEquals("22P04", e.getSQLState());  // a CSV syntax error leaves nothing to go on with
        }
    }

    @Test
    void everyInferredType() throws Exception {
        Files.writeString(dir.resolve("kinds.csv"), """
                i,b,n,d,flag,day,at,t,widened,later,nums
                1,3000000000,1.5,1e3,true,2024-01-01,2024-01-01 10:00:00,x,1,2024-01-01,7
                -2,2,2.25,-2.5E-3,f,2024-02-29,2024-02-29T23:59:59.123456,y,2.5,2024-01-02 08:30,x7
                """);
        Files.writeString(dir.resolve("sales/kinds.jsonl"), """
                {"obj": {"b": 1, "a": [true, null]}, "arr": [1, "x"], "day": "2024-01-01", "n": 1,                 "big": 9000000000, "dec": 1.25, "dbl": 1e2, "ok": true, "s": "x", "num_text": "42"}
                {"obj": {}, "arr": [], "day": "2024-03-01", "n": -7, "big": 1, "dec": 10, "dbl": 3, "ok": false}
                """);
        startFiles();
        assertEquals("""
                i|integer|||
                b|bigint|||
                n|numeric|||
                d|double precision|||
                flag|boolean|||
                day|date|||
                at|timestamp without time zone|||
                t|text|||
                widened|numeric|||
                later|timestamp without time zone|||
                nums|text|||
                """, psql("-c", "\\d kinds"));
        assertEquals("""
                1|3000000000|1.5|1000|t|2024-01-01|2024-01-01 10:00:00|x|1|2024-01-01 00:00:00|7
                -2|2|2.25|-0.0025|f|2024-02-29|2024-02-29 23:59:59.123456|y|2.5|2024-01-02 08:30:00|x7
                """, psql("-c", "SELECT * FROM kinds ORDER BY b DESC"));
        assertEquals("""
                obj|jsonb|||
                arr|jsonb|||
                day|date|||
                n|integer|||
                big|bigint|||
                dec|numeric|||
                dbl|double precision|||
                ok|boolean|||
                s|text|||
                num_text|text|||
                """, psql("-c", "\\d sales.kinds"));
        assertEquals("""
                {"a": [true, null], "b": 1}|[1, "x"]|2024-01-01|1|9000000000|1.25|100|t|x|42
                {}|[]|2024-03-01|-7|1|10|3|f||
                """, psql("-c", "SELECT * FROM sales.kinds ORDER BY n DESC"));
        assertEquals("t|2|x\n", psql("-c",
                "SELECT obj -> 'a' @> '[true]', jsonb_array_length(arr), arr ->> 1 FROM sales.kinds WHERE n = 1"));
        try (Connection c = connect()) {   // the values reach JDBC as their types
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT i, b, n, d, flag, day, at FROM kinds WHERE i = 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getObject(1));
                assertEquals(3_000_000_000L, rs.getObject(2));
                assertEquals(new java.math.BigDecimal("1.5"), rs.getObject(3));
                assertEquals(1000.0, rs.getObject(4));
                assertEquals(Boolean.TRUE, rs.getObject(5));
                assertEquals(java.time.LocalDate.of(2024, 1, 1), rs.getObject(6, java.time.LocalDate.class));
                assertEquals(java.time.LocalDateTime.of(2024, 1, 1, 10, 0),
                        rs.getObject(7, java.time.LocalDateTime.class));
            }
        }
    }

    @Test
    void aSidecarFileDeclaresColumnTypes() throws Exception {
        Files.writeString(dir.resolve("sales/orders.csv"), """
                order_id,zip,amount,meta,placed_at
                10,00123,12.50,"{""vip"": true}",2024-01-01
                11,04000,7,[1],2024-01-02 11:30
                """);
        Files.writeString(dir.resolve("sales/orders.csv.types"), """
                # types the inference would get wrong
                zip = text          # leading zeros matter
                amount=double precision
                  meta =  JSONB
                placed_at = timestamp
                """);
        StringBuilder events = new StringBuilder();
        for (int i = 1; i <= 1000 + 1; i++) {
            events.append("{\"id\": \"").append(i).append("\", \"tag\": \"t").append(i).append('"')
                    .append(i > 1000 ? ", \"late\": 5" : "").append("}\n");
        }
        Files.writeString(dir.resolve("events.jsonl"), events);
        Files.writeString(dir.resolve("events.jsonl.types"), "id = bigint\ntag = jsonb\nlate = int\n");
        Files.writeString(dir.resolve("flags.csv"),
                "n,f,x\n1,1,1e3\n2,0,1.50e1\n3,yes,-2.5E-3\n4,No, 7 \n5, off ,\n6,t,\n7,,\n");
        Files.writeString(dir.resolve("flags.csv.types"), "f = bool   # as PostgreSQL reads them\nx = numeric\n");
        startFiles();
        assertEquals("1|t|1000\n2|f|15.0\n3|t|-0.0025\n4|f|7\n5|f|\n6|t|\n7||\n",
                psql("-c", "SELECT n, f, x FROM flags ORDER BY n"));
        assertEquals("""
                order_id|integer|||
                zip|text|||
                amount|double precision|||
                meta|jsonb|||
                placed_at|timestamp without time zone|||
                """, psql("-c", "\\d sales.orders"));
        assertEquals("00123|12.5|true|2024-01-01 00:00:00\n04000|7||2024-01-02 11:30:00\n", psql("-c",
                "SELECT zip, amount, meta ->> 'vip', placed_at FROM sales.orders ORDER BY zip"));
        assertEquals("""
                id|bigint|||
                tag|jsonb|||
                late|integer|||
                """, psql("-c", "\\d events"));
        assertEquals("1001|\"t1001\"|5\n", psql("-c", "SELECT id, tag, late FROM events WHERE late IS NOT NULL"));
        try (Connection c = connect()) {
            // a value that is not of its declared type: file, line and column
            Files.writeString(dir.resolve("sales/orders.csv"), """
                    order_id,zip,amount,meta,placed_at
                    10,00123,12.50,{},2024-01-01
                    11,04000,7,{,2024-01-02
                    12,04000,lots,{},2024-01-03
                    """);
            SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.orders"));
            assertEquals("22P02", e.getSQLState());
            assertTrue(e.getMessage().contains("(file \"sales/orders.csv\", line 3, column meta)"), e.getMessage());
            // only the columns a query uses are converted
            assertEquals(List.of("12"), rows(c, "SELECT order_id FROM sales.orders WHERE order_id > 11"));
            e = assertThrows(SQLException.class, () -> rows(c, "SELECT sum(amount) FROM sales.orders"));
            assertEquals("22P02", e.getSQLState());
            assertTrue(e.getMessage().contains("invalid input syntax for type double precision: \"lots\" (file "
                    + "\"sales/orders.csv\", line 4, column amount)"), e.getMessage());

            // the sidecar is read again when it changes; its mistakes name it and the line
            Path types = dir.resolve("sales/orders.csv.types");
            Files.writeString(types, "zip = text\n\namount = money\n");
            e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.orders"));
            assertEquals("42704", e.getSQLState());
            assertTrue(e.getMessage().contains(
                    "type \"money\" does not exist (file \"sales/orders.csv.types\", line 3)"), e.getMessage());
            Files.writeString(types, "zip = text\nzip_code = text\n");
            e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.orders"));
            assertEquals("42703", e.getSQLState());
            assertTrue(e.getMessage().contains("column \"zip_code\" of file \"sales/orders.csv\" does not exist"
                    + " (file \"sales/orders.csv.types\", line 2)"), e.getMessage());
            Files.writeString(types, "# zip\nzip text\n");
            e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.orders"));
            assertEquals("42601", e.getSQLState());
            assertTrue(e.getMessage().contains("syntax error in file \"sales/orders.csv.types\" line 2"),
                    e.getMessage());
            Files.writeString(types, "zip = text\nZip = int\nzip = int\n");
            e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.orders"));
            assertEquals("42701", e.getSQLState());
            assertTrue(e.getMessage().contains("(file \"sales/orders.csv.types\", line 3)"), e.getMessage());
            Files.writeString(types, "zip = integer\n");
            assertEquals(List.of("123|12.50", "4000|7", "4000|lots"),
                    rows(c, "SELECT zip, amount FROM sales.orders ORDER BY order_id"));
            Files.delete(types);
            assertEquals(List.of("123"), rows(c, "SELECT zip FROM sales.orders LIMIT 1"));  // inferred again
        }
    }

    @Test
    void skipMalformedSkipsValuesNotOfTheirDeclaredType() throws Exception {
        Files.writeString(dir.resolve("m.csv"), "a,b\n1,x\n2,3\nthree,4\n5,\n");
        Files.writeString(dir.resolve("m.csv.types"), "a = bigint\nb = integer\n");
        start("files", "--port", "0", "--dir", dir.toString(), "--skip-malformed");
        try (Connection c = connect()) {
            assertEquals(List.of("2|3", "5|null"), rows(c, "SELECT a, b FROM m ORDER BY a"));
        }
    }

    @Test
    void filesNeedsADirectory() {
        Main main = new Main();
        new CommandLine(main).parseArgs("files", "--port", "0");
        assertThrows(CommandLine.ParameterException.class, main::startServer);
        Main missing = new Main();
        new CommandLine(missing).parseArgs("files", "--port", "0", "--dir", dir.resolve("nope").toString());
        assertThrows(CommandLine.ParameterException.class, missing::startServer);
    }
}
