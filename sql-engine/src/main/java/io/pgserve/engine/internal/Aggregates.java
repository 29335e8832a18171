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
import java.math.BigInteger;
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
        Collector c = ctx.aggregates();
        if (c == null) {
            throw PgException.builder("42803", ctx.clause() == null ? "aggregate functions are not allowed here"
                    : "aggregate functions are not allowed in " + ctx.clause()).position(pos).build();
        }
        if (c.inAggregate) {
            throw PgException.builder("42803", "aggregate function calls cannot be nested").position(pos).build();
        }
        List<Expr> args;
        List<Plan.SortExpr> order = new ArrayList<>();
        c.inAggregate = true;
        try {
            args = bindArguments(b, f, ctx);
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
        for (AggregateFunction fn : candidates) {
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
        if (best == null) {
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
        if (result.equals(AggregateFunction.ANY_ELEMENT) || result.equals(AggregateFunction.ANY_NON_ARRAY)) {
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
        return new Resolved(best, out, result);
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
        /** Rows kept until the end, for ORDER BY inside the aggregate: the arguments, then the sort values. */
        private List<Object[]> buffered;
        /** DISTINCT without ORDER BY: the argument lists already seen. */
        private Set<Values.RowKey> seen;

        State(Plan.Aggregate agg, EvalContext ctx) {
            this.agg = agg;
            this.ctx = ctx;
            this.state = agg.function().initialState().get();
            if (!agg.orderBy().isEmpty()) {
                buffered = new ArrayList<>();
            } else if (agg.distinct()) {
                seen = new HashSet<>();
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
            if (seen != null && !seen.add(Values.RowKey.of(a))) {
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
        // min, max
        for (PgType t : List.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC,
                PgType.OID, PgType.TEXT, PgType.BPCHAR, PgType.DATE, PgType.TIME, PgType.TIMETZ, PgType.TIMESTAMP,
                PgType.TIMESTAMPTZ, PgType.INTERVAL)) {
            r.registerAggregate(new AggregateFunction("min", List.of(t), t, true, () -> null,
                    (s, a) -> s == null || compare(a[0], s) < 0 ? a[0] : s, null));
            r.registerAggregate(new AggregateFunction("max", List.of(t), t, true, () -> null,
                    (s, a) -> s == null || compare(a[0], s) > 0 ? a[0] : s, null));
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

    /** min/max ordering: the btree order of the type (an interval by its span, a month being 30 days). */
    static int compare(Object a, Object b) {
        if (a instanceof PgInterval x && b instanceof PgInterval y) {
            return span(x).compareTo(span(y));
        }
        return Values.compare(a, b);
    }

    private static BigInteger span(PgInterval i) {
        return BigInteger.valueOf(i.months()).multiply(BigInteger.valueOf(30L * 86_400_000_000L))
                .add(BigInteger.valueOf(i.days()).multiply(BigInteger.valueOf(86_400_000_000L)))
                .add(BigInteger.valueOf(i.microseconds()));
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

    private static double tsRound(double v) {
        return Math.rint(v * 1_000_000.0) / 1_000_000.0;
    }
}
