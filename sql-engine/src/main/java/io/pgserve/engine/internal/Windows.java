package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionRegistry;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgInterval;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FrameBound;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.SortItem;
import io.pgserve.sql.ast.WindowDefinition;
import io.pgserve.sql.ast.WindowFrame;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Window functions: binding of {@code f(...) OVER (...)} and named windows, and the window operator. The operator
 * reads its input in full (after grouping and HAVING, as in PostgreSQL), sorts it once per distinct
 * PARTITION BY / ORDER BY, and appends one column per call; rows come out in the order of the last window.
 */
public final class Windows {
    private Windows() {
    }

    /** The built-in window functions (besides every aggregate). */
    enum Kind { ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE,
        NTH_VALUE, AGGREGATE }

    /** A frame: mode, bounds (offsets: constant expressions, null for the other kinds) and exclusion. */
    record Frame(WindowFrame.Mode mode, FrameBound.Kind start, Expr startOffset, FrameBound.Kind end,
                 Expr endOffset, WindowFrame.Exclusion exclusion) {
        static final Frame DEFAULT = new Frame(WindowFrame.Mode.RANGE, FrameBound.Kind.UNBOUNDED_PRECEDING, null,
                FrameBound.Kind.CURRENT_ROW, null, WindowFrame.Exclusion.NONE);
    }

    /**
     * One window function call: a built-in {@code kind} over {@code args}, or an {@code aggregate}; over the
     * partitions of {@code partitionBy} sorted by {@code orderBy}, in {@code frame}.
     */
    public record Call(Kind kind, List<Expr> args, Plan.Aggregate aggregate, List<Expr> partitionBy,
                       List<Plan.SortExpr> orderBy, Frame frame, PgType type) {
        Call map(UnaryOperator<Expr> f) {
            List<Expr> a = new ArrayList<>();
            args.forEach(x -> a.add(f.apply(x)));
            List<Expr> p = new ArrayList<>();
            partitionBy.forEach(x -> p.add(f.apply(x)));
            List<Plan.SortExpr> o = new ArrayList<>();
            orderBy.forEach(s -> o.add(new Plan.SortExpr(f.apply(s.expr()), s.descending(), s.nullsFirst())));
            Plan.Aggregate g = aggregate;
            if (g != null) {
                List<Expr> ga = new ArrayList<>();
                g.args().forEach(x -> ga.add(f.apply(x)));
                g = new Plan.Aggregate(g.function(), ga, g.distinct(), g.orderBy(),
                        g.filter() == null ? null : f.apply(g.filter()), g.type());
            }
            return new Call(kind, a, g, p, o, frame, type);
        }

        /** Calls with the same partitioning and order share one sort. */
        private List<Object> sortSpec() {
            return List.of(partitionBy, orderBy);
        }
    }

