package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionRegistry;

/** The built-in functions, one class per family. */
public final class BuiltinFunctions {
    private BuiltinFunctions() {
    }

    public static void registerAll(FunctionRegistry r) {
        StringFunctions.register(r);
        MathFunctions.register(r);
        DateTimeFunctions.register(r);
        ArrayFunctions.register(r);
        JsonFunctions.register(r);
        SystemFunctions.register(r);
        SequenceFunctions.register(r);
        AdvisoryLockFunctions.register(r);
        EnumCodec.registerFunctions(r);
    }
}
