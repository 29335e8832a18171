package io.pgserve.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgserve.sql.ast.ColumnRef;
import io.pgserve.sql.ast.NodeLocation;
import io.pgserve.sql.ast.Query;
import io.pgserve.sql.ast.Select;
import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.internal.SqlShape;
import io.pgserve.sql.internal.TreeEquality;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The shape cache of {@link SqlParserCache}: texts that differ in literal values only. */
class ShapeCacheTest {

    /**
     * Parses {@code first} and a text of the same shape with other values (the template is made at the second
     * text of a shape), then each of {@code others} must be a shape hit equal (with locations) to a fresh parse.
     */
    private static SqlParserCache assertShapeHits(String first, String... others) {
        SqlParserCache cache = SqlParserCache.create(16);
        assertNull(TreeEquality.difference(SqlParser.parseAll(first), cache.parseAll(first)));
        prime(cache, first);
        assertEquals(0, cache.shapeHits());
        for (String other : others) {
            long before = cache.shapeHits();
            List<Statement> actual = cache.parseAll(other);
            assertNull(TreeEquality.difference(SqlParser.parseAll(other), actual), other);
            assertEquals(before + 1, cache.shapeHits(), () -> "not a shape hit: " + other);
        }
        return cache;
    }

    /** Parses a text of the shape of {@code sql} with other values. */
    private static void prime(SqlParserCache cache, String sql) {
        for (int v = 1; v < 20; v++) {
            String other = ShapeCacheCorpusTest.variant(SqlShape.scan(sql), v);
            List<Statement> expected;
            try {
                expected = SqlParser.parseAll(other);
            } catch (RuntimeException e) {
                continue;
            }
            if (!other.equals(sql)) {
                assertNull(TreeEquality.difference(expected, cache.parseAll(other)));
                return;
            }
        }
        throw new AssertionError("no other text of the shape of " + sql);
    }

    /** As above, but the shape must not be templatable: every text is parsed, with the parser's result. */
    private static void assertParsedEachTime(String first, String... others) {
        // The second text of the shape is where a template would be made, the third where it would be used.
        assertTrue(others.length >= 2);
        SqlParserCache cache = SqlParserCache.create(16);
        assertNull(TreeEquality.difference(SqlParser.parseAll(first), cache.parseAll(first)));
        for (String other : others) {
            assertNull(TreeEquality.difference(SqlParser.parseAll(other), cache.parseAll(other)), other);
        }
        assertEquals(0, cache.shapeHits());
        assertEquals(1 + others.length, cache.misses());
    }

    @Test
    void pgbench() {
        assertShapeHits("UPDATE pgbench_accounts SET abalance = abalance + 4711 WHERE aid = 81234;",
                "UPDATE pgbench_accounts SET abalance = abalance + 5 WHERE aid = 1;",
                "UPDATE pgbench_accounts SET abalance = abalance + 123456789 WHERE aid = 99999999999;");
        assertShapeHits("INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (3, 1, 8123, -4711, "
                        + "CURRENT_TIMESTAMP);",
                "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (10, 1, 5, -1, CURRENT_TIMESTAMP);");
        assertShapeHits("BEGIN; SELECT abalance FROM pgbench_accounts WHERE aid = 1; END;",
                "BEGIN; SELECT abalance FROM pgbench_accounts WHERE aid = 777777; END;");
    }

    @Test
    void negativeNumbersAreFolded() {
        assertShapeHits("SELECT -5, - 7, -2.5, 1 -5, x-3 FROM t WHERE a = -1",
                "SELECT -123456, - 0, -0.25, 10 -50, x-300 FROM t WHERE a = -99999999999999999999");
        // Two minus signs: the parser folds the outer one into "5"; not templatable, but still right.
        assertParsedEachTime("SELECT - -5", "SELECT - -6", "SELECT - -70");
    }

