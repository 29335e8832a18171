package io.pgserve.server.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeRegistryTest {
    private final TypeRegistry types = TypeRegistry.builtin();

    @Test
    void namesAsPostgresqlAcceptsThem() {
        assertEquals(PgType.INT4, types.byName("integer").orElseThrow());
        assertEquals(PgType.INT4, types.byName("pg_catalog.int4").orElseThrow());
        assertEquals(PgType.VARCHAR, types.byName("character varying(20)").orElseThrow());
        assertEquals(1015, types.byName("character varying(20)[]").orElseThrow().oid());
        assertEquals(1007, types.byName("_int4").orElseThrow().oid());
        assertEquals(PgType.TIMESTAMPTZ, types.byName("timestamp(3) with time zone").orElseThrow());
        assertEquals(PgType.FLOAT8, types.byName("double precision").orElseThrow());
        assertEquals(PgType.CHAR, types.byName("\"char\"").orElseThrow());
        assertEquals(PgType.BPCHAR, types.byName("char(3)").orElseThrow());
        assertTrue(types.byName("no_such_type").isEmpty());
    }

    @Test
    void everyBuiltinTypeHasACodecAndAnArrayType() {
        for (PgType t : List.of(PgType.BOOL, PgType.BYTEA, PgType.CHAR, PgType.NAME, PgType.INT2, PgType.INT4,
                PgType.INT8, PgType.OID, PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC, PgType.TEXT, PgType.VARCHAR,
                PgType.BPCHAR, PgType.DATE, PgType.TIME, PgType.TIMETZ, PgType.TIMESTAMP, PgType.TIMESTAMPTZ,
                PgType.INTERVAL, PgType.UUID, PgType.JSON, PgType.JSONB, PgType.INET, PgType.CIDR)) {
            assertTrue(types.codec(t) != null, t.name());
            PgType array = types.arrayOf(t);
            assertEquals(t.oid(), array.elementOid(), t.name());
            assertTrue(types.codec(array) != null, array.name());
        }
    }

    @Test
    void userEnumsAndTheirArrays() {
        PgType mood = types.registerEnum("mood", List.of("sad", "ok", "happy"));
        assertTrue(mood.oid() >= 100_000);
        assertEquals('E', mood.category());
        assertEquals(mood, types.byName("mood").orElseThrow());
        assertEquals(List.of("sad", "ok", "happy"), types.enumLabels(mood));
        assertEquals("happy", roundTrip(types.codec(mood), "happy"));
        PgException bad = assertThrows(PgException.class, () -> roundTrip(types.codec(mood), "meh"));
        assertEquals("22P02", bad.sqlState());
        assertEquals("invalid input value for enum mood: \"meh\"", bad.getMessage());
        PgType moods = types.byName("mood[]").orElseThrow();
        ByteBuf out = Unpooled.buffer();
        try {
            types.codec(moods).encodeText(List.of("sad", "ok"), out, CodecContext.DEFAULT);
            assertEquals("{sad,ok}", out.toString(StandardCharsets.UTF_8));
        } finally {
            out.release();
        }
    }

    @Test
    void typesRegisteredByOidOnly() {
        PgType mood = new PgType(16390, "mood", 4, 'E', 16389, 0);
        Codec codec = new io.pgserve.server.internal.types.EnumCodec("mood", List.of("sad", "ok"));
        types.registerByOid(mood, codec);
        assertEquals(mood, types.byOid(16390));
        assertEquals(16390, types.byOid(16389).elementOid());
        assertEquals("_mood", types.byOid(16389).name());
        assertEquals(codec, types.codec(mood));
        assertTrue(types.codec(16389) != null);
        assertTrue(types.byName("mood").isEmpty(), "the handler resolves the name");
        assertTrue(types.types().stream().noneMatch(t -> t.oid() == 16390 || t.oid() == 16389));
    }

    private static Object roundTrip(Codec codec, String text) {
        ByteBuf in = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return codec.decodeText(in, CodecContext.DEFAULT);
        } finally {
            in.release();
        }
    }
}
