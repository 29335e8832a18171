package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** The first set of built-in functions. */
public final class BuiltinFunctions {
    private BuiltinFunctions() {
    }

    public static void registerAll(FunctionRegistry r) {
        PgType text = PgType.TEXT;
        // memdb's lc_ctype is C: PostgreSQL then maps case of ASCII letters only (lower('É') is 'É').
        r.register("lower", List.of(text), text, (c, a) -> asciiCase((String) a[0], false));
        r.register("upper", List.of(text), text, (c, a) -> asciiCase((String) a[0], true));
        r.register("length", List.of(text), PgType.INT4, (c, a) -> ((String) a[0]).codePointCount(0,
                ((String) a[0]).length()));
        r.register("char_length", List.of(text), PgType.INT4, (c, a) -> ((String) a[0]).codePointCount(0,
                ((String) a[0]).length()));
        for (String name : List.of("substring", "substr")) {
            r.register(name, List.of(text, PgType.INT4), text,
                    (c, a) -> substring((String) a[0], (Integer) a[1], Integer.MAX_VALUE));
            r.register(name, List.of(text, PgType.INT4, PgType.INT4), text,
                    (c, a) -> substring((String) a[0], (Integer) a[1], (Integer) a[2]));
        }
        r.register("abs", List.of(PgType.INT2), PgType.INT2, (c, a) -> Casts.toNumeric(Math.abs((long) (Short) a[0]), PgType.INT2));
        r.register("abs", List.of(PgType.INT4), PgType.INT4, (c, a) -> Casts.toNumeric(Math.abs((long) (Integer) a[0]), PgType.INT4));
        r.register("abs", List.of(PgType.INT8), PgType.INT8, (c, a) -> {
            long v = (Long) a[0];
            if (v == Long.MIN_VALUE) {
                throw Casts.outOfRange("bigint");
            }
            return Math.abs(v);
        });
        r.register("abs", List.of(PgType.NUMERIC), PgType.NUMERIC,
                (c, a) -> a[0] instanceof BigDecimal d ? d.abs() : (Object) Math.abs(((Number) a[0]).doubleValue()));
        r.register("abs", List.of(PgType.FLOAT8), PgType.FLOAT8, (c, a) -> Math.abs((Double) a[0]));
        r.register("round", List.of(PgType.FLOAT8), PgType.FLOAT8, (c, a) -> Math.rint((Double) a[0]));
        r.register("round", List.of(PgType.NUMERIC), PgType.NUMERIC, (c, a) -> round(a[0], 0));
        r.register("round", List.of(PgType.NUMERIC, PgType.INT4), PgType.NUMERIC, (c, a) -> round(a[0], (Integer) a[1]));
        registerStringFunctions(r);
        r.register("now", List.of(), PgType.TIMESTAMPTZ, (c, a) -> c.transactionStart());
        r.register("version", List.of(), text, (c, a) -> "PostgreSQL "
                + (c.session() == null ? "15.0" : c.session().parameter("server_version").orElse("15.0"))
                + " (pgserve sql-engine)");
        r.register("current_database", List.of(), PgType.NAME,
                (c, a) -> c.session() == null ? "postgres" : c.session().database());
        r.register("current_schema", List.of(), PgType.NAME, (c, a) -> c.currentSchema());
        r.register("current_user", List.of(), PgType.NAME,
                (c, a) -> c.session() == null ? "postgres" : c.session().user());
        registerSequenceFunctions(r, text);
    }

    /** nextval, currval, setval, lastval over the catalog's sequences (a session's currval is its own). */
    private static void registerSequenceFunctions(FunctionRegistry r, PgType text) {
        r.register(new Function("nextval", List.of(text), PgType.INT8, true, false,
                (c, a) -> sequence(c, a[0], (e, s, n) -> e.nextval(c.session(), s, n))));
        r.register(new Function("currval", List.of(text), PgType.INT8, true, false,
                (c, a) -> sequence(c, a[0], (e, s, n) -> e.currval(c.session(), s, n))));
        r.register(new Function("setval", List.of(text, PgType.INT8), PgType.INT8, true, false,
                (c, a) -> sequence(c, a[0], (e, s, n) -> e.setval(c.session(), s, n, (Long) a[1], true))));
        r.register(new Function("setval", List.of(text, PgType.INT8, PgType.BOOL), PgType.INT8, true, false,
                (c, a) -> sequence(c, a[0], (e, s, n) -> e.setval(c.session(), s, n, (Long) a[1], (Boolean) a[2]))));
        r.register(new Function("lastval", List.of(), PgType.INT8, true, false,
                (c, a) -> editor(c).lastval(c.session())));
    }

    private interface SequenceCall {
        long apply(SchemaEditor editor, String schema, String name);
    }

