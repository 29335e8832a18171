package io.pgserve.engine;

import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Results stream: scans, filters, projections, joins' outer sides, set-returning functions and recursive WITH queries
 * are pulled row by row, so a LIMIT over an endless source answers at once; ORDER BY ... LIMIT keeps only the top N.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamingTest {
    /** Rows pulled from the endless table. */
    private final AtomicLong pulled = new AtomicLong();

    /** A table of every positive integer: a scan that materialised it would never end. */
    private final Table endless = new Table() {
        @Override
        public String schema() {
            return "public";
        }

        @Override
        public String name() {
            return "naturals";
        }

        @Override
        public List<TableColumn> columns() {
            return List.of(TableColumn.of("n", PgType.INT8));
        }

        @Override
        public TableScan scan(ScanRequest request) {
            return new TableScan() {
                long n;

                @Override
                public Object[] next() {
                    pulled.incrementAndGet();
                    return new Object[] {++n};
                }
            };
        }
    };

    /** Rows a keyed table returned. */
    private final AtomicLong visited = new AtomicLong();

    /** A table of k = 1..10000 that looks a key up (k = constant) instead of scanning. */
    private final Table keyed = new Table() {
        @Override
        public String schema() {
            return "public";
        }

        @Override
        public String name() {
            return "keyed";
        }

        @Override
        public List<TableColumn> columns() {
            return List.of(TableColumn.of("k", PgType.INT8));
        }

        @Override
        public boolean supportsFilter(ColumnFilter f) {
            return f.column() == 0 && f.op() == ColumnFilter.Op.EQ;
        }

        @Override
        public TableScan scan(ScanRequest request) {
            long only = request.filters().isEmpty() ? -1 : ((Number) request.filters().get(0).value()).longValue();
            return new TableScan() {
                long n = only < 0 ? 0 : (only >= 1 && only <= 10000 ? only - 1 : 10000);
                boolean done;

                @Override
                public Object[] next() {
                    if (done || n >= 10000) {
                        return null;
                    }
                    done = only >= 0;
                    visited.incrementAndGet();
                    return new Object[] {++n};
                }
            };
        }
    };

    private final SqlEngine engine = new SqlEngine(Catalog.of(List.of(endless, keyed)));
    private final QueryHandler h = engine.newSession();

    private List<List<Object>> rows(String sql) throws Exception {
        QueryResult.Rows r = (QueryResult.Rows) h.execute(new Query(sql, io.pgserve.sql.StatementKind.OTHER, "",
                List.of(), null, null, null, TransactionMode.SINGLE_STATEMENT));
        List<List<Object>> out = new ArrayList<>();
        Object[] row;
        while ((row = r.rows().next()) != null) {
            out.add(Arrays.asList(row));
        }
        r.rows().close();
        return out;
    }

    @Test
    void limitOverAnEndlessScanPullsOnlyWhatItNeeds() throws Exception {
        assertEquals(List.of(List.of(6L), List.of(8L), List.of(10L)),
                rows("select n * 2 from naturals where n % 1 = 0 and n > 1 limit 3 offset 1"));
        assertTrue(pulled.get() <= 10, "pulled " + pulled.get());
        pulled.set(0);
        assertEquals(List.of(List.of(1L, 1)), rows("select n, g from naturals join generate_series(1, 3) g on g = n "
                + "limit 1"));
        assertTrue(pulled.get() <= 10, "pulled " + pulled.get());
        pulled.set(0);
        assertEquals(List.of(List.of(2L)), rows("select n from naturals where exists (select 1 from generate_series(1,"
                + " 10) g where g = n * 2) limit 1 offset 1"));
        assertTrue(pulled.get() <= 10, "pulled " + pulled.get());
        pulled.set(0);
        assertEquals(List.of(List.of(1L, 1L)), rows("select * from naturals a, lateral (select n from naturals b "
                + "where b.n = a.n limit 1) s limit 1"));
        assertEquals(List.of(List.of(3L)), rows("with w as (select n from naturals) select n from w where n > 2 "
                + "limit 1"));
    }

    /** A correlated sub-SELECT's outer references are constants of each run: pushed down as key lookups. */
    @Test
    void correlatedSubqueriesLookKeysUp() throws Exception {
        assertEquals(List.of(List.of(5000L)), rows("select count(*) from keyed a where exists "
                + "(select 1 from keyed b where b.k = a.k * 2)"));
        assertTrue(visited.get() <= 10000 + 5000, "visited " + visited.get());
        visited.set(0);
        assertEquals(List.of(List.of(3L, 6L)), rows("select a.k, (select b.k from keyed b where b.k = a.k + a.k) "
                + "from keyed a where a.k = 3"));
        assertEquals(List.of(List.of(10000L)), rows("select count(*) from keyed a, lateral (select k from keyed b "
                + "where b.k = a.k) s"));
        assertTrue(visited.get() <= 2 + 20000, "visited " + visited.get());
    }

    @Test
    void limitOverEndlessTableFunctions() throws Exception {
        long start = System.nanoTime();
        assertEquals(List.of(List.of(1), List.of(2), List.of(3)), rows("select * from generate_series(1, 100000000) "
                + "limit 3"));
        assertEquals(List.of(List.of(1000000L)), rows("select g from generate_series(1, 1000000000000) g "
                + "where g >= 1000000 limit 1"));
        assertEquals(List.of(List.of(2, 4)), rows("select generate_series(1, 100000000), 4 offset 1 limit 1"));
        assertEquals(List.of(List.of(5)), rows("with recursive r(n) as (select 1 union all select n + 1 from r) "
                + "select n from r where n = 5 limit 1"));
        // top-N: a bounded heap, not a sort of three million rows
        assertEquals(List.of(List.of(3000000), List.of(2999999)), rows("select g from generate_series(1, 3000000) g "
                + "order by g desc limit 2"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
    }

    /** A user's set-returning function, registered like a scalar one, endless under a LIMIT. */
    @Test
    void userTableFunctions() throws Exception {
        engine.functions().tableFunctions().register("powers", List.of(PgType.INT8),
                List.of(TableColumn.of("k", PgType.INT4), TableColumn.of("power", PgType.INT8)),
                (ctx, args) -> new Iterator<Object[]>() {
                    int k;
                    long p = 1;

                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public Object[] next() {
                        Object[] r = {k++, p};
                        p *= (Long) args[0];
                        return r;
                    }
                });
        assertEquals(List.of(List.of(0, 1L), List.of(1, 3L), List.of(2, 9L)), rows("select * from powers(3) limit 3"));
        assertEquals(List.of(List.of(3, 8L, 4L)), rows("select k, p.power, ordinality from powers(2) with ordinality "
                + "as p where k = 3 limit 1"));
        assertEquals(List.of(List.of(2, 4L)), rows("select x.k, x.power from powers(2) x(k) where x.power = 4 limit 1"));
    }
}
