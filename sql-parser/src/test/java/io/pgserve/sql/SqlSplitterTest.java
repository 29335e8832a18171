package io.pgserve.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlSplitterTest {

    private static List<String> texts(String sql) {
        return SqlSplitter.split(sql).stream().map(RawStatement::sql).collect(Collectors.toList());
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotSplit() {
        assertEquals(List.of("SELECT ';'", "SELECT 2"), texts("SELECT ';'; SELECT 2"));
        assertEquals(List.of("SELECT E'\\';'", "SELECT 2"), texts("SELECT E'\\';'; SELECT 2"));
        assertEquals(List.of("SELECT \"a;b\"", "SELECT 2"), texts("SELECT \"a;b\"; SELECT 2"));
        assertEquals(List.of("SELECT $$;$$", "SELECT 2"), texts("SELECT $$;$$; SELECT 2"));
        assertEquals(List.of("SELECT $t$ $$ ; $t$", "SELECT 2"), texts("SELECT $t$ $$ ; $t$; SELECT 2"));
        assertEquals(List.of("SELECT 1 -- ;\n+ 1", "SELECT 2"), texts("SELECT 1 -- ;\n+ 1; SELECT 2"));
        assertEquals(List.of("SELECT /* /* ; */ ; */ 1", "SELECT 2"), texts("SELECT /* /* ; */ ; */ 1; SELECT 2"));
        assertEquals(List.of("SELECT U&'a;b', U&\"c;d\"", "SELECT 2"), texts("SELECT U&'a;b', U&\"c;d\"; SELECT 2"));
        assertEquals(List.of("SELECT B'1', X'2;'"), texts("SELECT B'1', X'2;'"));
        assertEquals(List.of("SELECT 'a'\n';'", "SELECT 2"), texts("SELECT 'a'\n';'; SELECT 2"));
    }

    @Test
    void offsetsAndTrimming() {
        List<RawStatement> st = SqlSplitter.split("  /* c */ SELECT 1 /* d */ ;\n-- e\n  select 2 -- f\n");
        assertEquals(2, st.size());
        assertEquals(new RawStatement("SELECT 1", 10, StatementKind.SELECT, "SELECT"), st.get(0));
        assertEquals("select 2", st.get(1).sql());
        assertEquals(36, st.get(1).offset());
        assertEquals(List.of("SELECT 1"), texts("SELECT 1;"));
    }

    @Test
    void offsetsAreStringIndexesAfterSupplementaryCharacters() {
        String sql = "SELECT '\uD83D\uDE00'; SELECT 2";
        RawStatement second = SqlSplitter.split(sql).get(1);
        assertEquals("SELECT 2", second.sql());
        assertEquals(sql.indexOf("SELECT 2"), second.offset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";", " ;; -- x", "/* a */", "\n\t; ;\n", "-- only a comment"})
    void emptyStatementsAreDropped(String sql) {
        assertEquals(List.of(), SqlSplitter.split(sql));
    }

    @Test
    void beginAtomicBodyKeepsItsSemicolons() {
        String create = "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\n"
                + "BEGIN ATOMIC\n  SELECT CASE WHEN true THEN 1 END;\n  SELECT 2;\nEND";
        List<RawStatement> st = SqlSplitter.split(create + "; SELECT 3");
        assertEquals(2, st.size());
        assertEquals(create, st.get(0).sql());
        assertEquals("CREATE FUNCTION", st.get(0).commandTag());
        assertEquals("SELECT 3", st.get(1).sql());
        assertEquals(2, SqlSplitter.split("CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END; CALL p()").size());
        // Only inside CREATE FUNCTION/PROCEDURE: elsewhere BEGIN is a transaction start.
        assertEquals(List.of("BEGIN", "SELECT 1", "END"), texts("BEGIN; SELECT 1; END"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "⇒", quoteCharacter = '`', value = {
        "SELECT 'abc ⇒ unterminated quoted string at or near \"'abc\" ⇒ 8",
        "SELECT 1; SELECT 'abc ⇒ unterminated quoted string at or near \"'abc\" ⇒ 18",
        "SELECT E'ab\\ ⇒ unterminated quoted string at or near \"E'ab\\\" ⇒ 8",
        "SELECT N'abc ⇒ unterminated quoted string at or near \"'abc\" ⇒ 9",
        "SELECT U&'abc ⇒ unterminated quoted string at or near \"U&'abc\" ⇒ 8",
        "SELECT \"abc ⇒ unterminated quoted identifier at or near \"\"abc\" ⇒ 8",
        "SELECT U&\"abc ⇒ unterminated quoted identifier at or near \"U&\"abc\" ⇒ 8",
        "SELECT /* abc ⇒ unterminated /* comment at or near \"/* abc\" ⇒ 8",
        "SELECT 1 /* /* */ ; SELECT 2 ⇒ unterminated /* comment at or near \"/* /* */ ; SELECT 2\" ⇒ 10",
        "SELECT $$abc ⇒ unterminated dollar-quoted string at or near \"$$abc\" ⇒ 8",
        "SELECT $a$ x $A$ ⇒ unterminated dollar-quoted string at or near \"$a$ x $A$\" ⇒ 8",
        "SELECT B'10 ⇒ unterminated bit string literal at or near \"B'10\" ⇒ 8",
        "SELECT X'1F ⇒ unterminated hexadecimal string literal at or near \"X'1F\" ⇒ 8",
        "SELECT \"\" ⇒ zero-length delimited identifier at or near \"\"\"\" ⇒ 8",
        "SELECT 123abc FROM t ⇒ trailing junk after numeric literal at or near \"123abc\" ⇒ 8",
        "SELECT $1abc ⇒ trailing junk after parameter at or near \"$1abc\" ⇒ 8",
        "SELECT 1e+ ⇒ trailing junk after numeric literal at or near \"1e+\" ⇒ 8",
        "SELECT 0x ⇒ invalid hexadecimal integer at or near \"0x\" ⇒ 8",
        "SELECT 'é', 'x ⇒ unterminated quoted string at or near \"'x\" ⇒ 13",
    })
    void errorsAreThoseOfPostgreSql(String sql, String message, int position) {
        SqlParseException e = assertThrows(SqlParseException.class, () -> SqlSplitter.split(sql));
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
        assertEquals("42601", e.sqlState());
    }

    @Test
    void errorPositionCountsCharactersNotUtf16Units() {
        SqlParseException e = assertThrows(SqlParseException.class, () -> SqlSplitter.split("SELECT '\uD83D\uDE00', 'x"));
        assertEquals(13, e.position());
        e = assertThrows(SqlParseException.class, () -> SqlSplitter.split("SELECT 'a'\n'b"));
        assertEquals("unterminated quoted string at or near \"'a'\n'b\"", e.getMessage());
        assertEquals(8, e.position());
    }

    @Test
    void manySmallCallsAreCheap() {
        SqlSplitter.split("SELECT 1");
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            SqlSplitter.split("SELECT 1");
        }
        long perCallMicros = (System.nanoTime() - start) / 20_000 / 1000;
        assertTrue(perCallMicros < 200, "split(\"SELECT 1\") took " + perCallMicros + " µs");
    }
}
