package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.types.CodecContext;

/** bool ↔ Boolean. Text input as boolin: t/true/y/yes/on/1 and f/false/n/no/off/0, unique prefixes, any case. */
final class BoolCodec extends ScalarCodec<Boolean> {
    BoolCodec() {
        super("boolean");
    }

    @Override
    Boolean coerce(Object value, CodecContext ctx) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return parse(s, ctx);
        }
        throw wrongType(value, "Boolean");
    }

    @Override
    Boolean parse(String text, CodecContext ctx) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        int len = end - start;
        if (len > 0) {
            switch (text.charAt(start)) {
                case 't': case 'T':
                    if (prefixOf(text, start, len, "true")) {
                        return Boolean.TRUE;
                    }
                    break;
                case 'f': case 'F':
                    if (prefixOf(text, start, len, "false")) {
                        return Boolean.FALSE;
                    }
                    break;
                case 'y': case 'Y':
                    if (prefixOf(text, start, len, "yes")) {
                        return Boolean.TRUE;
                    }
                    break;
                case 'n': case 'N':
                    if (prefixOf(text, start, len, "no")) {
                        return Boolean.FALSE;
                    }
                    break;
                case 'o': case 'O':
                    // "o" alone is ambiguous
                    if (len >= 2 && prefixOf(text, start, len, "on")) {
                        return Boolean.TRUE;
                    }
                    if (len >= 2 && prefixOf(text, start, len, "off")) {
                        return Boolean.FALSE;
                    }
                    break;
                case '1':
                    if (len == 1) {
                        return Boolean.TRUE;
                    }
                    break;
                case '0':
                    if (len == 1) {
                        return Boolean.FALSE;
                    }
                    break;
                default:
                    break;
            }
        }
        throw syntax(text);
    }

    private static boolean prefixOf(String text, int start, int len, String word) {
        return len <= word.length() && text.regionMatches(true, start, word, 0, len);
    }

    @Override
    void writeText(Boolean value, ByteBuf out, CodecContext ctx) {
        out.writeByte(value ? 't' : 'f');
    }

    @Override
    void writeBinary(Boolean value, ByteBuf out, CodecContext ctx) {
        out.writeByte(value ? 1 : 0);
    }

    @Override
    Boolean readBinary(ByteBuf in, CodecContext ctx) {
        needBytes(in, 1);
        return in.readByte() != 0;
    }
}