    @Test
    void typeModifiersAndTypedLiterals() {
        assertShapeHits("CREATE TABLE t (a varchar(10), b numeric(10, 2), c char(1), d timestamp(3))",
                "CREATE TABLE t (a varchar(200), b numeric(38, 4), c char(12), d timestamp(6))");
        assertShapeHits("SELECT INTERVAL '1' DAY, date '2024-01-01', interval(3) '1 s', N'abc', time '10:00'",
                "SELECT INTERVAL '10 days' DAY, date 'epoch', interval(6) '', N'x''y', time '23:59:59.5'");
        // float(p) picks float4 or float8 and array bounds are ints, not literal nodes: parsed every time.
        assertParsedEachTime("CREATE TABLE t (a float(24))", "CREATE TABLE t (a float(25))", "CREATE TABLE t (a float(1))");
        assertParsedEachTime("SELECT CAST(x AS int[3])", "SELECT CAST(x AS int[4])", "SELECT CAST(x AS int[50])");
        assertParsedEachTime("SELECT current_timestamp(0)", "SELECT current_timestamp(3)", "SELECT current_timestamp(6)");
    }

    @Test
    void integerAndDecimalAreDifferentShapes() {
        SqlParserCache cache = SqlParserCache.create(16);
        cache.parseAll("SELECT CAST(x AS varchar(10))");
        cache.parseAll("SELECT CAST(x AS varchar(20))");
        assertEquals(1, cache.shapeCount());
        // varchar takes an integer only: a decimal is a syntax error, as the parser says.
        String bad = "SELECT CAST(x AS varchar(1.5))";
        SqlParseException e = assertThrows(SqlParseException.class, () -> cache.parseAll(bad));
        SqlParseException fresh = assertThrows(SqlParseException.class, () -> SqlParser.parseAll(bad));
        assertEquals(fresh.getMessage(), e.getMessage());
        assertEquals(fresh.position(), e.position());
        assertEquals(0, cache.shapeHits());
        // In DDL the parser keeps such a statement as text (OtherStatement).
        cache.parseAll("CREATE TABLE t (a varchar(10))");
        cache.parseAll("CREATE TABLE t (a varchar(20))");
        String ddl = "CREATE TABLE t (a varchar(1.5))";
        assertNull(TreeEquality.difference(SqlParser.parseAll(ddl), cache.parseAll(ddl)));
        assertEquals(0, cache.shapeHits());
        assertShapeHits("SELECT * FROM t LIMIT 10 OFFSET 5", "SELECT * FROM t LIMIT 1000000 OFFSET 0");
        assertShapeHits("SELECT * FROM t FETCH FIRST 5 ROWS ONLY", "SELECT * FROM t FETCH FIRST 500 ROWS ONLY");
    }

    @Test
    void stringForms() {
        assertShapeHits("SELECT 'a', E'b\\n', $$c$$, $q$d$q$, U&'\\0041', B'01', X'1F', 'e'\n'f' FROM t",
                "SELECT 'it''s', E'\\x41\\101\\u00e9\\'', $$x'y$$, $q$$$q$, U&'\\+01F600x', B'', X'DEADBEEF', 'g'\n'hh' FROM t",
                "SELECT 'line\nbreak', E'', $$\n$$, $q$\n\n$q$, U&'', B'1111', X'', ''\n  -- c\n'' FROM t");
    }

    @Test
    void quotesInIdentifiersAndComments() {
        assertShapeHits("SELECT \"it's\", 1 /* 'x' 2 /* 3 */ */, 3 -- 4 'y'\n FROM \"t\"\"x\" WHERE a = 'b' AND $1 = 7",
                "SELECT \"it's\", 100 /* 'x' 2 /* 3 */ */, 33 -- 4 'y'\n FROM \"t\"\"x\" WHERE a = '' AND $1 = 7777");
    }

