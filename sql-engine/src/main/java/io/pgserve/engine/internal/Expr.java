package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionRegistry;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.NodeLocation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A bound, typed expression, evaluated against a row of its input. Implementations are records, so two bound
 * expressions are equal when they compute the same thing (GROUP BY matching relies on it; locations never count,
 * as {@link NodeLocation#equals} is always true).
 */
public interface Expr {
    PgType type();

    Object eval(Object[] row, EvalContext ctx);

    /** Whether the expression reads no column (a constant, a parameter, a stable function of constants). */
    default boolean isConstant() {
        return false;
    }

    /** Evaluates a boolean expression: TRUE only (NULL and FALSE are both "no"). */
    default boolean test(Object[] row, EvalContext ctx) {
        return Boolean.TRUE.equals(eval(row, ctx));
    }

    record Const(Object value, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return value;
        }

        @Override
        public boolean isConstant() {
            return true;
        }
    }

    record Param(int index, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return ctx.parameter(index);
        }

        @Override
        public boolean isConstant() {
            return true;
        }
    }

    /** A column of the input row. */
    record Column(int index, PgType type, String name, NodeLocation location) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return row[index];
        }
    }

    record Cast(Expr arg, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return Casts.cast(arg.eval(row, ctx), arg.type(), type, ctx.types(), ctx.codecContext());
        }

        @Override
        public boolean isConstant() {
            return arg.isConstant();
        }
    }

    /**
     * An explicit cast's type modifier ({@code x::numeric(10,2)}, or -1 for {@code x::varchar}): the value is
     * {@code arg}'s (which already fits it); the modifier is what the result column reports.
     */
    record Typmod(Expr arg, int typmod) implements Expr {
        @Override
        public PgType type() {
            return arg.type();
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return arg.eval(row, ctx);
        }

        @Override
        public boolean isConstant() {
            return arg.isConstant();
        }
    }

    record Call(FunctionRegistry.Function function, List<Expr> args, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i).eval(row, ctx);
                if (values[i] == null && function.strict()) {
                    return null;
                }
            }
            try {
                return function.implementation().apply(ctx, values);
            } catch (PgException | ArithmeticException e) {
                throw e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new PgException(SqlState.INTERNAL_ERROR, String.valueOf(e.getMessage()), e);
            }
        }
    }

    enum ArithOp { ADD, SUB, MUL, DIV, MOD }

    record Arith(ArithOp op, Expr left, Expr right, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object a = left.eval(row, ctx);
            if (a == null) {
                return null;
            }
            Object b = right.eval(row, ctx);
            if (b == null) {
                return null;
            }
            return Arithmetic.apply(op, type, (Number) a, (Number) b);
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }

    record Negate(Expr arg, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object a = arg.eval(row, ctx);
            return a == null ? null : Arithmetic.negate(type, (Number) a);
        }
    }

    enum CmpOp {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        CmpOp(String symbol) {
            this.symbol = symbol;
        }

        boolean test(int c) {
            return switch (this) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }

        CmpOp commute() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }
    }

    record Compare(CmpOp op, Expr left, Expr right) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object a = left.eval(row, ctx);
            if (a == null) {
                return null;
            }
            Object b = right.eval(row, ctx);
            if (b == null) {
                return null;
            }
            return op.test(Values.compare(a, b));
        }
    }

    record And(List<Expr> args) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            boolean sawNull = false;
            for (Expr e : args) {
                Object v = e.eval(row, ctx);
                if (v == null) {
                    sawNull = true;
                } else if (!(Boolean) v) {
                    return false;
                }
            }
            return sawNull ? null : true;
        }
    }

    record Or(List<Expr> args) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            boolean sawNull = false;
            for (Expr e : args) {
                Object v = e.eval(row, ctx);
                if (v == null) {
                    sawNull = true;
                } else if ((Boolean) v) {
                    return true;
                }
            }
            return sawNull ? null : false;
        }
    }

    record Not(Expr arg) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object v = arg.eval(row, ctx);
            return v == null ? null : !(Boolean) v;
        }
    }

    record IsNull(Expr arg, boolean negated) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return (arg.eval(row, ctx) == null) != negated;
        }
    }

    /** IS [NOT] TRUE / FALSE / UNKNOWN. {@code value} null means UNKNOWN. */
    record BoolTest(Expr arg, Boolean value, boolean negated) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object v = arg.eval(row, ctx);
            boolean r = value == null ? v == null : value.equals(v);
            return r != negated;
        }
    }

    record DistinctFrom(Expr left, Expr right, boolean negated) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object a = left.eval(row, ctx);
            Object b = right.eval(row, ctx);
            boolean distinct = a == null || b == null ? (a == null) != (b == null) : Values.compare(a, b) != 0;
            return distinct != negated;
        }
    }

    /** x IN (v1, v2...): operand and values of one type. */
    record In(Expr operand, List<Expr> values, boolean negated) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object a = operand.eval(row, ctx);
            if (a == null) {
                return null;
            }
            boolean sawNull = false;
            for (Expr e : values) {
                Object b = e.eval(row, ctx);
                if (b == null) {
                    sawNull = true;
                } else if (Values.compare(a, b) == 0) {
                    return !negated;
                }
            }
            return sawNull ? null : negated;
        }
    }

    record When(Expr condition, Expr result) {
    }

    record Case(List<When> whens, Expr otherwise, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            for (When w : whens) {
                if (w.condition().test(row, ctx)) {
                    return w.result().eval(row, ctx);
                }
            }
            return otherwise == null ? null : otherwise.eval(row, ctx);
        }
    }

    record Coalesce(List<Expr> args, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            for (Expr e : args) {
                Object v = e.eval(row, ctx);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }

    record NullIf(Expr left, Expr right, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object a = left.eval(row, ctx);
            Object b = right.eval(row, ctx);
            return a != null && b != null && Values.compare(a, b) == 0 ? null : a;
        }
    }

    record MinMax(boolean greatest, List<Expr> args, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object best = null;
            for (Expr e : args) {
                Object v = e.eval(row, ctx);
                if (v != null && (best == null || (Values.compare(v, best) > 0) == greatest
                        && Values.compare(v, best) != 0)) {
                    best = v;
                }
            }
            return best;
        }
    }

    /**
     * {@code (a1, a2...) < (b1, b2...)} and the other orderings: the first pair that is not equal decides (NULL when
     * that pair has a NULL); all equal, the ordering's own equality case.
     */
    record RowOrder(List<Expr> equal, List<Expr> ordered, CmpOp op) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            for (int i = 0; i < equal.size(); i++) {
                Object eq = equal.get(i).eval(row, ctx);
                if (eq == null) {
                    return null;
                }
                if (!(Boolean) eq) {
                    return ordered.get(i).eval(row, ctx);
                }
            }
            return op == CmpOp.LE || op == CmpOp.GE;
        }
    }

    record Like(Expr operand, Expr pattern, Expr escape, boolean caseInsensitive, boolean negated)
            implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object s = operand.eval(row, ctx);
            Object p = pattern.eval(row, ctx);
            if (s == null || p == null) {
                return null;
            }
            String esc = "\\";
            if (escape != null) {
                Object e = escape.eval(row, ctx);
                if (e == null) {
                    return null;
                }
                esc = (String) e;
            }
            return LikePatterns.matches((String) s, (String) p, esc, caseInsensitive) != negated;
        }
    }

    /** LIKE pattern to regular expression, with a small cache for the patterns of a statement. */
    final class LikePatterns {
        private static final java.util.Map<String, Pattern> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        private LikePatterns() {
        }

        /**
         * Whether {@code s} is LIKE {@code like}. A pattern ending with the escape character is an error only when
         * matching gets there with text left (PostgreSQL's MatchText); otherwise it does not match.
         */
        static boolean matches(String s, String like, String escape, boolean ci) {
            if (escape.length() == 1 && endsWithEscape(like, escape.charAt(0))) {
                Pattern prefix = compile(like.substring(0, like.length() - 1) + "%", escape, ci);
                Pattern exact = compile(like.substring(0, like.length() - 1), escape, ci);
                if (prefix.matcher(s).matches() && !exact.matcher(s).matches()) {
                    throw PgException.builder("22025", "LIKE pattern must not end with escape character").build();
                }
                return false;
            }
            return compile(like, escape, ci).matcher(s).matches();
        }

        private static boolean endsWithEscape(String like, char escape) {
            boolean escaped = false;
            for (int i = 0; i < like.length(); i++) {
                escaped = !escaped && like.charAt(i) == escape;
            }
            return escaped;
        }

        static Pattern compile(String like, String escape, boolean ci) {
            String key = (ci ? "i" : "s") + escape.length() + escape + like;
            Pattern p = CACHE.get(key);
            if (p != null) {
                return p;
            }
            if (escape.length() > 1) {
                throw new PgException("22025", "invalid escape string");
            }
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < like.length(); i++) {
                char c = like.charAt(i);
                if (!escape.isEmpty() && c == escape.charAt(0)) {
                    if (++i >= like.length()) {
                        throw PgException.builder("22025", "LIKE pattern must not end with escape character")
                                .build();
                    }
                    re.append(Pattern.quote(String.valueOf(like.charAt(i))));
                } else if (c == '%') {
                    re.append(".*");
                } else if (c == '_') {
                    re.append('.');
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            p = Pattern.compile(re.toString(), Pattern.DOTALL | (ci ? Pattern.CASE_INSENSITIVE : 0));
            if (CACHE.size() > 1000) {
                CACHE.clear();
            }
            CACHE.put(key, p);
            return p;
        }
    }

    /** PostgreSQL's arithmetic with its overflow and division-by-zero errors. */
    final class Arithmetic {
        private Arithmetic() {
        }

        static Object apply(ArithOp op, PgType type, Number a, Number b) {
            switch (type.oid()) {
                case 21, 23, 20 -> {
                    long x = a.longValue();
                    long y = b.longValue();
                    long r;
                    try {
                        r = switch (op) {
                            case ADD -> Math.addExact(x, y);
                            case SUB -> Math.subtractExact(x, y);
                            case MUL -> Math.multiplyExact(x, y);
                            case DIV -> {
                                if (y == 0) {
                                    throw divisionByZero();
                                }
                                if (x == Long.MIN_VALUE && y == -1) {
                                    throw new ArithmeticException();
                                }
                                yield x / y;
                            }
                            case MOD -> {
                                if (y == 0) {
                                    throw divisionByZero();
                                }
                                yield y == -1 ? 0 : x % y;
                            }
                        };
                    } catch (ArithmeticException e) {
                        throw Casts.outOfRange(Types.displayName(type));
                    }
                    return Casts.toNumeric(r, type);
                }
                case 1700 -> {
                    if (a instanceof Double || b instanceof Double) {
                        return Double.NaN; // NaN (or infinity) in, NaN out: the common case
                    }
                    BigDecimal x = (BigDecimal) a;
                    BigDecimal y = (BigDecimal) b;
                    return switch (op) {
                        case ADD -> x.add(y);
                        case SUB -> x.subtract(y);
                        case MUL -> x.multiply(y);
                        case DIV -> divide(x, y);
                        case MOD -> {
                            if (y.signum() == 0) {
                                throw divisionByZero();
                            }
                            yield x.remainder(y);
                        }
                    };
                }
                case 700, 701 -> {
                    double x = a.doubleValue();
                    double y = b.doubleValue();
                    double r = switch (op) {
                        case ADD -> x + y;
                        case SUB -> x - y;
                        case MUL -> x * y;
                        case DIV -> {
                            if (y == 0) {
                                throw divisionByZero();
                            }
                            yield x / y;
                        }
                        case MOD -> throw new PgException(SqlState.UNDEFINED_FUNCTION,
                                "operator does not exist: double precision % double precision");
                    };
                    if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
                        throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                    }
                    return type.oid() == 700 ? (Object) (float) r : (Object) r;
                }
                default -> throw new IllegalStateException("no arithmetic for " + type);
            }
        }

        static Object negate(PgType type, Number a) {
            return switch (type.oid()) {
                case 21, 23, 20 -> {
                    if (a.longValue() == Long.MIN_VALUE) {
                        throw Casts.outOfRange("bigint");
                    }
                    yield Casts.toNumeric(-a.longValue(), type);
                }
                case 1700 -> a instanceof BigDecimal d ? d.negate() : (Object) (-a.doubleValue());
                case 700 -> -a.floatValue();
                default -> -a.doubleValue();
            };
        }

        /** numeric division with PostgreSQL's result scale (select_div_scale). */
        static BigDecimal divide(BigDecimal x, BigDecimal y) {
            if (y.signum() == 0) {
                throw divisionByZero();
            }
            int scale;
            if (x.signum() == 0) {
                scale = Math.max(Math.max(x.scale(), y.scale()), 0);
            } else {
                int w1 = weight(x);
                int w2 = weight(y);
                int qweight = w1 - w2;
                if (firstDigit(x, w1) <= firstDigit(y, w2)) {
                    qweight--;
                }
                scale = 16 - qweight * 4;
                scale = Math.max(scale, Math.max(x.scale(), y.scale()));
                scale = Math.min(Math.max(scale, 0), 1000);
            }
            return x.divide(y, scale, RoundingMode.HALF_UP);
        }

        private static int weight(BigDecimal d) {
            int e = d.precision() - d.scale() - 1; // power of ten of the leading digit
            return Math.floorDiv(e, 4);
        }

        private static int firstDigit(BigDecimal d, int weight) {
            BigInteger v = d.abs().movePointLeft(weight * 4).setScale(0, RoundingMode.DOWN).toBigInteger();
            return v.intValue();
        }

        static PgException divisionByZero() {
            return new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
    }
}
