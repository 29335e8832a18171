package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mathematical functions and operators as PostgreSQL defines them (src/backend/utils/adt/numeric.c, float.c,
 * int.c), numeric results with PostgreSQL's result scales.
 */
final class MathFunctions {
    private static final PgType INT2 = PgType.INT2;
    private static final PgType INT4 = PgType.INT4;
    private static final PgType INT8 = PgType.INT8;
    private static final PgType FLOAT8 = PgType.FLOAT8;
    private static final PgType NUMERIC = PgType.NUMERIC;
    /** PostgreSQL's NUMERIC_MIN_SIG_DIGITS: transcendental numeric results get at least this many digits. */
    private static final int MIN_SIG_DIGITS = 16;
    private static final MathContext WORK = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private MathFunctions() {
    }

    static void register(FunctionRegistry r) {
        for (PgType t : List.of(INT2, INT4)) {
            r.register("abs", List.of(t), t, (c, a) -> Casts.toNumeric(Math.abs(((Number) a[0]).longValue()), t));
        }
        r.register("abs", List.of(INT8), INT8, (c, a) -> {
            long v = (Long) a[0];
            if (v == Long.MIN_VALUE) {
                throw Casts.outOfRange("bigint");
            }
            return Math.abs(v);
        });
        r.register("abs", List.of(PgType.FLOAT4), PgType.FLOAT4, (c, a) -> Math.abs((Float) a[0]));
        r.register("abs", List.of(FLOAT8), FLOAT8, (c, a) -> Math.abs((Double) a[0]));
        r.register("abs", List.of(NUMERIC), NUMERIC, (c, a) -> a[0] instanceof BigDecimal d ? d.abs()
                : (Object) Math.abs(((Number) a[0]).doubleValue()));

        r.register("round", List.of(FLOAT8), FLOAT8, (c, a) -> Math.rint((Double) a[0]));
        r.register("round", List.of(NUMERIC), NUMERIC, (c, a) -> scaled(a[0], 0, RoundingMode.HALF_UP));
        r.register("round", List.of(NUMERIC, INT4), NUMERIC,
                (c, a) -> scaled(a[0], (Integer) a[1], RoundingMode.HALF_UP));
        r.register("trunc", List.of(FLOAT8), FLOAT8, (c, a) -> truncate((Double) a[0]));
        r.register("trunc", List.of(NUMERIC), NUMERIC, (c, a) -> scaled(a[0], 0, RoundingMode.DOWN));
        r.register("trunc", List.of(NUMERIC, INT4), NUMERIC,
                (c, a) -> scaled(a[0], (Integer) a[1], RoundingMode.DOWN));
        for (String name : List.of("ceil", "ceiling")) {
            r.register(name, List.of(FLOAT8), FLOAT8, (c, a) -> Math.ceil((Double) a[0]));
            r.register(name, List.of(NUMERIC), NUMERIC, (c, a) -> scaled(a[0], 0, RoundingMode.CEILING));
        }
        r.register("floor", List.of(FLOAT8), FLOAT8, (c, a) -> Math.floor((Double) a[0]));
        r.register("floor", List.of(NUMERIC), NUMERIC, (c, a) -> scaled(a[0], 0, RoundingMode.FLOOR));
        r.register("sign", List.of(FLOAT8), FLOAT8, (c, a) -> Math.signum((Double) a[0]));
        r.register("sign", List.of(NUMERIC), NUMERIC, (c, a) -> a[0] instanceof BigDecimal d
                ? BigDecimal.valueOf(d.signum()) : a[0]);

        for (PgType t : List.of(INT2, INT4, INT8, NUMERIC)) {
            r.register("mod", List.of(t, t), t, (c, a) -> Expr.Arithmetic.apply(Expr.ArithOp.MOD, t,
                    (Number) a[0], (Number) a[1]));
        }
        r.register("div", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> {
            BigDecimal x = big(a[0]);
            BigDecimal y = big(a[1]);
            if (y.signum() == 0) {
                throw Expr.Arithmetic.divisionByZero();
            }
            return x.divideToIntegralValue(y).setScale(0, RoundingMode.DOWN);
        });
        for (String name : List.of("power", "pow")) {
            r.register(name, List.of(FLOAT8, FLOAT8), FLOAT8, (c, a) -> power((Double) a[0], (Double) a[1]));
            r.register(name, List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> power(big(a[0]), big(a[1])));
        }
        r.register("sqrt", List.of(FLOAT8), FLOAT8, (c, a) -> sqrt((Double) a[0]));
        r.register("sqrt", List.of(NUMERIC), NUMERIC, (c, a) -> sqrt(big(a[0])));
        r.register("cbrt", List.of(FLOAT8), FLOAT8, (c, a) -> Math.cbrt((Double) a[0]));
        r.register("exp", List.of(FLOAT8), FLOAT8, (c, a) -> checkOverflow(Math.exp((Double) a[0]), true));
        r.register("exp", List.of(NUMERIC), NUMERIC, (c, a) -> exp(big(a[0])));
        r.register("ln", List.of(FLOAT8), FLOAT8, (c, a) -> Math.log(logArgument((Double) a[0])));
        r.register("ln", List.of(NUMERIC), NUMERIC, (c, a) -> lnNumeric(big(a[0])));
        for (String name : List.of("log", "log10")) {
            r.register(name, List.of(FLOAT8), FLOAT8, (c, a) -> Math.log10(logArgument((Double) a[0])));
            r.register(name, List.of(NUMERIC), NUMERIC, (c, a) -> log(BigDecimal.TEN, big(a[0])));
        }
        r.register("log", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> log(big(a[0]), big(a[1])));
        r.register("pi", List.of(), FLOAT8, (c, a) -> Math.PI);
        r.register(new Function("random", List.of(), FLOAT8, false, false,
                (c, a) -> ThreadLocalRandom.current().nextDouble()));
        r.register("degrees", List.of(FLOAT8), FLOAT8, (c, a) -> Math.toDegrees((Double) a[0]));
        r.register("radians", List.of(FLOAT8), FLOAT8, (c, a) -> Math.toRadians((Double) a[0]));
        r.register("sin", List.of(FLOAT8), FLOAT8, (c, a) -> Math.sin((Double) a[0]));
        r.register("cos", List.of(FLOAT8), FLOAT8, (c, a) -> Math.cos((Double) a[0]));
        r.register("tan", List.of(FLOAT8), FLOAT8, (c, a) -> Math.tan((Double) a[0]));
        r.register("asin", List.of(FLOAT8), FLOAT8, (c, a) -> Math.asin((Double) a[0]));
        r.register("acos", List.of(FLOAT8), FLOAT8, (c, a) -> Math.acos((Double) a[0]));
        r.register("atan", List.of(FLOAT8), FLOAT8, (c, a) -> Math.atan((Double) a[0]));
        r.register("atan2", List.of(FLOAT8, FLOAT8), FLOAT8, (c, a) -> Math.atan2((Double) a[0], (Double) a[1]));
        for (PgType t : List.of(INT4, INT8)) {
            r.register("gcd", List.of(t, t), t, (c, a) -> Casts.toNumeric(BigInteger.valueOf(((Number) a[0])
                    .longValue()).gcd(BigInteger.valueOf(((Number) a[1]).longValue())), t));
        }
        r.register("width_bucket", List.of(FLOAT8, FLOAT8, FLOAT8, INT4), INT4,
                (c, a) -> widthBucket((Double) a[0], (Double) a[1], (Double) a[2], (Integer) a[3]));
        r.register("width_bucket", List.of(NUMERIC, NUMERIC, NUMERIC, INT4), INT4,
                (c, a) -> widthBucket(big(a[0]).doubleValue(), big(a[1]).doubleValue(), big(a[2]).doubleValue(),
                        (Integer) a[3]));
    }

