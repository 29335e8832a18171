package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgInet;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java side of the scalar codecs: the alternative Java types each type accepts, and what it refuses. */
class ScalarMappingTest {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();
    private static final CodecContext CTX = CodecContext.DEFAULT;

    private static String text(PgType type, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            TYPES.codec(type).encodeText(value, out, CTX);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    private static String binary(PgType type, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            TYPES.codec(type).encodeBinary(value, out, CTX);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private static Object decodeText(PgType type, String text) {
        ByteBuf in = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return TYPES.codec(type).decodeText(in, CTX);
        } finally {
            in.release();
        }
    }

    private static Object decodeBinary(PgType type, String hex) {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            return TYPES.codec(type).decodeBinary(in, CTX);
        } finally {
            in.release();
        }
    }

    private static PgException fails(PgType type, Object value) {
        return assertThrows(PgException.class, () -> text(type, value));
    }

    @Test
    void integersTakeAnyIntegralInRange() {
        assertEquals("42", text(PgType.INT4, 42L));
        assertEquals("0000002a", binary(PgType.INT4, 42L));
        assertEquals("-7", text(PgType.INT2, (byte) -7));
        assertEquals("fff9", binary(PgType.INT2, -7));
        assertEquals("12345678901", text(PgType.INT8, BigInteger.valueOf(12345678901L)));
        assertEquals("3", text(PgType.INT4, new BigDecimal("3.000")));
        assertEquals("5", text(PgType.INT8, 5.0d));
        assertEquals("17", text(PgType.INT4, " 17 "));
        assertEquals(Integer.valueOf(9), decodeText(PgType.INT4, "+9"));
        assertEquals(Short.valueOf((short) 9), decodeBinary(PgType.INT2, "0009"));
        assertEquals(Long.valueOf(9), decodeText(PgType.INT8, "9"));
    }

    @Test
    void integersOutOfRange() {
        PgException e = fails(PgType.INT4, 3_000_000_000L);
        assertEquals("22003", e.sqlState());
        assertEquals("value \"3000000000\" is out of range for type integer", e.getMessage());
        assertEquals("value \"40000\" is out of range for type smallint", fails(PgType.INT2, 40000).getMessage());
        assertEquals("value \"9223372036854775808\" is out of range for type bigint",
                fails(PgType.INT8, BigInteger.ONE.shiftLeft(63)).getMessage());
        assertEquals("22P02", fails(PgType.INT4, 1.5d).sqlState());
        assertEquals("22P02", fails(PgType.INT4, "x").sqlState());
    }

    @Test
    void oidIsUnsigned() {
        assertEquals("4294967295", text(PgType.OID, 4294967295L));
        assertEquals("4294967295", text(PgType.OID, -1));
        assertEquals("ffffffff", binary(PgType.OID, 4294967295L));
        assertEquals(4294967295L, decodeBinary(PgType.OID, "ffffffff"));
        assertEquals("22003", fails(PgType.OID, 4294967296L).sqlState());
    }

