package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.server.types.PgType;

import java.util.List;

/**
 * The operators beyond comparison and numeric arithmetic (which the binder types itself), by symbol: each is a
 * function of one (prefix) or two arguments, resolved among its overloads like a function call. The function
 * families register theirs ({@code ^}, {@code ||}, {@code ~}, {@code ->}, {@code @>}, date/time arithmetic...).
 */
public final class Operators {
    private static final FunctionRegistry TABLE = FunctionRegistry.empty();

    static {
        MathFunctions.registerOperators(TABLE);
        StringFunctions.registerOperators(TABLE);
        DateTimeFunctions.registerOperators(TABLE);
        ArrayFunctions.registerOperators(TABLE);
        JsonFunctions.registerOperators(TABLE);
    }

    private Operators() {
    }

    /** Every overload of an operator symbol. */
    public static List<Function> lookup(String symbol) {
        return TABLE.lookup(symbol);
    }

    /** Registers a strict binary (or, with one argument type, prefix) operator. */
    static void op(FunctionRegistry table, String symbol, List<PgType> args, PgType result,
                   FunctionRegistry.Implementation impl) {
        table.register(new Function(symbol, args, result, true, false, impl));
    }
}
