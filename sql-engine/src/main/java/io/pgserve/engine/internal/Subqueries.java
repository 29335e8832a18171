package io.pgserve.engine.internal;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sub-SELECTs in expressions. Each runs its plan with {@code args} (the outer references, evaluated over the current
 * row) as the outer values of its query level: a correlated one (with args) runs again for every row, an
 * uncorrelated one once per execution of the statement (its result kept in {@link EvalContext#state()}).
 */
final class Subqueries {
    private Subqueries() {
    }

    private static final Object NULL = new Object();

    /** What a sub-SELECT computes from its rows. */
    private interface Body<T> {
        T apply(Executor.Op op) throws Exception;
    }

    private static <T> T run(Expr owner, Plan plan, List<Expr> args, Object[] row, EvalContext ctx, Body<T> body) {
        if (args.isEmpty()) {
            Object cached = ctx.state().get(owner);
            if (cached != null) {
                @SuppressWarnings("unchecked")
                T t = cached == NULL ? null : (T) cached;
                return t;
            }
        }
        Object[] frame = args.isEmpty() ? null : QueryOps.evalAll(args, row, ctx);
        if (frame != null) {
            ctx.pushFrame(frame);
        }
        T result;
        try (Executor.Op op = new Executor(ctx).build(plan)) {
            result = body.apply(op);
        } catch (PgException | ArithmeticException e) {
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PgException(SqlState.INTERNAL_ERROR, String.valueOf(e.getMessage()), e);
        } finally {
            if (frame != null) {
                ctx.popFrame();
            }
        }
        if (args.isEmpty()) {
            ctx.state().put(owner, result == null ? NULL : result);
        }
        return result;
    }

    /** {@code (SELECT x ...)}: NULL for no row, 21000 for more than one. */
    record Scalar(Plan plan, List<Expr> args, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return run(this, plan, args, row, ctx, op -> {
                Object[] r = op.next();
                if (r == null) {
                    return null;
                }
                if (op.next() != null) {
                    throw new PgException("21000", "more than one row returned by a subquery used as an expression");
                }
                return r[0];
            });
        }
    }

    /** {@code EXISTS (SELECT ...)}: stops at the first row. */
    record Exists(Plan plan, List<Expr> args) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return run(this, plan, args, row, ctx, op -> op.next() != null);
        }
    }

    /** {@code ARRAY(SELECT x ...)}. */
    record ArrayOf(Plan plan, List<Expr> args, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return run(this, plan, args, row, ctx, op -> {
                List<Object> values = new ArrayList<>();
                Object[] r;
                while ((r = op.next()) != null) {
                    values.add(r[0]);
                }
                return values.isEmpty() ? PgArray.empty(type.elementOid())
                        : PgArray.of(type.elementOid(), values);
            });
        }
    }

    /** A comparison over {operand, value}: not an Expr child, so rewrites of the outer row leave it alone. */
    record PairTest(Expr compare) {
    }

    /** The values of an uncorrelated {@code IN}/{@code ANY}/{@code ALL} sub-SELECT: a hash set for equality. */
    private record ValueSet(List<Object[]> values, Set<Object> keys, boolean hasNull) {
    }

    /**
     * {@code operand op ANY|ALL (SELECT x ...)} (IN is {@code = ANY}), or with a row of n operands against n columns:
     * {@code test} compares the operands (columns 0..n-1) with a sub-SELECT row (columns n..2n-1), with SQL's
     * three-valued logic over all rows. An uncorrelated single-column {@code IN} of one type probes a hash set.
     */
    record Quantified(Plan plan, List<Expr> args, List<Expr> operands, PairTest test, boolean all) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            int n = operands.size();
            Object[] pair = new Object[2 * n];
            for (int i = 0; i < n; i++) {
                pair[i] = operands.get(i).eval(row, ctx);
            }
            ValueSet set = run(this, plan, args, row, ctx, op -> {
                List<Object[]> values = new ArrayList<>();
                Set<Object> keys = new HashSet<>();
                boolean hasNull = false;
                Object[] r;
                while ((r = op.next()) != null) {
                    values.add(java.util.Arrays.copyOf(r, n));
                    if (r[0] == null) {
                        hasNull = true;
                    } else {
                        keys.add(Values.hashKey(r[0]));
                    }
                }
                return new ValueSet(values, keys, hasNull);
            });
            if (set.values().isEmpty()) {
                return all;
            }
            if (!all && n == 1 && test.compare() instanceof Expr.Compare c && c.op() == Expr.CmpOp.EQ
                    && c.left() instanceof Expr.Column && c.right() instanceof Expr.Column) {
                if (pair[0] == null) {
                    return null;
                }
                return set.keys().contains(Values.hashKey(pair[0])) ? Boolean.TRUE
                        : set.hasNull() ? null : Boolean.FALSE;
            }
            boolean sawNull = false;
            for (Object[] v : set.values()) {
                System.arraycopy(v, 0, pair, n, n);
                Object t = test.compare().eval(pair, ctx);
                if (t == null) {
                    sawNull = true;
                } else if ((Boolean) t != all) {
                    return !all;
                }
            }
            return sawNull ? null : all;
        }
    }
}
