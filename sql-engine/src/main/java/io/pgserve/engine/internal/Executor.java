package io.pgserve.engine.internal;

import io.pgserve.engine.ColumnFilter;
import io.pgserve.engine.ScanRequest;
import io.pgserve.engine.TableScan;
import io.pgserve.server.PgException;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Turns a {@link Plan} into pull-based operators: scans with projection, filters and limit pushed into the table,
 * filters, projections, hash and nested-loop joins, hash aggregation, sorts (top-N under a LIMIT), DISTINCT,
 * LIMIT/OFFSET, VALUES and set operations.
 */
public final class Executor {
    /** A running operator: rows pulled one at a time; {@link #close()} releases what it holds. */
    public interface Op extends AutoCloseable {
        Object[] next() throws Exception;

        @Override
        default void close() {
        }
    }

    private final EvalContext ctx;

    public Executor(EvalContext ctx) {
        this.ctx = ctx;
    }

    public Op build(Plan plan) throws Exception {
        return build(plan, -1);
    }

    EvalContext context() {
        return ctx;
    }

    /** {@code limitHint}: at most this many rows will be pulled (-1: unknown). */
    Op build(Plan plan, long limitHint) throws Exception {
        if (plan instanceof Plan.Scan s) {
            return scan(s, List.of(), limitHint);
        }
        if (plan instanceof Plan.Filter f) {
            if (f.input() instanceof Plan.Scan s) {
                return pushedFilter(s, f.predicate(), limitHint);
            }
            Op in = build(f.input(), -1);
            Expr p = f.predicate();
            return new Op() {
                @Override
                public Object[] next() throws Exception {
                    Object[] r;
                    while ((r = in.next()) != null) {
                        if (p.test(r, ctx)) {
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
        if (plan instanceof Plan.Project p) {
            Op in = build(p.input(), limitHint);
            Expr[] exprs = p.exprs().toArray(new Expr[0]);
            return new Op() {
                @Override
                public Object[] next() throws Exception {
                    Object[] r = in.next();
                    if (r == null) {
                        return null;
                    }
                    Object[] out = new Object[exprs.length];
                    for (int i = 0; i < exprs.length; i++) {
                        out[i] = exprs[i].eval(r, ctx);
                    }
                    return out;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }
        if (plan instanceof Plan.Limit l) {
            long limit = l.limit() == null ? -1 : constant(l.limit(), "LIMIT");
            long offset = l.offset() == null ? 0 : constant(l.offset(), "OFFSET");
            if (limit == 0) {
                return () -> null;
            }
            Op in = build(l.input(), limit < 0 ? -1 : saturatedAdd(limit, offset));
            return new Op() {
                long skipped;
                long returned;

                @Override
                public Object[] next() throws Exception {
                    while (skipped < offset) {
                        if (in.next() == null) {
                            return null;
                        }
                        skipped++;
                    }
                    if (limit >= 0 && returned >= limit) {
                        return null;
                    }
                    Object[] r = in.next();
                    if (r != null) {
                        returned++;
                    }
                    return r;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }
        if (plan instanceof Plan.Sort s) {
            return sort(s, limitHint);
        }
        if (plan instanceof Plan.Distinct d) {
            return distinct(build(d.input(), -1));
        }
        if (plan instanceof Plan.ValuesRows v) {
            Iterator<List<Expr>> rows = v.rows().iterator();
            Object[] empty = new Object[0];
            return () -> {
                if (!rows.hasNext()) {
                    return null;
                }
                List<Expr> row = rows.next();
                Object[] out = new Object[row.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = row.get(i).eval(empty, ctx);
                }
                return out;
            };
        }
        if (plan instanceof Plan.Join j) {
            return join(j);
        }
        if (plan instanceof Plan.Group g) {
            return group(g);
        }
        if (plan instanceof Plan.Window w) {
            return Windows.execute(w, build(w.input(), -1), ctx);
        }
        if (plan instanceof Plan.SetOp s) {
            return setOp(s);
        }
        Op q = QueryOps.build(this, plan, limitHint);
        if (q != null) {
            return q;
        }
        throw new IllegalStateException("no operator for " + plan.getClass().getSimpleName());
    }

    private static Op distinct(Op in) {
        Set<Values.RowKey> seen = new HashSet<>();
        return new Op() {
            @Override
            public Object[] next() throws Exception {
                Object[] r;
                while ((r = in.next()) != null) {
                    if (seen.add(Values.RowKey.of(r))) {
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

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private long constant(Expr e, String what) {
        Object v = e.eval(new Object[0], ctx);
        if (v == null) {
            return what.equals("LIMIT") ? -1 : 0;
        }
        long n = ((Number) v).longValue();
        if (n < 0) {
            throw new PgException(what.equals("LIMIT") ? "2201W" : "2201X", what + " must not be negative");
        }
        return n;
    }

    // ---------------------------------------------------------------- scans

    private Op pushedFilter(Plan.Scan s, Expr predicate, long limitHint) throws Exception {
        List<Expr> conjuncts = predicate instanceof Expr.And a ? a.args() : List.of(predicate);
        List<ColumnFilter> pushed = new ArrayList<>();
        List<Expr> residual = new ArrayList<>();
        int n = s.columns().size();
        for (Expr c : conjuncts) {
            ColumnFilter f = asFilter(c, n);
            if (f == NEVER) {
                return () -> null; // col op NULL: never true
            }
            if (f != null && s.table().supportsFilter(f)) {
                pushed.add(f);
            } else {
                residual.add(c);
            }
        }
        Op scan = scan(s, pushed, residual.isEmpty() ? limitHint : -1);
        if (residual.isEmpty()) {
            return scan;
        }
        Expr rest = residual.size() == 1 ? residual.get(0) : new Expr.And(residual);
        return new Op() {
            @Override
            public Object[] next() throws Exception {
                Object[] r;
                while ((r = scan.next()) != null) {
                    if (rest.test(r, ctx)) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                scan.close();
            }
        };
    }

    private static final ColumnFilter NEVER = new ColumnFilter(-1, ColumnFilter.Op.EQ, null);

    /** {@code column op constant} (either side), {@code column IS [NOT] NULL}: a filter a table can take. */
    private ColumnFilter asFilter(Expr c, int width) {
        if (c instanceof Expr.IsNull in && in.arg() instanceof Expr.Column col && col.index() < width) {
            return new ColumnFilter(col.index(), in.negated() ? ColumnFilter.Op.IS_NOT_NULL : ColumnFilter.Op.IS_NULL,
                    null);
        }
        if (c instanceof Expr.Compare cmp) {
            Expr.CmpOp op = cmp.op();
            Expr colSide = cmp.left();
            Expr constSide = cmp.right();
            if (!(colSide instanceof Expr.Column)) {
                colSide = cmp.right();
                constSide = cmp.left();
                op = op.commute();
            }
            if (colSide instanceof Expr.Column col && col.index() < width && constSide.isConstant()) {
                Object v = constSide.eval(new Object[0], ctx);
                if (v == null) {
                    return NEVER;
                }
                return new ColumnFilter(col.index(), ColumnFilter.Op.valueOf(op.name()), v);
            }
        }
        return null;
    }

    private Op scan(Plan.Scan s, List<ColumnFilter> filters, long limit) throws Exception {
        int n = s.columns().size();
        int[] projection;
        if (s.forUpdate()) {
            projection = new int[n];
            Arrays.setAll(projection, i -> i);
        } else {
            projection = new int[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (s.used()[i]) {
                    projection[k++] = i;
                }
            }
            projection = Arrays.copyOf(projection, k);
        }
        int[] proj = projection;
        TableScan ts = s.table().scan(new ScanRequest(proj, filters, limit, ctx.transaction(), s.forUpdate()));
        boolean forUpdate = s.forUpdate();
        return new Op() {
            @Override
            public Object[] next() throws Exception {
                ctx.tick();
                Object[] r = ts.next();
                if (r == null) {
                    return null;
                }
                Object[] out = new Object[forUpdate ? n + 1 : n];
                for (int j = 0; j < proj.length; j++) {
                    out[proj[j]] = r[j];
                }
                if (forUpdate) {
                    out[n] = ts.rowId();
                }
                return out;
            }

            @Override
            public void close() {
                ts.close();
            }
        };
    }

    // ---------------------------------------------------------------- sort

    private Op sort(Plan.Sort s, long limitHint) throws Exception {
        Comparator<Object[]> cmp = comparator(s.keys());
        List<Object[]> rows = new ArrayList<>();
        try (Op in = build(s.input(), -1)) {
            Object[] r;
            if (limitHint >= 0 && limitHint < 1_000_000) {
                // top-N: keep the N smallest in a max-heap
                PriorityQueue<Object[]> heap = new PriorityQueue<>((int) Math.max(1, limitHint), cmp.reversed());
                while ((r = in.next()) != null) {
                    if (heap.size() < limitHint) {
                        heap.add(r);
                    } else if (limitHint > 0 && cmp.compare(r, heap.peek()) < 0) {
                        heap.poll();
                        heap.add(r);
                    }
                }
                rows.addAll(heap);
            } else {
                while ((r = in.next()) != null) {
                    rows.add(r);
                    if ((rows.size() & 1023) == 0) {
                        ctx.checkCancelled();
                    }
                }
            }
        }
        rows.sort(cmp);
        Iterator<Object[]> it = rows.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    static Comparator<Object[]> comparator(List<Plan.SortKey> keys) {
        return (a, b) -> {
            for (Plan.SortKey k : keys) {
                Object x = a[k.column()];
                Object y = b[k.column()];
                int c;
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    c = (x == null) == k.nullsFirst() ? -1 : 1;
                    return c;
                }
                c = Values.compare(x, y);
                if (c != 0) {
                    return k.descending() ? -c : c;
                }
            }
            return 0;
        };
    }

    // ---------------------------------------------------------------- joins

    private Op join(Plan.Join j) throws Exception {
        int leftWidth = j.left().columns().size();
        int rightWidth = j.right().columns().size();
        List<Expr> leftKeys = new ArrayList<>();
        List<Expr> rightKeys = new ArrayList<>();
        List<Expr> residual = new ArrayList<>();
        if (j.condition() != null) {
            List<Expr> conj = j.condition() instanceof Expr.And a ? a.args() : List.of(j.condition());
            for (Expr c : conj) {
                if (c instanceof Expr.Compare cmp && cmp.op() == Expr.CmpOp.EQ) {
                    BitSet l = ExprTree.columns(cmp.left());
                    BitSet r = ExprTree.columns(cmp.right());
                    if (!l.isEmpty() && !r.isEmpty() && l.nextSetBit(leftWidth) < 0 && r.nextSetBit(0) >= leftWidth) {
                        leftKeys.add(cmp.left());
                        rightKeys.add(ExprTree.shift(cmp.right(), -leftWidth));
                        continue;
                    }
                    if (!l.isEmpty() && !r.isEmpty() && r.nextSetBit(leftWidth) < 0 && l.nextSetBit(0) >= leftWidth) {
                        leftKeys.add(cmp.right());
                        rightKeys.add(ExprTree.shift(cmp.left(), -leftWidth));
                        continue;
                    }
                }
                residual.add(c);
            }
        }
        Expr rest = residual.isEmpty() ? null : residual.size() == 1 ? residual.get(0) : new Expr.And(residual);
        boolean left = j.type() == Plan.JoinType.LEFT || j.type() == Plan.JoinType.FULL;
        boolean right = j.type() == Plan.JoinType.RIGHT || j.type() == Plan.JoinType.FULL;
        Op outer = build(j.left(), -1);
        // the right (inner) side is read in full first: a hash table on the keys, else a list
        Map<Values.RowKey, List<Object[]>> hash = leftKeys.isEmpty() ? null : new HashMap<>();
        List<Object[]> all = leftKeys.isEmpty() ? new ArrayList<>() : null;
        // RIGHT/FULL: inner rows never matched are emitted at the end (those with a NULL key cannot match)
        Set<Object[]> matchedInner = right ? java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>())
                : null;
        List<Object[]> unmatchable = new ArrayList<>();
        try (Op inner = build(j.right(), -1)) {
            Object[] r;
            Object[] key = new Object[rightKeys.size()];
            while ((r = inner.next()) != null) {
                Object[] row = r.length == rightWidth ? r : Arrays.copyOf(r, rightWidth);
                if (hash == null) {
                    all.add(row);
                    continue;
                }
                boolean nullKey = false;
                for (int i = 0; i < key.length; i++) {
                    key[i] = rightKeys.get(i).eval(row, ctx);
                    nullKey |= key[i] == null;
                }
                if (!nullKey) {
                    hash.computeIfAbsent(Values.RowKey.of(key), k -> new ArrayList<>()).add(row);
                } else if (right) {
                    unmatchable.add(row);
                }
            }
        }
        return new Op() {
            Object[] current;
            Iterator<Object[]> matches;
            boolean matched;
            Iterator<Object[]> leftover;

            @Override
            public Object[] next() throws Exception {
                while (true) {
                    if (leftover != null) {
                        while (leftover.hasNext()) {
                            Object[] r = leftover.next();
                            if (!matchedInner.contains(r)) {
                                return concat(new Object[leftWidth], r);
                            }
                        }
                        return null;
                    }
                    if (matches != null) {
                        while (matches.hasNext()) {
                            Object[] r = matches.next();
                            ctx.tick(); // a join without keys pairs every row with every row
                            Object[] joined = concat(current, r);
                            if (rest == null || rest.test(joined, ctx)) {
                                matched = true;
                                if (right) {
                                    matchedInner.add(r);
                                }
                                return joined;
                            }
                        }
                        matches = null;
                        if (left && !matched) {
                            return concat(current, new Object[rightWidth]);
                        }
                    }
                    Object[] l = outer.next();
                    if (l == null) {
                        if (!right) {
                            return null;
                        }
                        List<Object[]> inner = new ArrayList<>(unmatchable);
                        if (hash != null) {
                            hash.values().forEach(inner::addAll);
                        } else {
                            inner.addAll(all);
                        }
                        leftover = inner.iterator();
                        continue;
                    }
                    current = l.length == leftWidth ? l : Arrays.copyOf(l, leftWidth);
                    matched = false;
                    if (hash == null) {
                        matches = all.iterator();
                    } else {
                        Object[] key = new Object[leftKeys.size()];
                        boolean nullKey = false;
                        for (int i = 0; i < key.length; i++) {
                            key[i] = leftKeys.get(i).eval(current, ctx);
                            nullKey |= key[i] == null;
                        }
                        List<Object[]> m = nullKey ? null : hash.get(Values.RowKey.of(key));
                        matches = m == null ? java.util.Collections.emptyIterator() : m.iterator();
                    }
                }
            }

            @Override
            public void close() {
                outer.close();
            }
        };
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---------------------------------------------------------------- grouping

    /** Hash aggregation: every group's keys and aggregate states, in the order groups first appear. */
    private Op group(Plan.Group g) throws Exception {
        int nk = g.keys().size();
        List<Plan.Aggregate> aggs = g.aggregates();
        // grouping sets: a group is its keys (those outside the set NULL) and the set's index after them
        List<List<Integer>> sets = g.sets().isEmpty() ? null : g.sets();
        int width = sets == null ? nk : nk + 1;
        Map<Values.RowKey, Object[]> groups = new LinkedHashMap<>();
        Map<Values.RowKey, Aggregates.State[]> states = new HashMap<>();
        long n = 0;
        try (Op in = build(g.input(), -1)) {
            Object[] r;
            Object[] values = new Object[nk];
            while ((r = in.next()) != null) {
                if ((++n & 1023) == 0) {
                    ctx.checkCancelled();
                }
                for (int i = 0; i < nk; i++) {
                    values[i] = g.keys().get(i).eval(r, ctx);
                }
                for (int s = 0; s < (sets == null ? 1 : sets.size()); s++) {
                    Object[] key = new Object[width];
                    if (sets == null) {
                        System.arraycopy(values, 0, key, 0, nk);
                    } else {
                        for (int i : sets.get(s)) {
                            key[i] = values[i];
                        }
                        key[nk] = s;
                    }
                    Values.RowKey k = Values.RowKey.of(key);
                    Aggregates.State[] acc = states.get(k);
                    if (acc == null) {
                        acc = newStates(aggs);
                        states.put(k, acc);
                        groups.put(k, key);
                    }
                    for (Aggregates.State a : acc) {
                        a.add(r);
                    }
                }
            }
        }
        if (n == 0) { // no input: a plain aggregate, and each empty grouping set, still make one row
            for (int s = 0; s < (sets == null ? 1 : sets.size()); s++) {
                if (sets == null ? nk == 0 : sets.get(s).isEmpty()) {
                    Object[] key = new Object[width];
                    if (sets != null) {
                        key[nk] = s;
                    }
                    Values.RowKey k = Values.RowKey.of(key);
                    groups.put(k, key);
                    states.put(k, newStates(aggs));
                }
            }
        }
        Iterator<Map.Entry<Values.RowKey, Object[]>> it = groups.entrySet().iterator();
        return () -> {
            if (!it.hasNext()) {
                return null;
            }
            Map.Entry<Values.RowKey, Object[]> e = it.next();
            Object[] out = new Object[width + aggs.size()];
            System.arraycopy(e.getValue(), 0, out, 0, nk);
            if (sets != null) {
                out[nk + aggs.size()] = e.getValue()[nk];
            }
            Aggregates.State[] acc = states.get(e.getKey());
            for (int i = 0; i < acc.length; i++) {
                out[nk + i] = acc[i].result();
            }
            return out;
        };
    }

    private Aggregates.State[] newStates(List<Plan.Aggregate> aggs) {
        Aggregates.State[] acc = new Aggregates.State[aggs.size()];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = new Aggregates.State(aggs.get(i), ctx);
        }
        return acc;
    }

    // ---------------------------------------------------------------- set operations

    private Op setOp(Plan.SetOp s) throws Exception {
        if (s.kind() == Plan.SetOpKind.UNION) {
            Op l = build(s.left(), -1);
            Op both = new Op() {
                Op current = l;
                boolean second;

                @Override
                public Object[] next() throws Exception {
                    Object[] r = current.next();
                    if (r == null && !second) {
                        current.close();
                        current = build(s.right(), -1);
                        second = true;
                        r = current.next();
                    }
                    return r;
                }

                @Override
                public void close() {
                    current.close();
                }
            };
            return s.all() ? both : distinct(both);
        }
        Map<Values.RowKey, long[]> right = new HashMap<>();
        try (Op r = build(s.right(), -1)) {
            Object[] row;
            while ((row = r.next()) != null) {
                right.computeIfAbsent(Values.RowKey.of(row), k -> new long[1])[0]++;
            }
        }
        Op l = build(s.left(), -1);
        boolean intersect = s.kind() == Plan.SetOpKind.INTERSECT;
        Set<Values.RowKey> emitted = new HashSet<>();
        return new Op() {
            @Override
            public Object[] next() throws Exception {
                Object[] row;
                while ((row = l.next()) != null) {
                    Values.RowKey k = Values.RowKey.of(row);
                    long[] c = right.get(k);
                    boolean inRight = c != null && c[0] > 0;
                    if (s.all()) {
                        if (inRight) {
                            c[0]--;
                        }
                        if (inRight == intersect) {
                            return row;
                        }
                    } else if (inRight == intersect && emitted.add(k)) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                l.close();
            }
        };
    }

}
