package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * float4 ↔ Float and float8 ↔ Double. Text input as float4in/float8in with glibc's strtof/strtod: spaces around,
 * decimal and hexadecimal forms, inf/infinity/nan in any case; out of range (including underflow to zero) is 22003.
 * Output per {@link FloatFormat}. NaN's sign bit is kept in the binary form, as PostgreSQL keeps it.
 */
final class FloatCodecs {
    private FloatCodecs() {
    }

    static final ScalarCodec<Double> FLOAT8 = new ScalarCodec<>("double precision") {
        @Override
        Double coerce(Object value, CodecContext ctx) {
            if (value instanceof Double d) {
                return d;
            }
            if (value instanceof String s) {
                return parse(s, ctx);
            }
            if (value instanceof Number n) {
                double d = n.doubleValue();
                if (Double.isInfinite(d) && (n instanceof BigDecimal || n instanceof BigInteger)) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                }
                return d;
            }
            throw wrongType(value, "Double or any Number");
        }

        @Override
        Double parse(String text, CodecContext ctx) {
            return parseFloat(text, false, sqlName);
        }

        @Override
        void writeText(Double value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(FloatFormat.float8(value, ctx.extraFloatDigits()), StandardCharsets.US_ASCII);
        }

        @Override
        void writeBinary(Double value, ByteBuf out, CodecContext ctx) {
            out.writeLong(Double.doubleToRawLongBits(value));
        }

