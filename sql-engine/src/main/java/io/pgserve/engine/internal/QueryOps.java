package io.pgserve.engine.internal;

import io.pgserve.engine.TableFunctionRegistry;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The operators of the query-level plan nodes: set-returning functions (in FROM and ProjectSet), LATERAL joins,
 * WITH queries (inlined, materialised, recursive) and DISTINCT ON. Pull-based like the rest of {@link Executor}.
 */
final class QueryOps {
    private static final Object[] NO_ROW = new Object[0];

    private QueryOps() {
    }

    /** The operator of a query-level node, or null when {@code plan} is not one. */
    static Executor.Op build(Executor ex, Plan plan, long limitHint) throws Exception {
        EvalContext ctx = ex.context();
        if (plan instanceof Plan.FunctionScan f) {
            Object[] args = evalAll(f.args(), NO_ROW, ctx);
            return functionRows(f.function(), args, f.ordinality(), ctx);
        }
        if (plan instanceof Plan.ProjectSet p) {
            return projectSet(ex, p);
        }
        if (plan instanceof Plan.LateralJoin j) {
            return lateral(ex, j);
        }
        if (plan instanceof Plan.CteScan c) {
            return cte(ex, c.cte(), limitHint);
        }
        if (plan instanceof Plan.WorkTableScan w) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = (List<Object[]>) ctx.state().get(w.cte().workTable);
            return rows == null ? () -> null : rows(rows.iterator());
        }
        if (plan instanceof Plan.RecursiveUnion r) {
            return recursiveUnion(ex, r);
        }
        if (plan instanceof Plan.DistinctOn d) {
            return distinctOn(ex.build(d.input(), -1), d.keys());
        }
        if (plan instanceof Plan.LimitWithTies l) {
            return withTies(ex, l);
        }
        if (plan instanceof Plan.Lateral) {
            throw new IllegalStateException("a LATERAL item outside of a join");
        }
        return null;
    }

    static Object[] evalAll(List<Expr> exprs, Object[] row, EvalContext ctx) {
        Object[] out = new Object[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = exprs.get(i).eval(row, ctx);
        }
        return out;
    }

    private static Executor.Op rows(Iterator<Object[]> it) {
        return () -> it.hasNext() ? it.next() : null;
    }

    /** The rows of a set-returning function called with {@code args}; none when strict and an argument is NULL. */
    static Executor.Op functionRows(TableFunctionRegistry.TableFunction fn, Object[] args, boolean ordinality,
                                    EvalContext ctx) throws Exception {
        if (fn.strict()) {
            for (Object a : args) {
                if (a == null) {
                    return () -> null;
                }
            }
        }
        Iterator<Object[]> it;
        try {
            it = fn.implementation().apply(ctx, args);
        } catch (PgException | ArithmeticException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, String.valueOf(e.getMessage()), e);
        }
        int width = fn.columns().size();
        return new Executor.Op() {
            long n;

            @Override
            public Object[] next() {
                if (!it.hasNext()) {
                    return null;
                }
                n++;
                ctx.tick();
                Object[] r = it.next();
                if (ordinality) {
                    r = Arrays.copyOf(r, width + 1);
                    r[width] = n;
                }
                return r;
            }

            @Override
            public void close() {
                if (it instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // nothing to report: the rows are no longer needed
                    }
                }
            }
        };
    }

    private static Executor.Op projectSet(Executor ex, Plan.ProjectSet p) throws Exception {
        EvalContext ctx = ex.context();
        Executor.Op in = ex.build(p.input(), -1);
        int width = p.input().columns().size();
        int n = p.calls().size();
        return new Executor.Op() {
            Object[] row;
            Executor.Op[] sets;

            @Override
            public Object[] next() throws Exception {
                while (true) {
                    if (sets == null) {
                        row = in.next();
                        if (row == null) {
                            return null;
                        }
                        sets = new Executor.Op[n];
                        for (int i = 0; i < n; i++) {
                            Plan.SetCall c = p.calls().get(i);
                            sets[i] = functionRows(c.function(), evalAll(c.args(), row, ctx), false, ctx);
                        }
                    }
                    Object[] out = Arrays.copyOf(row, width + n);
                    boolean any = false;
                    for (int i = 0; i < n; i++) {
                        Object[] v = sets[i] == null ? null : sets[i].next();
                        if (v == null) {
                            if (sets[i] != null) {
                                sets[i].close();
                                sets[i] = null;
                            }
                        } else {
                            out[width + i] = v[0];
                            any = true;
                        }
                    }
                    if (any) {
                        return out;
                    }
                    sets = null;
                }
            }

            @Override
            public void close() {
                if (sets != null) {
                    for (Executor.Op s : sets) {
                        if (s != null) {
                            s.close();
                        }
                    }
                }
                in.close();
            }
        };
    }

    private static Executor.Op lateral(Executor ex, Plan.LateralJoin j) throws Exception {
        EvalContext ctx = ex.context();
        Executor.Op outer = ex.build(j.left(), -1);
        int leftWidth = j.left().columns().size();
        int rightWidth = j.right().columns().size();
        boolean left = j.type() == Plan.JoinType.LEFT;
        return new Executor.Op() {
            Object[] current;
            Object[] frame;
            Executor.Op inner;
            boolean matched;

            @Override
            public Object[] next() throws Exception {
                while (true) {
                    if (inner != null) {
                        Object[] r;
                        ctx.pushFrame(frame);
                        try {
                            r = inner.next();
                        } finally {
                            ctx.popFrame();
                        }
                        if (r != null) {
                            Object[] joined = Arrays.copyOf(current, leftWidth + rightWidth);
                            System.arraycopy(r, 0, joined, leftWidth, rightWidth);
                            if (j.condition() == null || j.condition().test(joined, ctx)) {
                                matched = true;
                                return joined;
                            }
                            continue;
                        }
                        closeInner();
                        if (left && !matched) {
                            return Arrays.copyOf(current, leftWidth + rightWidth);
                        }
                    }
                    Object[] l = outer.next();
                    if (l == null) {
                        return null;
                    }
                    current = l.length == leftWidth ? l : Arrays.copyOf(l, leftWidth);
                    frame = evalAll(j.args(), current, ctx);
                    matched = false;
                    ctx.pushFrame(frame);
                    try {
                        inner = ex.build(j.right(), -1);
                    } finally {
                        ctx.popFrame();
                    }
                }
            }

            private void closeInner() {
                ctx.pushFrame(frame);
                try {
                    inner.close();
                } finally {
                    ctx.popFrame();
                    inner = null;
                }
            }

            @Override
            public void close() {
                if (inner != null) {
                    closeInner();
                }
                outer.close();
            }
        };
    }

    private static Executor.Op cte(Executor ex, Cte cte, long limitHint) throws Exception {
        if (!cte.materialize()) {
            return ex.build(cte.plan, limitHint);
        }
        EvalContext ctx = ex.context();
        Object[] frame = ctx.frame();
        Object[] cached = (Object[]) ctx.state().get(cte);
        if (cached == null || cached[0] != frame) {
            List<Object[]> rows = new ArrayList<>();
            try (Executor.Op op = ex.build(cte.plan, -1)) {
                Object[] r;
                while ((r = op.next()) != null) {
                    rows.add(r);
                    if ((rows.size() & 1023) == 0) {
                        ctx.checkCancelled();
                    }
                }
            }
            cached = new Object[] {frame, rows};
            ctx.state().put(cte, cached);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = (List<Object[]>) cached[1];
        return rows(rows.iterator());
    }

    /**
     * PostgreSQL's recursive union: the non-recursive term's rows seed the working table; the recursive term runs
     * over the working table, its new rows (for UNION: not seen before) are returned and become the next working
     * table, until a round gives none. Lazy, so {@code LIMIT} stops an endless recursion.
     */
    private static Executor.Op recursiveUnion(Executor ex, Plan.RecursiveUnion r) throws Exception {
        EvalContext ctx = ex.context();
        int width = r.columns().size();
        Executor.Op first = ex.build(r.nonRecursive(), -1);
        return new Executor.Op() {
            Executor.Op current = first;
            List<Object[]> next = new ArrayList<>();
            final Set<Values.RowKey> seen = r.all() ? null : new HashSet<>();

            @Override
            public Object[] next() throws Exception {
                while (current != null) {
                    Object[] row = current.next();
                    if (row != null) {
                        if (row.length != width) {
                            row = Arrays.copyOf(row, width);
                        }
                        if (seen != null && !seen.add(Values.RowKey.of(row))) {
                            continue;
                        }
                        next.add(row);
                        return row;
                    }
                    current.close();
                    current = null;
                    ctx.tick(); // one round of the recursion
                    if (!next.isEmpty()) {
                        ctx.state().put(r.cte().workTable, next);
                        next = new ArrayList<>();
                        current = ex.build(r.recursive(), -1);
                    }
                }
                return null;
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                }
            }
        };
    }

    private static Executor.Op withTies(Executor ex, Plan.LimitWithTies l) throws Exception {
        EvalContext ctx = ex.context();
        Object[] none = new Object[0];
        Object lv = l.limit() == null ? null : l.limit().eval(none, ctx);
        Object ov = l.offset() == null ? null : l.offset().eval(none, ctx);
        long limit = lv == null ? -1 : (Long) lv;
        long offset = ov == null ? 0 : (Long) ov;
        if (limit < 0 && lv != null) {
            throw new PgException("2201W", "LIMIT must not be negative");
        }
        if (offset < 0) {
            throw new PgException("2201X", "OFFSET must not be negative");
        }
        java.util.Comparator<Object[]> cmp = Executor.comparator(l.keys());
        Executor.Op in = ex.build(l.input(), -1);
        return new Executor.Op() {
            long seen;
            Object[] last;
            boolean done;

            @Override
            public Object[] next() throws Exception {
                while (!done) {
                    Object[] r = in.next();
                    if (r == null) {
                        break;
                    }
                    long i = seen++;
                    if (i < offset) {
                        continue;
                    }
                    if (limit < 0 || i < offset + limit) {
                        last = r;
                        return r;
                    }
                    if (last != null && cmp.compare(last, r) == 0) {
                        return r;
                    }
                    break;
                }
                done = true;
                return null;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    private static Executor.Op distinctOn(Executor.Op in, List<Integer> keys) {
        return new Executor.Op() {
            Values.RowKey last;

            @Override
            public Object[] next() throws Exception {
                Object[] r;
                while ((r = in.next()) != null) {
                    Object[] k = new Object[keys.size()];
                    for (int i = 0; i < k.length; i++) {
                        k[i] = r[keys.get(i)];
                    }
                    Values.RowKey key = Values.RowKey.of(k);
                    if (!key.equals(last)) {
                        last = key;
                        return r;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }
}
