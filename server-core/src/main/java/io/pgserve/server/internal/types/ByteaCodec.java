package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * bytea ↔ byte[] (a ByteBuffer's remaining bytes also encode). Text input as byteain: {@code \x} then hex digits
 * (spaces, tabs and newlines allowed between pairs), or the escape format ({@code \\} and {@code \ooo} octal,
 * other bytes as themselves). Output in hex or escape format per bytea_output.
 */
final class ByteaCodec extends ScalarCodec<byte[]> {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    ByteaCodec() {
        super("bytea");
    }

    @Override
    byte[] coerce(Object value, CodecContext ctx) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer bb) {
            byte[] b = new byte[bb.remaining()];
            bb.duplicate().get(b);
            return b;
        }
        if (value instanceof String s) {
            return parse(s, ctx);
        }
        throw wrongType(value, "byte[] or ByteBuffer");
    }

    @Override
    byte[] parse(String text, CodecContext ctx) {
        return parseBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Object decodeText(ByteBuf in, CodecContext ctx) {
        byte[] b = ByteBufUtil.getBytes(in);
        in.skipBytes(b.length);
        return parseBytes(b);
    }

    private static byte[] parseBytes(byte[] s) {
        if (s.length >= 2 && s[0] == '\\' && s[1] == 'x') {
            byte[] out = new byte[(s.length - 2) / 2];
            int n = 0;
            int i = 2;
            while (i < s.length) {
                byte c = s[i];
                if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                    i++;
                    continue;
                }
                int hi = hexValue(s, i);
                i++;
                if (i >= s.length) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid hexadecimal data: odd number of digits");
                }
                int lo = hexValue(s, i);
                i++;
                out[n++] = (byte) ((hi << 4) | lo);
            }
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        }
        // escape format: count, then copy
        int count = 0;
        for (int i = 0; i < s.length; count++) {
            if (s[i] != '\\') {
                i++;
            } else if (i + 3 < s.length && s[i + 1] >= '0' && s[i + 1] <= '3' && isOctal(s[i + 2])
                    && isOctal(s[i + 3])) {
                i += 4;
            } else if (i + 1 < s.length && s[i + 1] == '\\') {
                i += 2;
            } else {
                throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        byte[] out = new byte[count];
        int n = 0;
        for (int i = 0; i < s.length; ) {
            if (s[i] != '\\') {
                out[n++] = s[i++];
            } else if (s[i + 1] == '\\') {
                out[n++] = '\\';
                i += 2;
            } else {
                out[n++] = (byte) (((s[i + 1] - '0') << 6) | ((s[i + 2] - '0') << 3) | (s[i + 3] - '0'));
                i += 4;
            }
        }
        return out;
    }

    private static boolean isOctal(byte c) {
        return c >= '0' && c <= '7';
    }

    private static int hexValue(byte[] s, int i) {
        int c = s[i];
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        // the whole (possibly multibyte) character
        int len = 1;
        int b = c & 0xff;
        if (b >= 0xc0) {
            len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        }
        String ch = new String(s, i, Math.min(len, s.length - i), StandardCharsets.UTF_8);
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + ch + "\"");
    }

    @Override
    void writeText(byte[] value, ByteBuf out, CodecContext ctx) {
        if (ctx.byteaHex()) {
            out.ensureWritable(2 + value.length * 2);
            out.writeByte('\\').writeByte('x');
            for (byte b : value) {
                out.writeByte(HEX[(b >> 4) & 0xf]).writeByte(HEX[b & 0xf]);
            }
            return;
        }
        for (byte b : value) {
            int u = b & 0xff;
            if (u == '\\') {
                out.writeByte('\\').writeByte('\\');
            } else if (u < 0x20 || u > 0x7e) {
                out.writeByte('\\').writeByte('0' + (u >> 6)).writeByte('0' + ((u >> 3) & 7)).writeByte('0' + (u & 7));
            } else {
                out.writeByte(u);
            }
        }
    }

    @Override
    void writeBinary(byte[] value, ByteBuf out, CodecContext ctx) {
        out.writeBytes(value);
    }

    @Override
    byte[] readBinary(ByteBuf in, CodecContext ctx) {
        byte[] b = ByteBufUtil.getBytes(in);
        in.skipBytes(b.length);
        return b;
    }
}
