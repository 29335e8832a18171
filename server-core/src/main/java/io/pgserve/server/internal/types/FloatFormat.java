package io.pgserve.server.internal.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * float4 and float8 text output as PostgreSQL 15 writes it. With extra_float_digits ≥ 1 the shortest decimal that
 * reads back as the same value (as PostgreSQL's Ryu does: the rounding interval's bounds are excluded, so 1e23 is
 * printed 9.999999999999999e+22), in fixed notation for decimal exponents -4 to 14 (float4: -4 to 5), else as
 * {@code 1.5e-07}. With extra_float_digits ≤ 0, printf's {@code %.Ng} with N = 15 + extra_float_digits (float8) or
 * 6 + extra_float_digits (float4), at least 1.
 */
final class FloatFormat {
    private FloatFormat() {
    }

    private static final double TWO_53 = 9007199254740992.0;
    private static final float TWO_24 = 16777216.0f;

    /** The text of a float8 value. */
    static String float8(double v, int extraFloatDigits) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(v, false);
        }
        return printfG(new BigDecimal(v), v < 0 || isNegativeZero(v), Math.max(1, 15 + extraFloatDigits));
    }

    /** The text of a float4 value. */
    static String float4(float v, int extraFloatDigits) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(v, true);
        }
        return printfG(new BigDecimal(v), v < 0 || isNegativeZero(v), Math.max(1, 6 + extraFloatDigits));
    }

    /**
     * The exact decimal of a float8's (or float4's) shortest form ({@code 0.1} for 0.1d, not 0.1000000000000000055...), which
     * is what numeric takes from a Double.
     */
    static BigDecimal shortestDecimal(double v, boolean single) {
        if (v == 0) {
            return BigDecimal.ZERO;
        }
        Digits d = shortestDigits(Math.abs(v), single);
        BigDecimal r = new BigDecimal(new java.math.BigInteger(d.digits), d.digits.length() - 1 - d.exponent);
        return v < 0 ? r.negate() : r;
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return isNegativeZero(v) ? "-0" : "0";
        }
        return null;
    }

    private static boolean isNegativeZero(double v) {
        return v == 0 && Double.doubleToRawLongBits(v) != 0;
    }

    /** Significant digits (no leading or trailing zeros) and the decimal exponent of the first one. */
    record Digits(String digits, int exponent) {
    }

    private static String shortest(double v, boolean single) {
        Digits d = shortestDigits(Math.abs(v), single);
        return layout(v < 0, d.digits, d.exponent, single ? 6 : 15);
    }

    private static Digits shortestDigits(double abs, boolean single) {
        // Java's own shortest form is right when it has no more digits than the type's DIG (15 or 6): only one
        // decimal of that length reads back as the value. It may not be shortest when longer (JDK-4511638).
        // Subnormals have less precision, so there a shorter form may exist: search from one digit up.
        int dig = single ? 6 : 15;
        boolean subnormal = single ? abs < Float.MIN_NORMAL : abs < Double.MIN_NORMAL;
        boolean big = single ? abs >= TWO_24 : abs >= TWO_53;
        if (!single && abs >= 0.1 && !big) {
            // Most values a result holds: decided in 128-bit integer arithmetic, no string of Java's to read.
            Digits fast = shortestDigitsFixedPoint(abs, (int) Math.floor(Math.log10(abs)));
            if (fast != null) {
                return fast;
            }
        }
        Digits fromJava = fromJavaString(single ? Float.toString((float) abs) : Double.toString(abs));
        if (fromJava.digits.length() <= dig && !subnormal) {
            if (!big || !onBoundary(toDecimal(fromJava), abs, single)) {
                return fromJava;
            }
        }
        return shortestDigitsExact(abs, single);
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * {@link #shortestDigitsExact}'s answer for a float8 in [0.1, 2^53) without BigDecimal: the value times 10^k
     * (k chosen so that its integer part has 18 digits) is exact in 128-bit integer arithmetic, which decides every
     * rounding and every "reads back" test exactly. Null where it does not apply (then the exact search runs).
     *
     * @param exponent10 the decimal exponent of the value's first digit, as Java's string gives it (checked here)
     */
    static Digits shortestDigitsFixedPoint(double abs, int exponent10) {
        long bits = Double.doubleToRawLongBits(abs);
        int biased = (int) (bits >>> 52) & 0x7ff;
        long fraction = bits & ((1L << 52) - 1);
        if (fraction == 0 || biased == 0) {
            return null; // a power of two: the interval below is half as wide; leave it to the exact search
        }
        long m = fraction | (1L << 52);
        int s = 1075 - biased; // abs = m / 2^s
        int k = 17 - exponent10;
        if (s < 0 || s > 60 || k < 2 || k > 18) {
            return null;
        }
        // P = m * 10^k = abs * 10^k * 2^s, exactly, as an unsigned 128-bit (hi, lo).
        long tenK = POW10[k];
        long lo = m * tenK;
        long hi = Math.multiplyHigh(m, tenK); // both factors below 2^63: the signed high word is the unsigned one
        // X = floor(abs * 10^k) and whether anything was cut off.
        if ((s == 0 ? hi : hi >>> s) != 0) {
            return null;
        }
        long x = s == 0 ? lo : (hi << (64 - s)) | (lo >>> s);
        boolean sticky = s > 0 && (lo & ((1L << s) - 1)) != 0;
        if (x < POW10[17] || x >= POW10[18]) {
            return null; // Java's exponent was one off (its digits rounded up to a power of ten)
        }
        long half = tenK / 2; // half an ulp of abs, in units of 10^-k / 2^s
        boolean even = (m & 1) == 0;
        for (int p = 15; p <= 17; p++) {
            long scale = POW10[18 - p];
            long q = x / scale;
            long r = x % scale;
            long halfScale = scale / 2;
            boolean up = r > halfScale || (r == halfScale && (sticky || (q & 1) == 1));
            long c = up ? q + 1 : q;
            boolean below = !up && (r != 0 || sticky); // c < abs
            long y = c * scale;
            if (readsBack(y, s, hi, lo, half, even)) {
                return digitsOf(y, k);
            }
            long other = below ? y + scale : y - scale;
            if (readsBack(other, s, hi, lo, half, even)) {
                return digitsOf(other, k);
            }
        }
        return null;
    }

    /** Whether y * 10^-k reads back as the value m / 2^s, P = m * 10^k = (hi, lo): |y * 2^s - P| below half an ulp. */
    private static boolean readsBack(long y, int s, long hi, long lo, long half, boolean even) {
        long yLo = s == 0 ? y : y << s;
        long yHi = s == 0 ? 0 : y >>> (64 - s);
        // d = y * 2^s - P, 128-bit two's complement
        long dLo = yLo - lo;
        long borrow = Long.compareUnsigned(yLo, lo) < 0 ? 1 : 0;
        long dHi = yHi - hi - borrow;
        if (dHi < 0) { // negate
            dLo = -dLo;
            dHi = ~dHi + (dLo == 0 ? 1 : 0);
        }
        if (dHi != 0) {
            return false;
        }
        int cmp = Long.compareUnsigned(dLo, half);
        return cmp < 0 || (cmp == 0 && even); // a tie reads back as the even neighbour
    }

    /** The significant digits of y * 10^-k and the exponent of the first one. */
    private static Digits digitsOf(long y, int k) {
        while (y % 10 == 0) {
            y /= 10;
            k--;
        }
        String digits = Long.toString(y);
        return new Digits(digits, digits.length() - 1 - k);
    }

    /** The exact search: the shortest decimal that reads back, the nearest of its length (Ryu's answer). */
    static Digits shortestDigitsExact(double abs, boolean single) {
        int dig = single ? 6 : 15;
        boolean subnormal = single ? abs < Float.MIN_NORMAL : abs < Double.MIN_NORMAL;
        boolean big = single ? abs >= TWO_24 : abs >= TWO_53;
        BigDecimal exact = new BigDecimal(abs);
        int max = single ? 9 : 17;
        for (int p = subnormal ? 1 : dig; p <= max; p++) {
            BigDecimal c = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (inInterval(c, abs, single, big)) {
                return fromDecimal(c);
            }
            // At a power of two the interval is lopsided: the nearest p-digit decimal may fall out below while the
            // next one up is still inside.
            BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(c.precision() - c.scale() - p);
            BigDecimal other = c.compareTo(exact) < 0 ? c.add(step) : c.subtract(step);
            if (inInterval(other, abs, single, big)) {
                return fromDecimal(other);
            }
        }
        return fromDecimal(exact.round(new MathContext(max, RoundingMode.HALF_EVEN)));
    }

    private static boolean inInterval(BigDecimal c, double abs, boolean single, boolean big) {
        boolean readsBack = single ? Float.parseFloat(c.toString()) == (float) abs
                : Double.parseDouble(c.toString()) == abs;
        return readsBack && (!big || !onBoundary(c, abs, single));
    }

    /** Whether {@code c} is exactly halfway to a neighbouring value (Ryu leaves the bounds out). */
    private static boolean onBoundary(BigDecimal c, double abs, boolean single) {
        BigDecimal exact = new BigDecimal(abs);
        int cmp = c.compareTo(exact);
        if (cmp == 0) {
            return false;
        }
        double neighbour;
        if (single) {
            float f = (float) abs;
            neighbour = cmp > 0 ? Math.nextUp(f) : Math.nextDown(f);
        } else {
            neighbour = cmp > 0 ? Math.nextUp(abs) : Math.nextDown(abs);
        }
        BigDecimal next = Double.isInfinite(neighbour)
                // past the largest finite value: where the next one would be
                ? exact.add(new BigDecimal(single ? (double) Math.ulp((float) abs) : Math.ulp(abs)))
                : new BigDecimal(neighbour);
        BigDecimal mid = exact.add(next).divide(BigDecimal.valueOf(2));
        return c.compareTo(mid) == 0;
    }

    private static BigDecimal toDecimal(Digits d) {
        return new BigDecimal(new java.math.BigInteger(d.digits), d.digits.length() - 1 - d.exponent);
    }

    private static Digits fromDecimal(BigDecimal c) {
        BigDecimal s = c.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        return new Digits(digits, digits.length() - 1 - s.scale());
    }

    /** Parses Java's "123.45", "1.0E-5", "9.999E22" (positive) into digits and exponent. */
    private static Digits fromJavaString(String s) {
        int e = s.indexOf('E');
        int exp10 = 0;
        String mant = s;
        if (e >= 0) {
            exp10 = Integer.parseInt(s.substring(e + 1));
            mant = s.substring(0, e);
        }
        int dot = mant.indexOf('.');
        String intPart = dot < 0 ? mant : mant.substring(0, dot);
        String frac = dot < 0 ? "" : mant.substring(dot + 1);
        String all = intPart + frac;
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') {
            lead++;
        }
        int trail = all.length();
        while (trail > lead + 1 && all.charAt(trail - 1) == '0') {
            trail--;
        }
        String digits = all.substring(lead, trail);
        int exponent = exp10 + intPart.length() - 1 - lead;
        return new Digits(digits, exponent);
    }

    /** printf's %.{precision}g of an exact value (trailing zeros removed, as without the # flag). */
    private static String printfG(BigDecimal exact, boolean negative, int precision) {
        if (exact.signum() == 0) {
            return negative ? "-0" : "0";
        }
        Digits d = fromDecimal(exact.abs().round(new MathContext(precision, RoundingMode.HALF_EVEN)));
        return layout(negative, d.digits, d.exponent, precision);
    }

    /** Fixed notation for exponents -4 ≤ exp < fixedLimit, else d.ddde±XX. */
    private static String layout(boolean negative, String digits, int exp, int fixedLimit) {
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (negative) {
            sb.append('-');
        }
        int n = digits.length();
        if (exp >= -4 && exp < fixedLimit) {
            if (exp < 0) {
                sb.append("0.");
                for (int i = -1; i > exp; i--) {
                    sb.append('0');
                }
                sb.append(digits);
            } else if (n <= exp + 1) {
                sb.append(digits);
                for (int i = n; i <= exp; i++) {
                    sb.append('0');
                }
            } else {
                sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, n);
            }
        } else {
            sb.append(digits.charAt(0));
            if (n > 1) {
                sb.append('.').append(digits, 1, n);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        }
        return sb.toString();
    }
}
