package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.types.CodecContext;

import java.util.UUID;

/**
 * uuid ↔ java.util.UUID. Text input as uuid_in: 32 hex digits in any case, optionally in braces, with a hyphen
 * allowed after any group of four digits; output in the lower-case 8-4-4-4-12 form.
 */
final class UuidCodec extends ScalarCodec<UUID> {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    UuidCodec() {
        super("uuid");
    }

    @Override
    UUID coerce(Object value, CodecContext ctx) {
        if (value instanceof UUID u) {
            return u;
        }
        if (value instanceof String s) {
            return parse(s, ctx);
        }
        throw wrongType(value, "java.util.UUID");
    }

    @Override
    UUID parse(String text, CodecContext ctx) {
        int i = 0;
        int end = text.length();
        boolean braces = false;
        if (i < end && text.charAt(i) == '{') {
            braces = true;
            i++;
        }
        long hi = 0;
        long lo = 0;
        for (int d = 0; d < 32; d++) {
            // a hyphen may follow any group of four digits (not the first or last digit)
            if (d > 0 && d % 4 == 0 && i < end && text.charAt(i) == '-') {
                i++;
            }
            int v = i < end ? Character.digit(text.charAt(i), 16) : -1;
            if (v < 0 || text.charAt(i) > 'f') {
                throw syntax(text);
            }
            i++;
            if (d < 16) {
                hi = (hi << 4) | v;
            } else {
                lo = (lo << 4) | v;
            }
        }
        if (braces) {
            if (i >= end || text.charAt(i) != '}') {
                throw syntax(text);
            }
            i++;
        }
        if (i != end) {
            throw syntax(text);
        }
        return new UUID(hi, lo);
    }

    @Override
    void writeText(UUID value, ByteBuf out, CodecContext ctx) {
        long hi = value.getMostSignificantBits();
        long lo = value.getLeastSignificantBits();
        for (int d = 0; d < 32; d++) {
            if (d == 8 || d == 12 || d == 16 || d == 20) {
                out.writeByte('-');
            }
            long word = d < 16 ? hi : lo;
            int shift = 60 - 4 * (d % 16);
            out.writeByte(HEX[(int) (word >>> shift) & 0xf]);
        }
    }

    @Override
    void writeBinary(UUID value, ByteBuf out, CodecContext ctx) {
        out.writeLong(value.getMostSignificantBits()).writeLong(value.getLeastSignificantBits());
    }

    @Override
    UUID readBinary(ByteBuf in, CodecContext ctx) {
        needBytes(in, 16);
        return new UUID(in.readLong(), in.readLong());
    }
}