    static void registerOperators(FunctionRegistry t) {
        Operators.op(t, "^", List.of(FLOAT8, FLOAT8), FLOAT8, (c, a) -> power((Double) a[0], (Double) a[1]));
        Operators.op(t, "^", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> power(big(a[0]), big(a[1])));
        Operators.op(t, "|/", List.of(FLOAT8), FLOAT8, (c, a) -> sqrt((Double) a[0]));
        Operators.op(t, "||/", List.of(FLOAT8), FLOAT8, (c, a) -> Math.cbrt((Double) a[0]));
        for (PgType type : List.of(INT2, INT4, INT8, PgType.FLOAT4, FLOAT8, NUMERIC)) {
            Operators.op(t, "@", List.of(type), type, (c, a) -> Types.isInteger(type)
                    ? Expr.Arithmetic.apply(Expr.ArithOp.MUL, type, (Number) a[0],
                    Long.signum(((Number) a[0]).longValue()) < 0 ? -1 : 1)
                    : a[0] instanceof BigDecimal d ? d.abs() : a[0] instanceof Float f ? (Object) Math.abs(f)
                    : (Object) Math.abs(((Number) a[0]).doubleValue()));
        }
        for (PgType type : List.of(INT2, INT4, INT8)) {
            Operators.op(t, "&", List.of(type, type), type, (c, a) -> Casts.toNumeric(
                    ((Number) a[0]).longValue() & ((Number) a[1]).longValue(), type));
            Operators.op(t, "|", List.of(type, type), type, (c, a) -> Casts.toNumeric(
                    ((Number) a[0]).longValue() | ((Number) a[1]).longValue(), type));
            Operators.op(t, "#", List.of(type, type), type, (c, a) -> Casts.toNumeric(
                    ((Number) a[0]).longValue() ^ ((Number) a[1]).longValue(), type));
            Operators.op(t, "~", List.of(type), type, (c, a) -> Casts.toNumeric(~((Number) a[0]).longValue(), type));
            int bits = type.equals(INT2) ? 16 : type.equals(INT4) ? 32 : 64;
            Operators.op(t, "<<", List.of(type, INT4), type, (c, a) -> narrow(((Number) a[0]).longValue()
                    << (Integer) a[1], bits, type));
            Operators.op(t, ">>", List.of(type, INT4), type, (c, a) -> narrow(((Number) a[0]).longValue()
                    >> (Integer) a[1], bits, type));
        }
    }

