package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * numeric ↔ BigDecimal (its scale is the display scale: 1.10 stays 1.10), and NaN, Infinity, -Infinity ↔
 * Double.NaN, POSITIVE_INFINITY, NEGATIVE_INFINITY. Binary form as numeric_send: ndigits, weight, sign, dscale
 * and base-10000 digits without leading or trailing zero digits.
 */
final class NumericCodec extends ScalarCodec<Number> {
    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    /** The largest display scale the storage format holds. */
    private static final int DSCALE_MAX = 0x3FFF;
    /** Digits before the decimal point at most: base-10000 weight up to 32767. */
    private static final int INTEGER_DIGITS_MAX = 4 * 32768;

    NumericCodec() {
        super("numeric");
    }

    @Override
    Number coerce(Object value, CodecContext ctx) {
        if (value instanceof BigDecimal d) {
            return check(d.scale() < 0 ? d.setScale(0) : d);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof AtomicInteger || value instanceof AtomicLong) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return check(new BigDecimal(b));
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            }
            BigDecimal exact = FloatFormat.shortestDecimal(d, value instanceof Float);
            return check(exact.scale() < 0 ? exact.setScale(0) : exact);
        }
        if (value instanceof String s) {
            return parse(s, ctx);
        }
        throw wrongType(value, "BigDecimal, BigInteger, Long, Integer, Short, Byte, Double or Float "
                + "(NaN and the infinities too)");
    }

    private static BigDecimal check(BigDecimal d) {
        if (d.scale() > DSCALE_MAX || (d.signum() != 0 && d.precision() - d.scale() > INTEGER_DIGITS_MAX)) {
            throw overflow();
        }
        return d;
    }

    private static PgException overflow() {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }

    @Override
    Number parse(String text, CodecContext ctx) {
        int end = text.length();
        int i = 0;
        while (i < end && isSpace(text.charAt(i))) {
            i++;
        }
        Number special = null;
        if (text.regionMatches(true, i, "NaN", 0, 3)) {
            special = Double.NaN;
            i += 3;
        } else if (text.regionMatches(true, i, "Infinity", 0, 8)) {
            special = Double.POSITIVE_INFINITY;
            i += 8;
        } else if (text.regionMatches(true, i, "+Infinity", 0, 9)) {
            special = Double.POSITIVE_INFINITY;
            i += 9;
        } else if (text.regionMatches(true, i, "-Infinity", 0, 9)) {
            special = Double.NEGATIVE_INFINITY;
            i += 9;
        } else if (text.regionMatches(true, i, "inf", 0, 3)) {
            special = Double.POSITIVE_INFINITY;
            i += 3;
        } else if (text.regionMatches(true, i, "+inf", 0, 4)) {
            special = Double.POSITIVE_INFINITY;
            i += 4;
        } else if (text.regionMatches(true, i, "-inf", 0, 4)) {
            special = Double.NEGATIVE_INFINITY;
            i += 4;
        }
        if (special != null) {
            while (i < end) {
                if (!isSpace(text.charAt(i++))) {
                    throw syntax(text);
                }
            }
            return special;
        }
        // set_var_from_str
        boolean neg = false;
        if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            neg = text.charAt(i) == '-';
            i++;
        }
        boolean haveDot = false;
        if (i < end && text.charAt(i) == '.') {
            haveDot = true;
            i++;
        }
        if (i >= end || !IntegerCodecs.isDigit(text.charAt(i))) {
            throw syntax(text);
        }
        char[] digits = new char[end - i];
        int n = 0;
        int intDigits = 0;
        int fracDigits = 0;
        int firstNonZero = -1;
        while (i < end) {
            char c = text.charAt(i);
            if (IntegerCodecs.isDigit(c)) {
                if (c != '0' && firstNonZero < 0) {
                    firstNonZero = n;
                }
                digits[n++] = c;
                if (haveDot) {
                    fracDigits++;
                } else {
                    intDigits++;
                }
                i++;
            } else if (c == '.') {
                if (haveDot) {
                    throw syntax(text);
                }
                haveDot = true;
                i++;
            } else {
                break;
            }
        }
        long exponent = 0;
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            // strtol: leading spaces, a sign, digits
            while (i < end && isSpace(text.charAt(i))) {
                i++;
            }
            boolean expNeg = false;
            if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                expNeg = text.charAt(i) == '-';
                i++;
            }
            int start = i;
            while (i < end && IntegerCodecs.isDigit(text.charAt(i))) {
                if (exponent < Integer.MAX_VALUE) {
                    exponent = exponent * 10 + (text.charAt(i) - '0');
                }
                i++;
            }
            if (i == start) {
                throw syntax(text);
            }
            if (expNeg) {
                exponent = -exponent;
            }
        }
        while (i < end) {
            if (!isSpace(text.charAt(i++))) {
                throw syntax(text);
            }
        }
        if (exponent >= Integer.MAX_VALUE / 2 || exponent <= -(Integer.MAX_VALUE / 2)) {
            throw overflow();
        }
        int scale = fracDigits - (int) exponent;
        if (scale > DSCALE_MAX) {
            throw overflow();
        }
        if (firstNonZero < 0) {
            return BigDecimal.ZERO.setScale(Math.max(0, scale));
        }
        // decimal exponent of the first significant digit
        long leadExponent = intDigits - firstNonZero - 1 + exponent;
        if (leadExponent >= INTEGER_DIGITS_MAX) {
            throw overflow();
        }
        BigInteger unscaled = new BigInteger(new String(digits, firstNonZero, n - firstNonZero));
        BigDecimal d = new BigDecimal(neg ? unscaled.negate() : unscaled, scale);
        return scale < 0 ? d.setScale(0) : d;
    }

    @Override
    void writeText(Number value, ByteBuf out, CodecContext ctx) {
        if (value instanceof Double d) {
            out.writeCharSequence(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity",
                    StandardCharsets.US_ASCII);
            return;
        }
        out.writeCharSequence(((BigDecimal) value).toPlainString(), StandardCharsets.US_ASCII);
    }

    @Override
    void writeBinary(Number value, ByteBuf out, CodecContext ctx) {
        if (value instanceof Double d) {
            // numeric_send of a special value: no digits, and the display scale its header word yields
            out.writeShort(0).writeShort(0);
            out.writeShort(Double.isNaN(d) ? NUMERIC_NAN : d > 0 ? NUMERIC_PINF : NUMERIC_NINF);
            out.writeShort(Double.isNaN(d) ? 0 : 0x20);
            return;
        }
        BigDecimal v = (BigDecimal) value;
        int dscale = v.scale();
        BigInteger u = v.unscaledValue();
        if (u.signum() == 0) {
            out.writeShort(0).writeShort(0).writeShort(NUMERIC_POS).writeShort(dscale);
            return;
        }
        int sign = u.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS;
        String s = u.abs().toString();
        int pad = (4 - dscale % 4) % 4;
        int len = s.length() + pad;
        int groups = (len + 3) / 4;
        int fracGroups = (dscale + pad) / 4;
        int weight = groups - fracGroups - 1;
        short[] digits = new short[groups];
        int first = len - (groups - 1) * 4;
        int pos = 0;
        for (int g = 0; g < groups; g++) {
            int width = g == 0 ? first : 4;
            int d = 0;
            for (int k = 0; k < width; k++, pos++) {
                d = d * 10 + (pos < s.length() ? s.charAt(pos) - '0' : 0);
            }
            digits[g] = (short) d;
        }
        int lo = 0;
        while (lo < groups && digits[lo] == 0) {
            lo++;
            weight--;
        }
        int hi = groups;
        while (hi > lo && digits[hi - 1] == 0) {
            hi--;
        }
        out.writeShort(hi - lo).writeShort(weight).writeShort(sign).writeShort(dscale);
        for (int g = lo; g < hi; g++) {
            out.writeShort(digits[g]);
        }
    }

    @Override
    Number readBinary(ByteBuf in, CodecContext ctx) {
        if (in.readableBytes() < 8) {
            throw binaryFormat();
        }
        int ndigits = in.readUnsignedShort();
        int weight = in.readShort();
        int sign = in.readUnsignedShort();
        if (sign != NUMERIC_POS && sign != NUMERIC_NEG && sign != NUMERIC_NAN && sign != NUMERIC_PINF
                && sign != NUMERIC_NINF) {
            throw new PgException("22P03", "invalid sign in external \"numeric\" value");
        }
        int dscale = in.readUnsignedShort();
        if ((dscale & DSCALE_MAX) != dscale) {
            throw new PgException("22P03", "invalid scale in external \"numeric\" value");
        }
        if (in.readableBytes() != 2 * ndigits) {
            throw binaryFormat();
        }
        StringBuilder sb = new StringBuilder(ndigits * 4 + 1);
        for (int g = 0; g < ndigits; g++) {
            int d = in.readShort();
            if (d < 0 || d >= 10000) {
                throw new PgException("22P03", "invalid digit in external \"numeric\" value");
            }
            if (g == 0) {
                sb.append(d);
            } else {
                sb.append((char) ('0' + d / 1000)).append((char) ('0' + d / 100 % 10))
                        .append((char) ('0' + d / 10 % 10)).append((char) ('0' + d % 10));
            }
        }
        if (sign == NUMERIC_NAN) {
            return Double.NaN;
        }
        if (sign == NUMERIC_PINF) {
            return Double.POSITIVE_INFINITY;
        }
        if (sign == NUMERIC_NINF) {
            return Double.NEGATIVE_INFINITY;
        }
        if (ndigits == 0) {
            return BigDecimal.ZERO.setScale(dscale);
        }
        BigInteger unscaled = new BigInteger(sb.toString());
        BigDecimal d = new BigDecimal(sign == NUMERIC_NEG ? unscaled.negate() : unscaled,
                4 * (ndigits - 1 - weight));
        // digits past the display scale are truncated away, as numeric_recv does
        d = d.setScale(dscale, RoundingMode.DOWN);
        return d.signum() == 0 ? BigDecimal.ZERO.setScale(dscale) : d;
    }
}
