package io.pgserve.server.internal.types;

import io.pgserve.server.types.TypeRegistry;

/** Registers every built-in type with its codec. */
public final class BuiltinCodecs {
    private BuiltinCodecs() {
    }

    public static void registerAll(TypeRegistry registry) {
        ScalarCodecs.registerAll(registry);
        DateTimeCodecs.registerAll(registry);
    }
}