    /** A reference to the {@code index}th window function call of a SELECT, replaced when the plan is made. */
    record WindowRef(int index, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            throw new IllegalStateException("window function outside of a window plan");
        }
    }

    static Kind kindOf(String name) {
        return switch (name) {
            case "row_number" -> Kind.ROW_NUMBER;
            case "rank" -> Kind.RANK;
            case "dense_rank" -> Kind.DENSE_RANK;
            case "percent_rank" -> Kind.PERCENT_RANK;
            case "cume_dist" -> Kind.CUME_DIST;
            case "ntile" -> Kind.NTILE;
            case "lag" -> Kind.LAG;
            case "lead" -> Kind.LEAD;
            case "first_value" -> Kind.FIRST_VALUE;
            case "last_value" -> Kind.LAST_VALUE;
            case "nth_value" -> Kind.NTH_VALUE;
            default -> null;
        };
    }

    // ---------------------------------------------------------------- binding

    /** {@code f(...) OVER ...}. */
    static Expr bindCall(Binder b, FunctionRegistry functions, FunctionCall f, Binder.Ctx ctx) {
        int pos = f.location().position();
        Aggregates.Collector c = ctx.aggregates();
        if (c == null || ctx.clause() != null) {
            throw PgException.builder("42P20", "window functions are not allowed in "
                    + (ctx.clause() == null ? "this context" : clauseName(ctx.clause()))).position(pos).build();
        }
        if (c.inAggregate) {
            throw PgException.builder("42803", "aggregate function calls cannot contain window function calls")
                    .position(pos).build();
        }
        if (c.inWindowDefinition) {
            throw PgException.builder("42P20", "window functions are not allowed in window definitions")
                    .position(pos).build();
        }
        if (c.inWindow) {
            throw PgException.builder("42P20", "window function calls cannot be nested").position(pos).build();
        }
        String name = Aggregates.name(f);
        Kind kind = kindOf(name);
        if (kind == null && functions.lookupAggregate(name).isEmpty() && !functions.lookup(name).isEmpty()) {
            throw PgException.builder("42809", "OVER specified, but " + name + " is not a window function nor an "
                    + "aggregate function").position(pos).build();
        }
        WindowDefinition def = definition(c, f.over(), 0);
        List<Expr> partition = new ArrayList<>();
        List<Plan.SortExpr> order = new ArrayList<>();
        List<Expr> args;
        c.inWindowDefinition = true;
        try {
            for (Expression e : def.partitionBy()) {
                Expr x = b.bind(e, ctx);
                partition.add(Types.isUnknown(x.type()) ? b.coerce(x, PgType.TEXT, 0) : x);
            }
            for (SortItem item : def.orderBy()) {
                Expr x = b.bind(item.expression(), ctx);
                order.add(Aggregates.sortExpr(item, Types.isUnknown(x.type()) ? b.coerce(x, PgType.TEXT, 0) : x));
            }
        } finally {
            c.inWindowDefinition = false;
        }
        c.inWindow = true;
        try {
            args = Aggregates.bindArguments(b, f, ctx);
        } finally {
            c.inWindow = false;
        }
        Frame frame = frame(b, def.frame(), order, def.location().position());
        if (f.distinct()) {
            throw PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window "
                    + "functions").position(pos).build();
        }
        if (!f.orderBy().isEmpty()) {
            throw PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "aggregate ORDER BY is not implemented for "
                    + "window functions").position(pos).build();
        }
        Call call;
        if (kind != null) {
            if (f.filter() != null) {
                throw PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "FILTER is not implemented for "
                        + "non-aggregate window functions").position(pos).build();
            }
            call = builtin(b, kind, name, args, f, partition, order, frame);
        } else {
            Expr filter = f.filter() == null ? null
                    : b.bindCondition(f.filter(), new Binder.Ctx(ctx.scope(), null, "FILTER"), "FILTER");
            Aggregates.Resolved r = Aggregates.resolve(b, functions.lookupAggregate(name), name, args, pos);
            Plan.Aggregate agg = new Plan.Aggregate(r.function(), r.args(), false, List.of(), filter, r.type());
            call = new Call(Kind.AGGREGATE, List.of(), agg, partition, order, frame, r.type());
        }
        c.windows.add(call);
        return new WindowRef(c.windows.size() - 1, call.type());
    }

    /** The clause in PostgreSQL's "... are not allowed in ..." messages. */
    static String clauseName(String clause) {
        return clause.equals("JOIN/ON") ? "JOIN conditions" : clause;
    }

    private static Call builtin(Binder b, Kind kind, String name, List<Expr> args, FunctionCall f,
                                List<Expr> partition, List<Plan.SortExpr> order, Frame frame) {
        int pos = f.location().position();
        int n = args.size();
        List<Expr> out = new ArrayList<>(args);
        PgType type;
        boolean ok;
        switch (kind) {
            case ROW_NUMBER, RANK, DENSE_RANK -> {
                ok = n == 0;
                type = PgType.INT8;
            }
            case PERCENT_RANK, CUME_DIST -> {
                ok = n == 0;
                type = PgType.FLOAT8;
            }
            case NTILE -> {
                ok = n == 1 && Types.implicitlyCastable(args.get(0).type(), PgType.INT4);
                type = PgType.INT4;
                if (ok) {
                    out.set(0, b.coerce(args.get(0), PgType.INT4, pos));
                }
            }
            case LAG, LEAD -> {
                ok = n >= 1 && n <= 3 && (n < 2 || Types.implicitlyCastable(args.get(1).type(), PgType.INT4));
                type = n == 0 ? null : args.get(0).type();
                if (ok && n == 3) {
                    type = Types.unified(type, args.get(2).type());
                    ok = type != null;
                }
                if (ok) {
                    type = Types.isUnknown(type) ? PgType.TEXT : type;
                    out.set(0, b.coerce(args.get(0), type, pos));
                    if (n >= 2) {
                        out.set(1, b.coerce(args.get(1), PgType.INT4, pos));
                    }
                    if (n == 3) {
                        out.set(2, b.coerce(args.get(2), type, f.arguments().get(2).location().position()));
                    }
                }
            }
            case FIRST_VALUE, LAST_VALUE -> {
                ok = n == 1;
                type = n == 1 ? args.get(0).type() : null;
            }
            default -> { // NTH_VALUE
                ok = n == 2 && Types.implicitlyCastable(args.get(1).type(), PgType.INT4);
                type = n >= 1 ? args.get(0).type() : null;
                if (ok) {
                    out.set(1, b.coerce(args.get(1), PgType.INT4, pos));
                }
            }
        }
        if (!ok) {
            StringBuilder sig = new StringBuilder(name).append('(');
            for (int i = 0; i < n; i++) {
                sig.append(i > 0 ? ", " : "").append(Types.displayName(args.get(i).type()));
            }
            throw PgException.builder(SqlState.UNDEFINED_FUNCTION, "function " + sig + ") does not exist")
                    .hint("No function matches the given name and argument types. You might need to add explicit "
                            + "type casts.").position(pos).build();
        }
        if (Types.isUnknown(type)) {
            throw PgException.builder("42804", "could not determine polymorphic type because input has type unknown")
                    .position(pos).build();
        }
        return new Call(kind, out, null, partition, order, frame, type);
    }

    /** The window of an OVER clause, with a named window (WINDOW w AS ...) it refers to merged in. */
    private static WindowDefinition definition(Aggregates.Collector c, WindowDefinition over, int depth) {
        if (over.name() != null && over.refName() == null && over.partitionBy().isEmpty()
                && over.orderBy().isEmpty() && over.frame() == null) {
            WindowDefinition named = named(c, over.name().value(), over);
            return named.refName() == null || depth > 100 ? named : definition(c, named, depth + 1);
        }
        if (over.refName() == null) {
            return over;
        }
        String ref = over.refName().value();
        WindowDefinition base = named(c, ref, over);
        if (base.refName() != null && depth < 100) {
            base = definition(c, base, depth + 1);
        }
        int pos = over.location().position();
        if (!over.partitionBy().isEmpty()) {
            throw PgException.builder("42P20", "cannot override PARTITION BY clause of window \"" + ref + "\"")
                    .position(pos).build();
        }
        if (!over.orderBy().isEmpty() && !base.orderBy().isEmpty()) {
            throw PgException.builder("42P20", "cannot override ORDER BY clause of window \"" + ref + "\"")
                    .position(pos).build();
        }
        if (base.frame() != null) {
            throw PgException.builder("42P20", "cannot copy window \"" + ref + "\" because it has a frame clause")
                    .hint("Omit the parentheses in this OVER clause.").position(pos).build();
        }
        return new WindowDefinition(null, null, base.partitionBy(),
                over.orderBy().isEmpty() ? base.orderBy() : over.orderBy(), over.frame(), over.location());
    }

    private static WindowDefinition named(Aggregates.Collector c, String name, WindowDefinition at) {
        for (WindowDefinition d : c.definitions) {
            if (d.name() != null && d.name().value().equals(name)) {
                return d;
            }
        }
        throw PgException.builder(SqlState.UNDEFINED_OBJECT, "window \"" + name + "\" does not exist")
                .position(at.location().position()).build();
    }

    /** Checks the named windows of a SELECT: no name twice. */
    static void checkDefinitions(List<WindowDefinition> defs) {
        for (int i = 0; i < defs.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (defs.get(i).name().value().equals(defs.get(j).name().value())) {
                    throw PgException.builder("42P20", "window \"" + defs.get(i).name().value()
                            + "\" is already defined").position(defs.get(i).location().position()).build();
                }
            }
        }
    }

    private static Frame frame(Binder b, WindowFrame f, List<Plan.SortExpr> order, int windowPos) {
        if (f == null) {
            return Frame.DEFAULT;
        }
        int pos = f.location().position();
        FrameBound start = f.start();
        FrameBound.Kind endKind = f.end() == null ? FrameBound.Kind.CURRENT_ROW : f.end().kind();
        String error = null;
        if (start.kind() == FrameBound.Kind.UNBOUNDED_FOLLOWING) {
            error = "frame start cannot be UNBOUNDED FOLLOWING";
            pos = start.location().position();
        } else if (endKind == FrameBound.Kind.UNBOUNDED_PRECEDING) {
            error = "frame end cannot be UNBOUNDED PRECEDING";
        } else if (start.kind() == FrameBound.Kind.CURRENT_ROW && endKind == FrameBound.Kind.PRECEDING) {
            error = "frame starting from current row cannot have preceding rows";
        } else if (start.kind() == FrameBound.Kind.FOLLOWING && (endKind == FrameBound.Kind.PRECEDING
                || endKind == FrameBound.Kind.CURRENT_ROW)) {
            error = "frame starting from following row cannot have preceding rows";
        }
        if (error != null && pos == f.location().position() && f.end() != null) {
            pos = f.end().location().position();
        }
        if (error != null) {
            throw PgException.builder("42P20", error).position(pos).build();
        }
        Expr startOffset = offset(b, f, start, order, windowPos);
        Expr endOffset = f.end() == null ? null : offset(b, f, f.end(), order, windowPos);
        return new Frame(f.mode(), start.kind(), startOffset, endKind, endOffset,
                f.exclusion() == null ? WindowFrame.Exclusion.NONE : f.exclusion());
    }

    private static Expr offset(Binder b, WindowFrame f, FrameBound bound, List<Plan.SortExpr> order, int windowPos) {
        if (bound.offset() == null) {
            return null;
        }
        int pos = bound.offset().location().position();
        Expr e = b.bind(bound.offset(), new Binder.Ctx(new Scope(), null, f.mode().name()));
        if (f.mode() != WindowFrame.Mode.RANGE) {
            if (!Types.isUnknown(e.type()) && !Types.isInteger(e.type())) {
                throw PgException.builder("42804", "argument of " + f.mode().name() + " must be type bigint, not type "
                        + Types.displayName(e.type())).position(pos).build();
            }
            return b.coerce(e, PgType.INT8, pos);
        }
        if (order.size() != 1) {
            throw PgException.builder("42P20", "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY "
                    + "column").position(windowPos).build();
        }
        PgType t = order.get(0).expr().type();
        if (Types.isNumeric(t)) {
            if (!Types.isUnknown(e.type()) && !Types.isNumeric(e.type())) {
                throw inRangeMissing(t, e.type(), pos);
            }
            return b.coerce(e, Types.isInteger(t) ? PgType.INT8 : t, pos);
        }
        int oid = t.oid();
        if (oid == PgType.DATE.oid() || oid == PgType.TIMESTAMP.oid() || oid == PgType.TIMESTAMPTZ.oid()) {
            if (!Types.isUnknown(e.type()) && !e.type().equals(PgType.INTERVAL)) {
                throw inRangeMissing(t, e.type(), pos);
            }
            return b.coerce(e, PgType.INTERVAL, pos);
        }
        throw PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING is not "
                + "supported for column type " + Types.displayName(t)).position(pos).build();
    }

    private static PgException inRangeMissing(PgType t, PgType offset, int pos) {
        return PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING is not "
                + "supported for column type " + Types.displayName(t) + " and offset type "
                + Types.displayName(offset)).position(pos).build();
    }

    /**
     * Puts the window operator over {@code input}: {@code ungroup} (or null) rewrites the calls' expressions over
     * the output of a GROUP BY.
     */
    static Plan plan(Plan input, List<Call> calls, UnaryOperator<Expr> ungroup) {
        List<Call> bound = new ArrayList<>();
        for (Call c : calls) {
            bound.add(ungroup == null ? c : c.map(ungroup));
        }
        List<Plan.OutColumn> cols = new ArrayList<>(input.columns());
        for (Call c : bound) {
            cols.add(Plan.OutColumn.of("?window?", c.type()));
        }
        return new Plan.Window(input, bound, cols);
    }

    /** Replaces the window references of an expression by the columns the window operator appends. */
    static Expr resolveRefs(Expr e, int inputWidth) {
        return ExprTree.rewrite(e, x -> x instanceof WindowRef w
                ? new Expr.Column(inputWidth + w.index(), w.type(), "?window?", io.pgserve.sql.ast.NodeLocation.UNKNOWN)
                : null);
    }

    // ---------------------------------------------------------------- execution

    static Executor.Op execute(Plan.Window w, Executor.Op in, EvalContext ctx) throws Exception {
        int width = w.input().columns().size();
        int nc = w.calls().size();
        List<Object[]> rows = new ArrayList<>();
        try (in) {
            Object[] r;
            while ((r = in.next()) != null) {
                Object[] row = Arrays.copyOf(r, width + nc);
                rows.add(row);
                if ((rows.size() & 1023) == 0) {
                    ctx.checkCancelled();
                }
            }
        }
        int n = rows.size();
        Integer[] last = new Integer[n];
        Arrays.setAll(last, i -> i);
        Map<List<Object>, List<Integer>> specs = new LinkedHashMap<>();
        for (int i = 0; i < nc; i++) {
            specs.computeIfAbsent(w.calls().get(i).sortSpec(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : specs.values()) {
            Call first = w.calls().get(group.get(0));
            int np = first.partitionBy().size();
            int no = first.orderBy().size();
            Object[][] keys = new Object[n][np + no];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < np; j++) {
                    keys[i][j] = first.partitionBy().get(j).eval(rows.get(i), ctx);
                }
                for (int j = 0; j < no; j++) {
                    keys[i][np + j] = first.orderBy().get(j).expr().eval(rows.get(i), ctx);
                }
            }
            List<Plan.SortKey> sortKeys = new ArrayList<>();
            for (int j = 0; j < np; j++) {
                sortKeys.add(new Plan.SortKey(j, false, false));
            }
            for (int j = 0; j < no; j++) {
                Plan.SortExpr s = first.orderBy().get(j);
                sortKeys.add(new Plan.SortKey(np + j, s.descending(), s.nullsFirst()));
            }
            Comparator<Object[]> cmp = Executor.comparator(sortKeys);
            Integer[] idx = new Integer[n];
            Arrays.setAll(idx, i -> i);
            Arrays.sort(idx, (a, b) -> cmp.compare(keys[a], keys[b])); // stable
            int ps = 0;
            while (ps < n) {
                int pe = ps + 1;
                while (pe < n && equal(keys[idx[ps]], keys[idx[pe]], 0, np)) {
                    pe++;
                }
                Partition p = new Partition(idx, ps, pe, keys, np, first.orderBy(), rows, ctx);
                for (int ci : group) {
                    p.compute(w.calls().get(ci), width + ci);
                }
                ps = pe;
                ctx.checkCancelled();
            }
            last = idx;
        }
        Integer[] order = last;
        return new Executor.Op() {
            int i;

            @Override
            public Object[] next() {
                return i < order.length ? rows.get(order[i++]) : null;
            }
        };
    }

    private static boolean equal(Object[] a, Object[] b, int from, int to) {
        for (int j = from; j < to; j++) {
            Object x = a[j];
            Object y = b[j];
            if (x == null || y == null ? x != y : Values.compare(x, y) != 0) {
                return false;
            }
        }
        return true;
    }

    /** One partition: sorted positions [ps, pe) of {@code idx}, with its peer groups. */
    private static final class Partition {
        final Integer[] idx;
        final int ps;
        final int pe;
        final List<Object[]> rows;
        final EvalContext ctx;
        final Object[][] keys;
        final int np;
        /** Per position (relative to ps): the first position of its peer group, one past its last, its number. */
        final int[] peerStart;
        final int[] peerEnd;
        final int[] group;
        /** The first position of each peer group (relative), then the partition's size. */
        final int[] groupStart;
        /** The first ORDER BY column's direction (for RANGE offsets). */
        final boolean descending;
        final boolean nullsFirst;

        Partition(Integer[] idx, int ps, int pe, Object[][] keys, int np, List<Plan.SortExpr> orderBy,
                  List<Object[]> rows, EvalContext ctx) {
            int no = orderBy.size();
            this.descending = no > 0 && orderBy.get(0).descending();
            this.nullsFirst = no > 0 && orderBy.get(0).nullsFirst();
            this.idx = idx;
            this.ps = ps;
            this.pe = pe;
            this.keys = keys;
            this.np = np;
            this.rows = rows;
            this.ctx = ctx;
            int size = pe - ps;
            peerStart = new int[size];
            peerEnd = new int[size];
            group = new int[size];
            int[] starts = new int[size + 1];
            int groups = 0;
            int s = 0;
            while (s < size) {
                int e = s + 1;
                while (e < size && equal(keys[idx[ps + s]], keys[idx[ps + e]], np, np + no)) {
                    e++;
                }
                for (int k = s; k < e; k++) {
                    peerStart[k] = s;
                    peerEnd[k] = e;
                    group[k] = groups;
                }
                starts[groups++] = s;
                s = e;
            }
            starts[groups] = size;
            groupStart = Arrays.copyOf(starts, groups + 1);
        }

        Object[] row(int rel) {
            return rows.get(idx[ps + rel]);
        }

        void compute(Call c, int slot) {
            int size = pe - ps;
            switch (c.kind()) {
                case ROW_NUMBER -> {
                    for (int k = 0; k < size; k++) {
                        row(k)[slot] = (long) k + 1;
                    }
                }
                case RANK -> {
                    for (int k = 0; k < size; k++) {
                        row(k)[slot] = (long) peerStart[k] + 1;
                    }
                }
                case DENSE_RANK -> {
                    for (int k = 0; k < size; k++) {
                        row(k)[slot] = (long) group[k] + 1;
                    }
                }
                case PERCENT_RANK -> {
                    for (int k = 0; k < size; k++) {
                        row(k)[slot] = size > 1 ? (double) peerStart[k] / (size - 1) : 0.0;
                    }
                }
                case CUME_DIST -> {
                    for (int k = 0; k < size; k++) {
                        row(k)[slot] = (double) peerEnd[k] / size;
                    }
                }
                case NTILE -> ntile(c, slot, size);
                case LAG, LEAD -> {
                    for (int k = 0; k < size; k++) {
                        Object[] r = row(k);
                        Object off = c.args().size() > 1 ? c.args().get(1).eval(r, ctx) : Integer.valueOf(1);
                        if (off == null) {
                            r[slot] = null;
                            continue;
                        }
                        long target = k + (c.kind() == Kind.LAG ? -1L : 1L) * (Integer) off;
                        if (target >= 0 && target < size) {
                            r[slot] = c.args().get(0).eval(row((int) target), ctx);
                        } else {
                            r[slot] = c.args().size() > 2 ? c.args().get(2).eval(r, ctx) : null;
                        }
                    }
                }
                default -> framed(c, slot, size);
            }
        }

        private void ntile(Call c, int slot, int size) {
            Object v = size == 0 ? null : c.args().get(0).eval(row(0), ctx);
            if (v == null) {
                for (int k = 0; k < size; k++) {
                    row(k)[slot] = null;
                }
                return;
            }
            int buckets = (Integer) v;
            if (buckets <= 0) {
                throw new PgException("22014", "argument of ntile must be greater than zero");
            }
            int per = size / buckets;
            int remainder = size % buckets;
            int big = remainder * (per + 1);
            for (int k = 0; k < size; k++) {
                row(k)[slot] = k < big ? k / (per + 1) + 1 : remainder + (k - big) / per + 1;
            }
        }

        /** first_value, last_value, nth_value and aggregates: over each row's frame. */
        private void framed(Call c, int slot, int size) {
            Frame f = c.frame();
            boolean exclusion = f.exclusion() != WindowFrame.Exclusion.NONE
                    && f.exclusion() != WindowFrame.Exclusion.NO_OTHERS;
            Aggregates.State state = null;
            int stateStart = -1;
            int stateEnd = -1;
            Object cached = null;
            boolean valid = false;
            int[] bounds = new int[2];
            for (int k = 0; k < size; k++) {
                frameOf(f, k, size, bounds);
                int fs = bounds[0];
                int fe = Math.max(bounds[0], bounds[1]);
                Object[] r = row(k);
                if (c.kind() != Kind.AGGREGATE) {
                    r[slot] = value(c, k, fs, fe, f.exclusion());
                    continue;
                }
                if (exclusion) {
                    Aggregates.State s = new Aggregates.State(c.aggregate(), ctx);
                    for (int j = fs; j < fe; j++) {
                        if (!excluded(f.exclusion(), k, j)) {
                            s.add(row(j));
                        }
                    }
                    r[slot] = s.result();
                    continue;
                }
                if (valid && fs == stateStart && fe == stateEnd) {
                    r[slot] = cached;
                    continue;
                }
                if (state == null || fs != stateStart || fe < stateEnd) {
                    state = new Aggregates.State(c.aggregate(), ctx);
                    stateStart = fs;
                    stateEnd = fs;
                }
                for (int j = stateEnd; j < fe; j++) {
                    state.add(row(j));
                }
                stateEnd = fe;
                cached = state.result();
                valid = true;
                r[slot] = cached;
            }
        }

        private Object value(Call c, int k, int fs, int fe, WindowFrame.Exclusion ex) {
            Object[] r = row(k);
            long nth;
            if (c.kind() == Kind.NTH_VALUE) {
                Object v = c.args().get(1).eval(r, ctx);
                if (v == null) {
                    return null;
                }
                nth = (Integer) v;
                if (nth <= 0) {
                    throw new PgException("22016", "argument of nth_value must be greater than zero");
                }
            } else {
                nth = 1;
            }
            if (c.kind() == Kind.LAST_VALUE) {
                for (int j = fe - 1; j >= fs; j--) {
                    if (!excluded(ex, k, j)) {
                        return c.args().get(0).eval(row(j), ctx);
                    }
                }
                return null;
            }
            for (int j = fs; j < fe; j++) {
                if (!excluded(ex, k, j) && --nth == 0) {
                    return c.args().get(0).eval(row(j), ctx);
                }
            }
            return null;
        }

        private boolean excluded(WindowFrame.Exclusion ex, int k, int j) {
            return switch (ex) {
                case CURRENT_ROW -> j == k;
                case GROUP -> peerStart[j] == peerStart[k];
                case TIES -> j != k && peerStart[j] == peerStart[k];
                default -> false;
            };
        }

        /** The frame of position k: [bounds[0], bounds[1]) relative to the partition. */
        private void frameOf(Frame f, int k, int size, int[] bounds) {
            bounds[0] = bound(f, f.start(), f.startOffset(), k, size, true);
            bounds[1] = bound(f, f.end(), f.endOffset(), k, size, false);
        }

        private int bound(Frame f, FrameBound.Kind kind, Expr offset, int k, int size, boolean start) {
            switch (kind) {
                case UNBOUNDED_PRECEDING -> {
                    return 0;
                }
                case UNBOUNDED_FOLLOWING -> {
                    return size;
                }
                case CURRENT_ROW -> {
                    if (f.mode() == WindowFrame.Mode.ROWS) {
                        return start ? k : k + 1;
                    }
                    return start ? peerStart[k] : peerEnd[k];
                }
                default -> {
                }
            }
            boolean preceding = kind == FrameBound.Kind.PRECEDING;
            Object v = offset.eval(row(k), ctx);
            if (v == null) {
                throw new PgException("22004", "frame " + (start ? "starting" : "ending") + " offset must not be "
                        + "null");
            }
            if (f.mode() != WindowFrame.Mode.RANGE) {
                long off = (Long) v;
                if (off < 0) {
                    throw new PgException("22013", "frame " + (start ? "starting" : "ending") + " offset must not be "
                            + "negative");
                }
                if (f.mode() == WindowFrame.Mode.ROWS) {
                    long p = preceding ? k - off : k + off;
                    return (int) Math.max(0, Math.min(size, start ? p : p + 1));
                }
                long g = preceding ? group[k] - off : group[k] + off; // GROUPS
                int groups = groupStart.length - 1;
                if (start) {
                    return g < 0 ? 0 : g >= groups ? size : groupStart[(int) g];
                }
                return g < 0 ? 0 : g >= groups ? size : groupStart[(int) g + 1];
            }
            if (negative(v)) {
                throw new PgException("22013", "invalid preceding or following size in window function");
            }
            Object cur = keys[idx[ps + k]][np];
            if (cur == null) {
                return start ? peerStart[k] : peerEnd[k]; // NULLs: the frame is their peers
            }
            // the one ORDER BY column: rows whose value is within the offset of the current row's
            Object limit = shift(cur, v, preceding != descending);
            int j;
            if (start) {
                j = 0;
                while (j < size && (keyOf(j) == null ? nullsFirst : before(keyOf(j), limit, descending))) {
                    j++;
                }
            } else {
                j = size;
                while (j > 0 && (keyOf(j - 1) == null ? !nullsFirst : before(limit, keyOf(j - 1), descending))) {
                    j--;
                }
            }
            return j;
        }

        private Object keyOf(int rel) {
            return keys[idx[ps + rel]][np];
        }

        /** Whether a comes strictly before b in the sort order. */
        private static boolean before(Object a, Object b, boolean desc) {
            if (a instanceof LocalDate d && b instanceof LocalDateTime) {
                a = d.atStartOfDay();
            } else if (b instanceof LocalDate d && a instanceof LocalDateTime) {
                b = d.atStartOfDay();
            }
            int c = Values.compare(a, b);
            return desc ? c > 0 : c < 0;
        }
    }

    private static boolean negative(Object v) {
        if (v instanceof PgInterval i) {
            return i.months() < 0 || i.days() < 0 || i.microseconds() < 0;
        }
        if (v instanceof BigDecimal d) {
            return d.signum() < 0;
        }
        return ((Number) v).doubleValue() < 0;
    }

    /** value - offset (down) or value + offset. */
    private static Object shift(Object value, Object offset, boolean down) {
        if (offset instanceof PgInterval i) {
            int sign = down ? -1 : 1;
            if (value instanceof LocalDate d) {
                return d.atStartOfDay().plusMonths(sign * (long) i.months()).plusDays(sign * (long) i.days())
                        .plusNanos(sign * i.microseconds() * 1000);
            }
            if (value instanceof LocalDateTime t) {
                return t.plusMonths(sign * (long) i.months()).plusDays(sign * (long) i.days())
                        .plusNanos(sign * i.microseconds() * 1000);
            }
            OffsetDateTime t = (OffsetDateTime) value;
            return t.plusMonths(sign * (long) i.months()).plusDays(sign * (long) i.days())
                    .plusNanos(sign * i.microseconds() * 1000);
        }
        if (value instanceof Double || value instanceof Float) {
            double x = ((Number) value).doubleValue();
            double o = ((Number) offset).doubleValue();
            return down ? x - o : x + o;
        }
        BigDecimal x = value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
        BigDecimal o = offset instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) offset).longValue());
        return down ? x.subtract(o) : x.add(o);
    }
}