    @Test
    void numericFromOtherJavaTypes() {
        assertEquals("123456789012345678901234567890",
                text(PgType.NUMERIC, new BigInteger("123456789012345678901234567890")));
        assertEquals("NaN", text(PgType.NUMERIC, Double.NaN));
        assertEquals("00000000c0000000", binary(PgType.NUMERIC, Double.NaN));
        assertEquals("Infinity", text(PgType.NUMERIC, Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", text(PgType.NUMERIC, Float.NEGATIVE_INFINITY));
        assertEquals("0.1", text(PgType.NUMERIC, 0.1d));
        assertEquals("0.1", text(PgType.NUMERIC, 0.1f));
        assertEquals("100", text(PgType.NUMERIC, 1e2));
        assertEquals("42", text(PgType.NUMERIC, 42));
        assertEquals("100", text(PgType.NUMERIC, new BigDecimal("1E+2")));
        assertEquals("1.10", text(PgType.NUMERIC, new BigDecimal("1.10")));
        assertEquals(new BigDecimal("1.10"), decodeText(PgType.NUMERIC, "1.10"));
        assertEquals(Double.NaN, decodeText(PgType.NUMERIC, "NaN"));
        assertEquals(Double.NEGATIVE_INFINITY, decodeBinary(PgType.NUMERIC, "00000000f0000020"));
        assertEquals("22003", fails(PgType.NUMERIC, new BigDecimal("1E-20000")).sqlState());
    }

    @Test
    void floatsTakeAnyNumber() {
        assertEquals("1.5", text(PgType.FLOAT8, new BigDecimal("1.5")));
        assertEquals("3", text(PgType.FLOAT8, 3));
        assertEquals("0.1", text(PgType.FLOAT4, 0.1d));
        assertEquals("22003", fails(PgType.FLOAT4, 1e300).sqlState());
        assertEquals(Double.valueOf(-0.0), decodeText(PgType.FLOAT8, "-0"));
        assertEquals(Float.valueOf(2.5f), decodeBinary(PgType.FLOAT4, "40200000"));
    }

    @Test
    void networkTypes() throws Exception {
        InetAddress v4 = InetAddress.getByName("192.168.0.1");
        assertEquals("192.168.0.1", text(PgType.INET, v4));
        assertEquals("02200004c0a80001", binary(PgType.INET, v4));
        assertEquals("192.168.0.1/32", text(PgType.CIDR, v4));
        assertEquals("192.168.0.1/24", text(PgType.INET, new PgInet(v4, 24)));
        assertEquals("::1", text(PgType.INET, InetAddress.getByName("::1")));
        assertEquals(new PgInet(InetAddress.getByName("10.0.0.0"), 8), decodeText(PgType.CIDR, "10/8"));
        PgException e = fails(PgType.CIDR, new PgInet(v4, 24));
        assertEquals("invalid cidr value: \"192.168.0.1/24\"", e.getMessage());
        assertEquals("Value has bits set to right of mask.", e.detail());
        Object mapped = decodeText(PgType.INET, "::ffff:1.2.3.4");
        assertEquals("::ffff:1.2.3.4", text(PgType.INET, mapped));
        assertThrows(IllegalArgumentException.class, () -> new PgInet(v4, 33));
    }

    @Test
    void byteaCharAndText() {
        assertEquals("\\x0102", text(PgType.BYTEA, new byte[] {1, 2}));
        assertEquals("0102", binary(PgType.BYTEA, ByteBuffer.wrap(new byte[] {1, 2})));
        assertArrayEquals(new byte[] {'a', '\\'}, (byte[]) decodeText(PgType.BYTEA, "a\\\\"));
        assertEquals("\\377", text(PgType.CHAR, (byte) -1));
        assertEquals("ff", binary(PgType.CHAR, "\\377"));
        assertEquals("A", decodeBinary(PgType.CHAR, "41"));
        assertEquals("x", text(PgType.CHAR, 'x'));
        assertEquals("a😀", text(PgType.TEXT, new StringBuilder("a😀")));
        assertEquals("22021", fails(PgType.TEXT, "a\0b").sqlState());
        assertEquals("a".repeat(63), text(PgType.NAME, "a".repeat(70)));
    }

    @Test
    void uuidBoolJson() {
        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", text(PgType.UUID, u));
        assertEquals(u, decodeText(PgType.UUID, "{A0EEBC999C0B4EF8BB6D6BB9BD380A11}"));
        assertEquals("t", text(PgType.BOOL, true));
        assertEquals("f", text(PgType.BOOL, "off"));
        assertEquals(Boolean.TRUE, decodeBinary(PgType.BOOL, "01"));
        assertEquals("{\"b\":1, \"a\":2}", text(PgType.JSON, "{\"b\":1, \"a\":2}"));
        assertEquals("{\"a\": 2, \"b\": 1}", text(PgType.JSONB, "{\"b\":1, \"a\":2}"));
        assertEquals("017b7d", binary(PgType.JSONB, "{}"));
        assertEquals("22P02", fails(PgType.JSONB, "{").sqlState());
    }

    @Test
    void wrongJavaTypeIsAPgExceptionNotAClassCastException() {
        for (PgType type : new PgType[] {PgType.BOOL, PgType.BYTEA, PgType.CHAR, PgType.NAME, PgType.INT2,
                PgType.INT4, PgType.INT8, PgType.OID, PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC, PgType.TEXT,
                PgType.VARCHAR, PgType.BPCHAR, PgType.UUID, PgType.JSON, PgType.JSONB, PgType.INET, PgType.CIDR}) {
            Codec codec = TYPES.codec(type);
            Object wrong = type == PgType.UUID ? 1 : new Object();
            ByteBuf out = Unpooled.buffer();
            try {
                PgException e = assertThrows(PgException.class, () -> codec.encodeText(wrong, out, CTX),
                        () -> type.name());
                assertEquals("42804", e.sqlState(), type.name());
                assertTrue(e.getMessage().contains(wrong.getClass().getName()), e.getMessage());
                assertThrows(PgException.class, () -> codec.encodeBinary(wrong, out, CTX), () -> type.name());
            } finally {
                out.release();
            }
        }
        assertEquals("cannot encode a value of Java type java.lang.Boolean as integer (accepted: Short, Integer, "
                + "Long, Byte, BigInteger, or a whole BigDecimal/Double/Float, or a String in PostgreSQL's text syntax)",
                fails(PgType.INT4, true).getMessage());
    }

    @Test
    void badBinaryInput() {
        assertEquals("22P03", assertThrows(PgException.class, () -> decodeBinary(PgType.INT4, "0001")).sqlState());
        assertEquals("invalid sign in external \"numeric\" value",
                assertThrows(PgException.class, () -> decodeBinary(PgType.NUMERIC, "0000000012340000")).getMessage());
        assertEquals("22P03", assertThrows(PgException.class, () -> decodeBinary(PgType.CIDR, "02180104c0a80001"))
                .sqlState());
    }
}
