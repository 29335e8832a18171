package io.pgserve.server.types;

import io.pgserve.server.PgException;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL array value: its element type, its dimensions with their lower bounds, and its elements flat in
 * row-major order (the last subscript varies fastest), {@code null} for a NULL element. This is what array codecs
 * decode to; when encoding, they also accept a {@link List} (nested lists are sub-arrays), an {@code Object[]}
 * (nested arrays are sub-arrays) and {@code int[]}, {@code long[]}, {@code short[]}, {@code double[]},
 * {@code float[]}, {@code boolean[]} ({@code byte[]} is a bytea value, never an array).
 *
 * <pre>{@code
 * PgArray a = PgArray.of(List.of(List.of(1, 2), List.of(3, 4)));   // {{1,2},{3,4}}
 * a.dimensions();          // [2, 2]
 * a.lowerBounds();         // [1, 1]
 * a.get(2, 1);             // 3 (subscripts start at the lower bounds, as in SQL)
 * a.toList();              // [[1, 2], [3, 4]]
 *
 * PgArray z = PgArray.of(PgType.TEXT, Arrays.asList("a", null)).withLowerBounds(0);   // [0:1]={a,NULL}
 * PgArray empty = PgArray.empty(PgType.INT4.oid());                                   // {}
 * }</pre>
 *
 * An empty array has no dimensions (PostgreSQL stores every array without elements as zero-dimensional).
 * Equality compares the element type, the shape and the elements; elements that are Java arrays (bytea's
 * {@code byte[]}) are compared by content.
 *
 * @param elementOid  the OID of the element type, or 0 when not known (an array built from Java values with
 *                    {@link #of(List)}; the codec that writes it supplies the type)
 * @param dimensions  the length of each dimension, outermost first; empty for an empty array
 * @param lowerBounds the subscript of the first element in each dimension (1 unless given otherwise)
 * @param elements    the elements in row-major order; may contain nulls
 */
public record PgArray(int elementOid, List<Integer> dimensions, List<Integer> lowerBounds, List<Object> elements) {
    /** PostgreSQL's MAXDIM: the most dimensions an array can have. */
    public static final int MAX_DIMENSIONS = 6;

    public PgArray {
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(lowerBounds, "lowerBounds");
        Objects.requireNonNull(elements, "elements");
        if (dimensions.size() != lowerBounds.size()) {
            throw new IllegalArgumentException("dimensions " + dimensions + " and lower bounds " + lowerBounds
                    + " differ in number");
        }
        long items = dimensions.isEmpty() ? 0 : 1;
        for (Integer d : dimensions) {
            if (d == null || d < 0) {
                throw new IllegalArgumentException("invalid dimensions " + dimensions);
            }
            items *= d;
            if (items > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many elements for dimensions " + dimensions);
            }
        }
        for (Integer b : lowerBounds) {
            Objects.requireNonNull(b, "lower bound");
        }
        if (items != elements.size()) {
            throw new IllegalArgumentException("dimensions " + dimensions + " need " + items + " elements, not "
                    + elements.size());
        }
        if (items == 0) {
            dimensions = List.of();
            lowerBounds = List.of();
            elements = List.of();
        } else {
            dimensions = List.copyOf(dimensions);
            lowerBounds = List.copyOf(lowerBounds);
            elements = Collections.unmodifiableList(new ArrayList<>(elements));
        }
    }

    /** The empty array ({@code {}}) of the given element type. */
    public static PgArray empty(int elementOid) {
        return new PgArray(elementOid, List.of(), List.of(), List.of());
    }

    /**
     * An array from a (possibly nested) list, element type not stated: {@code [1, 2]} is {@code {1,2}},
     * {@code [[1, 2], [3, 4]]} is {@code {{1,2},{3,4}}}. Lower bounds are 1.
     *
     * @throws PgException 2202E when sub-lists at the same depth differ in length or depth
     */
    public static PgArray of(List<?> nested) {
        return of(0, nested);
    }

    /** An array of the given element type from a (possibly nested) list; see {@link #of(List)}. */
    public static PgArray of(PgType elementType, List<?> nested) {
        return of(elementType.oid(), nested);
    }

    /** An array of the element type with this OID from a (possibly nested) list; see {@link #of(List)}. */
    public static PgArray of(int elementOid, List<?> nested) {
        return fromJava(elementOid, nested);
    }

    /**
     * An array from a Java array: {@code Object[]} (nested {@code Object[]} or primitive arrays are sub-arrays)
     * or {@code int[]}, {@code long[]}, {@code short[]}, {@code double[]}, {@code float[]}, {@code boolean[]}.
     */
    public static PgArray ofArray(int elementOid, Object javaArray) {
        if (!isSubArray(javaArray)) {
            throw new IllegalArgumentException("not an array: " + (javaArray == null ? null : javaArray.getClass()));
        }
        return fromJava(elementOid, javaArray);
    }

    /**
     * Whether {@code value} is taken as a (sub-)array when building an array from Java values: a {@link List}, an
     * {@code Object[]}, or a primitive array other than {@code byte[]}.
     */
    public static boolean isSubArray(Object value) {
        if (value instanceof List<?>) {
            return true;
        }
        return value != null && value.getClass().isArray() && !(value instanceof byte[]);
    }

    private static PgArray fromJava(int elementOid, Object nested) {
        List<Integer> dims = new ArrayList<>();
        Object level = nested;
        while (isSubArray(level)) {
            int n = length(level);
            dims.add(n);
            if (dims.size() > MAX_DIMENSIONS) {
                throw new PgException("54000", "number of array dimensions (" + dims.size()
                        + ") exceeds the maximum allowed (" + MAX_DIMENSIONS + ")");
            }
            if (n == 0) {
                break;
            }
            level = item(level, 0);
        }
        List<Object> flat = new ArrayList<>();
        flatten(nested, dims, 0, flat);
        List<Integer> lower = new ArrayList<>(Collections.nCopies(dims.size(), 1));
        if (flat.isEmpty()) {
            return empty(elementOid);
        }
        return new PgArray(elementOid, dims, lower, flat);
    }

    private static void flatten(Object level, List<Integer> dims, int depth, List<Object> out) {
        int n = length(level);
        if (n != dims.get(depth)) {
            throw mismatched();
        }
        boolean leaf = depth == dims.size() - 1;
        for (int i = 0; i < n; i++) {
            Object item = item(level, i);
            if (leaf) {
                if (isSubArray(item)) {
                    throw mismatched();
                }
                out.add(item);
            } else {
                if (!isSubArray(item)) {
                    throw mismatched();
                }
                flatten(item, dims, depth + 1, out);
            }
        }
    }

    private static PgException mismatched() {
        return new PgException("2202E", "multidimensional arrays must have array expressions with matching dimensions");
    }

    private static int length(Object level) {
        return level instanceof List<?> list ? list.size() : Array.getLength(level);
    }

    private static Object item(Object level, int i) {
        return level instanceof List<?> list ? list.get(i) : Array.get(level, i);
    }

    /** The number of dimensions (0 for an empty array). */
    public int ndim() {
        return dimensions.size();
    }

    /** The number of elements. */
    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    /** Whether any element is NULL. */
    public boolean hasNulls() {
        for (Object e : elements) {
            if (e == null) {
                return true;
            }
        }
        return false;
    }

    /** The same array with other lower bounds, one per dimension ({@code [0:2]={a,b,c}}). */
    public PgArray withLowerBounds(int... bounds) {
        List<Integer> lb = new ArrayList<>(bounds.length);
        for (int b : bounds) {
            lb.add(b);
        }
        return new PgArray(elementOid, dimensions, lb, elements);
    }

    /** The same array with another element type OID. */
    public PgArray withElementOid(int oid) {
        return new PgArray(oid, dimensions, lowerBounds, elements);
    }

    /**
     * The element at these subscripts, one per dimension, counted from the lower bounds as in SQL
     * ({@code a[2][1]} is {@code get(2, 1)}).
     *
     * @throws IndexOutOfBoundsException when a subscript is outside its dimension or their number is wrong
     */
    public Object get(int... subscripts) {
        if (subscripts.length != dimensions.size()) {
            throw new IndexOutOfBoundsException("array has " + dimensions.size() + " dimensions, not "
                    + subscripts.length);
        }
        int offset = 0;
        for (int i = 0; i < subscripts.length; i++) {
            int index = subscripts[i] - lowerBounds.get(i);
            if (index < 0 || index >= dimensions.get(i)) {
                throw new IndexOutOfBoundsException("subscript " + subscripts[i] + " outside ["
                        + lowerBounds.get(i) + ":" + (lowerBounds.get(i) + dimensions.get(i) - 1) + "]");
            }
            offset = offset * dimensions.get(i) + index;
        }
        return elements.get(offset);
    }

    /**
     * The elements as nested lists, one level per dimension ({@code {{1,2},{3,4}}} is {@code [[1, 2], [3, 4]]});
     * lower bounds are dropped. An empty array is an empty list. The lists are unmodifiable and may hold nulls.
     */
    public List<Object> toList() {
        if (elements.isEmpty()) {
            return List.of();
        }
        return nest(0, 0);
    }

    private List<Object> nest(int depth, int offset) {
        int n = dimensions.get(depth);
        List<Object> out = new ArrayList<>(n);
        if (depth == dimensions.size() - 1) {
            out.addAll(elements.subList(offset, offset + n));
        } else {
            int stride = 1;
            for (int i = depth + 1; i < dimensions.size(); i++) {
                stride *= dimensions.get(i);
            }
            for (int i = 0; i < n; i++) {
                out.add(nest(depth + 1, offset + i * stride));
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PgArray a) || a.elementOid != elementOid || !a.dimensions.equals(dimensions)
                || !a.lowerBounds.equals(lowerBounds) || a.elements.size() != elements.size()) {
            return false;
        }
        for (int i = 0; i < elements.size(); i++) {
            if (!Objects.deepEquals(elements.get(i), a.elements.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(elementOid, dimensions, lowerBounds);
        for (Object e : elements) {
            h = 31 * h + Arrays.deepHashCode(new Object[] {e});
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PgArray[elementOid=").append(elementOid).append(", ");
        for (int i = 0; i < dimensions.size(); i++) {
            sb.append('[').append(lowerBounds.get(i)).append(':')
                    .append(lowerBounds.get(i) + dimensions.get(i) - 1).append(']');
        }
        sb.append(dimensions.isEmpty() ? "" : " ");
        sb.append(Arrays.deepToString(elements.toArray())).append(']');
        return sb.toString();
    }
}
