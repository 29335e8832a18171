package io.pgserve.engine.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Generic walks over bound expressions (records whose components may be expressions, lists of them, or
 * {@link Expr.When}s), for planning: finding the columns an expression reads, and rewriting it.
 */
public final class ExprTree {
    private ExprTree() {
    }

    /** Visits {@code e} and every sub-expression, parents first. */
    public static void visit(Expr e, Consumer<Expr> visitor) {
        visitor.accept(e);
        for (Object child : components(e)) {
            visitChild(child, visitor);
        }
    }

    private static void visitChild(Object child, Consumer<Expr> visitor) {
        if (child instanceof Expr x) {
            visit(x, visitor);
        } else if (child instanceof Expr.When w) {
            visit(w.condition(), visitor);
            visit(w.result(), visitor);
        } else if (child instanceof List<?> list) {
            for (Object o : list) {
                visitChild(o, visitor);
            }
        }
    }

    /**
     * Rewrites top-down: {@code fn} returns a replacement for a node, or null to descend into its children.
     */
    public static Expr rewrite(Expr e, UnaryOperator<Expr> fn) {
        Expr r = fn.apply(e);
        if (r != null) {
            return r;
        }
        RecordComponent[] rcs = e.getClass().getRecordComponents();
        if (rcs == null) {
            return e;
        }
        Object[] args = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        boolean changed = false;
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            Object v = get(rcs[i], e);
            Object nv = rewriteChild(v, fn);
            changed |= nv != v;
            args[i] = nv;
        }
        if (!changed) {
            return e;
        }
        try {
            Constructor<?> c = e.getClass().getDeclaredConstructor(types);
            c.setAccessible(true);
            return (Expr) c.newInstance(args);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Object rewriteChild(Object v, UnaryOperator<Expr> fn) {
        if (v instanceof Expr x) {
            return rewrite(x, fn);
        }
        if (v instanceof Expr.When w) {
            Expr c = rewrite(w.condition(), fn);
            Expr r = rewrite(w.result(), fn);
            return c == w.condition() && r == w.result() ? w : new Expr.When(c, r);
        }
        if (v instanceof List<?> list && !list.isEmpty()
                && (list.get(0) instanceof Expr || list.get(0) instanceof Expr.When)) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object o : list) {
                Object n = rewriteChild(o, fn);
                changed |= n != o;
                out.add(n);
            }
            return changed ? List.copyOf(out) : v;
        }
        return v;
    }

    /** The column indexes an expression reads. */
    public static java.util.BitSet columns(Expr e) {
        java.util.BitSet bits = new java.util.BitSet();
        visit(e, x -> {
            if (x instanceof Expr.Column c) {
                bits.set(c.index());
            }
        });
        return bits;
    }

    /** Shifts every column reference by {@code delta}. */
    public static Expr shift(Expr e, int delta) {
        return delta == 0 ? e : rewrite(e, x -> x instanceof Expr.Column c
                ? new Expr.Column(c.index() + delta, c.type(), c.name(), c.location()) : null);
    }

    private static List<Object> components(Expr e) {
        RecordComponent[] rcs = e.getClass().getRecordComponents();
        if (rcs == null) {
            return List.of();
        }
        List<Object> out = new ArrayList<>(rcs.length);
        for (RecordComponent rc : rcs) {
            out.add(get(rc, e));
        }
        return out;
    }

    private static Object get(RecordComponent rc, Object o) {
        try {
            var m = rc.getAccessor();
            m.setAccessible(true);
            return m.invoke(o);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
