package io.pgserve.server.internal.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON documents as trees, for sql-engine's jsonb functions, with the jsonb codec's parser and canonical writer: an
 * object is a {@code Map<String, Object>} whose keys iterate in jsonb's order (by UTF-8 length, then bytewise), an
 * array a {@code List<Object>}, a number a BigDecimal, a string a String, true/false a Boolean, and JSON's null
 * {@link #NULL} (Java null is never part of a tree).
 */
public final class JsonValues {
    /** JSON's null. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** jsonb's key order: shorter UTF-8 first, then bytewise. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    };

    private JsonValues() {
    }

    /** A new empty object with jsonb's key order. */
    public static Map<String, Object> object() {
        return new TreeMap<>(KEY_ORDER);
    }

    /** The tree of a JSON document (22P02 when it is not JSON; jsonb's checks of escapes). */
    public static Object parse(String text) {
        return fromCodec(new JsonCodecs.Parser(text, true).document());
    }

    /** jsonb's canonical text of a tree. */
    public static String write(Object tree) {
        StringBuilder sb = new StringBuilder();
        JsonCodecs.write(toCodec(tree), sb);
        return sb.toString();
    }

    private static Object fromCodec(Object v) {
        if (v == null) {
            return NULL;
        }
        if (v instanceof JsonCodecs.Num n) {
            return new BigDecimal(n.text());
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(fromCodec(x)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = object();
            map.forEach((k, x) -> out.put(((JsonCodecs.Key) k).text(), fromCodec(x)));
            return out;
        }
        return v;
    }

    private static Object toCodec(Object v) {
        if (v == NULL || v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return new JsonCodecs.Num(d.toPlainString());
        }
        if (v instanceof Number n) {
            return new JsonCodecs.Num(new BigDecimal(n.toString()).toPlainString());
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(toCodec(x)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<JsonCodecs.Key, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(new JsonCodecs.Key((String) k, ((String) k).getBytes(StandardCharsets.UTF_8)),
                    toCodec(x)));
            return out;
        }
        return v;
    }
}
