package io.pgserve.testing.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Compares expected parameter values with those a client bound, loosely enough for tests: numbers by value
 * ({@code 42} equals a bound int8 {@code 42L} or numeric {@code 42.0}), anything else by equality or, failing
 * that, by its text ({@code "2024-01-31"} equals a bound date).
 */
public final class ParameterValues {
    private ParameterValues() {
    }

    public static boolean equal(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected.equals(actual)) {
            return true;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            BigDecimal x = decimal(e);
            BigDecimal y = decimal(a);
            return x != null && y != null && x.compareTo(y) == 0;
        }
        if (expected instanceof byte[] e && actual instanceof byte[] a) {
            return Arrays.equals(e, a);
        }
        return expected.toString().equals(actual.toString());
    }

    /** Whether {@code actual} has exactly the expected values, in order. */
    public static boolean equal(List<?> expected, List<?> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!equal(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Where two lists of values differ, e.g. "$2: expected 'b' but was 'c'". */
    public static String difference(List<?> expected, List<?> actual) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " parameters but there were " + actual.size();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < expected.size(); i++) {
            if (!equal(expected.get(i), actual.get(i))) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append('$').append(i + 1).append(": expected ").append(show(expected.get(i)))
                        .append(" but was ").append(show(actual.get(i)));
            }
        }
        return out.toString();
    }

    /** A value as a test report shows it: strings quoted, byte arrays in hex. */
    public static String show(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof CharSequence) {
            return "'" + v + "'";
        }
        if (v instanceof byte[] b) {
            StringBuilder hex = new StringBuilder("\\x");
            for (byte x : b) {
                hex.append(String.format("%02x", x));
            }
            return hex.toString();
        }
        return Objects.toString(v);
    }

    /** A list of values as a test report shows it. */
    public static String show(List<?> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(show(values.get(i)));
        }
        return out.append(']').toString();
    }

    private static BigDecimal decimal(Number n) {
        try {
            return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return null; // NaN, Infinity
        }
    }
}
