package io.pgserve.examples.bridge;

import io.pgserve.server.PgException;
import io.pgserve.sql.SqlParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each dialect prints for PostgreSQL's SQL, and what it refuses (0A000, naming the construct). */
class EngineDialectTest {
    private final EngineDialect duck = EngineDialect.forUrl("jdbc:duckdb:/x");
    private final EngineDialect sqlite = EngineDialect.forUrl("jdbc:sqlite:/x");

    private static String sql(EngineDialect d, String pg) {
        return d.translate(SqlParser.parse(pg));
    }

    private static void refused(EngineDialect d, String pg, String construct) {
        PgException e = assertThrows(PgException.class, () -> sql(d, pg));
        assertEquals("0A000", e.sqlState());
        assertTrue(e.getMessage().contains(construct), e.getMessage());
    }

    @Test
    void duckdb() {
        assertEquals("SELECT date_trunc('month', ts) AS \"date_trunc\", count(*) AS \"count\" FROM t GROUP BY 1 ORDER BY 1 NULLS LAST",
                sql(duck, "select date_trunc('month', ts), count(*) from public.t group by 1 order by 1"));
        assertEquals("SELECT date_part('year', ts) AS \"extract\" FROM t ORDER BY a DESC NULLS FIRST LIMIT 5 OFFSET 2",
                sql(duck, "select extract(year from ts) from t order by a desc limit 5 offset 2"));
        assertEquals("SELECT (date_part('microseconds', ts) / 1000000.0) AS \"extract\"", sql(duck, "select extract(second from ts)"));
        assertEquals("SELECT CAST(a AS DOUBLE) AS \"a\", substr(CAST(b AS VARCHAR), 1, 3) AS \"b\", "
                        + "CAST(c AS numeric(10, 2)) AS \"c\"",
                sql(duck, "select a::numeric, b::varchar(3), c::numeric(10,2)"));
        assertEquals("SELECT position('b' IN s) AS \"position\", trim(s) AS \"btrim\" FROM t WHERE x = $1",
                sql(duck, "select position('b' in s), trim(s) from t where x = $1"));
        assertEquals("SELECT * FROM t", sql(duck, "select * from t limit all"));
        refused(duck, "select to_char(ts, 'YYYY') from t", "to_char");
        refused(duck, "select a::regclass from t", "regclass");
        refused(duck, "select 'a' similar to 'b'", "SIMILAR TO");
    }

    @Test
    void sqlite() {
        assertEquals("SELECT strftime('%Y-%m-01 00:00:00', ts) AS `date_trunc`, count(*) AS `count` FROM t GROUP BY 1 ORDER BY 1 NULLS LAST",
                sql(sqlite, "select date_trunc('month', ts), count(*) from public.t group by 1 order by 1"));
        assertEquals("SELECT CAST(strftime('%Y', ts) AS INTEGER) AS `extract`, "
                        + "((CAST(strftime('%m', ts) AS INTEGER) + 2) / 3) AS `extract` FROM t",
                sql(sqlite, "select extract(year from ts), extract(quarter from ts) from t"));
        assertEquals("SELECT * FROM t WHERE (ts >= datetime('2024-01-01')) AND (ts < (datetime(datetime('now'), '-7 days')))",
                sql(sqlite, "select * from t where ts >= '2024-01-01'::timestamp and ts < now() - interval '7 days'"));
        assertEquals("SELECT * FROM t WHERE ((lower(name) LIKE lower('%an%') ESCAPE '\\')) AND (((name) NOT LIKE "
                        + "('x%') ESCAPE '\\'))",
                sql(sqlite, "select * from t where name ilike '%an%' and name not like 'x%'"));
        assertEquals("SELECT `Mixed Case` AS `Mixed Case` FROM t WHERE a = ?2 LIMIT -1 OFFSET ?1",
                sql(sqlite, "select \"Mixed Case\" from t where a = $2 offset $1"));
        assertEquals("SELECT CAST(round(a) AS INTEGER) AS `a`, CAST(b AS REAL) AS `b`, TRUE AS `bool`, date(c) AS `c`, "
                        + "instr(s, 'b') AS `position`, substr(s, 2, 3) AS `substring`",
                sql(sqlite, "select a::int, b::float8, 'yes'::boolean, c::date, position('b' in s), "
                        + "substring(s from 2 for 3)"));
        assertEquals("SELECT a > 1 AS `?column?`, COALESCE(b, 0) AS `coalesce`, x AS y FROM t",
                sql(sqlite, "select a > 1, coalesce(b, 0), x as y from t"));
        refused(sqlite, "select greatest(a, b) from t", "GREATEST");
        refused(sqlite, "select date_trunc('millennium', ts) from t", "date_trunc('millennium', ...)");
        refused(sqlite, "select a::interval from t", "cast to interval");
        refused(sqlite, "select ts + interval '1 week 2 days' from t", "interval '1 week 2 days'");
        refused(sqlite, "select * from t for update", "FOR UPDATE");
        refused(sqlite, "select a::boolean from t", "cast of an expression to boolean");
    }
}
