package io.pgserve.engine;

import io.pgserve.server.types.PgType;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An aggregate function, defined the way PostgreSQL's {@code CREATE AGGREGATE} does: each group (or window frame)
 * starts from {@code initialState}, every input row is folded into the state by {@code transition}, and
 * {@code finalFunction} turns the state into the result. Register it with
 * {@link FunctionRegistry#registerAggregate}; SQL then calls it like a built-in aggregate, with {@code DISTINCT},
 * {@code ORDER BY}, {@code FILTER (WHERE ...)} and as a window function ({@code OVER (...)}).
 *
 * <pre>{@code
 * // product(float8): the product of the non-NULL inputs, NULL when there are none
 * engine.functions().registerAggregate(new AggregateFunction("product", List.of(PgType.FLOAT8), PgType.FLOAT8,
 *         true, () -> null, (state, args) -> state == null ? args[0] : (Double) state * (Double) args[0], null));
 *
 * // SELECT dept, product(rate) FROM loans GROUP BY dept
 * }</pre>
 *
 * Argument types may be the pseudo-types {@link #ANY}, {@link #ANY_ELEMENT}, {@link #ANY_ARRAY} and
 * {@link #ANY_NON_ARRAY}, as in PostgreSQL: a result type {@code ANY_ELEMENT} is then the type of the polymorphic
 * argument, {@code ANY_ARRAY} its array type (as {@code array_agg(anynonarray) → anyarray}).
 *
 * @param name          the SQL name (lower-cased)
 * @param argumentTypes the argument types (empty: called as {@code name(*)}, as {@code count(*)})
 * @param resultType    the result type
 * @param strict        rows with a NULL argument are skipped (not given to {@code transition})
 * @param initialState  makes the state of a new group; it may return null (and a new mutable object each time)
 * @param transition    the next state from the state and one row's arguments (it may update and return the same
 *                      mutable object); its values are of the argument types' Java types
 * @param finalFunction the result from the state, or null when the state is the result; it may be called more than
 *                      once on one state (window frames growing row by row) and must not change the state
 */
public record AggregateFunction(String name, List<PgType> argumentTypes, PgType resultType, boolean strict,
                                Supplier<Object> initialState, Transition transition, Final finalFunction) {
    /** {@link PseudoTypes#ANY}. */
    public static final PgType ANY = PseudoTypes.ANY;
    /** {@link PseudoTypes#ANY_ELEMENT}. */
    public static final PgType ANY_ELEMENT = PseudoTypes.ANY_ELEMENT;
    /** {@link PseudoTypes#ANY_ARRAY}. */
    public static final PgType ANY_ARRAY = PseudoTypes.ANY_ARRAY;
    /** {@link PseudoTypes#ANY_NON_ARRAY}. */
    public static final PgType ANY_NON_ARRAY = PseudoTypes.ANY_NON_ARRAY;

    /** Folds one row into the state. */
    @FunctionalInterface
    public interface Transition {
        Object apply(Object state, Object[] arguments) throws Exception;
    }

    /** Turns the state into the result. */
    @FunctionalInterface
    public interface Final {
        Object apply(Object state) throws Exception;
    }

    public AggregateFunction {
        name = name.toLowerCase(Locale.ROOT);
        argumentTypes = List.copyOf(argumentTypes);
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(transition, "transition");
    }

    /** Whether {@code type} is one of the pseudo-types above. */
    public static boolean isPolymorphic(PgType type) {
        return type.equals(ANY) || type.equals(ANY_ELEMENT) || type.equals(ANY_ARRAY) || type.equals(ANY_NON_ARRAY)
                || type.equals(PseudoTypes.ANY_ENUM);
    }
}