    @Test
    void locationsMoveWithLongerShorterAndMultiLineLiterals() {
        SqlParserCache cache = assertShapeHits("SELECT 'x', y FROM t WHERE z = 1",
                "SELECT 'a\nbc', y FROM t WHERE z = 123",
                "SELECT '\ud83d\ude00\ud83d\ude00', y FROM t WHERE z = 1",
                "SELECT '', y FROM t WHERE z = 1");
        Query q = (Query) cache.parse("SELECT 'ab\ncde\nf', y FROM t WHERE z = 1");
        ColumnRef y = (ColumnRef) ((Select) q.body()).targets().get(1).expression();
        // The error position the engine would report for y: line 3, column 5, character 20.
        assertEquals(new NodeLocation(19, 3, 5).toString(), y.location().toString());
        assertEquals(19, y.location().offset());
        assertEquals(20, y.location().position());
        Query emoji = (Query) cache.parse("SELECT '\ud83d\ude00', y FROM t WHERE z = 1");
        ColumnRef y2 = (ColumnRef) ((Select) emoji.body()).targets().get(1).expression();
        assertEquals(12, y2.location().offset());
        assertEquals(13, y2.location().column());
    }

    @Test
    void valuesThatTheParserRejectsGiveItsError() {
        SqlParserCache cache = SqlParserCache.create(16);
        cache.parseAll("SELECT U&'\\0041' FROM t");
        cache.parseAll("SELECT U&'\\0042' FROM t");
        assertEquals(1, cache.shapeCount());
        long parsedBefore = cache.misses();
        String bad = "SELECT U&'\\zzzz' FROM t";
        RuntimeException fresh = assertThrows(RuntimeException.class, () -> SqlParser.parseAll(bad));
        RuntimeException cached = assertThrows(RuntimeException.class, () -> cache.parseAll(bad));
        assertEquals(fresh.getClass(), cached.getClass());
        assertEquals(fresh.getMessage(), cached.getMessage());
        assertEquals(0, cache.shapeHits());
        assertEquals(parsedBefore + 1, cache.misses());
        // Errors are not cached: the text is still unknown.
        assertEquals(2, cache.size());
        // Lexical errors in a literal: the text has no shape and the parser reports it.
        cache.parseAll("SELECT 'a', 1");
        SqlParseException e = assertThrows(SqlParseException.class, () -> cache.parseAll("SELECT 'a, 1"));
        assertEquals("unterminated quoted string at or near \"'a, 1\"", e.getMessage());
        assertThrows(SqlParseException.class, () -> cache.parseAll("SELECT 'a', 1x"));
    }

    @Test
    void literalsTheParserUsesOtherwiseAreNotTemplatable() {
        assertParsedEachTime("SELECT U&'d!0061t' UESCAPE '!'", "SELECT U&'d!0062t' UESCAPE '!'", "SELECT U&'x' UESCAPE '#'");
        assertParsedEachTime("FETCH FORWARD 1 FROM c", "FETCH FORWARD 20 FROM c", "FETCH FORWARD 300 FROM c");
        // MERGE is kept as text (OtherStatement): its literals are in that text.
        assertParsedEachTime("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 1",
                "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 2",
                "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 30");
        assertParsedEachTime("DO $$BEGIN NULL; END$$", "DO $$BEGIN RETURN; END$$", "DO $$BEGIN END$$");
    }

