package io.pgserve.engine.internal;

import io.pgserve.engine.AggregateFunction;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgInterval;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.FunctionArgument;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.SortItem;
import io.pgserve.sql.ast.WindowDefinition;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Aggregates: the built-in ones (PostgreSQL's signatures and result types), binding of aggregate calls (overload
 * resolution, polymorphic types, DISTINCT / ORDER BY / FILTER), and {@link State}, the running state of one call
 * in one group or window frame.
 */
public final class Aggregates {
    private static final String CAST_HINT = "You might need to add explicit type casts.";

    private Aggregates() {
    }

    // ---------------------------------------------------------------- binding

    /**
     * What the expressions of one SELECT collect while they are bound: its aggregate calls, its window function
     * calls, its named windows; and whether binding is inside an aggregate's or a window function's arguments.
     */
    public static final class Collector {
        final List<Plan.Aggregate> aggregates = new ArrayList<>();
        final List<Windows.Call> windows = new ArrayList<>();
        final List<WindowDefinition> definitions;
        boolean inAggregate;
        boolean inWindow;
        boolean inWindowDefinition;
        /** Whether GROUPING() was called: the query is grouped. */
        boolean grouping;

        public Collector(List<WindowDefinition> definitions) {
            this.definitions = definitions;
        }

        public List<Plan.Aggregate> aggregates() {
            return aggregates;
        }

        public List<Windows.Call> windows() {
            return windows;
        }
    }

    /** An aggregate call (without OVER): its arguments, DISTINCT, ORDER BY and FILTER. */
    static Expr bindCall(Binder b, FunctionRegistry functions, FunctionCall f, Binder.Ctx ctx) {
        int pos = f.location().position();
        if (!f.withinGroup().isEmpty()) {
            return bindOrderedSet(b, functions, f, ctx);
        }
        Collector c = ctx.aggregates();
        if (c == null) {
            throw PgException.builder("42803", ctx.clause() == null ? "aggregate functions are not allowed here"
                    : "aggregate functions are not allowed in " + Windows.clauseName(ctx.clause())).position(pos).build();
        }
        if (c.inAggregate) {
            throw PgException.builder("42803", "aggregate function calls cannot be nested").position(pos).build();
        }
        List<Expr> args;
        List<Plan.SortExpr> order = new ArrayList<>();
        c.inAggregate = true;
        try {
            args = bindArguments(b, f, ctx);
            QueryBinding.checkLevel(args, pos);
            for (SortItem item : f.orderBy()) {
                Expr e = b.bind(item.expression(), ctx);
                if (Types.isUnknown(e.type())) {
                    e = b.coerce(e, PgType.TEXT, item.expression().location().position());
                }
                order.add(sortExpr(item, e));
            }
        } finally {
            c.inAggregate = false;
        }
        Expr filter = f.filter() == null ? null
                : b.bindCondition(f.filter(), new Binder.Ctx(ctx.scope(), null, "FILTER"), "FILTER");
        Resolved r = resolve(b, functions.lookupAggregate(name(f)), name(f), args, pos);
        if (f.distinct()) {
            for (int i = 0; i < order.size(); i++) {
                if (!matchesArgument(order.get(i).expr(), r.args())) {
                    throw PgException.builder("42P10", "in an aggregate with DISTINCT, ORDER BY expressions must "
                            + "appear in argument list").position(f.orderBy().get(i).expression().location().position())
                            .build();
                }
            }
        }
        c.aggregates.add(new Plan.Aggregate(r.function(), r.args(), f.distinct(), order, filter, r.type()));
        return new Binder.AggRef(c.aggregates.size() - 1, r.type());
    }

    // ---------------------------------------------------------------- GROUP BY, grouping sets, GROUPING()

    /**
     * A GROUP BY: its distinct key expressions and, when it has GROUPING SETS / ROLLUP / CUBE / (), each grouping
     * set as indexes into the keys ({@code sets} empty for a plain GROUP BY).
     */
    record GroupBy(List<Expr> keys, List<List<Integer>> sets) {
    }

