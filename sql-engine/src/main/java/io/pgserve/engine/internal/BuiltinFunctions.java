package io.pgserve.engine.internal;

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
        r.register("now", List.of(), PgType.TIMESTAMPTZ, (c, a) -> c.transactionStart());
        r.register("version", List.of(), text, (c, a) -> "PostgreSQL "
                + (c.session() == null ? "15.0" : c.session().parameter("server_version").orElse("15.0"))
                + " (pgserve sql-engine)");
        r.register("current_database", List.of(), PgType.NAME,
                (c, a) -> c.session() == null ? "postgres" : c.session().database());
        r.register("current_schema", List.of(), PgType.NAME, (c, a) -> c.currentSchema());
        r.register("current_user", List.of(), PgType.NAME,
                (c, a) -> c.session() == null ? "postgres" : c.session().user());
        r.register(new Function("nextval", List.of(text), PgType.INT8, true, false, (c, a) -> {
            SchemaEditor editor = c.catalog().schemaEditor();
            if (editor == null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "sequences are not supported");
            }
            String name = (String) a[0];
            int dot = name.indexOf('.');
            String schema = dot < 0 ? c.currentSchema() : name.substring(0, dot);
            return editor.nextval(schema, dot < 0 ? name : name.substring(dot + 1));
        }));
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
}
