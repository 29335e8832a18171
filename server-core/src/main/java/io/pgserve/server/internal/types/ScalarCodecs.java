package io.pgserve.server.internal.types;

import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

/**
 * Codecs of the non-temporal scalar types: bool, bytea, "char", name, int2, int4, int8, oid, float4, float8, numeric,
 * text, varchar, bpchar, uuid, json, jsonb, inet, cidr.
 */
public final class ScalarCodecs {
    private ScalarCodecs() {
    }

    public static void registerAll(TypeRegistry registry) {
        registry.register(PgType.BOOL, new BoolCodec());
        registry.register(PgType.BYTEA, new ByteaCodec());
        registry.register(PgType.CHAR, TextCodecs.CHAR);
        registry.register(PgType.NAME, TextCodecs.NAME);
        registry.register(PgType.INT2, IntegerCodecs.INT2);
        registry.register(PgType.INT4, IntegerCodecs.INT4);
        registry.register(PgType.INT8, IntegerCodecs.INT8);
        registry.register(PgType.OID, IntegerCodecs.OID);
        registry.register(PgType.FLOAT4, FloatCodecs.FLOAT4);
        registry.register(PgType.FLOAT8, FloatCodecs.FLOAT8);
        registry.register(PgType.NUMERIC, new NumericCodec());
        registry.register(PgType.TEXT, TextCodecs.TEXT);
        registry.register(PgType.VARCHAR, TextCodecs.VARCHAR);
        registry.register(PgType.BPCHAR, TextCodecs.BPCHAR);
        registry.register(PgType.UUID, new UuidCodec());
        registry.register(PgType.JSON, JsonCodecs.JSON);
        registry.register(PgType.JSONB, JsonCodecs.JSONB);
        registry.register(PgType.INET, NetworkCodecs.INET);
        registry.register(PgType.CIDR, NetworkCodecs.CIDR);
    }
}
