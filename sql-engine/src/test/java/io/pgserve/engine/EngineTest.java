package io.pgserve.engine;

import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EngineTest {
    private final SqlEngine engine = SqlEngine.memdb();
    private final QueryHandler h = engine.newSession();

    private QueryResult run(String sql) throws Exception {
        var kind = io.pgserve.sql.StatementKind.OTHER;
        return h.execute(new Query(sql, kind, "", List.of(), null, null, null, TransactionMode.SINGLE_STATEMENT));
    }

    private List<List<Object>> rows(String sql) throws Exception {
        QueryResult.Rows r = (QueryResult.Rows) run(sql);
        List<List<Object>> out = new ArrayList<>();
        Object[] row;
        while ((row = r.rows().next()) != null) {
            out.add(Arrays.asList(row));
        }
        r.rows().close();
        return out;
    }

    private String names(String sql) throws Exception {
        QueryResult.Rows r = (QueryResult.Rows) run(sql);
        r.rows().close();
        return String.join(",", r.columns().stream().map(c -> c.name() + ":" + c.type().name()).toList());
    }

    private PgException error(String sql) {
        return assertThrows(PgException.class, () -> {
            QueryResult r = run(sql);
            if (r instanceof QueryResult.Rows rows) {
                while (rows.rows().next() != null) {
                }
            }
        });
    }

    private void setup() throws Exception {
        run("create table t (id int primary key, name text not null, score numeric, d date default '2024-01-02')");
        run("insert into t values (1, 'a', 1.5), (2, 'b', null), (3, 'C', 10)");
        run("create table u (tid int, tag varchar(10))");
        run("insert into u values (1, 'x'), (1, 'y'), (3, 'z'), (null, 'n')");
    }

    @Test
    void selectWithoutFrom() throws Exception {
        assertEquals(List.of(List.of(1, "a", true)), rows("select 1, 'a', true"));
        assertEquals("?column?:int4,?column?:text,x:bool", names("select 1, 'a', true as x"));
        assertEquals("lower:text,int4:int4,coalesce:int4,case:text", names(
                "select lower('A'), '5'::int, coalesce(null, 2), case when true then 'y' end"));
        assertEquals(List.of(List.of(new BigDecimal("0.33333333333333333333"), 7L, 2)),
                rows("select 1::numeric / 3, 3000000000 - 2999999993, 7 / 3"));
        assertEquals(List.of(Arrays.asList(null, true, null, false)),
                rows("select null::int + 1, null is null, null::bool and true, null::bool and false"));
    }

    @Test
    void expressions() throws Exception {
        assertEquals(List.of(List.of(true, false, true, true, "ab1", 3, "ell", true)), rows(
                "select 2 between 1 and 3, 5 in (1, 2), 'abc' like 'a%', 'ABC' ilike 'a_c', 'a' || 'b' || 1,"
                        + " length('abc'), substring('hello', 2, 3), 1 is distinct from null"));
        assertEquals(List.of(Arrays.asList(null, 2, new BigDecimal("3"), 4L)),
                rows("select nullif(1, 1), abs(-2), round(2.5), 2::int8 * 2"));
        assertEquals("22012", error("select 1 / 0").sqlState());
        assertEquals("22003", error("select 2147483647 + 1").sqlState());
        PgException e = error("select 'x'::int");
        assertEquals("22P02", e.sqlState());
        assertEquals(8, e.position());
    }

    @Test
    void errorsLikePostgres() throws Exception {
        setup();
        PgException e = error("select * from nope");
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"nope\" does not exist", e.getMessage());
        assertEquals(15, e.position());
        e = error("select nope from t");
        assertEquals("42703", e.sqlState());
        assertEquals("column \"nope\" does not exist", e.getMessage());
        assertEquals(8, e.position());
        e = error("select tid from t, u, u as u2");
        assertEquals("42702", e.sqlState());
        e = error("select foo(1)");
        assertEquals("42883", e.sqlState());
        assertEquals("function foo(integer) does not exist", e.getMessage());
        assertEquals("No function matches the given name and argument types. You might need to add explicit type casts.",
                e.hint());
        e = error("select 1 = 'a'::text");
        assertEquals("operator does not exist: integer = text", e.getMessage());
        assertEquals(10, e.position());
        e = error("select * from t where 1");
        assertEquals("42804", e.sqlState());
        assertEquals("argument of WHERE must be type boolean, not type integer", e.getMessage());
        e = error("select name, count(*) from t");
        assertEquals("42803", e.sqlState());
        e = error("insert into t (id, name) values ('1'::text, 'x')");
        assertEquals("42804", e.sqlState());
        assertEquals("column \"id\" is of type integer but expression is of type text", e.getMessage());
    }

    @Test
    void queries() throws Exception {
        setup();
        assertEquals(List.of(List.of(3, "C"), List.of(1, "a")), rows("select id, name from t where score > 1 order by id desc"));
        assertEquals(List.of(List.of(2)), rows("select id from t where score is null"));
        assertEquals(List.of(List.of(1, "x"), List.of(1, "y"), List.of(3, "z")),
                rows("select t.id, u.tag from t join u on t.id = u.tid order by 2"));
        assertEquals(List.of(Arrays.asList(1, 2L), Arrays.asList(2, 0L), Arrays.asList(3, 1L)),
                rows("select t.id, count(u.tag) from t left join u on u.tid = t.id group by t.id order by t.id"));
        assertEquals(List.of(List.of(3L, new BigDecimal("11.5"), new BigDecimal("5.7500000000000000"), 1, "b")),
                rows("select count(*), sum(score), avg(score), min(id), max(name) from t"));
        assertEquals(List.of(List.of(1, 2L)), rows("select tid, count(*) from u group by tid having count(*) > 1"));
        assertEquals(List.of(List.of("C"), List.of("a")), rows("select name from t order by name limit 2")); // C collation
        assertEquals(List.of(List.of("b")), rows("select name from t order by id limit 1 offset 1"));
        assertEquals(List.of(List.of(1)), rows("select distinct tid from u where tid < 3"));
        assertEquals(List.of(List.of(1), List.of(2), List.of(3), List.of(4)),
                rows("select id from t union select 4 order by 1"));
        assertEquals(List.of(List.of(1), List.of(3)), rows("select id from t intersect select tid from u order by 1"));
        assertEquals(List.of(List.of(2)), rows("select id from t except select tid from u"));
        assertEquals("column1:int4,column2:text", names("values (1, 'a'), (2, 'b')"));
        assertEquals(List.of(List.of(2, "b")), rows("select * from (values (1, 'a'), (2, 'b')) as v(n, s) where n = 2"));
        assertEquals(List.of(List.of(4L)), rows("select count(*) from t, u where t.id = 1"));
        assertEquals(List.of(List.of(java.time.LocalDate.of(2024, 1, 2))), rows("select d from t where id = 1"));
        assertEquals(List.of(List.of(1)), rows("select id from t where name = 'a' and id in (1, 2)"));
    }

    @Test
    void dml() throws Exception {
        setup();
        assertEquals("UPDATE 2", ((QueryResult.Command) run("update t set score = score * 2 where score is not null")).tag());
        assertEquals(List.of(List.of(new BigDecimal("3.0")), List.of(new BigDecimal("20"))),
                rows("select score from t where score is not null order by id"));
        assertEquals("DELETE 1", ((QueryResult.Command) run("delete from t where id = 2")).tag());
        assertEquals(List.of(List.of(4, "dd")), rows("insert into t (id, name) values (4, 'd' || 'd') returning id, name"));
        PgException e = error("insert into t values (1, 'dup')");
        assertEquals("23505", e.sqlState());
        assertEquals("duplicate key value violates unique constraint \"t_pkey\"", e.getMessage());
        assertEquals("Key (id)=(1) already exists.", e.detail());
        e = error("insert into t (id) values (9)");
        assertEquals("23502", e.sqlState());
        assertEquals("null value in column \"name\" of relation \"t\" violates not-null constraint", e.getMessage());
        assertEquals("Failing row contains (9, null, null, 2024-01-02).", e.detail());
        run("create table s (id serial primary key, v text unique)");
        run("insert into s (v) values ('a'), ('b')");
        assertEquals(List.of(List.of(1, "a"), List.of(2, "b")), rows("select * from s order by id"));
        e = error("update s set v = 'a' where id = 2");
        assertEquals("duplicate key value violates unique constraint \"s_v_key\"", e.getMessage());
        run("insert into s (v) select name from t where id = 4");
        assertEquals(List.of(List.of(3L)), rows("select count(*) from s"));
        run("drop table s");
        assertEquals("42P01", error("select * from s").sqlState());
        run("drop table if exists s");
    }

    @Test
    void transactions() throws Exception {
        setup();
        QueryHandler other = engine.newSession();
        block(h, "begin");
        block(h, "update t set name = 'changed' where id = 1");
        block(h, "insert into t values (10, 'new')");
        // another session sees neither
        QueryResult.Rows r = (QueryResult.Rows) other.execute(new Query("select name from t where id in (1, 10) order by id",
                io.pgserve.sql.StatementKind.SELECT, "SELECT", List.of(), null, null));
        assertEquals("a", r.rows().next()[0]);
        assertEquals(null, r.rows().next());
        block(h, "savepoint s1");
        block(h, "delete from t");
        block(h, "rollback to savepoint s1");
        assertEquals(List.of(List.of(4L)), rowsIn(h, "select count(*) from t"));
        block(h, "rollback");
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("C")), rows("select name from t order by id"));
    }

    private static QueryResult block(QueryHandler h, String sql) throws Exception {
        return h.execute(new Query(sql, io.pgserve.sql.StatementKind.OTHER, "", List.of(), null, null, null,
                TransactionMode.BLOCK));
    }

    private static List<List<Object>> rowsIn(QueryHandler h, String sql) throws Exception {
        QueryResult.Rows r = (QueryResult.Rows) block(h, sql);
        List<List<Object>> out = new ArrayList<>();
        Object[] row;
        while ((row = r.rows().next()) != null) {
            out.add(Arrays.asList(row));
        }
        return out;
    }
}
