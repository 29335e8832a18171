package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * json ↔ String, kept exactly as given once it parses; binary form the same text. jsonb ↔ String in PostgreSQL's
 * canonical output: {@code ", "} and {@code ": "} separators, object keys ordered by length and then bytewise with
 * the last duplicate winning, numbers as numeric prints them, strings re-escaped as escape_json does. jsonb's binary
 * form is the version byte 1 and that text.
 */
final class JsonCodecs {
    private JsonCodecs() {
    }

    static final ScalarCodec<String> JSON = new JsonCodec();
    static final ScalarCodec<String> JSONB = new JsonbCodec();

    private static final NumericCodec NUMERIC = new NumericCodec();

    private static PgException invalid() {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
    }

    private static final class JsonCodec extends ScalarCodec<String> {
        JsonCodec() {
            super("json");
        }

        @Override
        String coerce(Object value, CodecContext ctx) {
            if (value instanceof String s) {
                return parse(s, ctx);
            }
            if (value instanceof CharSequence cs) {
                return parse(cs.toString(), ctx);
            }
            throw wrongType(value, "String (JSON text)");
        }

        @Override
        String parse(String text, CodecContext ctx) {
            new Parser(text, false).document();
            return text;
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
            return parse(readString(in), ctx);
        }
    }

    private static final class JsonbCodec extends ScalarCodec<String> {
        JsonbCodec() {
            super("jsonb");
        }

        @Override
        String coerce(Object value, CodecContext ctx) {
            if (value instanceof String s) {
                return parse(s, ctx);
            }
            if (value instanceof CharSequence cs) {
                return parse(cs.toString(), ctx);
            }
            throw wrongType(value, "String (JSON text)");
        }

        @Override
        String parse(String text, CodecContext ctx) {
            return normalize(text);
        }

        @Override
        void writeText(String value, ByteBuf out, CodecContext ctx) {
            ByteBufUtil.writeUtf8(out, value);
        }

        @Override
        void writeBinary(String value, ByteBuf out, CodecContext ctx) {
            out.writeByte(1);
            ByteBufUtil.writeUtf8(out, value);
        }

        @Override
        String readBinary(ByteBuf in, CodecContext ctx) {
            if (!in.isReadable()) {
                throw binaryFormat();
            }
            int version = in.readUnsignedByte();
            if (version != 1) {
                throw new PgException("XX000", "unsupported jsonb version number " + version);
            }
            return parse(readString(in), ctx);
        }
    }

    /** jsonb's canonical text for a JSON document. */
    static String normalize(String text) {
        Object tree = new Parser(text, true).document();
        StringBuilder sb = new StringBuilder(text.length() + 16);
        write(tree, sb);
        return sb.toString();
    }

    /** An object key with its UTF-8 bytes, which jsonb orders by. */
    record Key(String text, byte[] utf8) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            if (utf8.length != o.utf8.length) {
                return Integer.compare(utf8.length, o.utf8.length);
            }
            return Arrays.compareUnsigned(utf8, o.utf8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

    /** A JSON number, kept as numeric's text of it. */
    record Num(String text) {
    }

    static void write(Object v, StringBuilder sb) {
        if (v instanceof String s) {
            escape(s, sb);
        } else if (v instanceof Num n) {
            sb.append(n.text);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v == null) {
            sb.append("null");
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(list.get(i), sb);
            }
            sb.append(']');
        } else {
            @SuppressWarnings("unchecked")
            Map<Key, Object> map = (Map<Key, Object>) v;
            Key[] keys = map.keySet().toArray(new Key[0]);
            Arrays.sort(keys);
            sb.append('{');
            for (int i = 0; i < keys.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                escape(keys[i].text, sb);
                sb.append(": ");
                write(map.get(keys[i]), sb);
            }
            sb.append('}');
        }
    }

    /** escape_json. */
    private static void escape(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * A recursive-descent parser following PostgreSQL's JSON grammar and lexer. With {@code build} it returns the
     * value tree (String, Num, Boolean, null, List, Map) and checks what jsonb checks besides (\u0000 and unpaired
     * surrogates in escapes); without, it only validates, as json does.
     */
    static final class Parser {
        private static final Object NULL = new Object();
        private final String s;
        private final boolean build;
        private int pos;

        Parser(String s, boolean build) {
            this.s = s;
            this.build = build;
        }

        Object document() {
            skipSpace();
            Object v = value();
            skipSpace();
            if (pos != s.length()) {
                throw invalid();
            }
            return v == NULL ? null : v;
        }

        private void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        private Object value() {
            if (pos >= s.length()) {
                throw invalid();
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8':
                case '9':
                    return number();
                default:
                    return literal();
            }
        }

        private Object object() {
            pos++;
            Map<Key, Object> map = build ? new LinkedHashMap<>() : null;
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw invalid();
                }
                String key = (String) string();
                skipSpace();
                expect(':');
                skipSpace();
                Object v = value();
                if (build) {
                    Key k = new Key(key, key.getBytes(StandardCharsets.UTF_8));
                    map.remove(k);
                    map.put(k, v == NULL ? null : v);
                }
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return map;
            }
        }

