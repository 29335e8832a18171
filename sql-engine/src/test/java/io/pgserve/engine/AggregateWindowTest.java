package io.pgserve.engine;

import io.pgserve.engine.internal.Casts;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.StatementKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Aggregates and window functions over the differential data set (src/test/resources/differential/schema.sql),
 * each answer compared with what PostgreSQL 15 printed for the same query ({@code psql -AtX -P null=NULL}).
 */
class AggregateWindowTest {
    private final SqlEngine engine = SqlEngine.memdb();
    private final QueryHandler h = engine.newSession();

    @BeforeEach
    void load() throws Exception {
        String schema = Files.readString(Path.of("src/test/resources/differential/schema.sql"));
        for (String statement : schema.split(";\\s*\\n")) {
            String sql = String.join("\n", statement.lines().filter(l -> !l.startsWith("--")).toList()).trim();
            if (!sql.isEmpty()) {
                run(sql);
            }
        }
    }

    private QueryResult run(String sql) throws Exception {
        return h.execute(new Query(sql, StatementKind.OTHER, "", List.of(), null, null, null,
                TransactionMode.SINGLE_STATEMENT));
    }

    /** The rows as psql -At prints them: values in text form separated by |, NULL for null, one row a line. */
    private String text(String sql) throws Exception {
        QueryResult.Rows r = (QueryResult.Rows) run(sql);
        List<String> lines = new ArrayList<>();
        Object[] row;
        while ((row = r.rows().next()) != null) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                PgType t = r.columns().get(i).type();
                line.append(i > 0 ? "|" : "").append(row[i] == null ? "NULL"
                        : Casts.toText(row[i], t, engine.types(), CodecContext.DEFAULT));
            }
            lines.add(line.toString());
        }
        r.rows().close();
        return String.join("\n", lines);
    }

    private PgException error(String sql) {
        return assertThrows(PgException.class, () -> text(sql));
    }

    private void check(String... sqlThenExpected) throws Exception {
        for (int i = 0; i < sqlThenExpected.length; i += 2) {
            assertEquals(sqlThenExpected[i + 1], text(sqlThenExpected[i]), sqlThenExpected[i]);
        }
    }

    @Test
    void aggregates() throws Exception {
        check(
                "SELECT string_agg(name, ', ' ORDER BY name), array_agg(id ORDER BY id) FROM employees WHERE "
                        + "active",
                "Ada, Brian, Chloé, Eve, Farah, Gus|{1,2,3,5,6,7}",
                "SELECT bool_and(active), bool_or(active), count(*) FILTER (WHERE active) FROM employees",
                "f|t|6",
                "SELECT count(*), count(salary), count(DISTINCT dept_id), sum(salary), avg(salary), min(hired), "
                        + "max(name), every(active) FROM employees",
                "8|7|3|44001.75|6285.9642857142857143|2017-02-28|hana|f",
                "SELECT sum(p.id), sum(p.id::int2), sum(p.id::int8), sum(hours), sum(hours::real), avg(p.id), "
                        + "avg(p.id::int8), avg(hours), avg(hours::real), min(hours::real), max(started) FROM employees "
                        + "e, projects p WHERE e.id = p.id",
                "15|15|15|2402.75|2402.75|3.0000000000000000|3.0000000000000000|600.6875|600.6875|42|2024-02-29 23:59:59",
                "SELECT dept_id, string_agg(DISTINCT name, ',' ORDER BY name DESC), array_agg(DISTINCT active "
                        + "ORDER BY active) FROM employees GROUP BY dept_id ORDER BY 1",
                "1|Gus,Brian,Ada|{t}\n"
                        + "2|Dmitri,Chloé|{f,t}\n"
                        + "3|hana,Farah|{f,t}\n"
                        + "NULL|Eve|{t}",
                "SELECT array_agg(salary ORDER BY salary NULLS FIRST), array_agg(email ORDER BY id), "
                        + "string_agg(email, ';') FILTER (WHERE id > 6) FROM employees",
                "{NULL,3900.00,4300.00,5800.75,6100.00,7200.50,7200.50,9500.00}|{ada@example.com,brian@example.com,NULL,dmitri@example.com,eve@example.com,farah@example.com,gus@example.com,hana@example.com}|gus@example.com;hana@example.com",
                "SELECT dept_id, count(*) FILTER (WHERE salary > 5000), sum(salary) FILTER (WHERE active), "
                        + "avg(salary) FILTER (WHERE NOT active) FROM employees GROUP BY 1 ORDER BY 1 NULLS FIRST",
                "NULL|0|4300.00|NULL\n"
                        + "1|3|23901.00|NULL\n"
                        + "2|2|6100.00|5800.7500000000000000\n"
                        + "3|0|NULL|3900.0000000000000000",
                "SELECT dept_id, count(*) AS n FROM employees GROUP BY 1 HAVING count(*) > 1 ORDER BY "
                        + "max(salary) DESC",
                "1|3\n"
                        + "2|2\n"
                        + "3|2",
                "SELECT dept_id IS NULL AS nodept, count(*) FROM employees GROUP BY dept_id IS NULL ORDER BY 1",
                "f|7\n"
                        + "t|1",
                "SELECT active AS a, count(*) FROM employees GROUP BY a ORDER BY a",
                "f|2\n"
                        + "t|6",
                "SELECT sum(x), avg(x), min(x), max(x) FROM (VALUES (interval '1 day'), (interval '1 month 3 "
                        + "hours'), (interval '2 hours')) v(x)",
                "1 mon 1 day 05:00:00|10 days 09:40:00|02:00:00|1 mon 03:00:00",
                "SELECT count(*), sum(id), avg(id), min(id), bool_and(active), string_agg(name, ','), "
                        + "array_agg(id) FROM employees WHERE false",
                "0|NULL|NULL|NULL|NULL|NULL|NULL",
                "SELECT array_agg(x) FROM (VALUES ('{1,2}'::int[]), ('{3,4}'::int[])) v(x)",
                "{{1,2},{3,4}}",
                "SELECT min(x), max(x) FROM (VALUES ('b'), ('a'), (NULL)) v(x)",
                "a|b",
                "SELECT max(x), min(x), sum(x), avg(x) FROM (VALUES (1.5::float8), ('NaN'), (2)) v(x)",
                "NaN|1.5|NaN|NaN");
    }

    @Test
    void windowFunctions() throws Exception {
        check(
                "SELECT name, row_number() OVER (ORDER BY salary DESC NULLS LAST, id) FROM employees ORDER BY 2",
                "Ada|1\n"
                        + "Brian|2\n"
                        + "Gus|3\n"
                        + "Chloé|4\n"
                        + "Dmitri|5\n"
                        + "Eve|6\n"
                        + "hana|7\n"
                        + "Farah|8",
                "SELECT name, dept_id, rank() OVER (PARTITION BY dept_id ORDER BY salary DESC) FROM employees "
                        + "WHERE dept_id IS NOT NULL ORDER BY dept_id, 3, name",
                "Ada|1|1\n"
                        + "Brian|1|2\n"
                        + "Gus|1|2\n"
                        + "Chloé|2|1\n"
                        + "Dmitri|2|2\n"
                        + "Farah|3|1\n"
                        + "hana|3|2",
                "SELECT name, salary, sum(salary) OVER (ORDER BY id), count(*) OVER (), avg(salary) OVER "
                        + "(PARTITION BY dept_id) FROM employees ORDER BY id",
                "Ada|9500.00|9500.00|8|7967.0000000000000000\n"
                        + "Brian|7200.50|16700.50|8|7967.0000000000000000\n"
                        + "Chloé|6100.00|22800.50|8|5950.3750000000000000\n"
                        + "Dmitri|5800.75|28601.25|8|5950.3750000000000000\n"
                        + "Eve|4300.00|32901.25|8|4300.0000000000000000\n"
                        + "Farah|NULL|32901.25|8|3900.0000000000000000\n"
                        + "Gus|7200.50|40101.75|8|7967.0000000000000000\n"
                        + "hana|3900.00|44001.75|8|3900.0000000000000000",
                "SELECT name, salary, sum(salary) OVER w, count(salary) OVER w, min(name) OVER w, max(salary) "
                        + "OVER w FROM employees WINDOW w AS (ORDER BY salary) ORDER BY salary, id",
                "hana|3900.00|3900.00|1|hana|3900.00\n"
                        + "Eve|4300.00|8200.00|2|Eve|4300.00\n"
                        + "Dmitri|5800.75|14000.75|3|Dmitri|5800.75\n"
                        + "Chloé|6100.00|20100.75|4|Chloé|6100.00\n"
                        + "Brian|7200.50|34501.75|6|Brian|7200.50\n"
                        + "Gus|7200.50|34501.75|6|Brian|7200.50\n"
                        + "Ada|9500.00|44001.75|7|Ada|9500.00\n"
                        + "Farah|NULL|44001.75|7|Ada|9500.00",
                "SELECT id, dense_rank() OVER w, rank() OVER w, percent_rank() OVER w, cume_dist() OVER w, "
                        + "ntile(3) OVER w FROM employees WINDOW w AS (ORDER BY salary DESC NULLS LAST) ORDER BY id",
                "1|1|1|0|0.125|1\n"
                        + "2|2|2|0.14285714285714285|0.375|1\n"
                        + "3|3|4|0.42857142857142855|0.5|2\n"
                        + "4|4|5|0.5714285714285714|0.625|2\n"
                        + "5|5|6|0.7142857142857143|0.75|2\n"
                        + "6|7|8|1|1|3\n"
                        + "7|2|2|0.14285714285714285|0.375|1\n"
                        + "8|6|7|0.8571428571428571|0.875|3",
                "SELECT id, lag(name) OVER (ORDER BY id), lead(name, 2) OVER (ORDER BY id), lag(id, 1, -1) OVER "
                        + "(ORDER BY id), lead(salary, 1, 0) OVER (PARTITION BY dept_id ORDER BY id) FROM employees ORDER "
                        + "BY id",
                "1|NULL|Chloé|-1|7200.50\n"
                        + "2|Ada|Dmitri|1|7200.50\n"
                        + "3|Brian|Eve|2|5800.75\n"
                        + "4|Chloé|Farah|3|0\n"
                        + "5|Dmitri|Gus|4|0\n"
                        + "6|Eve|hana|5|3900.00\n"
                        + "7|Farah|NULL|6|0\n"
                        + "8|Gus|NULL|7|0",
                "SELECT id, first_value(name) OVER w, last_value(name) OVER w, nth_value(name, 2) OVER w FROM "
                        + "employees WINDOW w AS (PARTITION BY dept_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND "
                        + "UNBOUNDED FOLLOWING) ORDER BY id",
                "1|Ada|Gus|Brian\n"
                        + "2|Ada|Gus|Brian\n"
                        + "3|Chloé|Dmitri|Dmitri\n"
                        + "4|Chloé|Dmitri|Dmitri\n"
                        + "5|Eve|Eve|NULL\n"
                        + "6|Farah|hana|hana\n"
                        + "7|Ada|Gus|Brian\n"
                        + "8|Farah|hana|hana",
                "SELECT row_number() OVER (), name FROM employees ORDER BY name LIMIT 3",
                "1|Ada\n"
                        + "2|Brian\n"
                        + "3|Chloé",
                "SELECT DISTINCT dept_id, count(*) OVER (PARTITION BY dept_id) FROM employees ORDER BY 1",
                "1|3\n"
                        + "2|2\n"
                        + "3|2\n"
                        + "NULL|1",
                "SELECT id, sum(id) FILTER (WHERE active) OVER (ORDER BY id) FROM employees ORDER BY id",
                "1|1\n"
                        + "2|3\n"
                        + "3|6\n"
                        + "4|6\n"
                        + "5|11\n"
                        + "6|17\n"
                        + "7|24\n"
                        + "8|24",
                "SELECT name, rank() OVER (PARTITION BY dept_id ORDER BY salary DESC) AS r FROM employees ORDER "
                        + "BY r, name",
                "Ada|1\n"
                        + "Chloé|1\n"
                        + "Eve|1\n"
                        + "Farah|1\n"
                        + "Brian|2\n"
                        + "Dmitri|2\n"
                        + "Gus|2\n"
                        + "hana|2");
    }

    @Test
    void frames() throws Exception {
        check(
                "SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), sum(id) OVER "
                        + "(ORDER BY id ROWS 2 PRECEDING), string_agg(name, ',') OVER (ORDER BY id ROWS BETWEEN CURRENT "
                        + "ROW AND 2 FOLLOWING) FROM employees ORDER BY id",
                "1|3|1|Ada,Brian,Chloé\n"
                        + "2|6|3|Brian,Chloé,Dmitri\n"
                        + "3|9|6|Chloé,Dmitri,Eve\n"
                        + "4|12|9|Dmitri,Eve,Farah\n"
                        + "5|15|12|Eve,Farah,Gus\n"
                        + "6|18|15|Farah,Gus,hana\n"
                        + "7|21|18|Gus,hana\n"
                        + "8|15|21|hana",
                "SELECT id, salary, sum(id) OVER (ORDER BY salary RANGE BETWEEN 1000 PRECEDING AND 1000 "
                        + "FOLLOWING), count(*) OVER (ORDER BY salary DESC RANGE BETWEEN CURRENT ROW AND 500 FOLLOWING) "
                        + "FROM employees ORDER BY id",
                "1|9500.00|1|1\n"
                        + "2|7200.50|9|2\n"
                        + "3|6100.00|7|2\n"
                        + "4|5800.75|7|1\n"
                        + "5|4300.00|13|2\n"
                        + "6|NULL|6|1\n"
                        + "7|7200.50|9|2\n"
                        + "8|3900.00|13|1",
                "SELECT id, hired, count(*) OVER (ORDER BY hired RANGE BETWEEN '2 years' PRECEDING AND CURRENT "
                        + "ROW) FROM employees ORDER BY id",
                "1|2019-03-01|2\n"
                        + "2|2020-07-15|3\n"
                        + "3|2018-11-30|2\n"
                        + "4|2021-01-04|3\n"
                        + "5|2022-06-20|3\n"
                        + "6|2017-02-28|1\n"
                        + "7|2023-09-09|2\n"
                        + "8|NULL|1",
                "SELECT id, sum(id) OVER (ORDER BY dept_id GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW), sum(id) "
                        + "OVER (ORDER BY dept_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE "
                        + "CURRENT ROW), sum(id) OVER (ORDER BY dept_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED "
                        + "FOLLOWING EXCLUDE GROUP), sum(id) OVER (ORDER BY dept_id RANGE UNBOUNDED PRECEDING EXCLUDE "
                        + "TIES) FROM employees ORDER BY id",
                "1|10|35|26|1\n"
                        + "2|10|34|26|2\n"
                        + "3|17|33|29|13\n"
                        + "4|17|32|29|14\n"
                        + "5|19|31|31|36\n"
                        + "6|21|30|22|23\n"
                        + "7|10|29|26|7\n"
                        + "8|21|28|22|25",
                "SELECT dept_id, sum(salary), rank() OVER (ORDER BY sum(salary) DESC NULLS LAST), "
                        + "sum(sum(salary)) OVER (), count(*) * 100 / sum(count(*)) OVER () FROM employees GROUP BY "
                        + "dept_id ORDER BY 1",
                "1|23901.00|1|44001.75|37.5000000000000000\n"
                        + "2|11900.75|2|44001.75|25.0000000000000000\n"
                        + "3|3900.00|4|44001.75|25.0000000000000000\n"
                        + "NULL|4300.00|3|44001.75|12.5000000000000000");
    }

}
