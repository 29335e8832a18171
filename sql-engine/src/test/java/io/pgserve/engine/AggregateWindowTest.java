package io.pgserve.engine;

import io.pgserve.engine.internal.Casts;
import io.pgserve.engine.internal.Types;
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

    private void checkError(String sql, String sqlState, String message, int position) {
        PgException e = error(sql);
        assertEquals(sqlState + " " + message + " at " + position,
                e.sqlState() + " " + e.getMessage() + " at " + e.position(), sql);
    }

    private static String mustGroup(String column) {
        return "column \"" + column + "\" must appear in the GROUP BY clause or be used in an aggregate function";
    }

    /** name:type of each result column, types as format_type() names them. */
    private String columns(String sql) throws Exception {
        QueryResult.Rows r = (QueryResult.Rows) run(sql);
        r.rows().close();
        return String.join(",", r.columns().stream().map(c -> c.name() + ":" + Types.displayName(c.type())).toList());
    }

    /** Each query's rows must be the expected ones: in order when the query ends with ORDER BY, else as a set. */
    private void check(String... sqlThenExpected) throws Exception {
        for (int i = 0; i < sqlThenExpected.length; i += 2) {
            String sql = sqlThenExpected[i];
            String got = text(sql);
            String want = sqlThenExpected[i + 1];
            if (!sql.replaceAll("\\([^()]*\\)", "").contains("ORDER BY")) {
                got = String.join("\n", got.lines().sorted().toList());
                want = String.join("\n", want.lines().sorted().toList());
            }
            assertEquals(want, got, sql);
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
                        + "avg(p.id::int8), avg(hours), avg(hours::real), min(hours::real), max(started) FROM "
                        + "employees "
                        + "e, projects p WHERE e.id = p.id",
                "15|15|15|2402.75|2402.75|3.0000000000000000|3.0000000000000000|600.6875|600.6875|42|2024-02-29 "
                        + "23:59:59",
                "SELECT dept_id, string_agg(DISTINCT name, ',' ORDER BY name DESC), array_agg(DISTINCT active "
                        + "ORDER BY active) FROM employees GROUP BY dept_id ORDER BY 1",
                "1|Gus,Brian,Ada|{t}\n"
                        + "2|Dmitri,Chloé|{f,t}\n"
                        + "3|hana,Farah|{f,t}\n"
                        + "NULL|Eve|{t}",
                "SELECT array_agg(salary ORDER BY salary NULLS FIRST), array_agg(email ORDER BY id), "
                        + "string_agg(email, ';') FILTER (WHERE id > 6) FROM employees",
                "{NULL,3900.00,4300.00,5800.75,6100.00,7200.50,7200.50,9500.00}|{ada@example.com,brian@example.com,"
                        + "NULL,dmitri@example.com,eve@example.com,farah@example.com,gus@example.com,"
                        + "hana@example.com}|gus@example.com;hana@example.com",
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
                        + "(ORDER BY id), lead(salary, 1, 0) OVER (PARTITION BY dept_id ORDER BY id) FROM employees "
                        + "ORDER "
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
                        + "employees WINDOW w AS (PARTITION BY dept_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING "
                        + "AND "
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
                        + "(ORDER BY id ROWS 2 PRECEDING), string_agg(name, ',') OVER (ORDER BY id ROWS BETWEEN "
                        + "CURRENT "
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
                        + "FOLLOWING), count(*) OVER (ORDER BY salary DESC RANGE BETWEEN CURRENT ROW AND 500 "
                        + "FOLLOWING) "
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
                        + "CURRENT ROW), sum(id) OVER (ORDER BY dept_id RANGE BETWEEN UNBOUNDED PRECEDING AND "
                        + "UNBOUNDED "
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

    @Test
    void resolution() throws Exception {
        check(
                "SELECT sum(id) OVER (ORDER BY id RANGE 1 PRECEDING) FROM employees",
                "1\n"
                        + "3\n"
                        + "5\n"
                        + "7\n"
                        + "9\n"
                        + "11\n"
                        + "13\n"
                        + "15",
                "SELECT count('a')",
                "1",
                "SELECT min('a'), max(NULL)",
                "a|NULL",
                "SELECT dept_id + 1, count(*) FROM employees GROUP BY dept_id + 1 ORDER BY 1",
                "2|3\n"
                        + "3|2\n"
                        + "4|2\n"
                        + "NULL|1",
                "SELECT lag(id, 1, 1.5) OVER (ORDER BY id) FROM employees",
                "1.5\n"
                        + "1\n"
                        + "2\n"
                        + "3\n"
                        + "4\n"
                        + "5\n"
                        + "6\n"
                        + "7",
                "SELECT sum(x) FROM (VALUES (9223372036854775807::int8), (1)) v(x)",
                "9223372036854775808",
                "SELECT sum(x) FROM (VALUES (2147483647), (1)) v(x)",
                "2147483648");
    }

    @Test
    void resultTypesAreThoseOfPostgresql() throws Exception {
        assertEquals("count:bigint,sum:bigint,sum:bigint,sum:numeric,sum:numeric,sum:bigint,avg:numeric,avg:numeric,"
                + "avg:double precision,avg:numeric,min:text,max:text,min:date,array_agg:text[],array_agg:numeric[],"
                + "string_agg:text,bool_or:boolean,row_number:bigint,rank:bigint,percent_rank:double precision,"
                + "ntile:integer,lag:character varying,first_value:date",
                columns("SELECT count(*), sum(id::int2), sum(id), sum(id::int8), sum(salary), sum(hired - hired), "
                + "avg(id::int2), avg(id::int8), avg(salary::real), avg(salary), min(name), max(email), min(hired), "
                + "array_agg(name), array_agg(salary), string_agg(email, ','), bool_or(active), row_number() over (),"
                + " rank() over (), percent_rank() over (), ntile(2) over (), lag(email) over () , "
                + "first_value(hired) over () FROM employees group by hired, email"));
    }

    @Test
    void errorsAreThoseOfPostgresql() throws Exception {
        checkError("SELECT name, count(*) FROM employees",
                "42803", mustGroup("employees.name"), 8);
        checkError("SELECT e.name, count(*) FROM employees e",
                "42803", mustGroup("e.name"), 8);
        checkError("SELECT dept_id, name FROM employees GROUP BY dept_id",
                "42803", mustGroup("employees.name"), 17);
        checkError("SELECT id FROM employees WHERE count(*) > 1",
                "42803", "aggregate functions are not allowed in WHERE", 32);
        checkError("SELECT sum(count(*)) FROM employees",
                "42803", "aggregate function calls cannot be nested", 12);
        checkError("SELECT count(*) FROM employees GROUP BY count(*)",
                "42803", "aggregate functions are not allowed in GROUP BY", 41);
        checkError("SELECT count(*) FROM employees GROUP BY 1",
                "42803", "aggregate functions are not allowed in GROUP BY", 8);
        checkError("SELECT id FROM employees WHERE row_number() OVER () > 1",
                "42P20", "window functions are not allowed in WHERE", 32);
        checkError("SELECT id FROM employees GROUP BY id HAVING rank() OVER () > 1",
                "42P20", "window functions are not allowed in HAVING", 45);
        checkError("SELECT sum(rank() OVER ()) FROM employees",
                "42803", "aggregate function calls cannot contain window function calls", 12);
        checkError("SELECT rank() OVER (ORDER BY rank() OVER ()) FROM employees",
                "42P20", "window functions are not allowed in window definitions", 30);
        checkError("SELECT row_number() FROM employees",
                "42809", "window function row_number requires an OVER clause", 8);
        checkError("SELECT lower(name) OVER () FROM employees",
                "42809", "OVER specified, but lower is not a window function nor an aggregate function", 8);
        checkError("SELECT string_agg(DISTINCT name, ',' ORDER BY id) FROM employees",
                "42P10", "in an aggregate with DISTINCT, ORDER BY expressions must appear in "
                        + "argument list", 47);
        // PostgreSQL points at the window's name or "(" (20 here and below); the parser's WindowDefinition only
        // knows where OVER is (15)
        assertEquals("window \"w\" does not exist", error("SELECT rank() OVER w FROM employees").getMessage());
        checkError("SELECT rank() OVER (w ORDER BY id) FROM employees WINDOW w AS (ORDER BY name)",
                "42P20", "cannot override ORDER BY clause of window \"w\"", 15);
        checkError("SELECT rank() OVER (w PARTITION BY id) FROM employees WINDOW w AS (ORDER BY name)",
                "42P20", "cannot override PARTITION BY clause of window \"w\"", 15);
        checkError("SELECT rank() OVER (w) FROM employees WINDOW w AS (ORDER BY name ROWS 1 PRECEDING)",
                "42P20", "cannot copy window \"w\" because it has a frame clause", 15);
        checkError("SELECT sum(id) OVER (ROWS UNBOUNDED FOLLOWING) FROM employees",
                "42P20", "frame start cannot be UNBOUNDED FOLLOWING", 27);
        checkError("SELECT sum(id) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM employees",
                "42P20", "frame starting from current row cannot have preceding rows", 51);
        checkError("SELECT sum(id) OVER (ORDER BY id, name RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM employees",
                "42P20", "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY "
                        + "column", 16); // PostgreSQL: 21, the "(" after OVER
        checkError("SELECT sum(id) OVER (ROWS -1 PRECEDING) FROM employees",
                "22013", "frame starting offset must not be negative", 0);
        checkError("SELECT ntile(0) OVER () FROM employees",
                "22014", "argument of ntile must be greater than zero", 0);
        checkError("SELECT nth_value(id, 0) OVER () FROM employees",
                "22016", "argument of nth_value must be greater than zero", 0);
        checkError("SELECT count(DISTINCT id) OVER () FROM employees",
                "0A000", "DISTINCT is not implemented for window functions", 8);
        checkError("SELECT rank() FILTER (WHERE true) OVER () FROM employees",
                "0A000", "FILTER is not implemented for non-aggregate window functions", 8);
        checkError("SELECT sum(name) FROM employees",
                "42883", "function sum(text) does not exist", 8);
        checkError("SELECT avg(hired) FROM employees",
                "42883", "function avg(date) does not exist", 8);
        checkError("SELECT min(active) FROM employees",
                "42883", "function min(boolean) does not exist", 8);
        checkError("SELECT array_agg('a')",
                "42725", "function array_agg(unknown) is not unique", 8);
        checkError("SELECT sum('1')",
                "42725", "function sum(unknown) is not unique", 8);
        checkError("SELECT count(*) FROM employees HAVING id > 1",
                "42803", mustGroup("employees.id"), 39);
        checkError("SELECT sum(*) FROM employees",
                "42883", "function sum() does not exist", 8);
        checkError("SELECT lower(*) FROM employees",
                "42883", "function lower() does not exist", 8);
        checkError("SELECT id FROM employees GROUP BY 3",
                "42P10", "GROUP BY position 3 is not in select list", 35);
        checkError("SELECT count(*) FILTER (WHERE count(*) > 1) FROM employees",
                "42803", "aggregate functions are not allowed in FILTER", 31);
        checkError("SELECT 1 FROM employees e JOIN departments d ON count(*) > 1",
                "42803", "aggregate functions are not allowed in JOIN conditions", 49);
        checkError("SELECT name FROM employees GROUP BY dept_id ORDER BY name",
                "42803", mustGroup("employees.name"), 8);
        checkError("SELECT dept_id FROM employees GROUP BY dept_id + 1",
                "42803", mustGroup("employees.dept_id"), 8);
        checkError("SELECT count(*) FROM employees WINDOW w AS (ORDER BY id), w AS (ORDER BY name)",
                "42P20", "window \"w\" is already defined", 59); // PostgreSQL: 64, its "("
        checkError("SELECT lag(id, 1, 'x') OVER () FROM employees",
                "22P02", "invalid input syntax for type integer: \"x\"", 19);
        checkError("SELECT sum(id) OVER (ORDER BY name RANGE 1 PRECEDING) FROM employees",
                "0A000", "RANGE with offset PRECEDING/FOLLOWING is not supported for column "
                        + "type text", 42);
        checkError("SELECT array_agg(x) FROM (VALUES ('{1,2}'::int[]), ('{3}'::int[])) v(x)",
                "2202E", "cannot accumulate arrays of different dimensionality", 0);
        checkError("SELECT dept_id, count(*) FROM employees GROUP BY dept_id HAVING name = 'x'",
                "42803", mustGroup("employees.name"), 65);

        checkError("SELECT lower(DISTINCT name) FROM employees",
                "42809", "DISTINCT specified, but lower is not an aggregate function", 8);
        checkError("SELECT lower(name ORDER BY name) FROM employees",
                "42809", "ORDER BY specified, but lower is not an aggregate function", 8);
        checkError("SELECT lower(name) FILTER (WHERE true) FROM employees",
                "42809", "FILTER specified, but lower is not an aggregate function", 8);
        checkError("SELECT now(*)",
                "42809", "now(*) specified, but now is not an aggregate function", 8);
    }

    @Test
    void userDefinedAggregate() throws Exception {
        engine.functions().registerAggregate(new AggregateFunction("product", List.of(PgType.FLOAT8), PgType.FLOAT8,
                true, () -> null, (state, args) -> state == null ? args[0] : (Double) state * (Double) args[0], null));
        check("SELECT dept_id, product(id), product(id) FILTER (WHERE id > 2) FROM employees GROUP BY 1 ORDER BY 1",
                "1|14|7\n2|12|12\n3|48|48\nNULL|5|5",
                "SELECT id, product(id) OVER (ORDER BY id ROWS 1 PRECEDING) FROM employees WHERE id < 4 ORDER BY id",
                "1|1\n2|2\n3|6",
                "SELECT product(DISTINCT dept_id) FROM employees", "6",
                "SELECT product(id) FROM employees WHERE false", "NULL");
        checkError("SELECT product(name) FROM employees", "42883", "function product(text) does not exist", 8);
    }

    @Test
    void grouping() throws Exception {
        check(
                "SELECT count(*) FROM employees HAVING count(*) > 0",
                "8",
                "SELECT count(*) FROM employees HAVING count(*) > 100",
                "",
                "SELECT 1 FROM employees HAVING true",
                "1",
                "SELECT dept_id AS d, count(*) FROM employees GROUP BY d ORDER BY d",
                "1|3\n"
                        + "2|2\n"
                        + "3|2\n"
                        + "NULL|1",
                "SELECT length(name) AS n, count(*) FROM employees GROUP BY length(name) ORDER BY n LIMIT 3",
                "3|3\n4|1\n5|3",
                "SELECT count(*), dept_id FROM employees GROUP BY 2 ORDER BY 2 DESC NULLS LAST",
                "2|3\n"
                        + "2|2\n"
                        + "3|1\n"
                        + "1|NULL",
                "SELECT dept_id, sum(salary) / count(*) FROM employees GROUP BY dept_id ORDER BY sum(salary) / "
                        + "count(*) DESC NULLS LAST",
                "1|7967.0000000000000000\n"
                        + "2|5950.3750000000000000\n"
                        + "NULL|4300.0000000000000000\n"
                        + "3|1950.0000000000000000",
                "SELECT d.name, count(e.id) FROM departments d LEFT JOIN employees e ON e.dept_id = d.id GROUP "
                        + "BY d.name HAVING count(e.id) = 0",
                "Research|0",
                "SELECT dept_id, count(*) FROM employees GROUP BY dept_id, dept_id ORDER BY 1",
                "1|3\n"
                        + "2|2\n"
                        + "3|2\n"
                        + "NULL|1",
                "SELECT count(*) FROM (SELECT dept_id FROM employees GROUP BY dept_id) s",
                "4",
                "SELECT active, count(*), sum(id) FILTER (WHERE id % 2 = 0) FROM employees GROUP BY active "
                        + "ORDER BY active",
                "f|2|12\n"
                        + "t|6|8",
                "SELECT max(salary) - min(salary), count(DISTINCT salary) FROM employees",
                "5600.00|6",
                "SELECT sum(DISTINCT salary), avg(DISTINCT salary) FROM employees",
                "36801.25|6133.5416666666666667",
                "SELECT string_agg(name, NULL ORDER BY id) FROM employees",
                "AdaBrianChloéDmitriEveFarahGushana",
                "SELECT string_agg(name || '', ',' ORDER BY length(name), name DESC) FROM employees",
                "Gus,Eve,Ada,hana,Farah,Chloé,Brian,Dmitri",
                "SELECT ntile(3) OVER (ORDER BY id), ntile(10) OVER (ORDER BY id), id FROM employees ORDER BY id",
                "1|1|1\n"
                        + "1|2|2\n"
                        + "1|3|3\n"
                        + "2|4|4\n"
                        + "2|5|5\n"
                        + "2|6|6\n"
                        + "3|7|7\n"
                        + "3|8|8",
                "SELECT count(*) FROM employees GROUP BY ()",
                "8",
                "SELECT dept_id, count(*) FROM employees GROUP BY ROLLUP (dept_id) ORDER BY 1",
                "1|3\n"
                        + "2|2\n"
                        + "3|2\n"
                        + "NULL|8\n"
                        + "NULL|1");
    }

    @Test
    void moreWindows() throws Exception {
        check(
                "SELECT DISTINCT count(*) OVER (PARTITION BY active) FROM employees",
                "6\n"
                        + "2",
                "SELECT count(*) OVER w, id FROM employees WINDOW w AS (PARTITION BY dept_id) ORDER BY id LIMIT "
                        + "2 OFFSET 1",
                "3|2\n"
                        + "2|3",
                "SELECT id, salary, avg(salary) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) "
                        + "FROM employees ORDER BY id",
                "1|9500.00|8350.2500000000000000\n"
                        + "2|7200.50|7600.1666666666666667\n"
                        + "3|6100.00|6367.0833333333333333\n"
                        + "4|5800.75|5400.2500000000000000\n"
                        + "5|4300.00|5050.3750000000000000\n"
                        + "6|NULL|5750.2500000000000000\n"
                        + "7|7200.50|5550.2500000000000000\n"
                        + "8|3900.00|5550.2500000000000000",
                "SELECT id, last_value(id) OVER (ORDER BY dept_id, id), first_value(id) OVER (ORDER BY dept_id "
                        + "DESC, id ROWS 1 PRECEDING) FROM employees ORDER BY id",
                "1|1|4\n2|2|1\n3|3|8\n4|4|3\n5|5|5\n6|6|5\n7|7|2\n8|8|6",
                "SELECT id, lag(id, -1) OVER (ORDER BY id), lead(id, 0) OVER (ORDER BY id), lag(id, NULL) OVER "
                        + "(ORDER BY id) FROM employees ORDER BY id",
                "1|2|1|NULL\n"
                        + "2|3|2|NULL\n"
                        + "3|4|3|NULL\n"
                        + "4|5|4|NULL\n"
                        + "5|6|5|NULL\n"
                        + "6|7|6|NULL\n"
                        + "7|8|7|NULL\n"
                        + "8|NULL|8|NULL",
                "SELECT dept_id, array_agg(id ORDER BY id DESC) FILTER (WHERE active) FROM employees GROUP BY 1 "
                        + "ORDER BY 1",
                "1|{7,2,1}\n"
                        + "2|{3}\n"
                        + "3|{6}\n"
                        + "NULL|{5}");
    }

    @Test
    void groupingSets() throws Exception {
        check(
                "SELECT dept_id, active, count(*), sum(id) FROM employees GROUP BY ROLLUP (dept_id, active) "
                        + "ORDER BY 1, 2, 3",
                "1|t|3|10\n"
                        + "1|NULL|3|10\n"
                        + "2|f|1|4\n"
                        + "2|t|1|3\n"
                        + "2|NULL|2|7\n"
                        + "3|f|1|8\n"
                        + "3|t|1|6\n"
                        + "3|NULL|2|14\n"
                        + "NULL|t|1|5\n"
                        + "NULL|NULL|1|5\n"
                        + "NULL|NULL|8|36",
                "SELECT dept_id, active, count(*), GROUPING(dept_id, active), GROUPING(active) FROM employees "
                        + "GROUP BY CUBE (dept_id, active) ORDER BY 4, 1, 2",
                "1|t|3|0|0\n"
                        + "2|f|1|0|0\n"
                        + "2|t|1|0|0\n"
                        + "3|f|1|0|0\n"
                        + "3|t|1|0|0\n"
                        + "NULL|t|1|0|0\n"
                        + "1|NULL|3|1|1\n"
                        + "2|NULL|2|1|1\n"
                        + "3|NULL|2|1|1\n"
                        + "NULL|NULL|1|1|1\n"
                        + "NULL|f|2|2|0\n"
                        + "NULL|t|6|2|0\n"
                        + "NULL|NULL|8|3|1",
                "SELECT dept_id, active, count(*) FROM employees GROUP BY GROUPING SETS ((dept_id, active), (), "
                        + "active) ORDER BY 1, 2, 3",
                "1|t|3\n"
                        + "2|f|1\n"
                        + "2|t|1\n"
                        + "3|f|1\n"
                        + "3|t|1\n"
                        + "NULL|f|2\n"
                        + "NULL|t|1\n"
                        + "NULL|t|6\n"
                        + "NULL|NULL|8",
                "SELECT active, dept_id, count(*) FROM employees GROUP BY active, ROLLUP (dept_id) ORDER BY 1, "
                        + "2, 3",
                "f|2|1\n"
                        + "f|3|1\n"
                        + "f|NULL|2\n"
                        + "t|1|3\n"
                        + "t|2|1\n"
                        + "t|3|1\n"
                        + "t|NULL|1\n"
                        + "t|NULL|6",
                "SELECT count(*), GROUPING(dept_id) FROM employees WHERE false GROUP BY ROLLUP (dept_id)",
                "0|1",
                "SELECT dept_id, count(*) FROM employees GROUP BY GROUPING SETS (dept_id, dept_id) ORDER BY 1",
                "1|3\n"
                        + "1|3\n"
                        + "2|2\n"
                        + "2|2\n"
                        + "3|2\n"
                        + "3|2\n"
                        + "NULL|1\n"
                        + "NULL|1",
                "SELECT dept_id, count(*) FROM employees GROUP BY DISTINCT GROUPING SETS (dept_id, dept_id) "
                        + "ORDER BY 1",
                "1|3\n"
                        + "2|2\n"
                        + "3|2\n"
                        + "NULL|1",
                "SELECT dept_id, count(*), rank() OVER (ORDER BY count(*) DESC) FROM employees GROUP BY ROLLUP "
                        + "(dept_id) HAVING count(*) > 1 ORDER BY 1",
                "1|3|2\n"
                        + "2|2|3\n"
                        + "3|2|3\n"
                        + "NULL|8|1",
                "SELECT dept_id, GROUPING(dept_id), count(*) FROM employees GROUP BY dept_id ORDER BY 1",
                "1|0|3\n"
                        + "2|0|2\n"
                        + "3|0|2\n"
                        + "NULL|0|1",
                "SELECT count(*) FROM employees GROUP BY ()",
                "8",
                "SELECT count(*) FROM employees WHERE false GROUP BY ()",
                "0",
                "SELECT dept_id, active, count(*) FROM employees GROUP BY ROLLUP ((dept_id, active)) ORDER BY "
                        + "1, 2",
                "1|t|3\n"
                        + "2|f|1\n"
                        + "2|t|1\n"
                        + "3|f|1\n"
                        + "3|t|1\n"
                        + "NULL|t|1\n"
                        + "NULL|NULL|8");
        checkError("SELECT GROUPING(name) FROM employees GROUP BY dept_id",
                "42803", "arguments to GROUPING must be grouping expressions of the associated query level", 17);
        checkError("SELECT id FROM employees WHERE GROUPING(id) = 0",
                "42803", "grouping operations are not allowed in WHERE", 32);
        checkError("SELECT dept_id, name FROM employees GROUP BY ROLLUP (dept_id)",
                "42803", mustGroup("employees.name"), 17);
    }

    @Test
    void functionalDependency() throws Exception {
        check(
                "SELECT dept_id AS id, count(*) FROM employees GROUP BY id ORDER BY 1, 2",
                "1|1\n"
                        + "1|1\n"
                        + "1|1\n"
                        + "2|1\n"
                        + "2|1\n"
                        + "3|1\n"
                        + "3|1\n"
                        + "NULL|1",
                "SELECT e.name FROM employees e GROUP BY e.id ORDER BY e.id",
                "Ada\n"
                        + "Brian\n"
                        + "Chloé\n"
                        + "Dmitri\n"
                        + "Eve\n"
                        + "Farah\n"
                        + "Gus\n"
                        + "hana",
                "SELECT d.id, d.name, d.budget, count(e.id), sum(e.salary) FROM departments d LEFT JOIN "
                        + "employees e ON e.dept_id = d.id GROUP BY d.id HAVING d.budget IS NOT NULL ORDER BY d.name",
                "1|Engineering|1500000.00|3|23901.00\n"
                        + "4|Research|250000.00|0|NULL\n"
                        + "2|Sales|800000.50|2|11900.75",
                "SELECT p.title, count(*) OVER (PARTITION BY p.dept_id) FROM projects p GROUP BY p.id ORDER BY "
                        + "p.id",
                "Compiler|2\n"
                        + "Database|2\n"
                        + "CRM rollout|1\n"
                        + "Orphan|1\n"
                        + "Quantum|1");
        checkError("SELECT e.name, count(*) FROM employees e JOIN departments d ON d.id = e.dept_id GROUP BY d.id",
                "42803", mustGroup("e.name"), 8);
    }

    @Test
    void varianceAndStddev() throws Exception {
        check(
                "SELECT variance(salary), stddev(salary), var_pop(salary), stddev_pop(salary), var_samp(id), "
                        + "stddev_samp(id) FROM employees",
                "3651612.008928571429|1910.919152902229|3129953.150510204082|1769.167360797221|6.0000000000000000|"
                        + "2.4494897427831781",
                "SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (1.5::float8), (2.25), "
                        + "(7)) v(x)",
                "8.895833333333334|2.9825883613622137|5.930555555555556|2.435273199367076",
                "SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (5)) v(x)",
                "NULL|NULL|0|0",
                "SELECT dept_id, variance(e.id::int8), stddev(hours::real) FROM employees e LEFT JOIN projects "
                        + "p USING (dept_id) GROUP BY 1 ORDER BY 1",
                "1|8.2666666666666667|186.36260019113277\n"
                        + "2|0.50000000000000000000|0\n"
                        + "3|2.0000000000000000|NULL\n"
                        + "NULL|NULL|NULL",
                "SELECT variance(x), stddev(x) FROM (VALUES (1.0), (1.0)) v(x)",
                "0|0",
                "SELECT stddev(x) FROM (VALUES (0.001), (0.0023), (100)) v(x)",
                "57.7340742946774313");
    }

    @Test
    void minMaxOfArraysAndBitwise() throws Exception {
        check(
                "SELECT min(x), max(x) FROM (VALUES ('{1,2}'::int[]), ('{1,2,0}'::int[]), ('{0,5}'::int[]), "
                        + "(NULL)) v(x)",
                "{0,5}|{1,2,0}",
                "SELECT bit_and(id), bit_or(id), bit_xor(id), bit_or(id::int2), bit_and(id::int8) FROM employees",
                "0|15|8|15|0",
                "SELECT min(x), max(x) FROM (VALUES (interval '1 day'), (interval '25 hours'), (interval '1 "
                        + "mon')) v(x)",
                "1 day|1 mon");
    }

    @Test
    void orderedSetAggregates() throws Exception {
        check(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY salary), percentile_disc(0.5) WITHIN GROUP "
                        + "(ORDER BY salary), mode() WITHIN GROUP (ORDER BY dept_id) FROM employees",
                "6100|6100.00|1",
                "SELECT dept_id, percentile_cont(0.25) WITHIN GROUP (ORDER BY id DESC), percentile_disc(1) "
                        + "WITHIN GROUP (ORDER BY hired), mode() WITHIN GROUP (ORDER BY active) FROM employees "
                        + "GROUP BY 1 ORDER BY 1",
                "1|4.5|2023-09-09|t\n"
                        + "2|3.75|2021-01-04|f\n"
                        + "3|7.5|2017-02-28|f\n"
                        + "NULL|5|2022-06-20|t",
                "SELECT percentile_cont(0) WITHIN GROUP (ORDER BY x), percentile_disc(0) WITHIN GROUP (ORDER BY "
                        + "x) FROM (VALUES (interval '1 day'), (interval '3 days')) v(x)",
                "1 day|1 day",
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (interval '1 day'), "
                        + "(interval '2 days')) v(x)",
                "1 day 12:00:00",
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY id) FROM employees WHERE false",
                "NULL");
        checkError("SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY id) FROM employees",
                "22003", "percentile value 1.5 is not between 0 and 1", 0);
        checkError("SELECT percentile_cont(0.5) FROM employees",
                "42883", "function percentile_cont(numeric) does not exist", 8);
        checkError("SELECT count(*) WITHIN GROUP (ORDER BY id) FROM employees",
                "42809", "count is not an ordered-set aggregate, so it cannot have WITHIN GROUP", 8);
        checkError("SELECT lower('a') WITHIN GROUP (ORDER BY id) FROM employees",
                "42883", "function lower(unknown, integer) does not exist", 8);
        checkError("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY name) FROM employees",
                "42883", "function percentile_cont(numeric, text) does not exist", 8);
    }

    @Test
    void jsonbAggAndDistinctOrder() throws Exception {
        check(
                "SELECT active, count(*), jsonb_agg(id ORDER BY id) FROM employees GROUP BY active ORDER BY "
                        + "active",
                "f|2|[4, 8]\n"
                        + "t|6|[1, 2, 3, 5, 6, 7]",
                "SELECT jsonb_agg(name ORDER BY id) FILTER (WHERE id < 4), jsonb_agg(salary ORDER BY id), "
                        + "jsonb_agg(hired ORDER BY id) FROM employees",
                "[\"Ada\", \"Brian\", \"Chloé\"]|[9500.00, 7200.50, 6100.00, 5800.75, 4300.00, null, 7200.50, "
                        + "3900.00]|[\"2019-03-01\", \"2020-07-15\", \"2018-11-30\", \"2021-01-04\", \"2022-06-20\", "
                        + "\"2017-02-28\", \"2023-09-09\", null]",
                "SELECT jsonb_agg(x) FROM (VALUES ('{\"a\": 1}'::jsonb), (NULL), ('[1, \"b\"]')) v(x)",
                "[{\"a\": 1}, null, [1, \"b\"]]",
                "SELECT jsonb_agg(id) FROM employees WHERE false",
                "NULL",
                "SELECT dept_id, jsonb_agg(DISTINCT active) FROM employees GROUP BY 1 ORDER BY 1",
                "1|[true]\n"
                        + "2|[false, true]\n"
                        + "3|[false, true]\n"
                        + "NULL|[true]",
                "SELECT id, jsonb_agg(id) OVER (ORDER BY id ROWS 1 PRECEDING) FROM employees WHERE id < 4 ORDER "
                        + "BY id",
                "1|[1]\n"
                        + "2|[1, 2]\n"
                        + "3|[2, 3]",
                "SELECT array_agg(DISTINCT dept_id), string_agg(DISTINCT name, ','), count(DISTINCT dept_id) "
                        + "FROM employees",
                "{1,2,3,NULL}|Ada,Brian,Chloé,Dmitri,Eve,Farah,Gus,hana|3");
    }
}