    /** Expands GROUP BY items into grouping sets as PostgreSQL does: the cross product of the items' sets. */
    static GroupBy groupBy(List<io.pgserve.sql.ast.GroupingElement> items, boolean distinct,
                           java.util.function.Function<io.pgserve.sql.ast.Expression, Expr> bindKey) {
        List<Expr> keys = new ArrayList<>();
        boolean plain = items.stream().allMatch(g -> g instanceof io.pgserve.sql.ast.Expression);
        if (plain) {
            for (io.pgserve.sql.ast.GroupingElement g : items) {
                Expr k = bindKey.apply((io.pgserve.sql.ast.Expression) g);
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
            return new GroupBy(keys, List.of());
        }
        List<List<Integer>> sets = List.of(List.of());
        for (io.pgserve.sql.ast.GroupingElement g : items) {
            List<List<Integer>> mine = expand(g, keys, bindKey);
            List<List<Integer>> product = new ArrayList<>();
            for (List<Integer> a : sets) {
                for (List<Integer> b : mine) {
                    List<Integer> c = new ArrayList<>(a);
                    b.stream().filter(k -> !c.contains(k)).forEach(c::add);
                    product.add(c);
                }
            }
            sets = product;
        }
        if (distinct) {
            List<List<Integer>> unique = new ArrayList<>();
            Set<Set<Integer>> seen = new HashSet<>();
            for (List<Integer> set : sets) {
                if (seen.add(new HashSet<>(set))) {
                    unique.add(set);
                }
            }
            sets = unique;
        }
        return new GroupBy(keys, sets);
    }

    private static List<List<Integer>> expand(io.pgserve.sql.ast.GroupingElement g, List<Expr> keys,
                                              java.util.function.Function<io.pgserve.sql.ast.Expression, Expr> bind) {
        if (g instanceof io.pgserve.sql.ast.Expression e) {
            return List.of(keyIndexes(e, keys, bind));
        }
        io.pgserve.sql.ast.GroupingSet set = (io.pgserve.sql.ast.GroupingSet) g;
        List<List<Integer>> out = new ArrayList<>();
        switch (set.kind()) {
            case EMPTY -> out.add(List.of());
            case SETS -> {
                for (io.pgserve.sql.ast.GroupingElement child : set.elements()) {
                    out.addAll(expand(child, keys, bind));
                }
            }
            case ROLLUP -> {
                List<List<Integer>> parts = new ArrayList<>();
                set.elements().forEach(x -> parts.add(keyIndexes((io.pgserve.sql.ast.Expression) x, keys, bind)));
                for (int n = parts.size(); n >= 0; n--) {
                    List<Integer> one = new ArrayList<>();
                    parts.subList(0, n).forEach(one::addAll);
                    out.add(one);
                }
            }
            case CUBE -> {
                List<List<Integer>> parts = new ArrayList<>();
                set.elements().forEach(x -> parts.add(keyIndexes((io.pgserve.sql.ast.Expression) x, keys, bind)));
                if (parts.size() > 12) {
                    throw PgException.builder("54001", "CUBE is limited to 12 elements")
                            .position(set.location().position()).build();
                }
                for (int mask = (1 << parts.size()) - 1; mask >= 0; mask--) {
                    List<Integer> one = new ArrayList<>();
                    for (int i = 0; i < parts.size(); i++) {
                        if ((mask & (1 << (parts.size() - 1 - i))) != 0) {
                            one.addAll(parts.get(i));
                        }
                    }
                    out.add(one);
                }
            }
        }
        return out;
    }

    /** A grouping element's keys: one expression, or the fields of a parenthesized list. */
    private static List<Integer> keyIndexes(io.pgserve.sql.ast.Expression e, List<Expr> keys,
                                            java.util.function.Function<io.pgserve.sql.ast.Expression, Expr> bind) {
        List<io.pgserve.sql.ast.Expression> parts = e instanceof io.pgserve.sql.ast.RowConstructor r && !r.explicit()
                ? r.fields() : List.of(e);
        List<Integer> out = new ArrayList<>();
        for (io.pgserve.sql.ast.Expression part : parts) {
            Expr k = bind.apply(part);
            int i = keys.indexOf(k);
            if (i < 0) {
                keys.add(k);
                i = keys.size() - 1;
            }
            if (!out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** {@code GROUPING(args)} as bound, before the plan is grouped. */
    record GroupingCall(List<Expr> args, NodeLocationHolder at) implements Expr {
        @Override
        public PgType type() {
            return PgType.INT4;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            throw new IllegalStateException("GROUPING outside of a grouped plan");
        }
    }

    /** Keeps a position out of record equality (GROUP BY matching compares bound expressions). */
    record NodeLocationHolder(List<Integer> positions) {
        @Override
        public boolean equals(Object o) {
            return o instanceof NodeLocationHolder;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** GROUPING(...)'s value in a grouped row: the bits of its arguments not grouped by the row's grouping set. */
    record GroupingValue(int setColumn, List<Integer> values) implements Expr {
        @Override
        public PgType type() {
            return PgType.INT4;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return values.get((Integer) row[setColumn]);
        }
    }

    static Expr bindGrouping(Binder b, io.pgserve.sql.ast.GroupingFunc g, Binder.Ctx ctx) {
        int pos = g.location().position();
        Collector c = ctx.aggregates();
        if (c == null) {
            throw PgException.builder("42803", "grouping operations are not allowed in "
                    + (ctx.clause() == null ? "this context" : Windows.clauseName(ctx.clause()))).position(pos).build();
        }
        if (g.arguments().size() > 31) {
            throw PgException.builder("54023", "GROUPING must have fewer than 32 arguments").position(pos).build();
        }
        List<Expr> args = new ArrayList<>();
        boolean was = c.inAggregate;
        c.inAggregate = true; // no aggregates inside
        try {
            for (io.pgserve.sql.ast.Expression e : g.arguments()) {
                args.add(b.bind(e, ctx));
            }
        } finally {
            c.inAggregate = was;
        }
        c.grouping = true;
        return new GroupingCall(args, new NodeLocationHolder(g.arguments().stream()
                .map(a -> a.location().position()).toList()));
    }

    /** The value of a GROUPING call in the output of a GROUP BY with {@code sets} (empty: a plain GROUP BY). */
    static Expr groupingValue(GroupingCall g, List<Expr> keys, List<List<Integer>> sets, int setColumn) {
        int[] idx = new int[g.args().size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = keys.indexOf(g.args().get(i));
            if (idx[i] < 0) {
                throw PgException.builder("42803", "arguments to GROUPING must be grouping expressions of the "
                        + "associated query level").position(g.at().positions().get(i)).build();
            }
        }
        if (sets.isEmpty()) {
            return new Expr.Const(0, PgType.INT4);
        }
        List<Integer> values = new ArrayList<>();
        for (List<Integer> set : sets) {
            int v = 0;
            for (int k : idx) {
                v = (v << 1) | (set.contains(k) ? 0 : 1);
            }
            values.add(v);
        }
        return new GroupingValue(setColumn, values);
    }

    /** A table's primary key as column indexes, or null. */
    static int[] primaryKey(io.pgserve.engine.Table table) {
        for (io.pgserve.engine.TableConstraint c : table.constraints()) {
            if (c.kind() == io.pgserve.engine.TableConstraint.Kind.PRIMARY_KEY) {
                int[] out = new int[c.columns().size()];
                for (int i = 0; i < out.length; i++) {
                    int at = i;
                    out[i] = -1;
                    for (int j = 0; j < table.columns().size(); j++) {
                        if (table.columns().get(j).name().equals(c.columns().get(at))) {
                            out[i] = j;
                        }
                    }
                    if (out[i] < 0) {
                        return null;
                    }
                }
                return out;
            }
        }
        return null;
    }

    /**
     * PostgreSQL's functional dependency: a column of a table whose whole primary key is grouped by may be used
     * ungrouped (not with grouping sets). Such columns are added to the keys; they split no group.
     */
    static void addFunctionallyDependent(GroupBy groupBy, Scope scope, List<Expr> exprs, Expr having,
                                         List<Windows.Call> windows) {
        if (!groupBy.sets().isEmpty() || groupBy.keys().isEmpty()) {
            return;
        }
        List<Expr> keys = groupBy.keys();
        java.util.function.Consumer<Expr> visit = e -> ExprTree.visit(e, x -> {
            if (x instanceof Expr.Column c && !keys.contains(c) && dependsOnKeys(c, keys, scope)) {
                keys.add(c);
            }
        });
        exprs.forEach(visit);
        if (having != null) {
            visit.accept(having);
        }
        for (Windows.Call w : windows) {
            w.map(e -> {
                visit.accept(e);
                return e;
            });
        }
    }

    private static boolean dependsOnKeys(Expr.Column c, List<Expr> keys, Scope scope) {
        for (Scope.Rel r : scope.rels) {
            if (c.index() >= r.offset && c.index() < r.offset + r.columnNames.size()) {
                if (r.primaryKey == null) {
                    return false;
                }
                for (int k : r.primaryKey) {
                    boolean grouped = false;
                    for (Expr key : keys) {
                        grouped |= key instanceof Expr.Column kc && kc.index() == r.offset + k;
                    }
                    if (!grouped) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** A GROUP BY ordinal must not name an output column holding an aggregate or window function (42803/42P20). */
    static Expr checkGroupKey(Expr key, io.pgserve.sql.ast.SelectItem item) {
        ExprTree.visit(key, x -> {
            if (x instanceof Binder.AggRef) {
                throw PgException.builder("42803", "aggregate functions are not allowed in GROUP BY")
                        .position(item.expression().location().position()).build();
            }
            if (x instanceof Windows.WindowRef) {
                throw PgException.builder("42P20", "window functions are not allowed in GROUP BY")
                        .position(item.expression().location().position()).build();
            }
        });
        return key;
    }

    /** A column as PostgreSQL names it in messages: the FROM item's name (alias or table) and the column's. */
    static String qualifiedName(Expr.Column c, Scope scope) {
        for (Scope.Rel r : scope == null ? List.<Scope.Rel>of() : scope.rels) {
            if (c.index() >= r.offset && c.index() < r.offset + r.columnNames.size()) {
                return r.name + "." + c.name();
            }
        }
        return c.name();
    }

    /** A scalar function called with an aggregate's syntax: PostgreSQL's 42809 errors. */
    static void checkNotAggregateSyntax(FunctionCall f) {
        String name = name(f);
        String what = f.star() ? name + "(*)" : f.distinct() ? "DISTINCT" : !f.orderBy().isEmpty() ? "ORDER BY"
                : f.filter() != null ? "FILTER" : null;
        if (what != null) {
            throw PgException.builder("42809", what + " specified, but " + name + " is not an aggregate function")
                    .position(f.location().position()).build();
        }
    }

    /** Whether an aggregate call can be made here; the collector if so. */
    private static Collector collector(Binder.Ctx ctx, int pos) {
        Collector c = ctx.aggregates();
        if (c == null) {
            throw PgException.builder("42803", ctx.clause() == null ? "aggregate functions are not allowed here"
                    : "aggregate functions are not allowed in " + Windows.clauseName(ctx.clause())).position(pos)
                    .build();
        }
        if (c.inAggregate) {
            throw PgException.builder("42803", "aggregate function calls cannot be nested").position(pos).build();
        }
        return c;
    }

    /**
     * The ordered-set aggregates {@code percentile_cont(f)}, {@code percentile_disc(f)} and {@code mode()}
     * {@code WITHIN GROUP (ORDER BY x)}: an aggregate over (x, f) fed in the order of x.
     */
    private static Expr bindOrderedSet(Binder b, FunctionRegistry functions, FunctionCall f, Binder.Ctx ctx) {
        int pos = f.location().position();
        Collector c = collector(ctx, pos);
        String name = name(f);
        List<Expr> direct;
        List<Expr> sorted = new ArrayList<>();
        c.inAggregate = true;
        try {
            direct = bindArguments(b, f, ctx);
            for (SortItem item : f.withinGroup()) {
                sorted.add(b.bind(item.expression(), ctx));
            }
        } finally {
            c.inAggregate = false;
        }
        Expr filter = f.filter() == null ? null
                : b.bindCondition(f.filter(), new Binder.Ctx(ctx.scope(), null, "FILTER"), "FILTER");
        Expr x = sorted.get(0);
        PgType xt = x.type();
        AggregateFunction fn = null;
        PgType type = null;
        boolean fraction = direct.size() == 1 && (Types.isNumeric(direct.get(0).type())
                || Types.isUnknown(direct.get(0).type()));
        if (sorted.size() == 1 && !Types.isUnknown(xt)) {
            if (name.equals("percentile_cont") && fraction && (Types.isNumeric(xt) || xt.equals(PgType.INTERVAL))) {
                type = xt.equals(PgType.INTERVAL) ? xt : PgType.FLOAT8;
                fn = type.equals(PgType.INTERVAL) ? PERCENTILE_CONT_INTERVAL : PERCENTILE_CONT;
                x = b.coerce(x, type, pos);
            } else if (name.equals("percentile_disc") && fraction) {
                type = xt;
                fn = PERCENTILE_DISC;
            } else if (name.equals("mode") && direct.isEmpty()) {
                type = xt;
                fn = MODE;
            }
        }
        if (fn == null) {
            if (!functions.lookupAggregate(name).isEmpty()) {
                throw PgException.builder("42809", name + " is not an ordered-set aggregate, so it cannot have "
                        + "WITHIN GROUP").position(pos).build();
            }
            StringBuilder sig = new StringBuilder(name).append('(');
            List<Expr> all = new ArrayList<>(direct);
            all.addAll(sorted);
            for (int i = 0; i < all.size(); i++) {
                sig.append(i > 0 ? ", " : "").append(Types.displayName(all.get(i).type()));
            }
            throw PgException.builder(SqlState.UNDEFINED_FUNCTION, "function " + sig + ") does not exist")
                    .hint("No function matches the given name and argument types. " + CAST_HINT).position(pos)
                    .build();
        }
        List<Expr> args = new ArrayList<>();
        args.add(x);
        if (!direct.isEmpty()) {
            args.add(b.coerce(direct.get(0), PgType.FLOAT8, pos));
        }
        List<Plan.SortExpr> order = List.of(sortExpr(f.withinGroup().get(0), x));
        c.aggregates.add(new Plan.Aggregate(fn, args, false, order, filter, type));
        return new Binder.AggRef(c.aggregates.size() - 1, type);
    }

    /** The values of an ordered-set aggregate in order, and its fraction (from the first row). */
    private static final class Sorted {
        final List<Object> values = new ArrayList<>();
        Double fraction;

        static Object add(Object state, Object[] a) {
            Sorted s = state == null ? new Sorted() : (Sorted) state;
            s.values.add(a[0]);
            if (s.fraction == null && a.length > 1) {
                double f = ((Number) a[1]).doubleValue();
                if (f < 0 || f > 1 || Double.isNaN(f)) {
                    String text = f == Math.rint(f) && !Double.isInfinite(f) ? String.valueOf((long) f)
                            : String.valueOf(f);
                    throw new PgException("22003", "percentile value " + text + " is not between 0 and 1");
                }
                s.fraction = f;
            }
            return s;
        }
    }

    private static final AggregateFunction PERCENTILE_CONT = new AggregateFunction("percentile_cont",
            List.of(PgType.FLOAT8, PgType.FLOAT8), PgType.FLOAT8, true, () -> null, Sorted::add, st -> {
                if (st == null) {
                    return null;
                }
                Sorted s = (Sorted) st;
                double row = s.fraction * (s.values.size() - 1);
                int lo = (int) Math.floor(row);
                int hi = (int) Math.ceil(row);
                double a = (Double) s.values.get(lo);
                double b = (Double) s.values.get(hi);
                return lo == hi ? a : a + (b - a) * (row - lo);
            });

    private static final AggregateFunction PERCENTILE_CONT_INTERVAL = new AggregateFunction("percentile_cont",
            List.of(PgType.INTERVAL, PgType.FLOAT8), PgType.INTERVAL, true, () -> null, Sorted::add, st -> {
                if (st == null) {
                    return null;
                }
                Sorted s = (Sorted) st;
                double row = s.fraction * (s.values.size() - 1);
                int lo = (int) Math.floor(row);
                int hi = (int) Math.ceil(row);
                PgInterval a = (PgInterval) s.values.get(lo);
                PgInterval b = (PgInterval) s.values.get(hi);
                if (lo == hi) {
                    return a;
                }
                PgInterval diff = new PgInterval(b.months() - a.months(), b.days() - a.days(),
                        b.microseconds() - a.microseconds());
                return intervalAdd(a, intervalMultiply(diff, row - lo));
            });

    private static final AggregateFunction PERCENTILE_DISC = new AggregateFunction("percentile_disc",
            List.of(AggregateFunction.ANY_ELEMENT, PgType.FLOAT8), AggregateFunction.ANY_ELEMENT, true, () -> null,
            Sorted::add, st -> {
                if (st == null) {
                    return null;
                }
                Sorted s = (Sorted) st;
                long row = (long) Math.ceil(s.fraction * s.values.size());
                return s.values.get((int) Math.max(0, row - 1));
            });

    /** The most frequent value; between equally frequent ones, the first in the order. */
    private static final AggregateFunction MODE = new AggregateFunction("mode",
            List.of(AggregateFunction.ANY_ELEMENT), AggregateFunction.ANY_ELEMENT, true, () -> null, Sorted::add,
            st -> {
                if (st == null) {
                    return null;
                }
                List<Object> v = ((Sorted) st).values;
                Object best = null;
                int bestRun = 0;
                int i = 0;
                while (i < v.size()) {
                    int j = i + 1;
                    while (j < v.size() && Values.compare(v.get(i), v.get(j)) == 0) {
                        j++;
                    }
                    if (j - i > bestRun) {
                        bestRun = j - i;
                        best = v.get(i);
                    }
                    i = j;
                }
                return best;
            });

    static String name(FunctionCall f) {
        return f.name().get(f.name().size() - 1).value();
    }

    static List<Expr> bindArguments(Binder b, FunctionCall f, Binder.Ctx ctx) {
        List<Expr> args = new ArrayList<>();
        for (FunctionArgument a : f.arguments()) {
            if (a.name() != null) {
                throw Binder.unsupported("named arguments", a.location());
            }
            args.add(b.bind(a.value(), ctx));
        }
        return args;
    }

    static Plan.SortExpr sortExpr(SortItem item, Expr e) {
        if (item.direction() == SortItem.Direction.USING) {
            throw Binder.unsupported("ORDER BY USING", item.location());
        }
        boolean desc = item.direction() == SortItem.Direction.DESC;
        boolean nullsFirst = item.nulls() == SortItem.Nulls.DEFAULT ? desc : item.nulls() == SortItem.Nulls.FIRST;
        return new Plan.SortExpr(e, desc, nullsFirst);
    }

    private static boolean matchesArgument(Expr e, List<Expr> args) {
        for (Expr a : args) {
            if (a.equals(e) || a instanceof Expr.Cast cast && cast.arg().equals(e)) {
                return true;
            }
        }
        return false;
    }

    /** A resolved call: the aggregate, the arguments coerced to its argument types, the result type. */
    record Resolved(AggregateFunction function, List<Expr> args, PgType type) {
    }

    /**
     * PostgreSQL's overload resolution for aggregates: the candidate needing the fewest implicit casts, unknown
     * literals preferring text; then the polymorphic argument and result types.
     */
    static Resolved resolve(Binder b, List<AggregateFunction> candidates, String name, List<Expr> args, int pos) {
        AggregateFunction best = null;
        int bestCost = Integer.MAX_VALUE;
        int ties = 0;
        List<AggregateFunction> live = forUnknownArguments(candidates, args);
        if (live == null) {
            live = List.of();
            ties = 1;
        }
        for (AggregateFunction fn : live) {
            if (fn.argumentTypes().size() != args.size()) {
                continue;
            }
            int cost = 0;
            for (int i = 0; i < args.size() && cost < Integer.MAX_VALUE; i++) {
                int one = cost(args.get(i).type(), fn.argumentTypes().get(i));
                cost = one == Integer.MAX_VALUE ? one : cost + one;
            }
            if (cost < bestCost) {
                best = fn;
                bestCost = cost;
                ties = 0;
            } else if (cost == bestCost && cost < Integer.MAX_VALUE) {
                ties++;
            }
        }
        StringBuilder sig = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) {
            sig.append(i > 0 ? ", " : "").append(Types.displayName(args.get(i).type()));
        }
        sig.append(')');
        if (best == null && ties == 0) {
            throw PgException.builder(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist")
                    .hint("No function matches the given name and argument types. " + CAST_HINT)
                    .position(pos).build();
        }
        if (ties > 0) {
            throw PgException.builder("42725", "function " + sig + " is not unique")
                    .hint("Could not choose a best candidate function. " + CAST_HINT).position(pos).build();
        }
        PgType element = null;
        PgType array = null;
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            PgType want = best.argumentTypes().get(i);
            Expr a = args.get(i);
            if (want.equals(AggregateFunction.ANY)) {
                out.add(Types.isUnknown(a.type()) ? b.coerce(a, PgType.TEXT, pos) : a);
            } else if (AggregateFunction.isPolymorphic(want)) {
                if (Types.isUnknown(a.type())) {
                    throw PgException.builder("42804", "could not determine polymorphic type because input has "
                            + "type unknown").position(pos).build();
                }
                if (want.equals(AggregateFunction.ANY_ARRAY)) {
                    array = a.type();
                    element = b.types().byOid(a.type().elementOid());
                } else {
                    element = a.type();
                }
                out.add(a);
            } else {
                out.add(b.coerce(a, want, pos));
            }
        }
        PgType result = best.resultType();
        if (result.equals(AggregateFunction.ANY_ELEMENT) || result.equals(AggregateFunction.ANY_NON_ARRAY)
                || result.equals(io.pgserve.engine.PseudoTypes.ANY_ENUM)) {
            result = element;
        } else if (result.equals(AggregateFunction.ANY_ARRAY)) {
            if (array == null) {
                try {
                    array = b.types().arrayOf(element);
                } catch (RuntimeException e) {
                    throw PgException.builder(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                            + Types.displayName(element)).position(pos).build();
                }
            }
            result = array;
        }
        if (result == null || AggregateFunction.isPolymorphic(result)) {
            throw PgException.builder("42804", "could not determine polymorphic type of " + name).position(pos)
                    .build();
        }
        if (best == JSONB_AGG && !out.get(0).type().equals(PgType.JSONB)) {
            out = List.of(b.resolveFunction("to_jsonb", out, pos));
        }
        return new Resolved(best, out, result);
    }

    /**
     * PostgreSQL's rule for unknown literals among several candidates: where one is passed, the candidates taking
     * a string there win if there are any; else, when all candidates take one category there, those taking its
     * preferred type; else the call is ambiguous (null).
     */
    private static List<AggregateFunction> forUnknownArguments(List<AggregateFunction> candidates, List<Expr> args) {
        List<AggregateFunction> live = new ArrayList<>();
        for (AggregateFunction fn : candidates) {
            boolean ok = fn.argumentTypes().size() == args.size();
            for (int i = 0; ok && i < args.size(); i++) {
                ok = cost(args.get(i).type(), fn.argumentTypes().get(i)) < Integer.MAX_VALUE;
            }
            if (ok) {
                live.add(fn);
            }
        }
        for (int i = 0; i < args.size() && live.size() > 1; i++) {
            if (!Types.isUnknown(args.get(i).type())) {
                continue;
            }
            int at = i;
            List<AggregateFunction> strings = live.stream().filter(fn -> Types.isString(fn.argumentTypes().get(at)))
                    .toList();
            if (!strings.isEmpty()) {
                live = new ArrayList<>(strings);
                continue;
            }
            long categories = live.stream().map(fn -> fn.argumentTypes().get(at).category()).distinct().count();
            if (categories == 1) {
                List<AggregateFunction> preferred = live.stream()
                        .filter(fn -> Types.isPreferred(fn.argumentTypes().get(at))).toList();
                if (!preferred.isEmpty()) {
                    live = new ArrayList<>(preferred);
                }
            } else {
                return null;
            }
        }
        return live;
    }

    /** The cost of passing a value of type {@code have} as {@code want}: MAX_VALUE when it cannot be. */
    private static int cost(PgType have, PgType want) {
        if (have.equals(want)) {
            return 0;
        }
        if (want.equals(AggregateFunction.ANY)) {
            return 1;
        }
        if (want.equals(AggregateFunction.ANY_ELEMENT)) {
            return 50;
        }
        if (want.equals(AggregateFunction.ANY_ARRAY)) {
            return have.isArray() || Types.isUnknown(have) ? 50 : Integer.MAX_VALUE;
        }
        if (want.equals(AggregateFunction.ANY_NON_ARRAY)) {
            return have.isArray() ? Integer.MAX_VALUE : 50;
        }
        if (want.equals(io.pgserve.engine.PseudoTypes.ANY_ENUM)) {
            return have.category() == 'E' ? 50 : Integer.MAX_VALUE;
        }
        if (Types.isUnknown(have)) {
            return want.equals(PgType.TEXT) ? 1 : Types.isString(want) ? 2 : Types.isPreferred(want) ? 3 : 4;
        }
        if (Types.implicitlyCastable(have, want)) {
            return Types.isPreferred(want) ? 10 : 11 + Types.numericRank(want);
        }
        return Integer.MAX_VALUE;
    }

    // ---------------------------------------------------------------- running state

    /** The running state of one aggregate call in one group (or one window frame). */
    static final class State {
        private final Plan.Aggregate agg;
        private final EvalContext ctx;
        private Object state;
        /** Rows kept until the end, for ORDER BY or DISTINCT inside the aggregate: the arguments, then the sort values. */
        private List<Object[]> buffered;

        State(Plan.Aggregate agg, EvalContext ctx) {
            this.agg = agg;
            this.ctx = ctx;
            this.state = agg.function().initialState().get();
            if (!agg.orderBy().isEmpty() || agg.distinct()) {
                buffered = new ArrayList<>(); // DISTINCT alone feeds the values sorted, as PostgreSQL does
            }
        }

        /** Adds one input row (the FILTER, the arguments and the ORDER BY values are evaluated against it). */
        void add(Object[] row) {
            if (agg.filter() != null && !agg.filter().test(row, ctx)) {
                return;
            }
            int n = agg.args().size();
            Object[] a = new Object[buffered == null ? n : n + agg.orderBy().size()];
            for (int i = 0; i < n; i++) {
                a[i] = agg.args().get(i).eval(row, ctx);
                if (a[i] == null && agg.function().strict()) {
                    return;
                }
            }
            if (buffered != null) {
                for (int j = 0; j < agg.orderBy().size(); j++) {
                    a[n + j] = agg.orderBy().get(j).expr().eval(row, ctx);
                }
                buffered.add(a);
                return;
            }
            transition(a);
        }

        private void transition(Object[] args) {
            try {
                state = agg.function().transition().apply(state, args);
            } catch (PgException | ArithmeticException e) {
                throw e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new PgException(SqlState.INTERNAL_ERROR, String.valueOf(e.getMessage()), e);
            }
        }

        /** The result; after it, with ORDER BY inside the aggregate, no more rows may be added. */
        Object result() {
            if (buffered != null) {
                int n = agg.args().size();
                List<Plan.SortKey> keys = new ArrayList<>();
                for (int j = 0; j < agg.orderBy().size(); j++) {
                    Plan.SortExpr s = agg.orderBy().get(j);
                    keys.add(new Plan.SortKey(n + j, s.descending(), s.nullsFirst()));
                }
                for (int j = 0; agg.orderBy().isEmpty() && j < n; j++) {
                    keys.add(new Plan.SortKey(j, false, false));
                }
                Comparator<Object[]> cmp = Executor.comparator(keys);
                buffered.sort(cmp);
                Set<Values.RowKey> distinct = agg.distinct() ? new HashSet<>() : null;
                for (Object[] a : buffered) {
                    Object[] args = a.length == n ? a : java.util.Arrays.copyOf(a, n);
                    if (distinct == null || distinct.add(Values.RowKey.of(args))) {
                        transition(args);
                    }
                }
                buffered = null;
            }
            Object r;
            try {
                AggregateFunction.Final f = agg.function().finalFunction();
                r = f == null ? state : f.apply(state);
            } catch (PgException | ArithmeticException e) {
                throw e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new PgException(SqlState.INTERNAL_ERROR, String.valueOf(e.getMessage()), e);
            }
            if (r instanceof PgArray a && a.elementOid() == 0 && agg.type().isArray()) {
                r = a.withElementOid(agg.type().elementOid());
            }
            return r;
        }
    }

    // ---------------------------------------------------------------- built-in aggregates

    /** Registers PostgreSQL's common aggregates (the signatures and result types of pg_aggregate). */
    public static void registerAll(FunctionRegistry r) {
        PgType any = AggregateFunction.ANY;
        r.registerAggregate(new AggregateFunction("count", List.of(), PgType.INT8, false, () -> 0L,
                (s, a) -> (Long) s + 1, null));
        r.registerAggregate(new AggregateFunction("count", List.of(any), PgType.INT8, true, () -> 0L,
                (s, a) -> (Long) s + 1, null));
        // sum
        for (PgType t : List.of(PgType.INT2, PgType.INT4)) {
            r.registerAggregate(new AggregateFunction("sum", List.of(t), PgType.INT8, true, () -> null,
                    (s, a) -> {
                        long x = ((Number) a[0]).longValue();
                        if (s == null) {
                            return x;
                        }
                        try {
                            return Math.addExact((Long) s, x);
                        } catch (ArithmeticException e) {
                            throw Casts.outOfRange("bigint");
                        }
                    }, null));
        }
        for (PgType t : List.of(PgType.INT8, PgType.NUMERIC)) {
            r.registerAggregate(new AggregateFunction("sum", List.of(t), PgType.NUMERIC, true, () -> null,
                    (s, a) -> (s == null ? new NumericSum() : (NumericSum) s).add(a[0]),
                    s -> s == null ? null : ((NumericSum) s).sum()));
            r.registerAggregate(new AggregateFunction("avg", List.of(t), PgType.NUMERIC, true, () -> null,
                    (s, a) -> (s == null ? new NumericSum() : (NumericSum) s).add(a[0]),
                    s -> s == null ? null : ((NumericSum) s).avg()));
        }
        for (PgType t : List.of(PgType.INT2, PgType.INT4)) {
            r.registerAggregate(new AggregateFunction("avg", List.of(t), PgType.NUMERIC, true, () -> null,
                    (s, a) -> (s == null ? new NumericSum() : (NumericSum) s).add(a[0]),
                    s -> s == null ? null : ((NumericSum) s).avg()));
        }
        r.registerAggregate(new AggregateFunction("sum", List.of(PgType.FLOAT4), PgType.FLOAT4, true, () -> null,
                (s, a) -> s == null ? a[0] : (Object) ((Float) s + (Float) a[0]), null));
        r.registerAggregate(new AggregateFunction("sum", List.of(PgType.FLOAT8), PgType.FLOAT8, true, () -> null,
                (s, a) -> s == null ? a[0] : (Object) ((Double) s + (Double) a[0]), null));
        for (PgType t : List.of(PgType.FLOAT4, PgType.FLOAT8)) {
            r.registerAggregate(new AggregateFunction("avg", List.of(t), PgType.FLOAT8, true, () -> new double[2],
                    (s, a) -> {
                        double[] d = (double[]) s;
                        d[0]++;
                        d[1] += ((Number) a[0]).doubleValue();
                        return d;
                    }, s -> ((double[]) s)[0] == 0 ? null : ((double[]) s)[1] / ((double[]) s)[0]));
        }
        r.registerAggregate(new AggregateFunction("sum", List.of(PgType.INTERVAL), PgType.INTERVAL, true,
                () -> null, (s, a) -> s == null ? a[0] : intervalAdd((PgInterval) s, (PgInterval) a[0]), null));
        r.registerAggregate(new AggregateFunction("avg", List.of(PgType.INTERVAL), PgType.INTERVAL, true,
                () -> null, (s, a) -> {
                    IntervalSum is = s == null ? new IntervalSum() : (IntervalSum) s;
                    is.sum = intervalAdd(is.sum, (PgInterval) a[0]);
                    is.count++;
                    return is;
                }, s -> s == null ? null : intervalDivide(((IntervalSum) s).sum, ((IntervalSum) s).count)));
        // variance and standard deviation: exact sums for integers and numeric, Youngs-Cramer for floats
        for (String name : List.of("variance", "var_samp", "var_pop", "stddev", "stddev_samp", "stddev_pop")) {
            boolean sample = !name.endsWith("_pop");
            boolean root = name.startsWith("stddev");
            for (PgType t : List.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC)) {
                r.registerAggregate(new AggregateFunction(name, List.of(t), PgType.NUMERIC, true, () -> null,
                        (st, a) -> (st == null ? new Moments() : (Moments) st).add(a[0]),
                        st -> st == null ? null : ((Moments) st).result(sample, root)));
            }
            for (PgType t : List.of(PgType.FLOAT4, PgType.FLOAT8)) {
                r.registerAggregate(new AggregateFunction(name, List.of(t), PgType.FLOAT8, true, () -> new double[3],
                        Aggregates::floatAccumulate, st -> {
                            double[] d = (double[]) st;
                            double n = sample ? d[0] - 1 : d[0];
                            if (n <= 0 && (sample || d[0] == 0)) {
                                return null;
                            }
                            double v = d[2] / n;
                            return root ? Math.sqrt(v) : v;
                        }));
            }
        }
        // min, max
        for (PgType t : List.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC,
                PgType.OID, PgType.TEXT, PgType.BPCHAR, PgType.DATE, PgType.TIME, PgType.TIMETZ, PgType.TIMESTAMP,
                PgType.TIMESTAMPTZ, PgType.INTERVAL, AggregateFunction.ANY_ARRAY,
                io.pgserve.engine.PseudoTypes.ANY_ENUM)) {
            r.registerAggregate(new AggregateFunction("min", List.of(t), t, true, () -> null,
                    (s, a) -> s == null || Values.compare(a[0], s) < 0 ? a[0] : s, null));
            r.registerAggregate(new AggregateFunction("max", List.of(t), t, true, () -> null,
                    (s, a) -> s == null || Values.compare(a[0], s) > 0 ? a[0] : s, null));
        }
        // bitwise
        for (PgType t : List.of(PgType.INT2, PgType.INT4, PgType.INT8)) {
            for (String name : List.of("bit_and", "bit_or", "bit_xor")) {
                r.registerAggregate(new AggregateFunction(name, List.of(t), t, true, () -> null, (st, a) -> {
                    if (st == null) {
                        return a[0];
                    }
                    long x = ((Number) st).longValue();
                    long y = ((Number) a[0]).longValue();
                    long v = name.equals("bit_and") ? x & y : name.equals("bit_or") ? x | y : x ^ y;
                    return Casts.toNumeric(v, t);
                }, null));
            }
        }
        // booleans
        for (String name : List.of("bool_and", "every")) {
            r.registerAggregate(new AggregateFunction(name, List.of(PgType.BOOL), PgType.BOOL, true, () -> null,
                    (s, a) -> s == null ? a[0] : (Object) ((Boolean) s && (Boolean) a[0]), null));
        }
        r.registerAggregate(new AggregateFunction("bool_or", List.of(PgType.BOOL), PgType.BOOL, true, () -> null,
                (s, a) -> s == null ? a[0] : (Object) ((Boolean) s || (Boolean) a[0]), null));
        // string_agg: a NULL value is skipped, a NULL delimiter is empty; the first value gets no delimiter
        r.registerAggregate(new AggregateFunction("string_agg", List.of(PgType.TEXT, PgType.TEXT), PgType.TEXT,
                false, () -> null, (s, a) -> {
                    if (a[0] == null) {
                        return s;
                    }
                    if (s == null) {
                        return new StringBuilder((String) a[0]);
                    }
                    return ((StringBuilder) s).append(a[1] == null ? "" : (String) a[1]).append((String) a[0]);
                }, s -> s == null ? null : s.toString()));
        r.registerAggregate(new AggregateFunction("string_agg", List.of(PgType.BYTEA, PgType.BYTEA), PgType.BYTEA,
                false, () -> null, (s, a) -> {
                    if (a[0] == null) {
                        return s;
                    }
                    ByteArrayOutputStream out = (ByteArrayOutputStream) s;
                    if (out == null) {
                        out = new ByteArrayOutputStream();
                    } else if (a[1] != null) {
                        out.write((byte[]) a[1]);
                    }
                    out.write((byte[]) a[0]);
                    return out;
                }, s -> s == null ? null : ((ByteArrayOutputStream) s).toByteArray()));
        r.registerAggregate(JSONB_AGG);
        // array_agg: NULLs are kept as elements
        r.registerAggregate(new AggregateFunction("array_agg", List.of(AggregateFunction.ANY_NON_ARRAY),
                AggregateFunction.ANY_ARRAY, false, () -> null, (s, a) -> {
                    @SuppressWarnings("unchecked")
                    List<Object> list = s == null ? new ArrayList<>() : (List<Object>) s;
                    list.add(a[0]);
                    return list;
                }, s -> s == null ? null : PgArray.of(0, (List<?>) s)));
        r.registerAggregate(new AggregateFunction("array_agg", List.of(AggregateFunction.ANY_ARRAY),
                AggregateFunction.ANY_ARRAY, false, () -> null, Aggregates::accumulateArray,
                s -> s == null ? null : PgArray.of(0, ((SubArrays) s).items)));
    }

    /** array_agg(anyarray): sub-arrays of one shape. */
    private static final class SubArrays {
        List<Integer> dimensions;
        final List<Object> items = new ArrayList<>();
    }

    /** jsonb_agg(anyelement): its argument is bound as to_jsonb(argument) (see {@link #resolve}). */
    private static final AggregateFunction JSONB_AGG = new AggregateFunction("jsonb_agg",
            List.of(AggregateFunction.ANY_ELEMENT), PgType.JSONB, false, () -> null, (st, a) -> {
                @SuppressWarnings("unchecked")
                List<Object> list = st == null ? new ArrayList<>() : (List<Object>) st;
                list.add(a[0] == null ? io.pgserve.server.internal.types.JsonValues.NULL
                        : io.pgserve.server.internal.types.JsonValues.parse((String) a[0]));
                return list;
            }, st -> st == null ? null : io.pgserve.server.internal.types.JsonValues.write(st));

    private static Object accumulateArray(Object s, Object[] a) {
        if (a[0] == null) {
            throw new PgException("22004", "cannot accumulate null arrays");
        }
        PgArray x = (PgArray) a[0];
        if (x.isEmpty()) {
            throw new PgException("2202E", "cannot accumulate empty arrays");
        }
        SubArrays acc = s == null ? new SubArrays() : (SubArrays) s;
        if (acc.dimensions == null) {
            acc.dimensions = x.dimensions();
        } else if (!acc.dimensions.equals(x.dimensions())) {
            throw new PgException("2202E", "cannot accumulate arrays of different dimensionality");
        }
        acc.items.add(x.toList());
        return acc;
    }

    /** The sum (and count) of integers and numerics: exact, in a long until it would overflow. */
    private static final class NumericSum {
        long count;
        long small;
        BigDecimal big = BigDecimal.ZERO;
        /** NaN or an infinity once one was added (numeric's special values). */
        Double special;

        NumericSum add(Object v) {
            count++;
            if (v instanceof Double d) {
                special = special == null ? d : (Double) Expr.Arithmetic.apply(Expr.ArithOp.ADD, PgType.FLOAT8,
                        special, d);
            } else if (v instanceof BigDecimal d) {
                big = big.add(d);
            } else {
                long x = ((Number) v).longValue();
                long s = small + x;
                if (((small ^ s) & (x ^ s)) < 0) { // overflow: carry on in BigDecimal
                    big = big.add(BigDecimal.valueOf(small)).add(BigDecimal.valueOf(x));
                    small = 0;
                } else {
                    small = s;
                }
            }
            return this;
        }

        Object sum() {
            return special != null ? special : big.add(BigDecimal.valueOf(small));
        }

        Object avg() {
            return special != null ? special : Expr.Arithmetic.divide(big.add(BigDecimal.valueOf(small)),
                    BigDecimal.valueOf(count));
        }
    }

    /** PostgreSQL's float8_accum: count, sum and the sum of squared differences (Youngs-Cramer). */
    private static Object floatAccumulate(Object state, Object[] a) {
        double[] d = (double[]) state;
        double x = ((Number) a[0]).doubleValue();
        double before = d[0];
        d[0] += 1.0;
        d[1] += x;
        if (before > 0.0) {
            double tmp = x * d[0] - d[1];
            d[2] += tmp * tmp / (d[0] * before);
        } else if (Double.isNaN(x) || Double.isInfinite(x)) {
            d[2] = Double.NaN;
        }
        return d;
    }

    /** Count, sum and sum of squares, exact (numeric variance and stddev as PostgreSQL computes them). */
    private static final class Moments {
        long count;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal sumSquares = BigDecimal.ZERO;
        boolean nan;

        Moments add(Object v) {
            count++;
            if (v instanceof Double) {
                nan = true;
                return this;
            }
            BigDecimal x = v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue());
            sum = sum.add(x);
            sumSquares = sumSquares.add(x.multiply(x));
            return this;
        }

        Object result(boolean sample, boolean root) {
            if (count == 0 || sample && count == 1) {
                return null;
            }
            if (nan) {
                return Double.NaN;
            }
            BigDecimal n = BigDecimal.valueOf(count);
            BigDecimal numerator = n.multiply(sumSquares).subtract(sum.multiply(sum));
            if (numerator.signum() <= 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal denominator = n.multiply(sample ? n.subtract(BigDecimal.ONE) : n);
            BigDecimal variance = Expr.Arithmetic.divide(numerator, denominator);
            if (!root) {
                return variance;
            }
            int scale = variance.scale();
            return variance.sqrt(new java.math.MathContext(variance.precision() + Math.max(scale, 0) + 20))
                    .setScale(scale, java.math.RoundingMode.HALF_UP);
        }
    }

    private static final class IntervalSum {
        PgInterval sum = PgInterval.ZERO;
        long count;
    }

    /** interval + interval, field by field (22008 on overflow, as PostgreSQL). */
    static PgInterval intervalAdd(PgInterval a, PgInterval b) {
        try {
            return new PgInterval(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                    Math.addExact(a.microseconds(), b.microseconds()));
        } catch (ArithmeticException e) {
            throw new PgException("22008", "interval out of range");
        }
    }

    /** PostgreSQL's interval_div: fractional months cascade into days (30 a month), fractional days into time. */
    static PgInterval intervalDivide(PgInterval span, double factor) {
        double months = span.months() / factor;
        double days = span.days() / factor;
        int rMonths = (int) months;
        int rDays = (int) days;
        double monthRemainderDays = tsRound((months - rMonths) * 30);
        double secRemainder = tsRound((days - rDays + monthRemainderDays - (int) monthRemainderDays) * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            rDays += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400.0;
        }
        rDays += (int) monthRemainderDays;
        long micros = (long) Math.rint(span.microseconds() / factor + secRemainder * 1_000_000);
        return new PgInterval(rMonths, rDays, micros);
    }

    /** PostgreSQL's interval_mul: fractional months cascade into days (30 a month), fractional days into time. */
    static PgInterval intervalMultiply(PgInterval span, double factor) {
        double months = span.months() * factor;
        double days = span.days() * factor;
        int rMonths = (int) months;
        int rDays = (int) days;
        double monthRemainderDays = (months - rMonths) * 30;
        double secRemainder = tsRound((days - rDays + monthRemainderDays - (int) monthRemainderDays) * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            rDays += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400.0;
        }
        rDays += (int) monthRemainderDays;
        long micros = (long) Math.rint(span.microseconds() * factor + secRemainder * 1_000_000);
        return new PgInterval(rMonths, rDays, micros);
    }

    private static double tsRound(double v) {
        return Math.rint(v * 1_000_000.0) / 1_000_000.0;
    }
}
