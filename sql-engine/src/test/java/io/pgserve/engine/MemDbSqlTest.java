package io.pgserve.engine;

import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** memdb's DDL, constraints and DML through the engine, with PostgreSQL 15's SQLSTATEs, messages and details. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemDbSqlTest {
    private final SqlEngine engine = SqlEngine.memdb();
    private final QueryHandler h = engine.newSession();

    private QueryResult run(String sql) throws Exception {
        return run(h, sql);
    }

    static QueryResult run(QueryHandler h, String sql) throws Exception {
        var kind = io.pgserve.sql.StatementKind.OTHER;
        return h.execute(new Query(sql, kind, "", List.of(), null, null, null, TransactionMode.SINGLE_STATEMENT));
    }

    private String tag(String sql) throws Exception {
        QueryResult r = run(sql);
        if (r instanceof QueryResult.Rows rows) {
            rows.rows().close();
            return rows.tag();
        }
        return ((QueryResult.Command) r).tag();
    }

    private List<List<Object>> rows(String sql) throws Exception {
        QueryResult r = run(sql);
        QueryResult.Rows rs = (QueryResult.Rows) r;
        List<List<Object>> out = new ArrayList<>();
        Object[] row;
        while ((row = rs.rows().next()) != null) {
            out.add(Arrays.asList(row));
        }
        rs.rows().close();
        return out;
    }

    private String text(String sql) throws Exception {
        return rows(sql).toString();
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

    private void assertError(String state, String message, String detail, String sql) {
        PgException e = error(sql);
        assertEquals(state, e.sqlState(), e.getMessage());
        assertEquals(message, e.getMessage());
        if (detail != null) {
            assertEquals(detail, e.detail());
        }
    }

    @Test
    void keysNotNullAndChecks() throws Exception {
        run("create table b(id int primary key, v int check (v > 0), w int, constraint w_pos check (w >= 0))");
        run("insert into b values (1, 1, 1)");
        assertError("23505", "duplicate key value violates unique constraint \"b_pkey\"", "Key (id)=(1) already exists.",
                "insert into b values (1, 1, 1)");
        assertError("23514", "new row for relation \"b\" violates check constraint \"b_v_check\"",
                "Failing row contains (2, 0, 1).", "insert into b values (2, 0, 1)");
        assertError("23514", "new row for relation \"b\" violates check constraint \"w_pos\"",
                "Failing row contains (2, 1, -1).", "insert into b values (2, 1, -1)");
        assertError("23514", "new row for relation \"b\" violates check constraint \"b_v_check\"",
                "Failing row contains (1, -5, 1).", "update b set v = -5");
        run("create table a(id serial primary key, b int references b on delete cascade, c text not null default 'x')");
        assertError("23503", "insert or update on table \"a\" violates foreign key constraint \"a_b_fkey\"",
                "Key (b)=(5) is not present in table \"b\".", "insert into a(b) values (5)");
        assertError("23502", "null value in column \"c\" of relation \"a\" violates not-null constraint",
                "Failing row contains (2, 1, null).", "insert into a(b, c) values (1, null)");
        run("create table u(k int unique, v int)");
        run("insert into u values (null, 1), (null, 2)"); // NULLs are distinct
        assertError("23505", "duplicate key value violates unique constraint \"u_k_key\"", "Key (k)=(3) already exists.",
                "insert into u values (3, 1), (3, 2)");
        assertEquals("[[2]]", text("select count(*) from u"));
    }

    @Test
    void foreignKeyActions() throws Exception {
        run("create table p(id int primary key)");
        run("insert into p values (1), (2), (3)");
        run("create table c_cascade(id int, p int references p on delete cascade on update cascade)");
        run("create table c_null(id int, p int references p(id) on delete set null)");
        run("insert into c_cascade values (10, 1), (11, 2)");
        run("insert into c_null values (20, 1), (21, 1)");
        assertEquals("DELETE 1", tag("delete from p where id = 1"));
        assertEquals("[[11, 2]]", text("select * from c_cascade"));
        assertEquals("[[20, null], [21, null]]", text("select * from c_null order by id"));
        run("update p set id = 5 where id = 2");
        assertEquals("[[11, 5]]", text("select * from c_cascade"));
        run("create table c_restrict(id int, p int references p)");
        run("insert into c_restrict values (30, 3)");
        assertError("23503", "update or delete on table \"p\" violates foreign key constraint \"c_restrict_p_fkey\" on "
                + "table \"c_restrict\"", "Key (id)=(3) is still referenced from table \"c_restrict\".",
                "delete from p where id = 3");
        assertError("2BP01", "cannot drop table p because other objects depend on it", null, "drop table p");
        assertError(io.pgserve.server.SqlState.FEATURE_NOT_SUPPORTED,
                "cannot truncate a table referenced in a foreign key constraint", null, "truncate p");
        run("create table gp(id int primary key)");
        run("create table gc(id int references gp)");
        run("insert into gp values (1)");
        run("insert into gc values (1)");
        assertEquals("TRUNCATE TABLE", tag("truncate gp cascade"));
        assertEquals("[[0]]", text("select count(*) from gc"));
        run("drop table p cascade");
        run("insert into c_restrict values (31, 99)"); // the constraint went with the table
        assertEquals("[]", text("select * from c_restrict where p = 3 and id = 1"));
    }

    @Test
    void serialIdentityDefaultsAndSequences() throws Exception {
        run("create table g(id int generated always as identity, x int, t timestamptz default now())");
        run("insert into g(x) values (1), (2)");
        assertEquals("[[1, 1], [2, 2]]", text("select id, x from g order by id"));
        assertError("428C9", "cannot insert a non-DEFAULT value into column \"id\"",
                "Column \"id\" is an identity column defined as GENERATED ALWAYS.", "insert into g values (1, 2)");
        assertError("428C9", "column \"id\" can only be updated to DEFAULT", null, "update g set id = 5");
        run("insert into g overriding system value values (100, 3)");
        assertEquals("[[100, 3]]", text("select id, x from g where x = 3"));
        run("create table s(id bigserial primary key, v text)");
        assertEquals("[[1], [2]]", text("insert into s(v) values ('a'), ('b') returning id"));
        assertEquals("[[2]]", text("select currval('s_id_seq')"));
        assertEquals("[[2]]", text("select lastval()"));
        run("create sequence q increment 5 start 10 maxvalue 20");
        assertEquals("[[10, 15, 20]]", text("select nextval('q'), nextval('q'), nextval('q')"));
        assertError("2200H", "nextval: reached maximum value of sequence \"q\" (20)", null, "select nextval('q')");
        run("create sequence cy maxvalue 2 cycle");
        assertEquals("[[1, 2, 1]]", text("select nextval('cy'), nextval('cy'), nextval('cy')"));
        assertEquals("[[7]]", text("select setval('cy', 7 - 6 + 1) + 5"));
        run("create sequence fresh");
        assertError("55000", "currval of sequence \"fresh\" is not yet defined in this session", null,
                "select currval('fresh')");
        assertError("22003", "setval: value 0 is out of bounds for sequence \"fresh\" (1..9223372036854775807)", null,
                "select setval('fresh', 0)");
        assertEquals("CREATE SEQUENCE", tag("create sequence if not exists fresh"));
        assertError("42P07", "relation \"fresh\" already exists", null, "create sequence fresh");
        run("truncate s restart identity");
        assertEquals("[[1]]", text("insert into s(v) values ('c') returning id"));
    }

    @Test
    void onConflict() throws Exception {
        run("create table u(k int primary key, v int, n int default 0)");
        run("insert into u values (1, 1)");
        assertEquals("INSERT 0 0", tag("insert into u values (1, 5) on conflict do nothing"));
        assertEquals("INSERT 0 1", tag("insert into u values (1, 5) on conflict (k) do update set v = excluded.v, "
                + "n = u.n + 1"));
        assertEquals("[[1, 5, 1]]", text("select * from u"));
        assertEquals("[[1, 6, 2]]", text("insert into u values (1, 6) on conflict on constraint u_pkey do update "
                + "set v = excluded.v, n = u.n + 1 returning *"));
        assertEquals("INSERT 0 0", tag("insert into u values (1, 7) on conflict (k) do update set v = excluded.v "
                + "where u.v > 100"));
        assertError("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time", null,
                "insert into u values (2, 1), (2, 2) on conflict (k) do update set v = excluded.v");
        assertError("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification",
                null, "insert into u values (1, 1) on conflict (v) do nothing");
        assertEquals("INSERT 0 1", tag("insert into u values (3, 1), (3, 2) on conflict do nothing"));
    }

    @Test
    void dmlForms() throws Exception {
        run("create table t(id int primary key, a int, b text default 'd')");
        assertEquals("INSERT 0 1", tag("insert into t default values".replace("default values",
                "(id) values (1)")));
        run("create table dv(id serial, b text default 'd')");
        assertEquals("[[1, d]]", text("insert into dv default values returning *"));
        run("insert into t(id, a) select id + 1, id * 10 from t");
        run("with src(i) as (values (100), (101)) insert into t(id) select i from src");
        assertEquals("[[2]]", text("select count(*) from t where id >= 100"));
        run("delete from t where id >= 100");
        assertEquals("[[1, null, d], [2, 10, d]]", text("select * from t order by id"));
        run("update t set (a, b) = (7, 'x') where id = 1");
        assertEquals("[[1, 7, x]]", text("select * from t where id = 1"));
        run("create table m(id int, factor int)");
        run("insert into m values (1, 2), (2, 3)");
        assertEquals("[[1, 14, 2], [2, 30, 3]]", rows("update t set a = t.a * m.factor from m where m.id = t.id "
                + "returning t.id, t.a, m.factor").stream().sorted((x, y) -> ((Integer) x.get(0)) - (Integer) y.get(0))
                .toList().toString());
        assertEquals("[[1, 14], [2, 30]]", text("select id, a from t order by id"));
        assertEquals("[[2, 30, d, 2, 3]]", text("delete from t using m where m.id = t.id and m.factor = 3 returning *"));
        assertEquals("[[1]]", text("select count(*) from t"));
        assertEquals("TRUNCATE TABLE", tag("truncate table t, m"));
        assertEquals("[[0]]", text("select count(*) from t"));
        assertEquals("VACUUM", tag("vacuum analyze t"));
        assertEquals("ANALYZE", tag("analyze t"));
    }

    @Test
    void ddl() throws Exception {
        assertEquals("CREATE TABLE", tag("create table t(id int not null, v text) with (fillfactor=90)"));
        assertEquals("CREATE TABLE", tag("create table if not exists t(x int)"));
        run("insert into t values (1, 'a'), (2, null)");
        run("alter table t add column n int default 5");
        assertEquals("[[1, a, 5], [2, null, 5]]", text("select * from t order by id"));
        run("alter table t rename column v to w");
        run("alter table t alter column n set default 6");
        run("insert into t(id) values (3)");
        assertEquals("[[3, null, 6]]", text("select * from t where id = 3"));
        run("alter table t alter column n drop default");
        assertError("23502", "column \"w\" of relation \"t\" contains null values", null,
                "alter table t alter column w set not null");
        run("alter table t drop column w");
        assertEquals("[[1, 5], [2, 5], [3, 6]]", text("select * from t order by id"));
        run("alter table t add primary key (id)");
        assertError("23505", "duplicate key value violates unique constraint \"t_pkey\"", null,
                "insert into t values (1, 1)");
        assertError("23514", "check constraint \"big\" of relation \"t\" is violated by some row", null,
                "alter table t add constraint big check (n > 5)");
        run("alter table t add constraint pos check (n > 0)");
        assertError("23514", "new row for relation \"t\" violates check constraint \"pos\"", null,
                "insert into t values (9, 0)");
        run("alter table t drop constraint pos");
        run("insert into t values (9, 0)");
        run("alter table t rename to t2");
        assertEquals("[[4]]", text("select count(*) from t2"));
        run("create unique index t2_n on t2 (n)".replace("unique ", ""));
        assertError("23505", "could not create unique index \"t2_nu\"", "Key (n)=(5) is duplicated.",
                "create unique index t2_nu on t2 (n)");
        assertEquals("DROP INDEX", tag("drop index t2_n"));
        assertError("42704", "index \"t2_n\" does not exist", null, "drop index t2_n");
        assertEquals("DROP INDEX", tag("drop index if exists t2_n"));
        run("create schema sc");
        run("create table sc.x(i int)");
        assertError("2BP01", "cannot drop schema sc because other objects depend on it", null, "drop schema sc");
        run("drop schema sc cascade");
        assertError("42P01", "relation \"sc.x\" does not exist", null, "select * from sc.x");
        assertEquals("CREATE SCHEMA", tag("create schema if not exists public"));
        run("comment on table t2 is 'the table'");
        run("comment on column t2.n is 'a number'");
        Table t = engine.catalog().table("public", "t2");
        assertEquals("the table", t.comment());
        assertEquals("a number", t.columnComment("n"));
        assertEquals("DROP TABLE", tag("drop table if exists nope, t2"));
        assertNull(engine.catalog().table("public", "t2"));
    }

    @Test
    void catalogMetadata() throws Exception {
        run("create table p(id int primary key, code text unique)");
        run("create table c(id int, p int references p, x int check (x > 0), constraint two check (x < id))");
        run("create index on c (p, x)");
        Table c = engine.catalog().table("public", "c");
        assertEquals("[c_p_fkey FOREIGN_KEY [p] -> p[id], c_x_check CHECK [x], two CHECK [id, x]]",
                c.constraints().stream().map(k -> k.name() + " " + k.kind() + " " + k.columns()
                        + (k.referencedTable() == null ? "" : " -> " + k.referencedTable() + k.referencedColumns()))
                        .toList().toString());
        assertEquals("x > 0", c.constraints().get(1).checkText());
        assertEquals("[TableIndex[name=c_p_x_idx, columns=[p, x], unique=false, primary=false]]",
                c.indexes().toString());
        Table p = engine.catalog().table("public", "p");
        assertEquals(2, p.indexes().size());
        assertTrue(p.indexes().get(0).primary());
        assertEquals("[c, p]", engine.catalog().tables("public").stream().map(Table::name).sorted().toList()
                .toString());
    }

    @Test
    void savepointsUndoWrites() throws Exception {
        run("create table t(id int primary key)");
        QueryHandler s = engine.newSession();
        run(s, "begin");
        run(s, "insert into t values (1)");
        assertEquals("SAVEPOINT", ((QueryResult.Command) run(s, "savepoint a")).tag());
        run(s, "insert into t values (2)");
        assertEquals("ROLLBACK", ((QueryResult.Command) run(s, "rollback to savepoint a")).tag()); // PostgreSQL's tags
        run(s, "insert into t values (3)");
        assertEquals("RELEASE", ((QueryResult.Command) run(s, "release savepoint a")).tag());
        run(s, "commit");
        assertEquals("[[1], [3]]", text("select * from t order by id"));
    }

    @Test
    void views() throws Exception {
        run("create table t(id int primary key, v int)");
        run("insert into t values (1, 10), (2, 20), (3, 30)");
        assertEquals("CREATE VIEW", tag("create view big (ident) as select id, v * 2 as dbl from t where v > 10"));
        assertEquals("[[2, 40], [3, 60]]", text("select * from big order by ident"));
        assertEquals("[[3]]", text("select b.ident from big b where b.dbl > 50"));
        run("create view bigger as select ident from big where dbl > 50");
        assertEquals("[[3]]", text("select * from public.bigger"));
        run("insert into t values (4, 40)");
        assertEquals("[[3], [4]]", text("select * from bigger order by 1")); // a view is its query, not a copy
        assertError("42P07", "relation \"big\" already exists", null, "create view big as select 1");
        run("create or replace view big (ident) as select id, v as dbl from t");
        assertEquals("[[1, 10]]", text("select * from big where ident = 1"));
        assertError("2BP01", "cannot drop table t because other objects depend on it", "view big depends on table t",
                "drop table t");
        assertError("2BP01", "cannot drop view big because other objects depend on it",
                "view bigger depends on view big", "drop view big");
        assertEquals("DROP VIEW", tag("drop view big cascade"));
        assertError("42P01", "relation \"bigger\" does not exist", null, "select * from bigger");
        assertEquals("DROP VIEW", tag("drop view if exists big"));
        assertTrue(engine.catalog().views("public").isEmpty());
        run("create view again as select id from t");
        assertEquals("[again]", engine.catalog().views("public").stream().map(io.pgserve.engine.Catalog.View::name)
                .toList().toString());
        assertEquals("[public.t]", engine.catalog().view("public", "again").dependsOn().toString());
        run("drop table t cascade");
        assertNull(engine.catalog().view("public", "again"));
    }

    @Test
    void ddlRollsBack() throws Exception {
        run("create table keep(id int primary key, v text)");
        run("insert into keep values (1, 'a')");
        QueryHandler s = engine.newSession();
        run(s, "begin");
        run(s, "set transaction isolation level read committed");
        run(s, "create table gone(id serial primary key)");
        run(s, "create index keep_v on keep (v)");
        run(s, "alter table keep add column n int default 5");
        run(s, "alter table keep rename column v to w");
        run(s, "comment on table keep is 'temp'");
        run(s, "create view kv as select * from keep");
        run(s, "create schema sch");
        run(s, "create sequence sq");
        run(s, "savepoint sp");
        run(s, "drop table keep cascade");
        run(s, "rollback to savepoint sp");
        assertEquals("[[1, a, 5]]", text(s, "select * from kv"));
        run(s, "rollback");
        assertEquals("[[1, a]]", text("select * from keep"));
        assertNull(engine.catalog().table("public", "gone"));
        assertNull(engine.catalog().view("public", "kv"));
        assertTrue(!engine.catalog().schemaExists("sch"));
        assertNull(engine.catalog().schemaEditor().sequence("public", "sq"));
        assertNull(engine.catalog().schemaEditor().sequence("public", "gone_id_seq"));
        assertNull(engine.catalog().table("public", "keep").comment());
        assertEquals(1, engine.catalog().table("public", "keep").indexes().size());
        run("create table gone(id int)"); // the name is free again
        run(s, "begin");
        run(s, "drop table keep");
        run(s, "alter table gone drop column id");
        run(s, "rollback");
        assertEquals("[[1, a]]", text("select * from keep where id = 1"));
        assertError("23505", "duplicate key value violates unique constraint \"keep_pkey\"", null,
                "insert into keep values (1, 'b')");
        run("insert into gone values (7)");
        assertEquals("[[7]]", text("select id from gone"));
    }

    @Test
    void alterColumnType() throws Exception {
        run("create table t(id int primary key, code text, n int)");
        run("insert into t values (1, '10', 5), (2, '20', 6)");
        run("create index t_code on t (code)");
        assertError("42804", "column \"code\" cannot be cast automatically to type integer", null,
                "alter table t alter column code type int");
        run("alter table t alter column code type int using code::int");
        run("alter table t alter column n type bigint");
        run("alter table t alter column id type bigint");
        assertEquals("[[2, 20, 6]]", text("select * from t where code = 20"));
        assertEquals("[[30]]", text("select sum(code) from t"));
        assertEquals("[[1, 10, 5]]", text("select * from t where id = 1"));
        assertError("23505", "duplicate key value violates unique constraint \"t_pkey\"", null,
                "insert into t values (1, 1, 1)");
    }

    @Test
    void typeModifiers() throws Exception {
        run("create table tm(v varchar(3), c char(4), n numeric(4,1))");
        assertEquals("[[ab, x, 12.3]]", text("insert into tm values ('ab', 'x', 12.34) returning *"));
        assertError("22001", "value too long for type character varying(3)", null,
                "insert into tm values ('abcd', 'x', 1)");
        assertError("22001", "value too long for type character(4)", null, "insert into tm values ('a', 'abcde', 1)");
        assertEquals("[[3]]", text("insert into tm values ('abc  ', 'x', 1) returning length(v)"));
        assertError("22003", "numeric field overflow",
                "A field with precision 4, scale 1 must round to an absolute value less than 10^3.",
                "insert into tm values ('a', 'x', 1000)");
        assertError("22001", "value too long for type character varying(3)", null, "update tm set v = 'long'");
        assertEquals(7, engine.catalog().table("public", "tm").columns().get(0).typeModifier()); // as atttypmod
    }

    private static String text(QueryHandler s, String sql) throws Exception {
        QueryResult.Rows rs = (QueryResult.Rows) run(s, sql);
        List<List<Object>> out = new ArrayList<>();
        Object[] row;
        while ((row = rs.rows().next()) != null) {
            out.add(Arrays.asList(row));
        }
        rs.rows().close();
        return out.toString();
    }
}
