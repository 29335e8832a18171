package io.pgserve.sql;

import org.junit.jupiter.api.Test;

class SqlParserSmokeTest {
    @Test
    void smoke() {
        String[] qs = {
            "SELECT 1", "SELECT a, b AS c, d e FROM t WHERE x = 1 AND y < 2 OR NOT z",
            "SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c USING (id) CROSS JOIN d NATURAL FULL JOIN e",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM r",
            "SELECT DISTINCT ON (a) a, count(*) FILTER (WHERE b) OVER (PARTITION BY c ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t GROUP BY ROLLUP (a, b), CUBE (c), GROUPING SETS ((a), ()) HAVING count(*) > 1 WINDOW w AS (ORDER BY a) ORDER BY 1 DESC NULLS LAST LIMIT 10 OFFSET 5 FOR UPDATE OF t SKIP LOCKED",
            "SELECT x::int[], CAST(y AS character varying(20)[]), timestamp(3) with time zone '2020-01-01', INTERVAL '1' DAY, DATE '2020-01-01', 'a' || 'b', a ~ 'x', a OPERATOR(pg_catalog.~) b",
            "SELECT CASE WHEN a THEN 1 ELSE 2 END, COALESCE(a, b), NULLIF(a, b), GREATEST(1, 2), EXTRACT(year FROM now()), SUBSTRING('abc' FROM 1 FOR 2), POSITION('a' IN 'abc'), TRIM(BOTH 'x' FROM y), OVERLAY('abc' PLACING 'x' FROM 1 FOR 2)",
            "SELECT a IS NOT NULL, b IS DISTINCT FROM c, d BETWEEN SYMMETRIC 1 AND 2, e NOT IN (1, 2), f IN (SELECT 1), EXISTS (SELECT 1), g = ANY (ARRAY[1, 2]), h LIKE 'x%' ESCAPE '!', i NOT ILIKE 'y', j SIMILAR TO 'z'",
            "SELECT arr[1], arr[1:2], (row).field, ROW(1, 2), (1, 2), ARRAY[[1, 2], [3, 4]], ARRAY(SELECT 1), $1, a COLLATE \"C\", now() AT TIME ZONE 'UTC'",
            "SELECT f(a => 1, b := 2), g(VARIADIC ARRAY[1]), percentile_cont(0.5) WITHIN GROUP (ORDER BY x), string_agg(DISTINCT a, ',' ORDER BY a), CURRENT_DATE, CURRENT_TIMESTAMP(3), current_user",
            "VALUES (1, 2), (3, 4) ORDER BY 1", "TABLE t", "(SELECT 1) UNION (SELECT 2) INTERSECT SELECT 3 EXCEPT ALL SELECT 4",
            "SELECT * FROM t FETCH FIRST 5 ROWS WITH TIES", "SELECT * FROM LATERAL generate_series(1, 3) WITH ORDINALITY AS g(i, o), LATERAL (SELECT 1) s",
            "INSERT INTO t (a, b) VALUES (1, DEFAULT) ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE t.a > 0 RETURNING *",
            "INSERT INTO t DEFAULT VALUES", "INSERT INTO t SELECT * FROM u ON CONFLICT DO NOTHING",
            "UPDATE t AS x SET a = 1, (b, c) = (SELECT 1, 2) FROM u WHERE x.id = u.id RETURNING a",
            "DELETE FROM t USING u WHERE t.id = u.id RETURNING t.*",
            "SELECT -2 ^ 2, 2 + 3 * 4, a OR b AND c, NOT a = b, x IS NOT NULL AND y",
            "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','') AND n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast' AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 1,2;",
            "select a from t join u join v on true on true", "select 1 from (a join b on true) as j",
            "SELECT double precision '1.5', \"char\" 'x', pg_catalog.int4 '1', bit '101', char(3) 'abc', numeric(10,2) '1.5'",
        };
        for (String q : qs) {
            try {
                System.out.println(SqlParser.parse(q));
            } catch (RuntimeException e) {
                System.out.println("FAIL " + q + " -> " + e);
            }
        }
    }
}
