package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableFunctionRegistry;
import io.pgserve.server.PgException;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgInterval;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * The built-in set-returning functions: generate_series (integers, numeric, timestamps), unnest and
 * generate_subscripts.
 */
public final class TableFunctions {
    private TableFunctions() {
    }

    public static void registerAll(TableFunctionRegistry r) {
        for (PgType t : List.of(PgType.INT4, PgType.INT8, PgType.NUMERIC)) {
            List<TableColumn> col = List.of(TableColumn.of("generate_series", t));
            r.register("generate_series", List.of(t, t), col, (c, a) -> series(a[0], a[1], one(t)));
            r.register("generate_series", List.of(t, t, t), col, (c, a) -> series(a[0], a[1], a[2]));
        }
        for (PgType t : List.of(PgType.TIMESTAMP, PgType.TIMESTAMPTZ)) {
            r.register("generate_series", List.of(t, t, PgType.INTERVAL),
                    List.of(TableColumn.of("generate_series", t)),
                    (c, a) -> timeSeries(c, (Comparable<?>) a[0], (Comparable<?>) a[1], (PgInterval) a[2]));
        }
        r.register("unnest", List.of(TableFunctionRegistry.ANYARRAY),
                List.of(TableColumn.of("unnest", TableFunctionRegistry.ANYELEMENT)),
                (c, a) -> ((PgArray) a[0]).elements().stream().map(e -> new Object[] {e}).iterator());
        Composite.registerExpandArray(r);
        List<TableColumn> subscript = List.of(TableColumn.of("generate_subscripts", PgType.INT4));
        r.register("generate_subscripts", List.of(TableFunctionRegistry.ANYARRAY, PgType.INT4), subscript,
                (c, a) -> subscripts((PgArray) a[0], (Integer) a[1], false));
        r.register("generate_subscripts", List.of(TableFunctionRegistry.ANYARRAY, PgType.INT4, PgType.BOOL),
                subscript, (c, a) -> subscripts((PgArray) a[0], (Integer) a[1], (Boolean) a[2]));
    }

    /** generate_subscripts: the subscripts of dimension {@code dim}, from its lower bound (reversed: downwards). */
    private static Iterator<Object[]> subscripts(PgArray arr, int dim, boolean reverse) {
        if (dim < 1 || dim > arr.ndim()) {
            return java.util.Collections.emptyIterator();
        }
        long lo = arr.lowerBounds().get(dim - 1);
        long hi = lo + arr.dimensions().get(dim - 1) - 1;
        return reverse ? longs(hi, lo, -1, v -> (int) v) : longs(lo, hi, 1, v -> (int) v);
    }

    private static Object one(PgType t) {
        return t.equals(PgType.INT4) ? (Object) 1 : t.equals(PgType.INT8) ? (Object) 1L : BigDecimal.ONE;
    }

    private static PgException zeroStep() {
        return new PgException("22023", "step size cannot equal zero");
    }

    /** start, start + step, ... while not past stop; integer types stop cleanly at their bounds. */
    private static Iterator<Object[]> series(Object start, Object stop, Object step) {
        if (start instanceof Integer s) {
            long st = (Integer) step;
            if (st == 0) {
                throw zeroStep();
            }
            return longs(s, (Integer) stop, st, v -> (int) (long) v);
        }
        if (start instanceof Long s) {
            long st = (Long) step;
            if (st == 0) {
                throw zeroStep();
            }
            return longs(s, (Long) stop, st, v -> v);
        }
        BigDecimal s = (BigDecimal) start;
        BigDecimal e = (BigDecimal) stop;
        BigDecimal st = (BigDecimal) step;
        if (st.signum() == 0) {
            throw zeroStep();
        }
        int dir = st.signum();
        return generate(s, v -> v.add(st), v -> v.compareTo(e) * dir <= 0);
    }

    private static Iterator<Object[]> longs(long start, long stop, long step, java.util.function.LongFunction<Object>
            box) {
        return new Iterator<>() {
            long next = start;
            boolean done = step > 0 ? start > stop : start < stop;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public Object[] next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                long v = next;
                long n = v + step;
                // overflow, or past stop: the last one
                done = ((v ^ n) & (step ^ n)) < 0 || (step > 0 ? n > stop : n < stop);
                next = n;
                return new Object[] {box.apply(v)};
            }
        };
    }

    private static <T> Iterator<Object[]> generate(T first, UnaryOperator<T> step,
                                                   java.util.function.Predicate<T> inRange) {
        return new Iterator<>() {
            T next = first;

            @Override
            public boolean hasNext() {
                return inRange.test(next);
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T v = next;
                next = step.apply(v);
                return new Object[] {v};
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Iterator<Object[]> timeSeries(FunctionContext ctx, Comparable start, Comparable stop,
                                                 PgInterval step) {
        long span = (step.months() * 30L + step.days()) * 86_400_000_000L + step.microseconds();
        if (span == 0) {
            throw zeroStep();
        }
        int dir = span > 0 ? 1 : -1;
        UnaryOperator<Comparable> add;
        if (start instanceof LocalDateTime) {
            add = v -> ((LocalDateTime) v).plusMonths(step.months()).plusDays(step.days())
                    .plus(step.microseconds(), ChronoUnit.MICROS);
        } else {
            add = v -> ((OffsetDateTime) v).atZoneSameInstant(ctx.codecContext().timeZone())
                    .plusMonths(step.months()).plusDays(step.days()).plus(step.microseconds(), ChronoUnit.MICROS)
                    .toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        return generate(start, add, v -> v.compareTo(stop) * dir <= 0);
    }
}