    /** Wraps a shifted value to the type's width, as C's shift on the narrower type does. */
    private static Object narrow(long v, int bits, PgType type) {
        return switch (bits) {
            case 16 -> (short) v;
            case 32 -> (int) v;
            default -> v;
        };
    }

    static BigDecimal big(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "NaN and infinity are not supported in this "
                + "numeric function");
    }

    /** round/trunc/ceil/floor of a numeric to {@code digits} decimals (a negative count rounds left of the point). */
    static Object scaled(Object v, int digits, RoundingMode mode) {
        if (!(v instanceof BigDecimal d)) {
            return v; // NaN, infinities
        }
        BigDecimal r = d.setScale(digits, mode);
        return digits < 0 ? r.setScale(0, RoundingMode.UNNECESSARY) : r;
    }

    private static double truncate(double d) {
        return d < 0 ? Math.ceil(d) : Math.floor(d);
    }

    private static Object checkOverflow(double r, boolean underflowToo) {
        if (Double.isInfinite(r)) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return r;
    }

    static double power(double x, double y) {
        if (x == 0 && y < 0) {
            throw new PgException("2201F", "zero raised to a negative power is undefined");
        }
        if (x < 0 && Math.floor(y) != y && !Double.isInfinite(y)) {
            throw new PgException("2201F", "a negative number raised to a non-integer power yields a complex result");
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        if (r == 0 && x != 0 && !Double.isInfinite(y)) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        }
        return r;
    }

    private static double sqrt(double x) {
        if (x < 0) {
            throw new PgException("2201F", "cannot take square root of a negative number");
        }
        return Math.sqrt(x);
    }

    private static double logArgument(double x) {
        if (x == 0) {
            throw new PgException("2201E", "cannot take logarithm of zero");
        }
        if (x < 0) {
            throw new PgException("2201E", "cannot take logarithm of a negative number");
        }
        return x;
    }

    /** The power of ten of the leading digit of a non-zero value. */
    private static int exponent(BigDecimal d) {
        return d.precision() - d.scale() - 1;
    }

    static BigDecimal power(BigDecimal x, BigDecimal y) {
        if (x.signum() == 0 && y.signum() < 0) {
            throw new PgException("2201F", "zero raised to a negative power is undefined");
        }
        boolean integral = y.stripTrailingZeros().scale() <= 0;
        if (x.signum() < 0 && !integral) {
            throw new PgException("2201F", "a negative number raised to a non-integer power yields a complex result");
        }
        if (x.signum() == 0) {
            return y.signum() == 0 ? BigDecimal.ONE.setScale(MIN_SIG_DIGITS) : BigDecimal.ZERO.setScale(MIN_SIG_DIGITS);
        }
        // the result's scale: 16 significant digits from the estimated power of ten of the result (power_var)
        double estimate = y.doubleValue() * Math.log10(x.abs().doubleValue());
        if (estimate > 131072 * 1.0) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        int rscale = MIN_SIG_DIGITS - (int) estimate;
        rscale = Math.max(rscale, Math.max(x.scale(), y.scale()));
        rscale = Math.min(Math.max(rscale, 0), 1000);
        BigDecimal r;
        if (integral && y.abs().compareTo(BigDecimal.valueOf(100000)) < 0) {
            // power_var_int: an integer power keeps 16 decimals, or the base's scale when larger
            rscale = Math.min(Math.max(MIN_SIG_DIGITS, x.scale()), 1000);
            int n = y.toBigInteger().intValueExact();
            MathContext mc = new MathContext(Math.max(rscale + (int) Math.abs(estimate) + 10, 40));
            r = n >= 0 ? x.pow(n, mc) : BigDecimal.ONE.divide(x.pow(-n, mc), mc);
        } else {
            r = expBig(lnBig(x).multiply(y, WORK));
        }
        return r.setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal sqrt(BigDecimal x) {
        if (x.signum() < 0) {
            throw new PgException("2201F", "cannot take square root of a negative number");
        }
        // numeric_sqrt: rscale = 16 - sweight, sweight the result's weight in decimal digits
        int weight = x.signum() == 0 ? 0 : Math.floorDiv(exponent(x), 4);
        int sweight = (weight + 1) * 4 / 2 - 1;
        int rscale = Math.max(MIN_SIG_DIGITS - sweight, x.scale());
        rscale = Math.min(Math.max(rscale, 0), 1000);
        return x.sqrt(new MathContext(rscale + 20)).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal exp(BigDecimal x) {
        double val = x.doubleValue() * 0.434294481903252; // log10(e)
        if (Math.abs(val) > 131072) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        int rscale = MIN_SIG_DIGITS - (int) val;
        rscale = Math.min(Math.max(Math.max(rscale, x.scale()), 0), 1000);
        return expBig(x).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal lnNumeric(BigDecimal x) {
        checkLog(x);
        BigDecimal r = lnBig(x);
        // ln_var's rscale: 16 significant digits from the weight of the result
        int dweight = r.signum() == 0 ? 0 : (int) Math.log10(r.abs().doubleValue());
        int rscale = Math.max(MIN_SIG_DIGITS - dweight, x.scale());
        rscale = Math.min(Math.max(rscale, 0), 1000);
        return r.setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal log(BigDecimal base, BigDecimal x) {
        checkLog(base);
        checkLog(x);
        BigDecimal lnBase = lnBig(base);
        if (lnBase.signum() == 0) {
            throw Expr.Arithmetic.divisionByZero();
        }
        BigDecimal r = lnBig(x).divide(lnBase, WORK);
        int dweight = r.signum() == 0 ? 0 : (int) Math.log10(r.abs().doubleValue());
        int rscale = Math.max(MIN_SIG_DIGITS - dweight, Math.max(base.scale(), x.scale()));
        rscale = Math.min(Math.max(rscale, 0), 1000);
        return r.setScale(rscale, RoundingMode.HALF_UP);
    }

    private static void checkLog(BigDecimal x) {
        if (x.signum() == 0) {
            throw new PgException("2201E", "cannot take logarithm of zero");
        }
        if (x.signum() < 0) {
            throw new PgException("2201E", "cannot take logarithm of a negative number");
        }
    }

    /** e^x to about 40 significant digits: e^x = (e^(x/2^k))^(2^k) with a Taylor series for the small power. */
    private static BigDecimal expBig(BigDecimal x) {
        int k = 0;
        BigDecimal r = x;
        while (r.abs().compareTo(new BigDecimal("0.01")) > 0) {
            r = r.divide(TWO, WORK);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int i = 1; i < 60; i++) {
            term = term.multiply(r, WORK).divide(BigDecimal.valueOf(i), WORK);
            sum = sum.add(term, WORK);
            if (term.abs().compareTo(new BigDecimal("1e-45")) < 0) {
                break;
            }
        }
        MathContext mc = new MathContext(60);
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, mc);
        }
        return sum.round(WORK);
    }

    /** ln(x) for x > 0 to about 40 digits: x = m·10^e, ln m by the series of atanh((m-1)/(m+1)). */
    private static BigDecimal lnBig(BigDecimal x) {
        int e = exponent(x);
        BigDecimal m = x.movePointLeft(e); // 1 <= m < 10
        int halvings = 0;
        while (m.compareTo(new BigDecimal("1.1")) > 0) {
            m = m.sqrt(WORK);
            halvings++;
        }
        BigDecimal z = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), WORK);
        BigDecimal z2 = z.multiply(z, WORK);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = z;
        for (int i = 1; i < 400; i += 2) {
            BigDecimal term = power.divide(BigDecimal.valueOf(i), WORK);
            sum = sum.add(term, WORK);
            if (term.abs().compareTo(new BigDecimal("1e-45")) < 0) {
                break;
            }
            power = power.multiply(z2, WORK);
        }
        BigDecimal lnM = sum.multiply(TWO).multiply(TWO.pow(halvings));
        return lnM.add(LN10.multiply(BigDecimal.valueOf(e)), WORK);
    }

    private static final BigDecimal LN10 = new BigDecimal("2.302585092994045684017991454684364207601101488628772976");

    private static int widthBucket(double operand, double low, double high, int count) {
        if (count <= 0) {
            throw new PgException("2201G", "count must be greater than zero");
        }
        if (low == high) {
            throw new PgException("2201G", "lower bound cannot equal upper bound");
        }
        if (Double.isNaN(operand) || Double.isNaN(low) || Double.isNaN(high)) {
            throw new PgException("2201G", "operand, lower bound, and upper bound cannot be NaN");
        }
        if (low < high) {
            if (operand < low) {
                return 0;
            }
            if (operand >= high) {
                return Math.addExact(count, 1);
            }
            return (int) (count * ((operand - low) / (high - low))) + 1;
        }
        if (operand > low) {
            return 0;
        }
        if (operand <= high) {
            return Math.addExact(count, 1);
        }
        return (int) (count * ((low - operand) / (low - high))) + 1;
    }
}
