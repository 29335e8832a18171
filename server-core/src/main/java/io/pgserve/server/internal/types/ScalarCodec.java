package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.internal.protocol.ProtocolException;
import io.pgserve.server.internal.protocol.Wire;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;

/**
 * The shape shared by the scalar codecs: every accepted Java value is first turned into the type's canonical Java
 * value ({@link #coerce}; a String is read as PostgreSQL's text syntax), which is then written.
 *
 * @param <T> the canonical Java type decoding returns
 */
abstract class ScalarCodec<T> implements Codec {
    /** The type's name as PostgreSQL's messages spell it: integer, double precision, boolean... */
    final String sqlName;

    ScalarCodec(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The canonical value for an accepted Java value, or a {@link PgException} for anything else. */
    abstract T coerce(Object value, CodecContext ctx);

    /** Reads PostgreSQL's text syntax. */
    abstract T parse(String text, CodecContext ctx);

    abstract void writeText(T value, ByteBuf out, CodecContext ctx);

    abstract void writeBinary(T value, ByteBuf out, CodecContext ctx);

    /** Reads the binary form from all readable bytes of {@code in}. */
    abstract T readBinary(ByteBuf in, CodecContext ctx);

    @Override
    public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
        writeText(coerce(value, ctx), out, ctx);
    }

    @Override
    public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
        writeBinary(coerce(value, ctx), out, ctx);
    }

    @Override
    public Object decodeText(ByteBuf in, CodecContext ctx) {
        return parse(readString(in), ctx);
    }

    @Override
    public Object decodeBinary(ByteBuf in, CodecContext ctx) {
        T value = readBinary(in, ctx);
        if (in.isReadable()) {
            throw binaryFormat();
        }
        return value;
    }

    /** The readable bytes of {@code in} as strict UTF-8 (22021 for invalid sequences); consumes them. */
    static String readString(ByteBuf in) {
        int n = in.readableBytes();
        try {
            return Wire.decodeUtf8(in, in.readerIndex(), n);
        } catch (ProtocolException e) {
            throw new PgException(e.sqlState(), e.getMessage());
        } finally {
            in.skipBytes(n);
        }
    }

    /** 22P02 {@code invalid input syntax for type <sqlName>: "<text>"}. */
    PgException syntax(String text) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + sqlName + ": \"" + text + "\"");
    }

    /** 22P03, as PostgreSQL reports binary input whose length or content does not fit the type. */
    static PgException binaryFormat() {
        return new PgException("22P03", "incorrect binary data format");
    }

    /** Checks that exactly {@code n} bytes are readable (22P03 otherwise). */
    static void needBytes(ByteBuf in, int n) {
        if (in.readableBytes() != n) {
            throw binaryFormat();
        }
    }

    /** 42804 for a Java value the type cannot take, naming what it takes. */
    PgException wrongType(Object value, String accepted) {
        return new PgException("42804", "cannot encode a value of Java type " + value.getClass().getName()
                + " as " + sqlName + " (accepted: " + accepted + ", or a String in PostgreSQL's text syntax)");
    }

    /** PostgreSQL's isspace in the C locale: space, \t, \n, \v, \f, \r. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