        private Object array() {
            pos++;
            List<Object> list = build ? new ArrayList<>() : null;
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipSpace();
                Object v = value();
                if (build) {
                    list.add(v == NULL ? null : v);
                }
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return list;
            }
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw invalid();
            }
            pos++;
        }

        private Object string() {
            pos++;
            StringBuilder sb = build ? new StringBuilder() : null;
            int highSurrogate = -1;
            while (true) {
                if (pos >= s.length()) {
                    throw invalid();
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw invalid();
                }
                if (c != '\\') {
                    if (highSurrogate >= 0) {
                        throw invalid();
                    }
                    if (build) {
                        sb.append(c);
                    }
                    continue;
                }
                if (pos >= s.length()) {
                    throw invalid();
                }
                char e = s.charAt(pos++);
                if (e == 'u') {
                    int ch = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = pos < s.length() && s.charAt(pos) < 128 ? Character.digit(s.charAt(pos), 16) : -1;
                        if (d < 0) {
                            throw invalid();
                        }
                        ch = ch * 16 + d;
                        pos++;
                    }
                    if (!build) {
                        continue;
                    }
                    if (ch >= 0xd800 && ch <= 0xdbff) {
                        if (highSurrogate >= 0) {
                            throw invalid();
                        }
                        highSurrogate = ch;
                        continue;
                    }
                    if (ch >= 0xdc00 && ch <= 0xdfff) {
                        if (highSurrogate < 0) {
                            throw invalid();
                        }
                        sb.append((char) highSurrogate).append((char) ch);
                        highSurrogate = -1;
                        continue;
                    }
                    if (highSurrogate >= 0) {
                        throw invalid();
                    }
                    if (ch == 0) {
                        throw new PgException("22P05", "unsupported Unicode escape sequence");
                    }
                    sb.append((char) ch);
                    continue;
                }
                if (highSurrogate >= 0) {
                    throw invalid();
                }
                char out;
                switch (e) {
                    case '"': out = '"'; break;
                    case '\\': out = '\\'; break;
                    case '/': out = '/'; break;
                    case 'b': out = '\b'; break;
                    case 'f': out = '\f'; break;
                    case 'n': out = '\n'; break;
                    case 'r': out = '\r'; break;
                    case 't': out = '\t'; break;
                    default: throw invalid();
                }
                if (build) {
                    sb.append(out);
                }
            }
            if (highSurrogate >= 0) {
                throw invalid();
            }
            return build ? sb.toString() : "";
        }

        private Object number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            if (pos >= s.length()) {
                throw invalid();
            }
            char c = s.charAt(pos);
            if (c == '0') {
                pos++;
            } else if (c >= '1' && c <= '9') {
                while (pos < s.length() && IntegerCodecs.isDigit(s.charAt(pos))) {
                    pos++;
                }
            } else {
                throw invalid();
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int d = pos;
                while (pos < s.length() && IntegerCodecs.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (pos == d) {
                    throw invalid();
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                int d = pos;
                while (pos < s.length() && IntegerCodecs.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (pos == d) {
                    throw invalid();
                }
            }
            // the lexer takes a token up to a delimiter: "1x" and "01" are one bad token
            if (pos < s.length() && isTokenChar(s.charAt(pos))) {
                throw invalid();
            }
            if (!build) {
                return "";
            }
            Number n = NUMERIC.parse(s.substring(start, pos), CodecContext.DEFAULT);
            return new Num(((BigDecimal) n).toPlainString());
        }

        private Object literal() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "true": return Boolean.TRUE;
                case "false": return Boolean.FALSE;
                case "null": return NULL;
                default: throw invalid();
            }
        }

        /** Characters that continue a bare token (PostgreSQL's JSON_ALPHANUMERIC_CHAR and digits). */
        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c >= 0x80;
        }
    }
}
