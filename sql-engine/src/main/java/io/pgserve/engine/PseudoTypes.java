package io.pgserve.engine;

import io.pgserve.server.types.PgType;

/**
 * PostgreSQL's polymorphic pseudo-types, for declaring functions ({@link FunctionRegistry}), aggregates
 * ({@link AggregateFunction}) and set-returning functions ({@link TableFunctionRegistry}) that accept more than one
 * type. The engine resolves them per call as PostgreSQL does: every {@code anyelement}/{@code anynonarray} argument
 * of one call has the same type, and {@code anyarray} is an array of that type.
 *
 * <pre>{@code
 * engine.functions().register("first_non_null", List.of(PseudoTypes.ANY_ELEMENT, PseudoTypes.ANY_ELEMENT),
 *         PseudoTypes.ANY_ELEMENT, (ctx, args) -> args[0] != null ? args[0] : args[1]);
 * }</pre>
 */
public final class PseudoTypes {
    /** {@code "any"}: an argument of any type, unknown literals included (as {@code count("any")}). */
    public static final PgType ANY = new PgType(2276, "any", 4, 'P', 0, 0);
    /** {@code anyelement}: any type; every polymorphic argument of one call has the same type. */
    public static final PgType ANY_ELEMENT = new PgType(2283, "anyelement", 4, 'P', 0, 0);
    /** {@code anyarray}: any array type. */
    public static final PgType ANY_ARRAY = new PgType(2277, "anyarray", -1, 'P', 0, 0);
    /** {@code anynonarray}: any type that is not an array. */
    public static final PgType ANY_NON_ARRAY = new PgType(2776, "anynonarray", 4, 'P', 0, 0);
    /** {@code anyenum}: any enum type (as {@code enum_first(anyenum)}); like anyelement otherwise. */
    public static final PgType ANY_ENUM = new PgType(3500, "anyenum", 4, 'P', 0, 0);

    private PseudoTypes() {
    }
}
