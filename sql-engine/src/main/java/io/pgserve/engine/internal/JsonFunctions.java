package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.server.PgException;
import io.pgserve.server.internal.types.JsonValues;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * jsonb functions and operators as PostgreSQL defines them (src/backend/utils/adt/jsonb.c, jsonfuncs.c, jsonb_op.c).
 * A jsonb value is its canonical text (the codec's Java type); the functions work on {@link JsonValues} trees.
 */
final class JsonFunctions {
    private static final PgType JSONB = PgType.JSONB;
    private static final PgType TEXT = PgType.TEXT;
    private static final PgType INT4 = PgType.INT4;
    private static final PgType TEXT_ARRAY = PgType.arrayOf(PgType.TEXT);

    private JsonFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.register(new Function("to_jsonb", List.of(Overloads.ANYELEMENT), JSONB, true, false,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> JsonValues.write(
                        toJson(a[0], types.get(0), c))));
        r.register(new Function("jsonb_build_object", List.of(Overloads.ANY), JSONB, false, true,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> buildObject(a, types, c)));
        r.register(new Function("jsonb_build_object", List.of(), JSONB, false, false, (c, a) -> "{}"));
        r.register(new Function("json_build_object", List.of(Overloads.ANY), PgType.JSON, false, true,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> buildJsonObject(a, types, c)));
        r.register(new Function("json_build_object", List.of(), PgType.JSON, false, false, (c, a) -> "{}"));
        r.register(new Function("jsonb_build_array", List.of(Overloads.ANY), JSONB, false, true,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < a.length; i++) {
                        out.add(toJson(a[i], types.get(i), c));
                    }
                    return JsonValues.write(out);
                }));
        r.register(new Function("jsonb_build_array", List.of(), JSONB, false, false, (c, a) -> "[]"));
        // json_build_array prints as json_build_object does: values separated by ", " (not jsonb's form)
        r.register(new Function("json_build_array", List.of(Overloads.ANY), PgType.JSON, false, true,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> {
                    StringBuilder sb = new StringBuilder("[");
                    for (int i = 0; i < a.length; i++) {
                        sb.append(i == 0 ? "" : ", ");
                        jsonText(a[i], types.get(i), c, sb);
                    }
                    return sb.append(']').toString();
                }));
        r.register(new Function("json_build_array", List.of(), PgType.JSON, false, false, (c, a) -> "[]"));
        r.register("jsonb_typeof", List.of(JSONB), TEXT, (c, a) -> typeOf(JsonValues.parse((String) a[0])));
        r.register("jsonb_array_length", List.of(JSONB), INT4, (c, a) -> {
            Object v = JsonValues.parse((String) a[0]);
            if (!(v instanceof List<?> l)) {
                throw new PgException("22023", v instanceof Map ? "cannot get array length of a non-array"
                        : "cannot get array length of a scalar");
            }
            return l.size();
        });
        r.register(new Function("jsonb_extract_path", List.of(JSONB, TEXT), JSONB, true, true,
                (c, a) -> write(path(JsonValues.parse((String) a[0]), rest(a)))));
        r.register(new Function("jsonb_extract_path_text", List.of(JSONB, TEXT), TEXT, true, true,
                (c, a) -> asText(path(JsonValues.parse((String) a[0]), rest(a)))));
        r.register("jsonb_set", List.of(JSONB, TEXT_ARRAY, JSONB), JSONB, (c, a) -> set((String) a[0],
                (PgArray) a[1], (String) a[2], true));
        r.register("jsonb_set", List.of(JSONB, TEXT_ARRAY, JSONB, PgType.BOOL), JSONB, (c, a) -> set((String) a[0],
                (PgArray) a[1], (String) a[2], (Boolean) a[3]));
        r.register("jsonb_strip_nulls", List.of(JSONB), JSONB,
                (c, a) -> JsonValues.write(stripNulls(JsonValues.parse((String) a[0]))));
    }

    static void registerOperators(FunctionRegistry t) {
        Operators.op(t, "->", List.of(JSONB, TEXT), JSONB, (c, a) -> write(field(json(a[0]), (String) a[1])));
        Operators.op(t, "->", List.of(JSONB, INT4), JSONB, (c, a) -> write(element(json(a[0]), (Integer) a[1])));
        Operators.op(t, "->>", List.of(JSONB, TEXT), TEXT, (c, a) -> asText(field(json(a[0]), (String) a[1])));
        Operators.op(t, "->>", List.of(JSONB, INT4), TEXT, (c, a) -> asText(element(json(a[0]), (Integer) a[1])));
        Operators.op(t, "#>", List.of(JSONB, TEXT_ARRAY), JSONB,
                (c, a) -> write(path(json(a[0]), ((PgArray) a[1]).elements())));
        Operators.op(t, "#>>", List.of(JSONB, TEXT_ARRAY), TEXT,
                (c, a) -> asText(path(json(a[0]), ((PgArray) a[1]).elements())));
        Operators.op(t, "@>", List.of(JSONB, JSONB), PgType.BOOL, (c, a) -> contains(json(a[0]), json(a[1]), true));
        Operators.op(t, "<@", List.of(JSONB, JSONB), PgType.BOOL, (c, a) -> contains(json(a[1]), json(a[0]), true));
        Operators.op(t, "?", List.of(JSONB, TEXT), PgType.BOOL, (c, a) -> exists(json(a[0]), (String) a[1]));
        Operators.op(t, "?|", List.of(JSONB, TEXT_ARRAY), PgType.BOOL, (c, a) -> {
            Object v = json(a[0]);
            return ((PgArray) a[1]).elements().stream().anyMatch(k -> k != null && exists(v, (String) k));
        });
        Operators.op(t, "?&", List.of(JSONB, TEXT_ARRAY), PgType.BOOL, (c, a) -> {
            Object v = json(a[0]);
            return ((PgArray) a[1]).elements().stream().allMatch(k -> k == null || exists(v, (String) k));
        });
        Operators.op(t, "||", List.of(JSONB, JSONB), JSONB, (c, a) -> JsonValues.write(concat(json(a[0]),
                json(a[1]))));
        Operators.op(t, "-", List.of(JSONB, TEXT), JSONB, (c, a) -> JsonValues.write(delete(json(a[0]),
                (String) a[1])));
        Operators.op(t, "-", List.of(JSONB, INT4), JSONB, (c, a) -> JsonValues.write(deleteIndex(json(a[0]),
                (Integer) a[1])));
        for (String op : List.of("=", "<>", "<", "<=", ">", ">=")) {
            Operators.op(t, op, List.of(JSONB, JSONB), PgType.BOOL, (c, a) -> {
                int cmp = compare(json(a[0]), json(a[1]));
                return switch (op) {
                    case "=" -> cmp == 0;
                    case "<>" -> cmp != 0;
                    case "<" -> cmp < 0;
                    case "<=" -> cmp <= 0;
                    case ">" -> cmp > 0;
                    default -> cmp >= 0;
                };
            });
        }
    }

    private static Object json(Object text) {
        return JsonValues.parse((String) text);
    }

    private static String write(Object tree) {
        return tree == null ? null : JsonValues.write(tree);
    }

    private static List<Object> rest(Object[] a) {
        List<Object> out = new ArrayList<>();
        for (int i = 1; i < a.length; i++) {
            out.add(a[i]);
        }
        return out;
    }

    /** ->> and #>>: a string's contents, JSON null as SQL NULL, anything else as jsonb text. */
    private static String asText(Object v) {
        if (v == null || v == JsonValues.NULL) {
            return null;
        }
        return v instanceof String s ? s : JsonValues.write(v);
    }

    private static Object field(Object v, String key) {
        return v instanceof Map<?, ?> m ? m.get(key) : null;
    }

    private static Object element(Object v, int index) {
        if (!(v instanceof List<?> l)) {
            return null;
        }
        int i = index < 0 ? l.size() + index : index;
        return i >= 0 && i < l.size() ? l.get(i) : null;
    }

    private static Object path(Object v, List<Object> keys) {
        Object cur = v;
        for (Object k : keys) {
            if (k == null || cur == null) {
                return null;
            }
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(k);
            } else if (cur instanceof List<?>) {
                try {
                    cur = element(cur, Integer.parseInt(((String) k).trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return cur;
    }

    private static String typeOf(Object v) {
        if (v == JsonValues.NULL) {
            return "null";
        }
        if (v instanceof Map) {
            return "object";
        }
        if (v instanceof List) {
            return "array";
        }
        if (v instanceof String) {
            return "string";
        }
        return v instanceof Boolean ? "boolean" : "number";
    }

    private static boolean exists(Object v, String key) {
        if (v instanceof Map<?, ?> m) {
            return m.containsKey(key);
        }
        if (v instanceof List<?> l) {
            return l.contains(key);
        }
        return key.equals(v);
    }

    /** jsonb containment (JsonbDeepContains): objects by key, arrays as sets, a top-level array holds a scalar. */
    private static boolean contains(Object a, Object b, boolean top) {
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            for (Map.Entry<?, ?> e : y.entrySet()) {
                Object v = x.get(e.getKey());
                if (v == null || !contains(v, e.getValue(), false)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (Object want : y) {
                boolean found = false;
                for (Object have : x) {
                    if (!(want instanceof List) && !(want instanceof Map) ? compare(have, want) == 0
                            : contains(have, want, false)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && top && !(b instanceof Map) && !(b instanceof List)) {
            return x.stream().anyMatch(have -> compare(have, b) == 0);
        }
        if (a instanceof Map || a instanceof List || b instanceof Map || b instanceof List) {
            return false;
        }
        return compare(a, b) == 0;
    }

    private static int rank(Object v) {
        if (v == JsonValues.NULL) {
            return 0;
        }
        if (v instanceof String) {
            return 1;
        }
        if (v instanceof BigDecimal) {
            return 2;
        }
        if (v instanceof Boolean) {
            return 3;
        }
        return v instanceof List ? 4 : 5;
    }

    /** jsonb ordering: object > array > boolean > number > string > null; containers by size first. */
    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof BigDecimal x) {
            return x.compareTo((BigDecimal) b);
        }
        if (a instanceof String x) {
            return x.compareTo((String) b);
        }
        if (a instanceof Boolean x) {
            return x.compareTo((Boolean) b);
        }
        if (a instanceof List<?> x) {
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return Integer.compare(x.size(), y.size());
            }
            for (int i = 0; i < x.size(); i++) {
                int c = compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        if (a instanceof Map<?, ?> x) {
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return Integer.compare(x.size(), y.size());
            }
            Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> p = i.next();
                Map.Entry<?, ?> q = j.next();
                int c = JsonValues.KEY_ORDER.compare((String) p.getKey(), (String) q.getKey());
                if (c == 0) {
                    c = compare(p.getValue(), q.getValue());
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static Object concat(Object a, Object b) {
        if (a instanceof Map && b instanceof Map) {
            Map<String, Object> out = JsonValues.object();
            out.putAll((Map<String, Object>) a);
            out.putAll((Map<String, Object>) b);
            return out;
        }
        List<Object> out = new ArrayList<>();
        if (a instanceof List<?> l) {
            out.addAll(l);
        } else {
            out.add(a);
        }
        if (b instanceof List<?> l) {
            out.addAll(l);
        } else {
            out.add(b);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object delete(Object v, String key) {
        if (v instanceof Map) {
            Map<String, Object> out = JsonValues.object();
            out.putAll((Map<String, Object>) v);
            out.remove(key);
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l);
            out.removeIf(key::equals);
            return out;
        }
        throw new PgException("22023", "cannot delete from scalar");
    }

    private static Object deleteIndex(Object v, int index) {
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l);
            int i = index < 0 ? l.size() + index : index;
            if (i >= 0 && i < out.size()) {
                out.remove(i);
            }
            return out;
        }
        throw new PgException("22023", v instanceof Map ? "cannot delete from object using integer index"
                : "cannot delete from scalar");
    }

    private static Object stripNulls(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = JsonValues.object();
            m.forEach((k, x) -> {
                if (x != JsonValues.NULL) {
                    out.put((String) k, stripNulls(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(stripNulls(x)));
            return out;
        }
        return v;
    }

    /** jsonb_set: replaces (or, with create, adds) the value at a path; a missing parent leaves the document. */
    @SuppressWarnings("unchecked")
    private static String set(String doc, PgArray path, String value, boolean create) {
        Object root = JsonValues.parse(doc);
        if (path.isEmpty()) {
            return doc;
        }
        Object newValue = JsonValues.parse(value);
        Object cur = root;
        List<Object> keys = path.elements();
        for (int i = 0; i < keys.size(); i++) {
            Object k = keys.get(i);
            if (k == null) {
                throw new PgException("22004", "path element at position " + (i + 1) + " is null");
            }
            boolean last = i == keys.size() - 1;
            if (cur instanceof Map<?, ?> m) {
                Map<String, Object> map = (Map<String, Object>) m;
                if (last) {
                    if (create || map.containsKey(k)) {
                        map.put((String) k, newValue);
                    }
                } else {
                    cur = map.get(k);
                }
            } else if (cur instanceof List<?> l) {
                List<Object> list = (List<Object>) l;
                int idx;
                try {
                    idx = Integer.parseInt(((String) k).trim());
                } catch (NumberFormatException e) {
                    throw new PgException("22P02", "path element at position " + (i + 1) + " is not an integer: \""
                            + k + "\"");
                }
                int at = idx < 0 ? list.size() + idx : idx;
                if (last) {
                    if (at >= 0 && at < list.size()) {
                        list.set(at, newValue);
                    } else if (create) {
                        if (at < 0) {
                            list.add(0, newValue);
                        } else {
                            list.add(newValue);
                        }
                    }
                } else {
                    cur = at >= 0 && at < list.size() ? list.get(at) : null;
                }
            } else {
                if (cur != null && i == 0) {
                    throw new PgException("22023", "cannot set path in scalar");
                }
                break;
            }
            if (cur == null) {
                break;
            }
        }
        return JsonValues.write(root);
    }

    private static String buildObject(Object[] a, List<PgType> types, FunctionContext c) {
        if (a.length % 2 != 0) {
            throw PgException.builder("22023", "argument list must have even number of elements")
                    .hint("The arguments of jsonb_build_object() must consist of alternating keys and values.")
                    .build();
        }
        Map<String, Object> out = JsonValues.object();
        for (int i = 0; i < a.length; i += 2) {
            if (a[i] == null) {
                throw new PgException("22004", "argument " + (i + 1) + ": key must not be null");
            }
            out.put(StringFunctions.text(a[i], types.get(i), c), toJson(a[i + 1], types.get(i + 1), c));
        }
        return JsonValues.write(out);
    }

    /**
     * json_build_object: json text as PostgreSQL writes it (keys in argument order, duplicates kept, {@code "k" : v},
     * arrays without spaces, json and jsonb arguments verbatim).
     */
    private static String buildJsonObject(Object[] a, List<PgType> types, FunctionContext c) {
        if (a.length % 2 != 0) {
            throw PgException.builder("22023", "argument list must have even number of elements")
                    .hint("The arguments of json_build_object() must consist of alternating keys and values.")
                    .build();
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < a.length; i += 2) {
            if (a[i] == null) {
                throw PgException.builder("22023", "argument " + (i + 1) + " cannot be null")
                        .hint("Object keys should be text.").build();
            }
            out.append(i == 0 ? "" : ", ").append(JsonValues.write(StringFunctions.text(a[i], types.get(i), c)))
                    .append(" : ");
            jsonText(a[i + 1], types.get(i + 1), c, out);
        }
        return out.append('}').toString();
    }

    /**
     * A value as json text (datum_to_json): json and jsonb as their text, arrays as array_to_json prints them
     * (elements separated by "," without blanks), scalars as to_jsonb converts them.
     */
    private static void jsonText(Object v, PgType type, FunctionContext c, StringBuilder sb) {
        if (v != null && (type.equals(PgType.JSONB) || type.equals(PgType.JSON))) {
            sb.append((String) v);
        } else if (v instanceof PgArray arr && !arr.isEmpty()) {
            PgType element = c.types().byOid(type.elementOid());
            jsonArray(arr, element, c, 0, new int[] {0}, sb);
        } else {
            sb.append(JsonValues.write(toJson(v, type, c)));
        }
    }

    private static void jsonArray(PgArray arr, PgType element, FunctionContext c, int depth, int[] pos,
                                  StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < arr.dimensions().get(depth); i++) {
            sb.append(i == 0 ? "" : ",");
            if (depth == arr.dimensions().size() - 1) {
                jsonText(arr.elements().get(pos[0]++), element, c, sb);
            } else {
                jsonArray(arr, element, c, depth + 1, pos, sb);
            }
        }
        sb.append(']');
    }

    /** to_jsonb of a value of a type: numbers, booleans, strings, arrays, json, date/times in ISO 8601. */
    static Object toJson(Object v, PgType type, FunctionContext c) {
        if (v == null) {
            return JsonValues.NULL;
        }
        if (type.equals(PgType.JSONB) || type.equals(PgType.JSON)) {
            return JsonValues.parse((String) v);
        }
        if (v instanceof Composite.RowValue row) {
            // a record: an object of its fields by name (f1, f2... when the names are not known)
            Composite.Shape shape = Composite.shapeOf(type);
            Map<String, Object> out = JsonValues.object();
            for (int i = 0; i < row.values().length; i++) {
                out.put(shape == null ? "f" + (i + 1) : shape.names().get(i),
                        toJson(row.values()[i], row.types().get(i), c));
            }
            return out;
        }
        if (v instanceof PgArray arr) {
            PgType element = c.types().byOid(type.elementOid());
            List<Object> flat = new ArrayList<>();
            for (Object e : arr.elements()) {
                flat.add(toJson(e, element, c));
            }
            if (arr.isEmpty()) {
                return flat;
            }
            return nest(flat, arr.dimensions(), 0, new int[] {0});
        }
        if (v instanceof Boolean) {
            return v;
        }
        if (Types.isNumeric(type)) {
            if (v instanceof Double d && (d.isNaN() || d.isInfinite()) || v instanceof Float f && (f.isNaN()
                    || f.isInfinite())) {
                return StringFunctions.text(v, type, c);
            }
            return new BigDecimal(StringFunctions.text(v, type, c));
        }
        if (v instanceof LocalDateTime t && !DateTimeFunctions.isInfinite(t)) {
            return StringFunctions.text(v, type, c).replace(' ', 'T');
        }
        if (v instanceof OffsetDateTime t && !DateTimeFunctions.isInfinite(t)) {
            String s = StringFunctions.text(v, type, c).replace(' ', 'T');
            return s.matches(".*[+-]\\d\\d$") ? s + ":00" : s;
        }
        if (v instanceof LocalDate) {
            return StringFunctions.text(v, type, c);
        }
        return StringFunctions.text(v, type, c);
    }

    private static List<Object> nest(List<Object> flat, List<Integer> dims, int depth, int[] pos) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < dims.get(depth); i++) {
            if (depth == dims.size() - 1) {
                out.add(flat.get(pos[0]++));
            } else {
                out.add(nest(flat, dims, depth + 1, pos));
            }
        }
        return out;
    }
}
