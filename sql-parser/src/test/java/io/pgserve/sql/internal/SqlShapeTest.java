package io.pgserve.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pgserve.sql.internal.grammar.PostgreSqlLexer;
import io.pgserve.sql.internal.grammar.PostgreSqlLexerBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

/**
 * The shape scanner agrees with the ANTLR lexer about every literal token (kind, start and end), and gives up
 * (null) rather than guess where the lexer would report an error.
 */
class SqlShapeTest {
    /** Fragments that meet each other in the lexer's tricky places. */
    private static final String[] FRAGMENTS = {
        "'", "''", "'a'", "E'", "e'", "\\", "\\'", "$$", "$a$", "$b$", "$1", "$", "--", "/*", "*/", "\n", " ", "\r",
        "\t", "1", "0", "0x", "0X1f", "0o7", "0b1", "1.5", "1e", "1e5", "E", "e", "+", "-", ".", "..", "_", "a", "x",
        "N'", "n", "U&'", "u&", "U&\"", "B'", "X'", "b'", "\"", "\"\"", "\ud83d\ude00", "\u00e9", "1_0", "9", "'x'\n",
        "-- c\n", "SELECT ", ",", "(", ")", "::", "z", ";", "q'", "0.", ".5", "2_", "&", "'\n'", "U&"};

    @Test
    void agreesWithTheLexerOnRandomTexts() {
        Random random = new Random(20261122);
        int shaped = 0;
        int literals = 0;
        int clean = 0;
        for (int i = 0; i < 60_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(10);
            for (int j = 0; j < n; j++) {
                sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            String sql = sb.toString();
            SqlShape shape = SqlShape.scan(sql);
            if (lexesCleanly(sql)) {
                clean++;
            }
            if (shape != null) {
                shaped++;
                literals += shape.literalCount();
                assertAgrees(sql, shape);
            }
        }
        System.out.printf("shape scanner fuzz: 60000 texts, %d without lexer errors, %d scanned (%d literals), all as "
                + "the lexer has them%n", clean, shaped, literals);
        // It gives up on lone '$', '1..' and '1$' (which the lexer accepts), on nothing else.
        assertTrue(shaped * 10 > clean * 8, "the scanner gives up too often: " + shaped + " of " + clean);
        assertTrue(literals > 10_000);
    }

    @Test
    void literalsAndKinds() {
        SqlShape s = SqlShape.scan("SELECT 1, -2.5, 'a''b', E'c\\'d', $x$e'f$x$, U&'g', B'01', X'1F', N'h', 0x1F, 1e5, .5");
        assertNotNull(s);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < s.literalCount(); i++) {
            got.add(s.kind(i) + ":" + s.literal(i));
        }
        assertEquals(List.of("I:1", "F:2.5", "S:'a''b'", "S:E'c\\'d'", "S:$x$e'f$x$", "U:U&'g'", "B:B'01'", "X:X'1F'",
                "S:'h'", "I:0x1F", "F:1e5", "F:.5"), got);
    }

    @Test
    void quotesInIdentifiersAndCommentsAreNotLiterals() {
        SqlShape s = SqlShape.scan("SELECT \"it's\", a1, x$1 /* 'no' /* 2 */ 3 */ -- 'no' 4\n FROM t WHERE u = U&\"d'\"");
        assertNotNull(s);
        assertEquals(0, s.literalCount());
    }

    @Test
    void continuationIsOneLiteral() {
        SqlShape s = SqlShape.scan("SELECT 'a'  -- c\n  'b' 'c', 'd'\n");
        assertNotNull(s);
        assertEquals(3, s.literalCount());
        assertEquals("'a'  -- c\n  'b'", s.literal(0));
    }

    @Test
    void givesUpOnLexerErrors() {
        for (String sql : List.of("SELECT 'x", "SELECT E'x\\'", "SELECT $$x", "SELECT 123abc", "SELECT 0x", "SELECT 1e",
                "SELECT \"\"", "SELECT \"x", "SELECT /* x", "SELECT $1a", "SELECT 1..2", "SELECT 1_", "SELECT \uffffI")) {
            assertNull(SqlShape.scan(sql), sql);
        }
    }

    @Test
    void treeEqualityComparesLocations() {
        List<io.pgserve.sql.ast.Statement> a = io.pgserve.sql.SqlParser.parseAll("SELECT x FROM t");
        List<io.pgserve.sql.ast.Statement> b = io.pgserve.sql.SqlParser.parseAll("SELECT x\nFROM t");
        assertEquals(a, b);
        assertNotNull(TreeEquality.difference(a, b));
        assertNull(TreeEquality.difference(a, io.pgserve.sql.SqlParser.parseAll("SELECT x FROM t")));
        assertNotNull(TreeEquality.difference(a, io.pgserve.sql.SqlParser.parseAll("SELECT y FROM t")));
    }

    @Test
    void positionsCountCodePointsAndLines() {
        SqlShape s = SqlShape.scan("SELECT '\ud83d\ude00',\n  'x\ny' , 7");
        assertNotNull(s);
        assertEquals(3, s.literalCount());
        // After '😀': code point 10, line 1, column 10.
        assertEquals(10, s.cpEnd[0]);
        assertEquals(1, s.lineAtEnd[0]);
        assertEquals(10, s.colAtEnd[0]);
        // After 'x\ny': line 3, column 2.
        assertEquals(3, s.lineAtEnd[1]);
        assertEquals(2, s.colAtEnd[1]);
    }

    private static boolean lexesCleanly(String sql) {
        PostgreSqlLexer lexer = new PostgreSqlLexer(CharStreams.fromString(sql));
        lexer.removeErrorListeners();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (PostgreSqlLexerBase.errorMessage(t.getType()) != null) {
                return false;
            }
        }
        return true;
    }

    private static void assertAgrees(String sql, SqlShape shape) {
        PostgreSqlLexer lexer = new PostgreSqlLexer(CharStreams.fromString(sql));
        lexer.removeErrorListeners();
        List<String> expected = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (PostgreSqlLexerBase.errorMessage(t.getType()) != null) {
                fail("scanned a text the lexer rejects: " + show(sql) + " (" + t.getText() + ")");
            }
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            char kind;
            switch (t.getType()) {
                case PostgreSqlLexer.SCONST: kind = SqlShape.STRING; break;
                case PostgreSqlLexer.USCONST: kind = SqlShape.UNICODE_STRING; break;
                case PostgreSqlLexer.BCONST: kind = SqlShape.BIT_STRING; break;
                case PostgreSqlLexer.XCONST: kind = SqlShape.HEX_STRING; break;
                case PostgreSqlLexer.ICONST: kind = SqlShape.INTEGER; break;
                case PostgreSqlLexer.FCONST: kind = SqlShape.DECIMAL; break;
                default: continue;
            }
            int start = sql.offsetByCodePoints(0, t.getStartIndex());
            int end = sql.offsetByCodePoints(0, t.getStopIndex() + 1);
            expected.add(kind + "@" + start + "-" + end);
        }
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < shape.literalCount(); i++) {
            actual.add(shape.kind[i] + "@" + shape.start[i] + "-" + shape.end[i]);
        }
        assertEquals(expected, actual, () -> "literals of " + show(sql));
    }

    private static String show(String s) {
        return "\"" + s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }
}