    private static SchemaEditor editor(FunctionContext c) {
        SchemaEditor editor = c.catalog().schemaEditor();
        if (editor == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "sequences are not supported");
        }
        return editor;
    }

    private static Object sequence(FunctionContext c, Object arg, SequenceCall call) {
        SchemaEditor editor = editor(c);
        String name = (String) arg;
        int dot = name.indexOf('.');
        if (dot >= 0) {
            return call.apply(editor, name.substring(0, dot), name.substring(dot + 1));
        }
        return call.apply(editor, c.currentSchema(), name);
    }

    static String substring(String s, int start, int count) {
        if (count < 0) {
            throw new PgException("22011", "negative substring length not allowed");
        }
        int len = s.codePointCount(0, s.length());
        long end = (long) start + count;
        int from = Math.max(start, 1);
        long to = Math.min(end, len + 1L);
        if (to <= from) {
            return "";
        }
        int b = s.offsetByCodePoints(0, from - 1);
        int e = s.offsetByCodePoints(0, (int) to - 1);
        return s.substring(b, e);
    }

    static Object round(Object v, int digits) {
        if (!(v instanceof BigDecimal d)) {
            return v; // NaN, infinities
        }
        BigDecimal r = d.setScale(digits, RoundingMode.HALF_UP);
        return digits < 0 ? r.setScale(0, RoundingMode.UNNECESSARY) : r;
    }

    /** Case mapping of ASCII letters only, as PostgreSQL does under the C locale. */
    static String asciiCase(String s, boolean upper) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char ch = chars[i];
            if (upper && ch >= 'a' && ch <= 'z') {
                chars[i] = (char) (ch - 32);
            } else if (!upper && ch >= 'A' && ch <= 'Z') {
                chars[i] = (char) (ch + 32);
            }
        }
        return new String(chars);
    }

    /** String functions as PostgreSQL defines them (src/backend/utils/adt/varlena.c, oracle_compat.c). */
    private static void registerStringFunctions(FunctionRegistry r) {
        PgType text = PgType.TEXT;
        PgType int4 = PgType.INT4;
        r.register("split_part", List.of(text, text, int4), text, (c, a) -> splitPart((String) a[0], (String) a[1],
                (Integer) a[2]));
        // concat and concat_ws skip NULL arguments (they are not strict).
        r.register(new Function("concat", List.of(text), text, false, true, (c, a) -> join("", a, 0)));
        r.register(new Function("concat_ws", List.of(text, text), text, false, true,
                (c, a) -> a[0] == null ? null : join((String) a[0], a, 1)));
        r.register("left", List.of(text, int4), text, (c, a) -> left((String) a[0], (Integer) a[1]));
        r.register("right", List.of(text, int4), text, (c, a) -> right((String) a[0], (Integer) a[1]));
        r.register("lpad", List.of(text, int4), text, (c, a) -> pad((String) a[0], (Integer) a[1], " ", true));
        r.register("lpad", List.of(text, int4, text), text,
                (c, a) -> pad((String) a[0], (Integer) a[1], (String) a[2], true));
        r.register("rpad", List.of(text, int4), text, (c, a) -> pad((String) a[0], (Integer) a[1], " ", false));
        r.register("rpad", List.of(text, int4, text), text,
                (c, a) -> pad((String) a[0], (Integer) a[1], (String) a[2], false));
        r.register("starts_with", List.of(text, text), PgType.BOOL,
                (c, a) -> ((String) a[0]).startsWith((String) a[1]));
        r.register("md5", List.of(text), text, (c, a) -> md5((String) a[0]));
    }

    private static String splitPart(String s, String delimiter, int field) {
        if (field == 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        if (delimiter.isEmpty()) {
            return field == 1 || field == -1 ? s : "";
        }
        List<String> parts = new java.util.ArrayList<>();
        int from = 0;
        int at;
        while ((at = s.indexOf(delimiter, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + delimiter.length();
        }
        parts.add(s.substring(from));
        int index = field > 0 ? field - 1 : parts.size() + field;
        return index >= 0 && index < parts.size() ? parts.get(index) : "";
    }

    private static String join(String separator, Object[] args, int from) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = from; i < args.length; i++) {
            if (args[i] != null) {
                if (!first) {
                    sb.append(separator);
                }
                sb.append(args[i]);
                first = false;
            }
        }
        return sb.toString();
    }

    /** left(s, n): the first n characters; a negative n drops the last -n. */
    private static String left(String s, int n) {
        int len = s.codePointCount(0, s.length());
        int keep = n >= 0 ? Math.min(n, len) : Math.max(len + n, 0);
        return s.substring(0, s.offsetByCodePoints(0, keep));
    }

    /** right(s, n): the last n characters; a negative n drops the first -n. */
    private static String right(String s, int n) {
        int len = s.codePointCount(0, s.length());
        int keep = n >= 0 ? Math.min(n, len) : Math.max(len + n, 0);
        return s.substring(s.offsetByCodePoints(0, len - keep));
    }

    /** lpad/rpad: to {@code length} characters, truncating when longer; an empty fill leaves the string as is. */
    private static String pad(String s, int length, String fill, boolean leftSide) {
        if (length <= 0) {
            return "";
        }
        int len = s.codePointCount(0, s.length());
        if (len >= length) {
            return s.substring(0, s.offsetByCodePoints(0, length));
        }
        if (fill.isEmpty()) {
            return s;
        }
        StringBuilder padding = new StringBuilder();
        int[] fillPoints = fill.codePoints().toArray();
        for (int i = 0; i < length - len; i++) {
            padding.appendCodePoint(fillPoints[i % fillPoints.length]);
        }
        return leftSide ? padding + s : s + padding;
    }

    private static String md5(String s) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
