package io.pgserve.engine;

import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Query features inside data-changing statements: pgbench's server-side generation, WITH and sub-SELECTs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueryDmlTest {
    private final QueryHandler h = SqlEngine.memdb().newSession();

    private QueryResult run(String sql) throws Exception {
        return h.execute(new Query(sql, io.pgserve.sql.StatementKind.OTHER, "", List.of(), null, null, null,
                TransactionMode.SINGLE_STATEMENT));
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

    /** pgbench -i -I dtGvp's data generation (scale 1). */
    @Test
    void pgbenchServerSideGeneration() throws Exception {
        run("create table pgbench_branches(bid int not null, bbalance int, filler char(88)) with (fillfactor=100)");
        run("create table pgbench_tellers(tid int not null, bid int, tbalance int, filler char(84))");
        run("create table pgbench_accounts(aid int not null, bid int, abalance int, filler char(84))");
        run("insert into pgbench_branches(bid,bbalance) select bid, 0 from generate_series(1, 1) as bid");
        run("insert into pgbench_tellers(tid,bid,tbalance) select tid, (tid - 1) / 10 + 1, 0 "
                + "from generate_series(1, 10) as tid");
        run("insert into pgbench_accounts(aid,bid,abalance,filler) select aid, (aid - 1) / 100000 + 1, 0, '' "
                + "from generate_series(1, 100000) as aid");
        assertEquals(List.of(List.of(100000L, 5000050000L, 1, 1)), rows("select count(*), sum(aid)::int8, min(bid), "
                + "max(bid) from pgbench_accounts"));
        assertEquals(List.of(List.of(10L)), rows("select count(*) from pgbench_tellers where bid = 1"));
    }

    @Test
    void withAndSubqueriesInDml() throws Exception {
        run("create table n (v int, sq numeric)");
        run("insert into n (v) with recursive r(x) as (select 1 union all select x + 1 from r where x < 5) "
                + "select x from r");
        run("update n set sq = (select count(*) from generate_series(1, n.v))");
        assertEquals(List.of(List.of(5L, new BigDecimal("15"))), rows("select count(*), sum(sq) from n"));
        run("delete from n where v in (select g from generate_series(1, 5, 2) g)");
        assertEquals(List.of(List.of(2), List.of(4)), rows("select v from n order by v"));
        run("with src as (select g * 10 as v from generate_series(1, 3) g) insert into n (v) select v from src");
        run("with big as (select v from n where v >= 20) update n set sq = -1 where v in (select v from big)");
        run("with recursive small(v) as (select 2 union all select v + 2 from small where v < 4) "
                + "delete from n where v in (select v from small)");
        run("update n set sq = s.c from (select 20 as v) f, lateral (select count(*) * f.v as c "
                + "from generate_series(1, 2)) s where n.v = f.v");
        assertEquals(List.of(List.of(new BigDecimal("40"))), rows("select sq from n where v = 20"));
        run("update n set sq = -1 where v = 20");
        assertEquals(List.of(Arrays.asList(10, null), List.of(20, new BigDecimal("-1")), List.of(30, new BigDecimal("-1"))),
                rows("select v, sq from n order by v"));
    }

    /** PostgreSQL computes max(t.id) in the outer query (one row); the engine refuses rather than answer per row. */
    @Test
    void aggregatesOfAnOuterLevelAreRefused() throws Exception {
        run("create table o (id int)");
        run("insert into o values (1), (2)");
        io.pgserve.server.PgException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.pgserve.server.PgException.class, () -> rows("select (select max(o.id)) from o"));
        assertEquals("0A000", e.sqlState());
        assertEquals(List.of(List.of(2L), List.of(2L)), rows("select (select count(*) from o p where p.id <= o.id "
                + "or o.id > 0) from o"));
    }
}
