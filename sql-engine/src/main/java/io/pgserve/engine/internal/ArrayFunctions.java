package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.server.PgException;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;

import java.util.ArrayList;
import java.util.List;

/** Array functions and operators as PostgreSQL defines them (src/backend/utils/adt/arrayfuncs.c, array_userfuncs.c). */
final class ArrayFunctions {
    private static final PgType ANYARRAY = Overloads.ANYARRAY;
    private static final PgType ANYELEMENT = Overloads.ANYELEMENT;
    private static final PgType INT4 = PgType.INT4;
    private static final PgType TEXT = PgType.TEXT;

    private ArrayFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.register("array_length", List.of(ANYARRAY, INT4), INT4, (c, a) -> {
            PgArray x = (PgArray) a[0];
            int d = (Integer) a[1];
            return d < 1 || d > x.ndim() ? null : x.dimensions().get(d - 1);
        });
        r.register("array_lower", List.of(ANYARRAY, INT4), INT4, (c, a) -> {
            PgArray x = (PgArray) a[0];
            int d = (Integer) a[1];
            return d < 1 || d > x.ndim() ? null : x.lowerBounds().get(d - 1);
        });
        r.register("array_upper", List.of(ANYARRAY, INT4), INT4, (c, a) -> {
            PgArray x = (PgArray) a[0];
            int d = (Integer) a[1];
            return d < 1 || d > x.ndim() ? null : x.lowerBounds().get(d - 1) + x.dimensions().get(d - 1) - 1;
        });
        r.register("array_ndims", List.of(ANYARRAY), INT4, (c, a) -> {
            PgArray x = (PgArray) a[0];
            return x.isEmpty() ? null : x.ndim();
        });
        r.register("array_dims", List.of(ANYARRAY), TEXT, (c, a) -> {
            PgArray x = (PgArray) a[0];
            if (x.isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < x.ndim(); i++) {
                int lb = x.lowerBounds().get(i);
                sb.append('[').append(lb).append(':').append(lb + x.dimensions().get(i) - 1).append(']');
            }
            return sb.toString();
        });
        r.register("cardinality", List.of(ANYARRAY), INT4, (c, a) -> ((PgArray) a[0]).size());
        r.register(new Function("array_to_string", List.of(ANYARRAY, TEXT), TEXT, true, false,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> toText((PgArray) a[0], (String) a[1],
                        null, types.get(0), c)));
        r.register(new Function("array_to_string", List.of(ANYARRAY, TEXT, TEXT), TEXT, false, false,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> a[0] == null || a[1] == null ? null
                        : toText((PgArray) a[0], (String) a[1], (String) a[2], types.get(0), c)));
        r.register(new Function("string_to_array", List.of(TEXT, TEXT), PgType.arrayOf(TEXT), false, false,
                (c, a) -> a[0] == null ? null : split((String) a[0], (String) a[1], null)));
        r.register(new Function("string_to_array", List.of(TEXT, TEXT, TEXT), PgType.arrayOf(TEXT), false, false,
                (c, a) -> a[0] == null ? null : split((String) a[0], (String) a[1], (String) a[2])));
        r.register(new Function("array_append", List.of(ANYARRAY, ANYELEMENT), ANYARRAY, false, false,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> append((PgArray) a[0], a[1],
                        result.elementOid())));
        r.register(new Function("array_prepend", List.of(ANYELEMENT, ANYARRAY), ANYARRAY, false, false,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> prepend(a[0], (PgArray) a[1],
                        result.elementOid())));
        r.register(new Function("array_cat", List.of(ANYARRAY, ANYARRAY), ANYARRAY, false, false,
                (c, a) -> cat((PgArray) a[0], (PgArray) a[1])));
        r.register(new Function("array_position", List.of(ANYARRAY, ANYELEMENT), INT4, false, false,
                (c, a) -> position((PgArray) a[0], a[1], null)));
        r.register(new Function("array_position", List.of(ANYARRAY, ANYELEMENT, INT4), INT4, false, false,
                (c, a) -> position((PgArray) a[0], a[1], (Integer) a[2])));
        r.register(new Function("array_positions", List.of(ANYARRAY, ANYELEMENT), PgType.arrayOf(INT4), false,
                false, (c, a) -> positions((PgArray) a[0], a[1])));
        r.register(new Function("array_remove", List.of(ANYARRAY, ANYELEMENT), ANYARRAY, false, false,
                (c, a) -> replace((PgArray) a[0], a[1], null, true)));
        r.register(new Function("array_replace", List.of(ANYARRAY, ANYELEMENT, ANYELEMENT), ANYARRAY, false, false,
                (c, a) -> replace((PgArray) a[0], a[1], a[2], false)));
    }

    static void registerOperators(FunctionRegistry t) {
        t.register(new Function("||", List.of(ANYARRAY, ANYARRAY), ANYARRAY, false, false,
                (c, a) -> cat((PgArray) a[0], (PgArray) a[1])));
        t.register(new Function("||", List.of(ANYARRAY, ANYELEMENT), ANYARRAY, false, false,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> append((PgArray) a[0], a[1],
                        result.elementOid())));
        t.register(new Function("||", List.of(ANYELEMENT, ANYARRAY), ANYARRAY, false, false,
                (Overloads.Specializable) (types, result, reg) -> (c, a) -> prepend(a[0], (PgArray) a[1],
                        result.elementOid())));
        Operators.op(t, "@>", List.of(ANYARRAY, ANYARRAY), PgType.BOOL,
                (c, a) -> contains((PgArray) a[0], (PgArray) a[1]));
        Operators.op(t, "<@", List.of(ANYARRAY, ANYARRAY), PgType.BOOL,
                (c, a) -> contains((PgArray) a[1], (PgArray) a[0]));
        Operators.op(t, "&&", List.of(ANYARRAY, ANYARRAY), PgType.BOOL,
                (c, a) -> overlaps((PgArray) a[0], (PgArray) a[1]));
    }

    private static boolean equal(Object x, Object y) {
        return x != null && y != null && Values.compare(x, y) == 0;
    }

    private static String toText(PgArray a, String delimiter, String nullString, PgType arrayType,
                                 FunctionContext c) {
        PgType element = c.types().byOid(arrayType.elementOid());
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object e : a.elements()) {
            if (e == null && nullString == null) {
                continue;
            }
            if (!first) {
                sb.append(delimiter);
            }
            sb.append(e == null ? nullString : StringFunctions.text(e, element, c));
            first = false;
        }
        return sb.toString();
    }

    private static PgArray split(String s, String delimiter, String nullString) {
        List<Object> parts = new ArrayList<>();
        if (s.isEmpty()) {
            return PgArray.empty(TEXT.oid());
        }
        if (delimiter == null) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
        } else if (delimiter.isEmpty()) {
            parts.add(s);
        } else {
            int from = 0;
            int at;
            while ((at = s.indexOf(delimiter, from)) >= 0) {
                parts.add(s.substring(from, at));
                from = at + delimiter.length();
            }
            parts.add(s.substring(from));
        }
        if (nullString != null) {
            parts.replaceAll(p -> nullString.equals(p) ? null : p);
        }
        return PgArray.of(TEXT, parts);
    }

    private static void oneDimension(PgArray a) {
        if (a.ndim() > 1) {
            throw new PgException("0A000", "searching for elements in multidimensional arrays is not supported");
        }
    }

    private static PgArray append(PgArray a, Object e, int elementOid) {
        if (a == null) {
            return new PgArray(elementOid, List.of(1), List.of(1), java.util.Collections.singletonList(e));
        }
        if (a.ndim() > 1) {
            throw new PgException("22000", "argument must be empty or one-dimensional array");
        }
        List<Object> out = new ArrayList<>(a.elements());
        out.add(e);
        int lb = a.isEmpty() ? 1 : a.lowerBounds().get(0);
        return new PgArray(a.elementOid() == 0 ? elementOid : a.elementOid(), List.of(out.size()), List.of(lb), out);
    }

    private static PgArray prepend(Object e, PgArray a, int elementOid) {
        if (a == null) {
            return new PgArray(elementOid, List.of(1), List.of(1), java.util.Collections.singletonList(e));
        }
        if (a.ndim() > 1) {
            throw new PgException("22000", "argument must be empty or one-dimensional array");
        }
        List<Object> out = new ArrayList<>();
        out.add(e);
        out.addAll(a.elements());
        int lb = a.isEmpty() ? 1 : a.lowerBounds().get(0);
        return new PgArray(a.elementOid() == 0 ? elementOid : a.elementOid(), List.of(out.size()), List.of(lb), out);
    }

    private static PgArray cat(PgArray x, PgArray y) {
        if (x == null || x.isEmpty()) {
            return y == null ? x : y;
        }
        if (y == null || y.isEmpty()) {
            return x;
        }
        List<Object> out = new ArrayList<>(x.elements());
        out.addAll(y.elements());
        if (x.ndim() == y.ndim()) {
            if (!x.dimensions().subList(1, x.ndim()).equals(y.dimensions().subList(1, y.ndim()))) {
                throw new PgException("2202E", "cannot concatenate incompatible arrays")
                        .toBuilder().detail("Arrays with differing element dimensions are not compatible for "
                                + "concatenation.").build();
            }
            List<Integer> dims = new ArrayList<>(x.dimensions());
            dims.set(0, x.dimensions().get(0) + y.dimensions().get(0));
            return new PgArray(x.elementOid(), dims, x.lowerBounds(), out);
        }
        PgArray big = x.ndim() > y.ndim() ? x : y;
        PgArray small = big == x ? y : x;
        if (big.ndim() != small.ndim() + 1 || !big.dimensions().subList(1, big.ndim()).equals(small.dimensions())) {
            throw new PgException("2202E", "cannot concatenate incompatible arrays");
        }
        List<Integer> dims = new ArrayList<>(big.dimensions());
        dims.set(0, big.dimensions().get(0) + 1);
        return new PgArray(x.elementOid(), dims, big.lowerBounds(), out);
    }

    private static Integer position(PgArray a, Object e, Integer start) {
        if (a == null) {
            return null;
        }
        oneDimension(a);
        if (a.isEmpty()) {
            return null;
        }
        int lb = a.lowerBounds().get(0);
        int from = start == null ? 0 : Math.max(start - lb, 0);
        for (int i = from; i < a.size(); i++) {
            Object x = a.elements().get(i);
            if (e == null ? x == null : equal(x, e)) {
                return i + lb;
            }
        }
        return null;
    }

    private static PgArray positions(PgArray a, Object e) {
        if (a == null) {
            return null;
        }
        oneDimension(a);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Object x = a.elements().get(i);
            if (e == null ? x == null : equal(x, e)) {
                out.add(i + a.lowerBounds().get(0));
            }
        }
        return PgArray.of(INT4, out);
    }

    private static PgArray replace(PgArray a, Object from, Object to, boolean remove) {
        if (a == null) {
            return null;
        }
        if (remove) {
            oneDimension(a);
        }
        List<Object> out = new ArrayList<>();
        for (Object x : a.elements()) {
            boolean match = from == null ? x == null : equal(x, from);
            if (!match) {
                out.add(x);
            } else if (!remove) {
                out.add(to);
            }
        }
        if (out.isEmpty()) {
            return PgArray.empty(a.elementOid());
        }
        if (!remove) {
            return new PgArray(a.elementOid(), a.dimensions(), a.lowerBounds(), out);
        }
        return new PgArray(a.elementOid(), List.of(out.size()), List.of(a.lowerBounds().get(0)), out);
    }

    /** a @> b: every element of b equals some element of a (NULLs never match). */
    private static boolean contains(PgArray a, PgArray b) {
        for (Object y : b.elements()) {
            boolean found = false;
            for (Object x : a.elements()) {
                if (equal(x, y)) {
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

    private static boolean overlaps(PgArray a, PgArray b) {
        for (Object y : b.elements()) {
            for (Object x : a.elements()) {
                if (equal(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }
}
