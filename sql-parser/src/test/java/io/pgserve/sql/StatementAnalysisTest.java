package io.pgserve.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgserve.sql.ast.Identifier;
import io.pgserve.sql.ast.TypeName;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatementAnalysisTest {

    private static StatementAnalysis analyze(String sql) {
        return StatementAnalysis.of(SqlParser.parse(sql));
    }

    private static String types(StatementAnalysis a) {
        return a.parameters().stream()
                .map(p -> "$" + p.index() + ":" + (p.type() == null ? "?" : SqlPrinter.print(p.type())))
                .collect(Collectors.joining(" "));
    }

    private static String tables(StatementAnalysis a) {
        return a.tables().stream()
                .map(t -> t.stream().map(Identifier::value).collect(Collectors.joining(".")))
                .collect(Collectors.joining(" "));
    }

    @Test
    void parameterTypes() {
        StatementAnalysis a = analyze("SELECT * FROM app.t WHERE d = $1::date AND n > $3 AND x = 5 LIMIT $2 OFFSET $4");
        assertEquals("$1:date $2:bigint $3:? $4:bigint", types(a));
        assertEquals("$1:integer $2:numeric $3:pg_catalog.text $4:boolean $5:bigint $6:timestamptz",
                types(analyze("SELECT 1 FROM t WHERE $1 = 1 AND 1.5 < $2 AND c LIKE 'x' AND $3 = 'x' AND $4 IS DISTINCT "
                        + "FROM true AND $5 IN (10000000000) AND $6 > now()::timestamptz")));
        assertEquals("$1:integer $2:integer", types(analyze("UPDATE t SET a = $2 + 1 WHERE $1 BETWEEN 0 AND 10")));
        assertEquals("$1:?", types(analyze("INSERT INTO t VALUES ($1)")));
    }

    @Test
    void tablesWithoutCteNames() {
        StatementAnalysis a = analyze("WITH x AS (SELECT * FROM app.orders o JOIN customers c ON o.cid = c.id) "
                + "SELECT * FROM x, pg_catalog.pg_class, (SELECT 1 FROM y) s WHERE EXISTS (SELECT 1 FROM app.orders)");
        assertEquals("app.orders customers pg_catalog.pg_class y", tables(a));
        assertEquals("t u", tables(analyze("INSERT INTO t SELECT * FROM u")));
        assertEquals("t u", tables(analyze("CREATE TABLE t (a int REFERENCES u)")));
        assertEquals("a b", tables(analyze("TRUNCATE a, b")));
    }

    @Test
    void tagsAndRows() {
        assertTrue(analyze("SELECT 1").returnsRows());
        assertFalse(analyze("INSERT INTO t VALUES (1)").returnsRows());
        assertTrue(analyze("INSERT INTO t VALUES (1) RETURNING id").returnsRows());
        assertTrue(analyze("DELETE FROM t RETURNING *").returnsRows());
        assertTrue(analyze("SHOW x").returnsRows());
        assertTrue(analyze("FETCH 1 FROM c").returnsRows());
        assertFalse(analyze("MOVE 1 FROM c").returnsRows());
        assertEquals("SELECT", analyze("CREATE TABLE t AS SELECT 1").commandTag());
        assertEquals("START TRANSACTION", analyze("START TRANSACTION").commandTag());
        assertEquals("COMMIT", analyze("END").commandTag());
        assertEquals("ROLLBACK", analyze("ROLLBACK TO SAVEPOINT s").commandTag());
        assertEquals(StatementKind.ROLLBACK_TO_SAVEPOINT, analyze("ROLLBACK TO SAVEPOINT s").kind());
        assertEquals("DROP TABLE", analyze("DROP TABLE t").commandTag());
        assertEquals("DISCARD ALL", analyze("DISCARD ALL").commandTag());
        assertEquals("CLOSE CURSOR ALL", analyze("CLOSE ALL").commandTag());
        assertEquals("DECLARE CURSOR", analyze("DECLARE c CURSOR FOR SELECT 1").commandTag());
        assertEquals("TRUNCATE TABLE", analyze("TRUNCATE t").commandTag());
        assertEquals("CREATE FUNCTION", analyze("CREATE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE sql")
                .commandTag());
        assertEquals(StatementKind.SET, analyze("SET TIME ZONE 'UTC'").kind());
        assertNull(analyze("SELECT $1").parameters().get(0).type());
    }

    /** The tag and kind agree with the classifier that reads them from the leading keywords. */
    @Test
    void agreesWithClassifier() {
        for (String sql : List.of("SELECT 1", "VALUES (1)", "INSERT INTO t VALUES (1)", "BEGIN", "START TRANSACTION",
                "COMMIT", "ROLLBACK", "SAVEPOINT a", "RELEASE a", "ROLLBACK TO a", "SET a = 1", "RESET a", "SHOW a",
                "DISCARD PLANS", "CREATE TABLE t (a int)", "CREATE INDEX i ON t (a)", "CREATE VIEW v AS SELECT 1",
                "DROP VIEW v", "ALTER TABLE t ADD b int", "PREPARE p AS SELECT 1", "EXECUTE p", "DEALLOCATE p",
                "DEALLOCATE ALL", "DECLARE c CURSOR FOR SELECT 1", "FETCH c", "MOVE c", "CLOSE c", "LISTEN a",
                "UNLISTEN *", "NOTIFY a", "EXPLAIN SELECT 1", "VACUUM", "ANALYZE", "CALL p()", "DO 'x'",
                "COPY t FROM STDIN", "GRANT SELECT ON t TO u", "REVOKE SELECT ON t FROM u", "COMMENT ON TABLE t IS 'x'",
                "LOCK t", "CREATE SCHEMA s", "CREATE SEQUENCE s", "TRUNCATE t",
                "CREATE TYPE e AS ENUM ('a')", "ALTER TYPE e ADD VALUE 'b'", "DROP TYPE e")) {
            RawStatement raw = SqlSplitter.split(sql).get(0);
            StatementAnalysis a = analyze(sql);
            assertEquals(raw.commandTag(), a.commandTag(), sql);
            assertEquals(raw.kind(), a.kind(), sql);
        }
    }

    @Test
    void typeNames() {
        TypeName t = analyze("SELECT $1::int").parameters().get(0).type();
        assertTrue(t.isSystem("int4"));
    }
}
