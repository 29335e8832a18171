package io.pgserve.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgserve.sql.ast.BinaryOp;
import io.pgserve.sql.ast.BooleanTest;
import io.pgserve.sql.ast.ColumnRef;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionArgument;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.Identifier;
import io.pgserve.sql.ast.Insert;
import io.pgserve.sql.ast.Join;
import io.pgserve.sql.ast.Like;
import io.pgserve.sql.ast.LogicalExpr;
import io.pgserve.sql.ast.NodeLocation;
import io.pgserve.sql.ast.NotExpr;
import io.pgserve.sql.ast.NullTest;
import io.pgserve.sql.ast.NumericLiteral;
import io.pgserve.sql.ast.OperatorName;
import io.pgserve.sql.ast.OtherStatement;
import io.pgserve.sql.ast.Query;
import io.pgserve.sql.ast.Select;
import io.pgserve.sql.ast.SelectItem;
import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.ast.StringLiteral;
import io.pgserve.sql.ast.TableName;
import io.pgserve.sql.ast.TypeCast;
import io.pgserve.sql.ast.TypeName;
import io.pgserve.sql.ast.UnaryOp;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SqlParserTest {
    private static final NodeLocation L = NodeLocation.UNKNOWN;

    /** Statements of every construct the grammar covers; each must survive parse, print, parse. */
    static Stream<String> statements() {
        return Stream.of(
            "SELECT 1",
            "SELECT",
            "SELECT FROM t",
            "SELECT a, b AS c, d e, t.*, * FROM t WHERE x = 1 AND y < 2 OR NOT z",
            "SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c USING (id) CROSS JOIN d NATURAL FULL JOIN e",
            "SELECT * FROM a RIGHT OUTER JOIN b USING (x, y) AS j INNER JOIN c ON true",
            "SELECT * FROM a JOIN b JOIN c ON true ON false",
            "SELECT 1 FROM (a JOIN b ON true) AS j(x, y), ONLY t, u * AS v, ONLY (w)",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM r",
            "WITH a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED (VALUES (2)) SELECT * FROM a, b",
            "WITH d AS (DELETE FROM t RETURNING *) INSERT INTO u SELECT * FROM d",
            "SELECT DISTINCT ON (a) a, count(*) FILTER (WHERE b) OVER (PARTITION BY c ORDER BY d ROWS BETWEEN "
                + "UNBOUNDED PRECEDING AND CURRENT ROW) FROM t GROUP BY ROLLUP (a, b), CUBE (c), GROUPING SETS ((a), (), "
                + "ROLLUP (d)) HAVING count(*) > 1 WINDOW w AS (ORDER BY a), w2 AS (w RANGE 3 PRECEDING EXCLUDE TIES) "
                + "ORDER BY 1 DESC NULLS LAST, 2 USING > LIMIT 10 OFFSET 5 FOR UPDATE OF t SKIP LOCKED",
            "SELECT sum(x) OVER w, rank() OVER (w GROUPS BETWEEN 1 PRECEDING AND 2 FOLLOWING EXCLUDE NO OTHERS) FROM t "
                + "WINDOW w AS (PARTITION BY y)",
            "SELECT DISTINCT a FROM t GROUP BY DISTINCT a FOR NO KEY UPDATE NOWAIT FOR KEY SHARE FOR SHARE",
            "SELECT x::int[], CAST(y AS character varying(20)[]), timestamp(3) with time zone '2020-01-01', "
                + "INTERVAL '1' DAY, DATE '2020-01-01', 'a' || 'b', a ~ 'x', a OPERATOR(pg_catalog.~) b",
            "SELECT x::double precision, x::\"char\", x::pg_catalog.int4, x::numeric(10, 2), x::bit varying(3), "
                + "x::char, x::national character varying, x::time without time zone, x::interval year to month, "
                + "x::interval second(3), x::interval(2), x::float(10), x::float(30), x::bigint[3][], x::int ARRAY[4], "
                + "x::boolean, x::smallint, x::real, x::decimal, x::dec(3), x::bit, x::varchar(5), x::timetz, "
                + "x::text[], x::myschema.mytype(1, 'a')",
            "SELECT bit '101', char(3) 'abc', numeric(10,2) '1.5', INTERVAL(3) '1 sec', INTERVAL '1:2' HOUR TO MINUTE, "
                + "INTERVAL '1' DAY TO SECOND(4), foo.bar 'x', myType(10) 'y', N'national', U&'d\\0061t\\+000061', "
                + "U&'d!0061t' UESCAPE '!', E'a\\nb', $$dollar$$, B'0101', X'1F', 1.5e3, .5, 0x1F, 1_000",
            "SELECT CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END, CASE x WHEN 1 THEN 'a' END, COALESCE(a, b), "
                + "NULLIF(a, b), GREATEST(1, 2), LEAST(3, 4), EXTRACT(year FROM now()), EXTRACT('epoch' FROM x), "
                + "SUBSTRING('abc' FROM 1 FOR 2), SUBSTRING('abc' FOR 2), SUBSTRING('abc' FROM 2), "
                + "SUBSTRING('abc' SIMILAR 'a' ESCAPE '#'), substring('abc', 1), POSITION('a' IN 'abc'), "
                + "TRIM(BOTH 'x' FROM y), TRIM(LEADING FROM y), TRIM(TRAILING y), TRIM(y, 'z'), "
                + "OVERLAY('abc' PLACING 'x' FROM 1 FOR 2), OVERLAY('abc' PLACING 'x' FROM 1)",
            "SELECT a IS NOT NULL, a IS NULL, a ISNULL, a NOTNULL, b IS DISTINCT FROM c, b IS NOT DISTINCT FROM c, "
                + "d BETWEEN SYMMETRIC 1 AND 2, d NOT BETWEEN 1 + 1 AND 3, e NOT IN (1, 2), f IN (SELECT 1), "
                + "EXISTS (SELECT 1), g = ANY (ARRAY[1, 2]), g <> ALL (SELECT 1), g < SOME ('{1}'), "
                + "h LIKE 'x%' ESCAPE '!', i NOT ILIKE 'y', j SIMILAR TO 'z', j NOT SIMILAR TO 'z' ESCAPE '#', "
                + "k LIKE ANY (ARRAY['a']), k NOT ILIKE ALL (ARRAY['b']), l OPERATOR(pg_catalog.=) ANY (m), "
                + "x IS TRUE, x IS NOT FALSE, x IS UNKNOWN",
            "SELECT arr[1], arr[1:2], arr[:2], arr[1:], arr[1][2], (row).field, (row).*, t.arr[1].f, $1[1], $2.f, "
                + "ROW(1, 2), ROW(), ROW(1), (1, 2), ARRAY[[1, 2], [3, 4]], ARRAY[], ARRAY(SELECT 1), $1, "
                + "a COLLATE \"C\", now() AT TIME ZONE 'UTC', (SELECT 1)[1], (f(x)).a, GROUPING(a, b)",
            "SELECT f(a => 1, b := 2), g(VARIADIC ARRAY[1]), h(1, VARIADIC ARRAY[2]), percentile_cont(0.5) WITHIN "
                + "GROUP (ORDER BY x), string_agg(DISTINCT a, ',' ORDER BY a), count(ALL a), CURRENT_DATE, "
                + "CURRENT_TIMESTAMP(3), CURRENT_TIME, LOCALTIME(2), LOCALTIMESTAMP, current_user, session_user, "
                + "user, current_role, current_catalog, current_schema, current_schema(), pg_catalog.now()",
            "VALUES (1, 2), (3, 4) ORDER BY 1",
            "TABLE t",
            "WITH x(a, b) AS (SELECT 1, 2) SELECT * FROM x",
            "TABLE ONLY s.t",
            "(SELECT 1) UNION (SELECT 2) INTERSECT SELECT 3 EXCEPT ALL SELECT 4",
            "SELECT 1 UNION DISTINCT SELECT 2 INTERSECT ALL (SELECT 3 ORDER BY 1 LIMIT 1) ORDER BY 1",
            "(SELECT 1 ORDER BY 1) LIMIT 2",
            "SELECT * FROM t FETCH FIRST 5 ROWS WITH TIES",
            "SELECT * FROM t OFFSET 2 ROWS FETCH NEXT ROW ONLY",
            "SELECT * FROM t LIMIT ALL OFFSET 1",
            "SELECT * FROM t FETCH FIRST -1 ROWS ONLY",
            "SELECT * FROM t FOR READ ONLY",
            "SELECT * FROM LATERAL generate_series(1, 3) WITH ORDINALITY AS g(i, o), LATERAL (SELECT 1) AS s, "
                + "unnest(ARRAY[1]) u, current_date d",
            "INSERT INTO t (a, b) VALUES (1, DEFAULT) ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE t.a > 0 "
                + "RETURNING *",
            "INSERT INTO t AS x DEFAULT VALUES RETURNING x.a AS y",
            "INSERT INTO s.t SELECT * FROM u ON CONFLICT DO NOTHING",
            "INSERT INTO t (a[1], b.c) OVERRIDING SYSTEM VALUE VALUES (1, 2) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING",
            "INSERT INTO t (a) SELECT 1 ON CONFLICT ((lower(a)) COLLATE \"C\", b, lower(c)) WHERE a > 1 DO NOTHING",
            "INSERT INTO t (SELECT 1)",
            "INSERT INTO t (values) VALUES (1)",
            "UPDATE t AS x SET a = 1, (b, c) = (SELECT 1, 2), d[1] = 3, (e) = ROW(4) FROM u WHERE x.id = u.id "
                + "RETURNING a",
            "UPDATE ONLY t SET a = DEFAULT WHERE CURRENT OF c",
            "DELETE FROM t USING u, v WHERE t.id = u.id RETURNING t.*",
            "DELETE FROM ONLY t x",
            "SELECT -2 ^ 2, 2 + 3 * 4, a OR b AND c, NOT a = b, x IS NOT NULL AND y, - x, + 1, @ a, - - 2, 2 - -2",
            "SELECT a < b = c, a + b || c, a AND (b AND c), (a AND b) AND c, (a OR b) AND c, a - (b - c), "
                + "(a - b) - c, a ^ b ^ c, -a::int, (-a)::int, a BETWEEN b AND c AND d, NOT NOT a",
            "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = "
                + "c.relnamespace WHERE c.relkind IN ('r','p','') AND n.nspname <> 'pg_catalog' AND n.nspname !~ "
                + "'^pg_toast' AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 1,2",
            "SELECT \"Quoted\"\"Name\", U&\"d\\0061t\", name, type, value, position, \"select\".from FROM \"T\" AS \"select\"",
            "SELECT 1 abort, 2 AS select, 3 \"x\", 4 \"Y\", x is FROM t",
            "SELECT a FROM t WHERE a IN ((SELECT 1))",
            "SELECT ((SELECT 1)), (((1))), (((a + b)) * c)");
    }

    /** Statements of the DDL and utility grammar; each must parse to its own node and survive parse, print, parse. */
    static Stream<String> utilityStatements() {
        return Stream.of(
            // DDL
            "CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL, email varchar(100) UNIQUE, created "
                + "timestamptz DEFAULT now(), n int NULL DEFAULT 1 + 2 CHECK (n > 0), c text COLLATE \"C\" CONSTRAINT nn "
                + "NOT NULL)",
            "CREATE TEMP TABLE IF NOT EXISTS s.t (a bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT "
                + "BY 2 NO MAXVALUE CACHE 5 CYCLE), b int GENERATED BY DEFAULT AS IDENTITY, c int GENERATED ALWAYS AS "
                + "(a * 2) STORED, d int REFERENCES u (id) ON DELETE CASCADE ON UPDATE SET NULL, e int REFERENCES v "
                + "MATCH FULL DEFERRABLE INITIALLY DEFERRED)",
            "CREATE UNLOGGED TABLE t (a int, b int, CONSTRAINT pk PRIMARY KEY (a, b) INCLUDE (c) WITH "
                + "(fillfactor = 70), UNIQUE NULLS NOT DISTINCT (b), CHECK (a <> b) NO INHERIT, FOREIGN KEY (a, b) "
                + "REFERENCES u (x, y) ON DELETE SET DEFAULT NOT VALID, LIKE other INCLUDING DEFAULTS) WITH "
                + "(fillfactor = 70, autovacuum_enabled = false) ON COMMIT DELETE ROWS",
            "CREATE TABLE t () INHERITS (p, q.r) TABLESPACE ts",
            "CREATE TABLE IF NOT EXISTS t2 (a, b) WITH (fillfactor = 50) AS SELECT 1, 2 WITH NO DATA",
            "CREATE TEMPORARY TABLE t3 ON COMMIT DROP AS TABLE t",
            "ALTER TABLE IF EXISTS ONLY t ADD COLUMN IF NOT EXISTS c int NOT NULL DEFAULT 0, ADD d text, DROP "
                + "COLUMN e CASCADE, DROP IF EXISTS f, ALTER COLUMN g SET DEFAULT 1, ALTER h DROP DEFAULT, ALTER "
                + "COLUMN i SET NOT NULL, ALTER COLUMN j DROP NOT NULL, ALTER COLUMN k TYPE bigint USING k::bigint, "
                + "ALTER l SET DATA TYPE text COLLATE \"C\", ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id), ADD "
                + "PRIMARY KEY (id), DROP CONSTRAINT IF EXISTS c1 RESTRICT, OWNER TO bob",
            "ALTER TABLE t RENAME COLUMN a TO b",
            "ALTER TABLE t RENAME c TO d",
            "ALTER TABLE t RENAME CONSTRAINT a TO b",
            "ALTER TABLE s.t RENAME TO u",
            "ALTER TABLE t SET SCHEMA s",
            "ALTER TABLE t OWNER TO CURRENT_USER",
            "DROP TABLE IF EXISTS a, s.b CASCADE",
            "DROP TABLE t RESTRICT",
            "DROP VIEW v",
            "DROP MATERIALIZED VIEW IF EXISTS m",
            "DROP INDEX CONCURRENTLY IF EXISTS i",
            "DROP SEQUENCE s",
            "DROP SCHEMA IF EXISTS s CASCADE",
            "CREATE SCHEMA s",
            "CREATE SCHEMA IF NOT EXISTS s AUTHORIZATION bob",
            "CREATE SCHEMA AUTHORIZATION bob",
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY s.t USING btree (a, lower(b) DESC NULLS "
                + "LAST, (a + b), c COLLATE \"C\" text_pattern_ops ASC NULLS FIRST) INCLUDE (d) WITH (fillfactor = 90) "
                + "TABLESPACE ts WHERE a > 0",
            "CREATE INDEX ON t (a)",
            "CREATE INDEX i ON t USING gin (tags)",
            "CREATE OR REPLACE VIEW s.v (a, b) WITH (security_barrier) AS SELECT 1, 2 WITH LOCAL CHECK OPTION",
            "CREATE TEMP RECURSIVE VIEW v (n) AS VALUES (1)",
            "CREATE VIEW v AS SELECT * FROM t WITH CHECK OPTION",
            "CREATE SEQUENCE IF NOT EXISTS s AS bigint INCREMENT 1 MINVALUE -10 MAXVALUE 100 START 5 CACHE 1 NO "
                + "CYCLE OWNED BY t.id",
            "CREATE TEMPORARY SEQUENCE s NO MINVALUE",
            "ALTER SEQUENCE IF EXISTS s RESTART WITH 1",
            "ALTER SEQUENCE s RESTART",
            "TRUNCATE t",
            "TRUNCATE TABLE ONLY a, b RESTART IDENTITY CASCADE",
            "TRUNCATE a CONTINUE IDENTITY RESTRICT",
            "LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE NOWAIT",
            "LOCK t",
            "COMMENT ON TABLE s.t IS 'a table'",
            "COMMENT ON COLUMN t.c IS NULL",
            "COMMENT ON SCHEMA s IS 'it''s'",
            // COPY
            "COPY t FROM STDIN",
            "COPY s.t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', NULL '', FORCE_NOT_NULL "
                + "(a), FORCE_QUOTE *, FREEZE) WHERE a > 1",
            "COPY t TO STDOUT WITH CSV HEADER DELIMITER AS ';' NULL AS 'x' QUOTE '\"' ESCAPE '\\' FORCE QUOTE a, b "
                + "ENCODING 'UTF8'",
            "COPY BINARY t FROM STDIN",
            "COPY t FROM STDIN USING DELIMITERS '|' WITH NULL AS '\\N'",
            "COPY t FROM STDIN BINARY",
            "COPY (SELECT * FROM t WHERE a > 1) TO STDOUT (FORMAT binary)",
            "COPY (WITH x AS (SELECT 1) SELECT * FROM x) TO STDOUT",
            "COPY t TO '/tmp/f.csv' CSV",
            "COPY t FROM PROGRAM 'cat f'",
            // session parameters
            "SET search_path TO public, \"$user\", 'x'",
            "SET LOCAL statement_timeout = 0",
            "SET SESSION x.y = on",
            "SET extra_float_digits = 3",
            "SET datestyle TO DEFAULT",
            "SET application_name = 'PostgreSQL JDBC Driver'",
            "SET TIME ZONE 'UTC'",
            "SET TIME ZONE LOCAL",
            "SET TIME ZONE DEFAULT",
            "SET TIME ZONE -7",
            "SET TIME ZONE INTERVAL '-08:00' HOUR TO MINUTE",
            "SET TIME ZONE INTERVAL(2) '1'",
            "SET LOCAL TIME ZONE Europe_Paris",
            "SET SCHEMA 'app'",
            "SET NAMES 'UTF8'",
            "SET ROLE bob",
            "SET SESSION AUTHORIZATION DEFAULT",
            "SET SESSION AUTHORIZATION 'alice'",
            "SET work_mem FROM CURRENT",
            "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY",
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ WRITE NOT DEFERRABLE",
            "RESET ALL",
            "RESET search_path",
            "RESET TIME ZONE",
            "RESET SESSION AUTHORIZATION",
            "SHOW ALL",
            "SHOW TRANSACTION ISOLATION LEVEL",
            "SHOW server_version",
            "SHOW TIME ZONE",
            // transactions
            "BEGIN",
            "BEGIN WORK ISOLATION LEVEL READ COMMITTED, READ ONLY, DEFERRABLE",
            "BEGIN TRANSACTION ISOLATION LEVEL READ UNCOMMITTED",
            "START TRANSACTION ISOLATION LEVEL SERIALIZABLE READ WRITE",
            "START TRANSACTION",
            "COMMIT",
            "COMMIT WORK AND CHAIN",
            "END TRANSACTION AND NO CHAIN",
            "ROLLBACK",
            "ROLLBACK AND CHAIN",
            "ABORT",
            "SAVEPOINT sp1",
            "RELEASE SAVEPOINT sp1",
            "RELEASE sp1",
            "ROLLBACK TO SAVEPOINT sp1",
            "ROLLBACK WORK TO sp1",
            "PREPARE TRANSACTION 'tx1'",
            "COMMIT PREPARED 'tx1'",
            "ROLLBACK PREPARED 'tx1'",
            // prepared statements and cursors
            "PREPARE q (int, text[]) AS SELECT * FROM t WHERE a = $1 AND b = ANY ($2)",
            "PREPARE q AS INSERT INTO t VALUES ($1) RETURNING *",
            "EXECUTE q (1, ARRAY['a'])",
            "EXECUTE q",
            "DEALLOCATE q",
            "DEALLOCATE PREPARE ALL",
            "DECLARE c BINARY INSENSITIVE SCROLL CURSOR WITH HOLD FOR SELECT * FROM t",
            "DECLARE c NO SCROLL CURSOR WITHOUT HOLD FOR WITH x AS (SELECT 1) SELECT * FROM x",
            "DECLARE c CURSOR FOR VALUES (1)",
            "FETCH c",
            "FETCH NEXT FROM c",
            "FETCH PRIOR IN c",
            "FETCH FIRST c",
            "FETCH LAST FROM c",
            "FETCH ABSOLUTE -3 FROM c",
            "FETCH RELATIVE 2 c",
            "FETCH 10 FROM c",
            "FETCH ALL IN c",
            "FETCH FORWARD FROM c",
            "FETCH FORWARD 5 FROM c",
            "FETCH FORWARD ALL FROM c",
            "FETCH BACKWARD 2 FROM c",
            "FETCH BACKWARD ALL FROM c",
            "MOVE FORWARD 5 IN c",
            "MOVE LAST FROM c",
            "CLOSE c",
            "CLOSE ALL",
            "LISTEN chan",
            "UNLISTEN chan",
            "UNLISTEN *",
            "NOTIFY chan",
            "NOTIFY \"Chan\", 'payload ''x'''",
            // EXPLAIN, VACUUM, ANALYZE, DISCARD, CALL, DO, GRANT
            "EXPLAIN SELECT 1",
            "EXPLAIN ANALYZE VERBOSE SELECT * FROM t",
            "EXPLAIN ANALYSE INSERT INTO t VALUES (1)",
            "EXPLAIN VERBOSE UPDATE t SET a = 1",
            "EXPLAIN (ANALYZE, VERBOSE false, COSTS off, FORMAT JSON, BUFFERS 1) WITH x AS (SELECT 1) SELECT * "
                + "FROM x",
            "EXPLAIN EXECUTE q (1)",
            "EXPLAIN CREATE TABLE t AS SELECT 1",
            "DISCARD ALL",
            "DISCARD PLANS",
            "DISCARD SEQUENCES",
            "DISCARD TEMP",
            "DISCARD TEMPORARY",
            "VACUUM",
            "VACUUM FULL FREEZE VERBOSE ANALYZE t (a, b), s.u",
            "VACUUM (FULL, PARALLEL 4, INDEX_CLEANUP off) t",
            "ANALYZE",
            "ANALYZE VERBOSE t (a)",
            "ANALYSE (VERBOSE, SKIP_LOCKED) t, u",
            "CALL p(1, 'a')",
            "CALL s.p()",
            "DO $$BEGIN RAISE NOTICE 'x'; END$$",
            "DO LANGUAGE plpgsql 'BEGIN NULL; END'",
            "DO 'BEGIN NULL; END' LANGUAGE 'plpgsql'",
            "GRANT SELECT, INSERT (a, b), UPDATE ON TABLE t, s.u TO bob, GROUP staff, PUBLIC WITH GRANT OPTION",
            "GRANT ALL PRIVILEGES ON t TO CURRENT_USER GRANTED BY SESSION_USER",
            "GRANT ALL (a) ON t TO bob",
            "GRANT USAGE, CREATE ON SCHEMA s TO bob",
            "GRANT USAGE ON SEQUENCE s TO bob",
            "GRANT CONNECT, TEMPORARY ON DATABASE d TO bob",
            "GRANT SELECT ON ALL TABLES IN SCHEMA public, app TO reader",
            "REVOKE GRANT OPTION FOR SELECT ON t FROM bob CASCADE",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA s FROM PUBLIC",
            "REVOKE USAGE ON TYPE mood FROM bob RESTRICT",
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine')",
            "CREATE TYPE s.empty AS ENUM ()",
            "ALTER TYPE mood ADD VALUE 'meh'",
            "ALTER TYPE s.mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok'",
            "ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy'",
            "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'",
            "DROP TYPE IF EXISTS mood, s.other CASCADE",
            "DROP TYPE mood RESTRICT");
    }

    @ParameterizedTest
    @MethodSource("utilityStatements")
    void utilityRoundTrip(String sql) {
        Statement first = SqlParser.parse(sql);
        assertFalse(first instanceof OtherStatement, "not parsed by the grammar");
        roundTrip(sql);
    }

    @ParameterizedTest
    @MethodSource("statements")
    void roundTrip(String sql) {
        Statement first = SqlParser.parse(sql);
        String printed = SqlPrinter.print(first);
        Statement second = SqlParser.parse(printed);
        assertEquals(first, second, () -> "printed: " + printed);
        assertEquals(printed, SqlPrinter.print(second));
    }

    // -----------------------------------------------------------------------------------------------------
    // Precedence

    private static Expression expr(String sql) {
        Query q = (Query) SqlParser.parse("SELECT " + sql);
        return ((Select) q.body()).targets().get(0).expression();
    }

    private static ColumnRef col(String... names) {
        return new ColumnRef(Stream.of(names).map(Identifier::of).toList(), false, L);
    }

    private static NumericLiteral num(String v) {
        return new NumericLiteral(v, L);
    }

    private static BinaryOp bin(Expression l, String op, Expression r) {
        return new BinaryOp(l, OperatorName.of(op), r, L);
    }

    private static LogicalExpr and(Expression... e) {
        return new LogicalExpr(LogicalExpr.Operator.AND, List.of(e), L);
    }

    private static LogicalExpr or(Expression... e) {
        return new LogicalExpr(LogicalExpr.Operator.OR, List.of(e), L);
    }

    @Test
    void stringValues() {
        Query q = (Query) SqlParser.parse("SELECT $$a'b$$, $tag$x$$y$tag$, E'\\n', 'it''s', U&'\\0061'");
        List<SelectItem> items = ((Select) q.body()).targets();
        assertEquals(new StringLiteral("a'b", L), items.get(0).expression());
        assertEquals(new StringLiteral("x$$y", L), items.get(1).expression());
        assertEquals(new StringLiteral("\n", L), items.get(2).expression());
        assertEquals(new StringLiteral("it's", L), items.get(3).expression());
        assertEquals(new StringLiteral("a", L), items.get(4).expression());
        assertEquals("BEGIN NULL; END", ((io.pgserve.sql.ast.Do) SqlParser.parse("DO $$BEGIN NULL; END$$")).code());
        // a continued string may have -- comments between its parts (PostgreSQL gives 'ab')
        assertEquals(new StringLiteral("ab", L), expr("'a' -- c\n'b'"));
        assertEquals(new StringLiteral("abc", L), expr("'a'\n  -- one\n -- two\n'b' \n'c'"));
    }

    /** PostgreSQL 15's errors for malformed U&amp; escapes: 42601, the position of the escape, and its hint. */
    @Test
    void invalidUnicodeEscapes() {
        SqlParseException e = assertThrows(SqlParseException.class, () -> SqlParser.parse("SELECT U&'\\zzzz'"));
        assertEquals("42601", e.sqlState());
        assertEquals("invalid Unicode escape", e.getMessage());
        assertEquals(11, e.position());
        assertEquals("Unicode escapes must be \\XXXX or \\+XXXXXX.", e.hint());
        e = assertThrows(SqlParseException.class, () -> SqlParser.parse("SELECT U&'ab\\12'"));
        assertEquals("invalid Unicode escape", e.getMessage());
        assertEquals(13, e.position());
        e = assertThrows(SqlParseException.class, () -> SqlParser.parse("SELECT U&'\\0000'"));
        assertEquals("invalid Unicode escape value", e.getMessage());
        e = assertThrows(SqlParseException.class, () -> SqlParser.parse("SELECT U&'\\+110000'"));
        assertEquals("invalid Unicode escape value", e.getMessage());
        e = assertThrows(SqlParseException.class, () -> SqlParser.parse("SELECT U&\"a\\x\" FROM t"));
        assertEquals("invalid Unicode escape", e.getMessage());
        // with another escape character a backslash is an ordinary character
        assertEquals(new StringLiteral("a\\ba", L), expr("U&'a\\b!0061' UESCAPE '!'"));
    }

    @Test
    void enumTypeStatements() {
        List<Identifier> mood = List.of(Identifier.of("mood"));
        assertEquals(new io.pgserve.sql.ast.CreateEnumType(mood, List.of("sad", "it's"), L),
                SqlParser.parse("create type Mood as enum ('sad', E'it\\'s')"));
        assertEquals(new io.pgserve.sql.ast.AlterEnumType(List.of(Identifier.of("s"), Identifier.of("mood")), "meh",
                null, true, "ok", false, L), SqlParser.parse("alter type s.mood add value if not exists 'meh' before 'ok'"));
        io.pgserve.sql.ast.AlterEnumType after = (io.pgserve.sql.ast.AlterEnumType)
                SqlParser.parse("ALTER TYPE mood ADD VALUE 'x' AFTER 'ok'");
        assertEquals("ok", after.neighbor());
        assertTrue(after.after());
        assertFalse(after.isRename());
        io.pgserve.sql.ast.AlterEnumType rename = (io.pgserve.sql.ast.AlterEnumType)
                SqlParser.parse("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'");
        assertTrue(rename.isRename());
        assertEquals("sad", rename.label());
        assertEquals("blue", rename.newLabel());
        io.pgserve.sql.ast.Drop drop = (io.pgserve.sql.ast.Drop) SqlParser.parse("DROP TYPE IF EXISTS mood CASCADE");
        assertEquals(io.pgserve.sql.ast.ObjectType.TYPE, drop.type());
        assertTrue(drop.ifExists() && drop.cascade());
    }

    @Test
    void precedence() {
        assertEquals(bin(num("2"), "+", bin(num("3"), "*", num("4"))), expr("2 + 3 * 4"));
        assertEquals(bin(num("-2"), "^", num("2")), expr("-2 ^ 2"));
        assertEquals(or(col("a"), and(col("b"), col("c"))), expr("a OR b AND c"));
        assertEquals(new NotExpr(bin(col("a"), "=", col("b")), L), expr("NOT a = b"));
        TypeName intArray = new TypeName(List.of(Identifier.of("pg_catalog"), Identifier.of("int4")), List.of(),
                List.of(-1), false, null, L);
        assertEquals(new TypeCast(col("a"), intArray, L), expr("a::int[]"));
        assertEquals(and(new NullTest(col("x"), true, L), col("y")), expr("x IS NOT NULL AND y"));
        assertEquals(bin(bin(col("a"), "-", col("b")), "-", col("c")), expr("a - b - c"));
        assertEquals(bin(bin(col("a"), "^", col("b")), "^", col("c")), expr("a ^ b ^ c"));
        assertEquals(bin(bin(col("a"), "+", col("b")), "||", col("c")), expr("a + b || c"));
        assertEquals(bin(col("a"), "||", bin(col("b"), "*", col("c"))), expr("a || b * c"));
        assertEquals(new UnaryOp(OperatorName.of("-"), new TypeCast(col("a"), TypeName.system("int4"), L), L),
                expr("-a::int"));
        assertEquals(bin(bin(col("a"), "<", col("b")), "=", new BooleanTestHolder().t), expr("a < b = true IS TRUE")
                instanceof BooleanTest bt ? bt.operand() : null);
        assertEquals(and(col("a"), col("b"), col("c")), expr("a AND b AND c"));
        assertEquals(and(col("a"), and(col("b"), col("c"))), expr("a AND (b AND c)"));
        assertEquals(new Like(bin(col("a"), "||", col("b")), Like.Kind.LIKE, bin(col("c"), "||", col("d")),
                col("e"), false, L), expr("a || b LIKE c || d ESCAPE e"));
        assertEquals(num("2"), expr("- -2"));
        assertEquals(bin(col("a"), "<>", col("b")), expr("a != b"));
    }

    private static final class BooleanTestHolder {
        final Expression t = new io.pgserve.sql.ast.BooleanLiteral(true, L);
    }

    // -----------------------------------------------------------------------------------------------------
    // Hand-built trees

    @Test
    void selectTree() {
        Statement st = SqlParser.parse("select \"A\", b as c from s.t x where a = $1 order by 1");
        Query expected = new Query(null, new Select(false, List.of(),
                List.of(new SelectItem(new ColumnRef(List.of(Identifier.quoted("A")), false, L), null, L),
                        new SelectItem(col("b"), Identifier.of("c"), L)),
                List.of(new TableName(List.of(Identifier.of("s"), Identifier.of("t")), false,
                        new io.pgserve.sql.ast.Alias(Identifier.of("x"), List.of(), L), L)),
                bin(col("a"), "=", new io.pgserve.sql.ast.Parameter(1, L)), false, List.of(), null, List.of(), L),
                List.of(new io.pgserve.sql.ast.SortItem(num("1"), io.pgserve.sql.ast.SortItem.Direction.DEFAULT, null,
                        io.pgserve.sql.ast.SortItem.Nulls.DEFAULT, L)), null, null, false, List.of(), L);
        assertEquals(expected, st);
    }

    @Test
    void specialFunctionsAreCatalogCalls() {
        FunctionCall extract = new FunctionCall(List.of(Identifier.of("pg_catalog"), Identifier.of("extract")),
                List.of(new FunctionArgument(null, new StringLiteral("year", L), L),
                        new FunctionArgument(null, col("d"), L)), false, false, false, List.of(), List.of(), null,
                null, L);
        assertEquals(extract, expr("EXTRACT(YEAR FROM d)"));
        assertEquals(expr("pg_catalog.position('abc', 'b')"), expr("POSITION('b' IN 'abc')"));
        assertEquals(expr("pg_catalog.ltrim(s, 'x')"), expr("TRIM(LEADING 'x' FROM s)"));
        assertEquals(expr("pg_catalog.timezone('UTC', t)"), expr("t AT TIME ZONE 'UTC'"));
        assertEquals(expr("CAST('2020-01-01' AS date)"), expr("date '2020-01-01'"));
        assertEquals(expr("x::integer"), expr("CAST(x AS int)"));
        assertEquals(expr("x::pg_catalog.varchar(20)"), expr("x::character varying(20)"));
        assertEquals(expr("x::pg_catalog.timestamptz(3)"), expr("x::timestamp(3) with time zone"));
        assertEquals(expr("x::pg_catalog.bpchar(1)"), expr("x::char"));
    }

    @Test
    void joinsAndInsert() {
        Query q = (Query) SqlParser.parse("SELECT * FROM a JOIN b JOIN c ON x ON y");
        Join outer = (Join) ((Select) q.body()).from().get(0);
        assertEquals(col("y"), outer.on());
        assertInstanceOf(Join.class, outer.right());
        Insert ins = (Insert) SqlParser.parse("INSERT INTO t DEFAULT VALUES");
        assertEquals(null, ins.source());
    }

    @Test
    void otherStatementsAreSplitAndClassified() {
        List<Statement> all = SqlParser.parseAll("BEGIN; SELECT 1; CREATE FUNCTION f() RETURNS int AS 'SELECT 1' "
                + "LANGUAGE sql; ; COMMIT");
        assertEquals(4, all.size());
        OtherStatement create = (OtherStatement) all.get(2);
        assertEquals("CREATE FUNCTION", create.commandTag());
        assertEquals(StatementKind.DDL, create.kind());
        assertEquals(17, create.location().offset());
        assertInstanceOf(Query.class, all.get(1));
    }

    @Test
    void locations() {
        List<Statement> all = SqlParser.parseAll("SELECT 1;\nSELECT a,\n  b FROM t");
        Select s = (Select) ((Query) all.get(1)).body();
        NodeLocation b = s.targets().get(1).location();
        assertEquals(22, b.offset());
        assertEquals(3, b.line());
        assertEquals(3, b.column());
    }

    // -----------------------------------------------------------------------------------------------------
    // Errors (wording and positions checked against PostgreSQL 15)

    private static void assertError(String sql, String message, int position) {
        SqlParseException e = assertThrows(SqlParseException.class, () -> SqlParser.parseAll(sql));
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
        assertEquals("42601", e.sqlState());
    }

    @Test
    void errors() {
        assertError("SELECT * FORM t", "syntax error at or near \"FORM\"", 10);
        assertError("SELECT 1 +", "syntax error at end of input", 11);
        assertError("SELECT 1 +   ", "syntax error at end of input", 14);
        assertError("SELECT (1", "syntax error at end of input", 10);
        assertError("SELECT 'é' FORM t", "syntax error at or near \"t\"", 17);
        assertError("select x from t where a like b escape c escape d", "syntax error at or near \"escape\"", 41);
        assertError("select x  from (t)", "syntax error at or near \")\"", 18);
        assertError("SELECT 1; SELECT 1 +; SELECT 2", "syntax error at or near \";\"", 21);
        assertError("SELECT 1 FROM t WHERE", "syntax error at end of input", 22);
        assertError("INSERT INTO t VALUES (1", "syntax error at end of input", 24);
        assertError("UPDATE t SET a = 1 WHERE", "syntax error at end of input", 25);
        assertError("SELECT a b c", "syntax error at or near \"c\"", 12);
        assertError("(SELECT 1 ORDER BY 1) ORDER BY 2", "multiple ORDER BY clauses not allowed at or near \"ORDER\"", 23);
    }

    @Test
    void parseRequiresOneStatement() {
        assertThrows(SqlParseException.class, () -> SqlParser.parse("SELECT 1; SELECT 2"));
        assertThrows(SqlParseException.class, () -> SqlParser.parse(" ; "));
        assertInstanceOf(Query.class, SqlParser.parse("SELECT 1;"));
    }

    @Test
    void deepNesting() {
        String sql = "SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000);
        SqlParseException e = assertThrows(SqlParseException.class, () -> SqlParser.parse(sql));
        assertEquals("42601", e.sqlState());
        assertEquals("memory exhausted at or near \"(\"", e.getMessage());
        assertEquals(8 + SqlParser.MAX_NESTING, e.position());
        int n = SqlParser.MAX_NESTING;
        assertEquals(new NumericLiteral("1", L), expr("(".repeat(n) + "1" + ")".repeat(n)));
    }
}