    @Test
    void utilityStatements() {
        // Whatever is templatable must be exact; the others are parsed.
        for (String[] pair : new String[][] {
            {"SET search_path TO 'a', 'b'", "SET search_path TO 'public', ''"},
            {"SET statement_timeout = 5000", "SET statement_timeout = 0"},
            {"SET TIME ZONE 'UTC'", "SET TIME ZONE 'Europe/Paris'"},
            {"COPY t FROM STDIN WITH (FORMAT csv, DELIMITER ';', NULL '')", "COPY t FROM STDIN WITH (FORMAT csv, DELIMITER '|', NULL 'x')"},
            {"NOTIFY ch, 'payload'", "NOTIFY ch, 'other payload'"},
            {"CREATE SEQUENCE s START 10 INCREMENT 2", "CREATE SEQUENCE s START 1000 INCREMENT 5"},
            {"CREATE TABLE t (a int DEFAULT 5 CHECK (a > 0), b text DEFAULT 'x')", "CREATE TABLE t (a int DEFAULT 50 CHECK (a > 100), b text DEFAULT '')"},
            {"ALTER TYPE e ADD VALUE 'x'", "ALTER TYPE e ADD VALUE 'yy'"},
            {"EXPLAIN SELECT 1", "EXPLAIN SELECT 22"},
            {"PREPARE p AS SELECT 1; EXECUTE p(5)", "PREPARE p AS SELECT 2; EXECUTE p(66)"},
            {"COMMENT ON TABLE t IS 'x'", "COMMENT ON TABLE t IS 'yz'"}}) {
            SqlParserCache cache = SqlParserCache.create(16);
            cache.parseAll(pair[0]);
            prime(cache, pair[0]);
            assertNull(TreeEquality.difference(SqlParser.parseAll(pair[1]), cache.parseAll(pair[1])), pair[1]);
            System.out.println((cache.shapeHits() == 1 ? "templatable: " : "not templatable: ") + pair[0]);
        }
    }

    @Test
    void deeplyNested() {
        StringBuilder a = new StringBuilder("SELECT ");
        StringBuilder b = new StringBuilder("SELECT ");
        StringBuilder c = new StringBuilder("SELECT ");
        int depth = SqlParser.MAX_NESTING - 10;
        for (int i = 0; i < depth; i++) {
            a.append("(").append(i).append(" + ");
            b.append("(").append(i * 1000).append(" + ");
            c.append("(").append(i % 10).append(" + ");
        }
        a.append("'x'").append(")".repeat(depth));
        b.append("'y\nz'").append(")".repeat(depth));
        c.append("''").append(")".repeat(depth));
        assertShapeHits(a.toString(), b.toString(), c.toString());
    }

    @Test
    void boundedShapes() {
        SqlParserCache cache = SqlParserCache.create(4);
        for (int i = 0; i < 40; i++) {
            cache.parseAll("SELECT c" + i + " FROM t WHERE id = " + i);
            assertTrue(cache.shapeCount() <= 4);
            assertTrue(cache.size() <= 4);
        }
        assertEquals(4, cache.shapeCount());
        // The most recent shapes are kept: a second text of c39's shape makes its template, a third is a hit.
        cache.parseAll("SELECT c39 FROM t WHERE id = 1000");
        cache.parseAll("SELECT c39 FROM t WHERE id = 2000");
        assertEquals(1, cache.shapeHits());
        // c0's shape was pushed out: seen once again, then templated, then a hit.
        cache.parseAll("SELECT c0 FROM t WHERE id = 1000");
        cache.parseAll("SELECT c0 FROM t WHERE id = 2000");
        assertEquals(1, cache.shapeHits());
        cache.parseAll("SELECT c0 FROM t WHERE id = 3000");
        assertEquals(2, cache.shapeHits());
        assertTrue(cache.shapeCount() <= 4);
        cache.clear();
        assertEquals(0, cache.shapeCount());
    }

    @Test
    void threads() throws Exception {
        SqlParserCache cache = SqlParserCache.create(64);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        String sql = "SELECT * FROM t" + (i % 5) + " WHERE id = " + (i * thread)
                                + " AND name = '" + "x".repeat(i % 7) + (i % 3 == 0 ? "\n" : "") + "'";
                        assertNull(TreeEquality.difference(SqlParser.parseAll(sql), cache.parseAll(sql)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(2400, cache.hits() + cache.shapeHits() + cache.misses());
        assertTrue(cache.shapeHits() > 2000, "shape hits: " + cache.shapeHits());
        assertEquals(5, cache.shapeCount());
    }

    @Test
    void shapeHitIsNotAddedToTheTexts() {
        SqlParserCache cache = assertShapeHits("SELECT 1", "SELECT 2", "SELECT 3");
        // "SELECT 1" and the text that made the template.
        assertEquals(2, cache.size());
        assertInstanceOf(Query.class, cache.parse("SELECT 4"));
    }
}
