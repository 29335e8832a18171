package io.pgserve.engine.internal;

import java.math.BigDecimal;
import java.util.Arrays;

/** Comparison and hashing of non-null values of one type, as PostgreSQL's btree and hash operator classes do. */
public final class Values {
    private Values() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            if (a instanceof Number x && b instanceof Number y) {
                double dx = x.doubleValue();
                double dy = y.doubleValue();
                return dx == dy ? 0 : Double.compare(dx, dy); // NaN sorts last and equals NaN; -0 = 0
            }
        }
        if (a instanceof Number x && b instanceof Number y && !(a instanceof BigDecimal) && !(b instanceof BigDecimal)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (a instanceof Number x && b instanceof Number y) {
            return toBig(x).compareTo(toBig(y));
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof io.pgserve.server.types.PgInterval x && b instanceof io.pgserve.server.types.PgInterval y) {
            // interval_cmp_value: a month is 30 days, a day 24 hours
            java.math.BigInteger day = java.math.BigInteger.valueOf(86_400_000_000L);
            java.math.BigInteger vx = day.multiply(java.math.BigInteger.valueOf(x.months() * 30L + x.days()))
                    .add(java.math.BigInteger.valueOf(x.microseconds()));
            java.math.BigInteger vy = day.multiply(java.math.BigInteger.valueOf(y.months() * 30L + y.days()))
                    .add(java.math.BigInteger.valueOf(y.microseconds()));
            return vx.compareTo(vy);
        }
        if (a instanceof io.pgserve.server.types.PgArray x && b instanceof io.pgserve.server.types.PgArray y) {
            // array_cmp: element by element (NULL after any value), then by length, then by dimensions
            int n = Math.min(x.size(), y.size());
            for (int i = 0; i < n; i++) {
                int c = compareNullsLast(x.elements().get(i), y.elements().get(i));
                if (c != 0) {
                    return c;
                }
            }
            if (x.size() != y.size()) {
                return Integer.compare(x.size(), y.size());
            }
            return Integer.compare(x.ndim(), y.ndim());
        }
        if (a instanceof Composite.RowValue x && b instanceof Composite.RowValue y) {
            // record_cmp: field by field, NULLs equal to each other and after any value
            int n = Math.min(x.values().length, y.values().length);
            for (int i = 0; i < n; i++) {
                if (x.types().get(i).oid() != y.types().get(i).oid()) {
                    throw new io.pgserve.server.PgException("42804", "cannot compare dissimilar column types "
                            + Types.displayName(x.types().get(i)) + " and " + Types.displayName(y.types().get(i))
                            + " at record column " + (i + 1));
                }
                int c = compareNullsLast(x.values()[i], y.values()[i]);
                if (c != 0) {
                    return c;
                }
            }
            if (x.values().length != y.values().length) {
                throw new io.pgserve.server.PgException("42804", "cannot compare record types with different "
                        + "numbers of columns");
            }
            return 0;
        }
        if (a instanceof java.util.UUID x && b instanceof java.util.UUID y) {
            // uuid_cmp: the 16 bytes unsigned (UUID.compareTo compares them signed)
            int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof Comparable c) {
            return c.compareTo(b);
        }
        throw new IllegalArgumentException("cannot compare " + a.getClass().getSimpleName());
    }

    /** {@link #compare} of two array elements or record fields: NULLs equal to each other and after any value. */
    private static int compareNullsLast(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1;
        }
        return compare(a, b);
    }

    private static BigDecimal toBig(Number n) {
        return n instanceof BigDecimal b ? b : n instanceof Double || n instanceof Float
                ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
    }

    /** A key whose equals/hashCode agree with {@link #compare} == 0 (numeric scale and -0.0 ignored). */
    public static Object hashKey(Object v) {
        if (v instanceof BigDecimal b) {
            return b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
        }
        if (v instanceof Double d) {
            return d == 0.0 ? 0.0 : d;
        }
        if (v instanceof Float f) {
            return f == 0.0f ? 0.0f : f;
        }
        if (v instanceof byte[] b) {
            return java.nio.ByteBuffer.wrap(b);
        }
        return v;
    }

    /** A row key for hashing (GROUP BY, DISTINCT, hash joins): NULLs are equal to each other here. */
    public record RowKey(Object[] values) {
        public static RowKey of(Object[] values) {
            Object[] k = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                k[i] = values[i] == null ? null : hashKey(values[i]);
            }
            return new RowKey(k);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
