package io.pgserve.server.internal.types;

import io.pgserve.server.types.TypeRegistry;

/**
 * Codecs of the non-temporal scalar types: bool, bytea, "char", name, int2, int4, int8, oid, float4, float8, numeric,
 * text, varchar, bpchar, uuid, json, jsonb, inet, cidr.
 */
public final class ScalarCodecs {
    private ScalarCodecs() {
    }

    public static void registerAll(TypeRegistry registry) {
        // filled in with the codecs
    }
}
