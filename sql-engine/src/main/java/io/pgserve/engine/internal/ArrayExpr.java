package io.pgserve.engine.internal;

import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;

import java.util.ArrayList;
import java.util.List;

/** Array expressions: ARRAY[...], subscripts and slices, and {@code x op ANY/ALL (array)}. */
final class ArrayExpr {
    private ArrayExpr() {
    }

    /**
     * ARRAY[e1, e2...]: a one-dimensional array of the elements, or, when the elements are arrays themselves
     * ({@code ARRAY[[1, 2], [3, 4]]}), one more dimension over them (2202E when their shapes differ).
     */
    record Constructor(List<Expr> elements, boolean nested, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            int elementOid = type.elementOid();
            if (!nested) {
                List<Object> values = new ArrayList<>(elements.size());
                for (Expr e : elements) {
                    values.add(e.eval(row, ctx));
                }
                return values.isEmpty() ? PgArray.empty(elementOid) : new PgArray(elementOid,
                        List.of(values.size()), List.of(1), values);
            }
            List<Object> flat = new ArrayList<>();
            List<Integer> dims = null;
            int count = 0;
            for (Expr e : elements) {
                PgArray sub = (PgArray) e.eval(row, ctx);
                if (sub == null || sub.isEmpty()) {
                    if (dims != null && !dims.isEmpty()) {
                        throw mismatch();
                    }
                    dims = List.of();
                    continue;
                }
                if (dims == null) {
                    dims = sub.dimensions();
                } else if (!dims.equals(sub.dimensions())) {
                    throw mismatch();
                }
                flat.addAll(sub.elements());
                count++;
            }
            if (flat.isEmpty()) {
                return PgArray.empty(elementOid);
            }
            List<Integer> outDims = new ArrayList<>();
            outDims.add(count);
            outDims.addAll(dims);
            List<Integer> lower = new ArrayList<>();
            outDims.forEach(d -> lower.add(1));
            return new PgArray(elementOid, outDims, lower, flat);
        }

        private static io.pgserve.server.PgException mismatch() {
            return new io.pgserve.server.PgException("2202E", "multidimensional arrays must have array expressions "
                    + "with matching dimensions");
        }

        @Override
        public boolean isConstant() {
            return elements.stream().allMatch(Expr::isConstant);
        }
    }

    /**
     * {@code a[i][j]...} ({@code slice} false: an element, NULL when outside the array or with fewer subscripts
     * than dimensions) or {@code a[l:u]...} (a slice: a sub-array with lower bounds 1).
     */
    record Subscript(Expr array, List<Expr> lower, List<Expr> upper, List<Boolean> sliceSteps, boolean slice,
                     PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            PgArray a = (PgArray) array.eval(row, ctx);
            if (a == null) {
                return null;
            }
            int n = lower.size();
            Integer[] lo = new Integer[n];
            Integer[] hi = new Integer[n];
            for (int i = 0; i < n; i++) {
                if (lower.get(i) != null) {
                    Object v = lower.get(i).eval(row, ctx);
                    if (v == null) {
                        return null;
                    }
                    lo[i] = ((Number) v).intValue();
                }
                if (upper.get(i) != null) {
                    Object v = upper.get(i).eval(row, ctx);
                    if (v == null) {
                        return null;
                    }
                    hi[i] = ((Number) v).intValue();
                }
            }
            if (!slice) {
                if (n != a.ndim()) {
                    return null;
                }
                int offset = 0;
                for (int i = 0; i < n; i++) {
                    int index = lo[i] - a.lowerBounds().get(i);
                    if (index < 0 || index >= a.dimensions().get(i)) {
                        return null;
                    }
                    offset = offset * a.dimensions().get(i) + index;
                }
                return a.elements().get(offset);
            }
            if (a.isEmpty() || n > a.ndim()) {
                return PgArray.empty(a.elementOid());
            }
            // every dimension gets a range: given ones from the subscripts (a bare [i] is [1:i]), the rest whole
            int nd = a.ndim();
            int[] from = new int[nd];
            int[] to = new int[nd];
            for (int i = 0; i < nd; i++) {
                int lb = a.lowerBounds().get(i);
                int ub = lb + a.dimensions().get(i) - 1;
                if (i < n) {
                    int l = sliceSteps.get(i) ? (lo[i] == null ? lb : lo[i]) : 1;
                    int u = sliceSteps.get(i) ? (hi[i] == null ? ub : hi[i]) : lo[i];
                    from[i] = Math.max(l, lb);
                    to[i] = Math.min(u, ub);
                } else {
                    from[i] = lb;
                    to[i] = ub;
                }
                if (from[i] > to[i]) {
                    return PgArray.empty(a.elementOid());
                }
            }
            List<Integer> dims = new ArrayList<>();
            List<Integer> lbs = new ArrayList<>();
            for (int i = 0; i < nd; i++) {
                dims.add(to[i] - from[i] + 1);
                lbs.add(1);
            }
            List<Object> out = new ArrayList<>();
            collect(a, from, to, 0, 0, out);
            return new PgArray(a.elementOid(), dims, lbs, out);
        }

        private static void collect(PgArray a, int[] from, int[] to, int dim, int offset, List<Object> out) {
            int lb = a.lowerBounds().get(dim);
            for (int s = from[dim]; s <= to[dim]; s++) {
                int o = offset * a.dimensions().get(dim) + (s - lb);
                if (dim == from.length - 1) {
                    out.add(a.elements().get(o));
                } else {
                    collect(a, from, to, dim + 1, o, out);
                }
            }
        }
    }

    /**
     * {@code x op ANY (array)} / {@code x op ALL (array)} with three-valued logic: {@code test} is the comparison
     * of the operand with one element, bound over a two-column row (operand, element).
     */
    record Quantified(Expr operand, Expr array, ElementTest test, boolean all) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            PgArray a = (PgArray) array.eval(row, ctx);
            if (a == null) {
                return null;
            }
            if (a.isEmpty()) {
                return all;
            }
            Object x = operand.eval(row, ctx);
            boolean sawNull = false;
            Object[] pair = new Object[2];
            pair[0] = x;
            for (Object e : a.elements()) {
                pair[1] = e;
                Object r = test.comparison().eval(pair, ctx);
                if (r == null) {
                    sawNull = true;
                } else if ((Boolean) r != all) {
                    return !all;
                }
            }
            return sawNull ? null : all;
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant() && array.isConstant();
        }
    }

    /**
     * The comparison of ANY/ALL over its own two-column row (operand, element); a holder, so that walks over the
     * enclosing expression's columns (ExprTree) do not take its columns for the input's.
     */
    record ElementTest(Expr comparison) {
    }
}