        @Override
        Double readBinary(ByteBuf in, CodecContext ctx) {
            needBytes(in, 8);
            return Double.longBitsToDouble(in.readLong());
        }
    };

    static final ScalarCodec<Float> FLOAT4 = new ScalarCodec<>("real") {
        @Override
        Float coerce(Object value, CodecContext ctx) {
            if (value instanceof Float f) {
                return f;
            }
            if (value instanceof String s) {
                return parse(s, ctx);
            }
            if (value instanceof Number n) {
                double d = n.doubleValue();
                float f = (float) d;
                if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                }
                if (f == 0 && d != 0) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
                }
                if (Double.isInfinite(d) && (n instanceof BigDecimal || n instanceof BigInteger)) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                }
                return f;
            }
            throw wrongType(value, "Float or any Number");
        }

        @Override
        Float parse(String text, CodecContext ctx) {
            double d = parseFloat(text, true, sqlName);
            if (Double.isNaN(d)) {
                return Double.doubleToRawLongBits(d) < 0 ? NEGATIVE_NAN_F : Float.NaN;
            }
            return (float) d;
        }

        @Override
        void writeText(Float value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(FloatFormat.float4(value, ctx.extraFloatDigits()), StandardCharsets.US_ASCII);
        }

        @Override
        void writeBinary(Float value, ByteBuf out, CodecContext ctx) {
            out.writeInt(Float.floatToRawIntBits(value));
        }

        @Override
        Float readBinary(ByteBuf in, CodecContext ctx) {
            needBytes(in, 4);
            return Float.intBitsToFloat(in.readInt());
        }
    };

    private static final double NEGATIVE_NAN = Double.longBitsToDouble(0xfff8000000000000L);
    private static final float NEGATIVE_NAN_F = Float.intBitsToFloat(0xffc00000);

    /**
     * strtod/strtof as glibc does it, inside float8in/float4in's checks. Returns a double that for float4 is
     * already a float value; a NaN's sign is in its bits.
     */
    static double parseFloat(String text, boolean single, String sqlName) {
        int end = text.length();
        int i = 0;
        while (i < end && ScalarCodec.isSpace(text.charAt(i))) {
            i++;
        }
        if (i == end) {
            throw syntax(text, sqlName);
        }
        int numStart = i;
        boolean neg = false;
        int p = i;
        if (text.charAt(p) == '+' || text.charAt(p) == '-') {
            neg = text.charAt(p) == '-';
            p++;
        }
        double value;
        boolean nonZeroDigit = false;
        int numEnd;
        if (text.regionMatches(true, p, "infinity", 0, 8)) {
            value = neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            numEnd = p + 8;
        } else if (text.regionMatches(true, p, "inf", 0, 3)) {
            value = neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            numEnd = p + 3;
        } else if (text.regionMatches(true, p, "nan", 0, 3)) {
            numEnd = p + 3;
            // glibc also takes nan(chars)
            if (numEnd < end && text.charAt(numEnd) == '(') {
                int q = numEnd + 1;
                while (q < end && (Character.isLetterOrDigit(text.charAt(q)) && text.charAt(q) < 128
                        || text.charAt(q) == '_')) {
                    q++;
                }
                if (q < end && text.charAt(q) == ')') {
                    numEnd = q + 1;
                }
            }
            value = neg ? NEGATIVE_NAN : Double.NaN;
        } else if (p + 1 < end && text.charAt(p) == '0' && (text.charAt(p + 1) == 'x' || text.charAt(p + 1) == 'X')
                && hexStart(text, p + 2)) {
            int q = p + 2;
            StringBuilder hex = new StringBuilder("0x");
            while (q < end && Character.digit(text.charAt(q), 16) >= 0 && text.charAt(q) < 128) {
                nonZeroDigit |= text.charAt(q) != '0';
                hex.append(text.charAt(q++));
            }
            if (q < end && text.charAt(q) == '.') {
                hex.append('.');
                q++;
                while (q < end && Character.digit(text.charAt(q), 16) >= 0 && text.charAt(q) < 128) {
                    nonZeroDigit |= text.charAt(q) != '0';
                    hex.append(text.charAt(q++));
                }
            }
            int exp = exponent(text, q, 'p');
            if (exp > q) {
                hex.append(text, q, exp);
                q = exp;
            } else {
                hex.append("p0");
            }
            numEnd = q;
            String h = (neg ? "-" : "") + hex;
            value = single ? Float.parseFloat(h) : Double.parseDouble(h);
        } else {
            int q = p;
            int digits = 0;
            while (q < end && IntegerCodecs.isDigit(text.charAt(q))) {
                nonZeroDigit |= text.charAt(q) != '0';
                q++;
                digits++;
            }
            if (q < end && text.charAt(q) == '.') {
                q++;
                while (q < end && IntegerCodecs.isDigit(text.charAt(q))) {
                    nonZeroDigit |= text.charAt(q) != '0';
                    q++;
                    digits++;
                }
            }
            if (digits == 0) {
                throw syntax(text, sqlName);
            }
            q = exponent(text, q, 'e');
            numEnd = q;
            String num = text.substring(numStart, numEnd);
            value = single ? Float.parseFloat(num) : Double.parseDouble(num);
        }
        int t = numEnd;
        while (t < end && ScalarCodec.isSpace(text.charAt(t))) {
            t++;
        }
        if (t != end) {
            throw syntax(text, sqlName);
        }
        if (nonZeroDigit && (value == 0 || Double.isInfinite(value))) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text.substring(numStart, numEnd) + "\" is out of range for type " + sqlName);
        }
        return value;
    }

    private static boolean hexStart(String text, int i) {
        if (i < text.length() && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 128) {
            return true;
        }
        return i + 1 < text.length() && text.charAt(i) == '.' && Character.digit(text.charAt(i + 1), 16) >= 0
                && text.charAt(i + 1) < 128;
    }

    /** The index after an exponent ([eE] or [pP], optional sign, digits) at {@code i}, or {@code i} if none. */
    private static int exponent(String text, int i, char letter) {
        int end = text.length();
        if (i < end && Character.toLowerCase(text.charAt(i)) == letter) {
            int q = i + 1;
            if (q < end && (text.charAt(q) == '+' || text.charAt(q) == '-')) {
                q++;
            }
            int digitsStart = q;
            while (q < end && IntegerCodecs.isDigit(text.charAt(q))) {
                q++;
            }
            if (q > digitsStart) {
                return q;
            }
        }
        return i;
    }

    private static PgException syntax(String text, String sqlName) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + sqlName + ": \"" + text + "\"");
    }
}
