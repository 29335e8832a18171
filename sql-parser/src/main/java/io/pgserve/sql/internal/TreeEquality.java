package io.pgserve.sql.internal;

import io.pgserve.sql.ast.NodeLocation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deep equality of AST values that also compares every {@link NodeLocation} (whose own {@code equals} is always
 * true): records of the same class with equal components, lists element by element, everything else by
 * {@code equals}.
 *
 * <pre>{@code
 * String difference = TreeEquality.difference(SqlParser.parseAll(a), SqlParser.parseAll(b)); // null when equal
 * }</pre>
 */
public final class TreeEquality {
    private TreeEquality() {
    }

    /** Whether the two values are equal, locations included. */
    public static boolean equalWithLocations(Object a, Object b) {
        return difference(a, b) == null;
    }

    /** A description of the first difference found (a path and both values), or null when there is none. */
    public static String difference(Object a, Object b) {
        return difference(a, b, "");
    }

    private static String difference(Object a, Object b, String path) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null) {
            return path + ": " + a + " vs " + b;
        }
        if (a instanceof NodeLocation x && b instanceof NodeLocation y) {
            return x.offset() == y.offset() && x.line() == y.line() && x.column() == y.column() ? null
                    : path + ": location " + x.offset() + "@" + x + " vs " + y.offset() + "@" + y;
        }
        if (a.getClass().isRecord()) {
            if (a.getClass() != b.getClass()) {
                return path + ": " + a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
            }
            RecordAccess access = RecordAccess.of(a.getClass());
            for (int i = 0; i < access.size(); i++) {
                String d = difference(access.get(a, i), access.get(b, i),
                        path + "/" + a.getClass().getSimpleName() + "." + i);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return path + ": list sizes " + x.size() + " vs " + y.size();
            }
            for (int i = 0; i < x.size(); i++) {
                String d = difference(x.get(i), y.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
            return difference(x.orElse(null), y.orElse(null), path + "?");
        }
        return Objects.equals(a, b) ? null : path + ": " + a + " vs " + b;
    }
}
