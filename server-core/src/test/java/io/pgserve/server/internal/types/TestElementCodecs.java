package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;

import java.nio.charset.StandardCharsets;

/**
 * Small element codecs for testing the array codec on its own (the real scalar codecs live elsewhere): int4 and
 * text, with PostgreSQL's messages for the inputs the tests use.
 */
public final class TestElementCodecs {
    private TestElementCodecs() {
    }

    /** int4: decimal text (surrounding white space allowed, as int4in), 4-byte binary. */
    public static final class Int4 implements Codec {
        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(Integer.toString(((Number) value).intValue()), StandardCharsets.US_ASCII);
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            out.writeInt(((Number) value).intValue());
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            String s = in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8).toString();
            String t = s.strip();
            if (!t.matches("[+-]?[0-9]+")) {
                throw new PgException("22P02", "invalid input syntax for type integer: \"" + s + "\"");
            }
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new PgException("22003", "value \"" + s + "\" is out of range for type integer");
            }
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            return in.readInt(); // leaves extra bytes unread, so the array codec's check shows
        }
    }

    /** text: UTF-8 both ways; any value by toString. */
    public static final class Text implements Codec {
        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(value.toString(), StandardCharsets.UTF_8);
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            encodeText(value, out, ctx);
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            return in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8).toString();
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            return decodeText(in, ctx);
        }
    }
}
