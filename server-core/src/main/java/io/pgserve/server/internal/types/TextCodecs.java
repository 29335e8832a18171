package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pgserve.server.PgException;
import io.pgserve.server.types.CodecContext;

import java.nio.charset.StandardCharsets;

/**
 * The string types. text, varchar and bpchar ↔ String, both formats the UTF-8 bytes (bpchar without a length keeps
 * its spaces). name ↔ String, cut to 63 bytes at a character boundary as namein does. "char" ↔ String: its one byte
 * as charout prints it: "" for the zero byte, the character itself for ASCII, and an octal escape such as
 * {@code \303} for bytes from 128 up.
 */
final class TextCodecs {
    private TextCodecs() {
    }

    static final ScalarCodec<String> TEXT = new StringCodec("text");
    static final ScalarCodec<String> VARCHAR = new StringCodec("character varying");
    static final ScalarCodec<String> BPCHAR = new StringCodec("character");
    static final ScalarCodec<String> NAME = new NameCodec();
    static final ScalarCodec<String> CHAR = new CharCodec();

    /** NAMEDATALEN - 1. */
    private static final int NAME_MAX_BYTES = 63;

    private static PgException nul() {
        return new PgException("22021", "invalid byte sequence for encoding \"UTF8\": 0x00");
    }

    private static String checkNoNul(String s) {
        if (s.indexOf('\0') >= 0) {
            throw nul();
        }
        return s;
    }

    private static String readText(ByteBuf in) {
        if (in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0) >= 0) {
            throw nul();
        }
        return ScalarCodec.readString(in);
    }

    private static class StringCodec extends ScalarCodec<String> {
        StringCodec(String sqlName) {
            super(sqlName);
        }

        @Override
        String coerce(Object value, CodecContext ctx) {
            if (value instanceof String s) {
                return parse(s, ctx);
            }
            if (value instanceof CharSequence || value instanceof Character) {
                return parse(value.toString(), ctx);
            }
            throw wrongType(value, "String, CharSequence or Character");
        }

        @Override
        String parse(String text, CodecContext ctx) {
            return checkNoNul(text);
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            return parse(readText(in), ctx);
        }

        @Override
        void writeText(String value, ByteBuf out, CodecContext ctx) {
            ByteBufUtil.writeUtf8(out, value);
        }

        @Override
        void writeBinary(String value, ByteBuf out, CodecContext ctx) {
            ByteBufUtil.writeUtf8(out, value);
        }

        @Override
        String readBinary(ByteBuf in, CodecContext ctx) {
            return parse(readText(in), ctx);
        }
    }

    /** name: at most 63 bytes; longer text is cut at a character boundary (binary input longer is an error). */
    private static final class NameCodec extends StringCodec {
        NameCodec() {
            super("name");
        }

        @Override
        String parse(String text, CodecContext ctx) {
            checkNoNul(text);
            if (text.length() * 3 <= NAME_MAX_BYTES || ByteBufUtil.utf8Bytes(text) <= NAME_MAX_BYTES) {
                return text;
            }
            int bytes = 0;
            int i = 0;
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + n > NAME_MAX_BYTES) {
                    break;
                }
                bytes += n;
                i += Character.charCount(cp);
            }
            return text.substring(0, i);
        }

        @Override
        String readBinary(ByteBuf in, CodecContext ctx) {
            if (in.readableBytes() > NAME_MAX_BYTES) {
                throw PgException.builder("42622", "identifier too long")
                        .detail("Identifier must be less than 64 characters.").build();
            }
            return readText(in);
        }
    }

    /** "char": one byte. */
    private static final class CharCodec extends ScalarCodec<String> {
        private static final String[] CANONICAL = new String[256];

        static {
            CANONICAL[0] = "";
            for (int b = 1; b < 256; b++) {
                CANONICAL[b] = b < 128 ? String.valueOf((char) b)
                        : "\\" + (char) ('0' + (b >> 6)) + (char) ('0' + ((b >> 3) & 7)) + (char) ('0' + (b & 7));
            }
        }

        CharCodec() {
            super("\"char\"");
        }

        @Override
        String coerce(Object value, CodecContext ctx) {
            if (value instanceof String s) {
                return parse(s, ctx);
            }
            if (value instanceof Byte b) {
                return CANONICAL[b & 0xff];
            }
            if (value instanceof Character c) {
                return parse(c.toString(), ctx);
            }
            throw wrongType(value, "String (one character, or an octal escape such as \\303), Character or Byte");
        }

        @Override
        String parse(String text, CodecContext ctx) {
            return CANONICAL[byteOf(text.getBytes(StandardCharsets.UTF_8))];
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            byte[] bytes = ByteBufUtil.getBytes(in);
            in.skipBytes(bytes.length);
            return CANONICAL[byteOf(bytes)];
        }

        /** charin / text_char: a backslash and three octal digits, else the first byte (0 when empty). */
        private static int byteOf(byte[] b) {
            if (b.length == 4 && b[0] == '\\' && isOctal(b[1]) && isOctal(b[2]) && isOctal(b[3])) {
                return (((b[1] - '0') << 6) + ((b[2] - '0') << 3) + (b[3] - '0')) & 0xff;
            }
            return b.length == 0 ? 0 : b[0] & 0xff;
        }

        private static boolean isOctal(byte c) {
            return c >= '0' && c <= '7';
        }

        @Override
        void writeText(String value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(value, StandardCharsets.US_ASCII);
        }

        @Override
        void writeBinary(String value, ByteBuf out, CodecContext ctx) {
            out.writeByte(byteOf(value.getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        String readBinary(ByteBuf in, CodecContext ctx) {
            needBytes(in, 1);
            return CANONICAL[in.readUnsignedByte()];
        }
    }
}
