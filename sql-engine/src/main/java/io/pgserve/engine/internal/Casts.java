package io.pgserve.engine.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.engine.internal.catalog.RegOid;
import io.pgserve.engine.internal.catalog.RegTypes;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Value conversions between types. Numeric types convert in Java with PostgreSQL's rounding and range errors;
 * everything else goes through text with the type registry's codecs, so there is one set of conversions (the
 * codecs' input and output functions) for the whole project.
 */
public final class Casts {
    private Casts() {
    }

    /** Converts a non-null or null value of type {@code from} to type {@code to}. */
    public static Object cast(Object value, PgType from, PgType to, TypeRegistry types, CodecContext ctx) {
        if (value == null || from.equals(to)) {
            return value;
        }
        if (Composite.isVector(from) && to.isArray() && !Composite.isVector(to)) {
            if (to.elementOid() == from.elementOid()) {
                return value; // int2vector to int2[], oidvector to oid[]: the same array (lower bound 0 kept)
            }
            from = types.arrayOf(types.byOid(from.elementOid()));
        }
        if (Types.isNumeric(to) && Types.isNumeric(from)) {
            return toNumeric(value, to);
        }
        if (Types.isString(to)) {
            if (from.oid() == 1042 && to.oid() != 1042) {
                return rtrim((String) value); // character's trailing blanks are not significant
            }
            if (Types.isString(from) || Types.isUnknown(from)) {
                return value;
            }
            if (from.oid() == PgType.BOOL.oid()) {
                return ((Boolean) value) ? "true" : "false";
            }
            return toText(value, from, types, ctx);
        }
        if (Types.isString(from) || Types.isUnknown(from)) {
            return fromText((String) value, to, types, ctx);
        }
        int f = from.oid();
        int t = to.oid();
        if (f == 1082 && t == 1114) {
            return dateToTimestamp((LocalDate) value);
        }
        if (f == 1082 && t == 1184) {
            return localToUtc(dateToTimestamp((LocalDate) value), ctx.timeZone());
        }
        if (f == 1114 && t == 1184) {
            return localToUtc((LocalDateTime) value, ctx.timeZone());
        }
        if (f == 1184 && t == 1114) {
            return ((OffsetDateTime) value).atZoneSameInstant(ctx.timeZone()).toLocalDateTime();
        }
        if (f == 1114 && t == 1082) {
            return ((LocalDateTime) value).toLocalDate();
        }
        if (f == 1184 && t == 1082) {
            return ((OffsetDateTime) value).atZoneSameInstant(ctx.timeZone()).toLocalDate();
        }
        if (f == 3802 && (Types.isNumeric(to) || t == 16)) {
            return jsonbScalar((String) value, to);
        }
        if (f == 1083 && t == 1186) {
            java.time.LocalTime lt = (java.time.LocalTime) value;
            return new io.pgserve.server.types.PgInterval(0, 0, lt.equals(java.time.LocalTime.MAX)
                    ? 86_400_000_000L : lt.toNanoOfDay() / 1000);
        }
        if (f == 1186 && t == 1083) {
            long us = Math.floorMod(((io.pgserve.server.types.PgInterval) value).microseconds(), 86_400_000_000L);
            return java.time.LocalTime.ofNanoOfDay(us * 1000);
        }
        if (f == 16 && (t == 23)) {
            return ((Boolean) value) ? 1 : 0;
        }
        if (t == 16 && f == 23) {
            return ((Integer) value) != 0;
        }
        if (t == 26 && value instanceof RegOid r) {
            return r.oid();
        }
        if (t == 26 && Types.isInteger(from)) {
            long v = ((Number) value).longValue();
            if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) {
                throw outOfRange("OID");
            }
            return v < 0 ? v + 0x100000000L : v; // int4 -1 is OID 4294967295, as in PostgreSQL
        }
        if (f == 26 && Types.isInteger(to)) {
            long v = (Long) value;
            return toNumeric(t == 23 && v > Integer.MAX_VALUE ? v - 0x100000000L : v, to);
        }
        // through text: output of one type, input of the other
        return fromText(toText(value, from, types, ctx), to, types, ctx);
    }

    /** jsonb to numeric or boolean: only a JSON number (or boolean) converts, as in PostgreSQL 11+. */
    private static Object jsonbScalar(String json, PgType to) {
        Object v = io.pgserve.server.internal.types.JsonValues.parse(json);
        boolean wantBool = to.oid() == 16;
        if (wantBool ? !(v instanceof Boolean) : !(v instanceof BigDecimal)) {
            String kind = v instanceof java.util.Map ? "object" : v instanceof java.util.List ? "array"
                    : v instanceof String ? "string" : v instanceof Boolean ? "boolean"
                    : v instanceof BigDecimal ? "numeric" : "null";
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot cast jsonb " + kind + " to type "
                    + Types.displayName(to));
        }
        return wantBool ? v : toNumeric(v, to);
    }

    private static String rtrim(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == ' ') {
            e--;
        }
        return s.substring(0, e);
    }

    /**
     * An explicit cast's type modifier applied: numeric(p, s) rounds to s decimals (22003 when the digits before
     * the point exceed p - s), varchar(n) truncates to n characters, character(n) truncates or pads with blanks.
     * Other types keep the value.
     */
    static Expr withTypmod(Expr cast, java.util.List<Integer> mods, int pos) {
        PgType type = cast.type();
        int oid = type.oid();
        if (oid == 1700) {
            int precision = mods.get(0);
            int scale = mods.size() > 1 ? mods.get(1) : 0;
            if (precision < 1 || precision > 1000) {
                throw PgException.builder(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC precision " + precision
                        + " must be between 1 and 1000").position(pos).build();
            }
            return modifier(cast, v -> {
                if (!(v instanceof BigDecimal d)) {
                    return v;
                }
                BigDecimal r = d.setScale(scale, RoundingMode.HALF_UP);
                int digitsBefore = r.signum() == 0 ? 0 : r.precision() - r.scale();
                if (digitsBefore > precision - scale) {
                    throw PgException.builder(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                            .detail("A field with precision " + precision + ", scale " + scale + " must round to an "
                                    + "absolute value less than " + (scale < precision ? "10^" + (precision - scale)
                                    : "1") + ".").build();
                }
                return r;
            });
        }
        if (oid == 1043 || oid == 1042) {
            int n = mods.get(0);
            return modifier(cast, v -> {
                String s = (String) v;
                int len = s.codePointCount(0, s.length());
                if (len > n) {
                    return s.substring(0, s.offsetByCodePoints(0, n));
                }
                return oid == 1042 && len < n ? s + " ".repeat(n - len) : s;
            });
        }
        return cast;
    }

    private static Expr modifier(Expr cast, java.util.function.UnaryOperator<Object> fn) {
        io.pgserve.engine.FunctionRegistry.Function f = new io.pgserve.engine.FunctionRegistry.Function(
                "typmod", java.util.List.of(cast.type()), cast.type(), true, false, (c, a) -> fn.apply(a[0]));
        return new Expr.Call(f, java.util.List.of(cast), cast.type());
    }

    /** Whether an explicit cast from {@code from} to {@code to} exists (a CAST is checked against this). */
    public static boolean castable(PgType from, PgType to) {
        if (from.equals(to) || Types.isUnknown(from) || Types.isString(from) || Types.isString(to)) {
            return true;
        }
        if (Types.isNumeric(from) && Types.isNumeric(to) || from.isArray() && to.isArray()) {
            return true;
        }
        int f = from.oid();
        int t = to.oid();
        boolean dt = (f == 1082 || f == 1114 || f == 1184) && (t == 1082 || t == 1114 || t == 1184);
        boolean oid = t == 26 && (Types.isInteger(from) || RegTypes.is(from)) || f == 26 && (t == 23 || t == 20);
        boolean json = (f == 3802 || f == 114) && (Types.isNumeric(to) || t == 16 || t == 3802 || t == 114);
        return dt || oid || json || f == 16 && t == 23 || f == 23 && t == 16 || f == 1184 && t == 1083
                || f == 1114 && t == 1083 || f == 1083 && t == 1186 || f == 1186 && t == 1083;
    }

    /**
     * A local time in a zone as a timestamptz (at UTC), resolved as PostgreSQL does: in a DST gap with the offset
     * before the transition, in an overlap with the offset after it; the infinities stay infinite.
     */
    public static OffsetDateTime localToUtc(LocalDateTime t, java.time.ZoneId zone) {
        if (t.equals(LocalDateTime.MAX)) {
            return OffsetDateTime.MAX;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return OffsetDateTime.MIN;
        }
        return t.atZone(zone).withLaterOffsetAtOverlap().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime dateToTimestamp(LocalDate d) {
        if (d.equals(LocalDate.MAX)) {
            return LocalDateTime.MAX;
        }
        if (d.equals(LocalDate.MIN)) {
            return LocalDateTime.MIN;
        }
        return d.atStartOfDay();
    }

    /** The text output of a value (PostgreSQL's output function, in the session's settings). */
    public static String toText(Object value, PgType type, TypeRegistry types, CodecContext ctx) {
        if (value instanceof String s && (Types.isString(type) || Types.isUnknown(type))) {
            return s;
        }
        Codec codec = types.codec(type);
        if (codec == null) {
            return String.valueOf(value);
        }
        ByteBuf buf = Unpooled.buffer();
        try {
            codec.encodeText(value, buf, ctx);
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    /** A value from its text form (PostgreSQL's input function): 22P02 and friends on bad input. */
    public static Object fromText(String text, PgType type, TypeRegistry types, CodecContext ctx) {
        if (Types.isString(type) || Types.isUnknown(type)) {
            return text;
        }
        Codec codec = types.codec(type);
        if (codec == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert text to type " + type.name());
        }
        ByteBuf buf = Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
        try {
            return codec.decodeText(buf, ctx);
        } finally {
            buf.release();
        }
    }

    /** Converts between numeric types with PostgreSQL's rounding and range checks. */
    public static Object toNumeric(Object value, PgType to) {
        Number n = (Number) value;
        switch (to.oid()) {
            case 21 -> {
                return (short) integral(n, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            }
            case 23 -> {
                return (int) integral(n, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            }
            case 20 -> {
                return integral(n, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            }
            case 700 -> {
                return n instanceof BigDecimal bd ? bd.floatValue() : n.floatValue();
            }
            case 701 -> {
                return n instanceof BigDecimal bd ? bd.doubleValue() : n.doubleValue();
            }
            case 1700 -> {
                if (n instanceof BigDecimal) {
                    return n;
                }
                if (n instanceof Double || n instanceof Float) {
                    double d = n.doubleValue();
                    if (Double.isNaN(d)) {
                        return Double.NaN;
                    }
                    if (Double.isInfinite(d)) {
                        return d;
                    }
                    return n instanceof Float ? new BigDecimal(Float.toString(n.floatValue()))
                            : new BigDecimal(Double.toString(d)).round(new java.math.MathContext(15));
                }
                if (n instanceof BigInteger bi) {
                    return new BigDecimal(bi);
                }
                return BigDecimal.valueOf(n.longValue());
            }
            default -> throw new IllegalArgumentException("not numeric: " + to);
        }
    }

    private static long integral(Number n, long min, long max, String name) {
        long v;
        if (n instanceof BigDecimal bd) {
            BigDecimal r = bd.setScale(0, RoundingMode.HALF_UP);
            if (r.compareTo(BigDecimal.valueOf(min)) < 0 || r.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw outOfRange(name);
            }
            v = r.longValue();
        } else if (n instanceof Double || n instanceof Float) {
            double d = Math.rint(n.doubleValue());
            if (Double.isNaN(d) || d < (double) min || d >= -(double) min) {
                throw outOfRange(name);
            }
            v = (long) d;
        } else {
            v = n.longValue();
        }
        if (v < min || v > max) {
            throw outOfRange(name);
        }
        return v;
    }

    public static PgException outOfRange(String typeName) {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, typeName + " out of range");
    }
}
