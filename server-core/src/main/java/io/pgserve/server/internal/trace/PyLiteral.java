package io.pgserve.server.internal.trace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value notation of wire traces: Python's {@code repr} of strings, bytes, lists and dicts, because the shared
 * client traces were written by a Python proxy and our own traces keep the same shape. {@link #quote} and
 * {@link #bytes} write it; {@link Parser} reads it back, with one extension: a bare {@code 0x...} token is raw bytes
 * (a text-format Bind parameter that is not valid UTF-8).
 */
public final class PyLiteral {
    private PyLiteral() {
    }

    /** Python's repr of a str: single quotes unless the text has a single quote and no double quote. */
    public static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == q || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                b.append("\\n");
            } else if (cp == '\r') {
                b.append("\\r");
            } else if (cp == '\t') {
                b.append("\\t");
            } else if (printable(cp)) {
                b.appendCodePoint(cp);
            } else if (cp < 0x100) {
                b.append(String.format("\\x%02x", cp));
            } else if (cp < 0x10000) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.append(String.format("\\U%08x", cp));
            }
        }
        return b.append(q).toString();
    }

    private static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (cp < 0x20 || cp == 0x7f) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL: case Character.FORMAT: case Character.SURROGATE: case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR: case Character.PARAGRAPH_SEPARATOR: case Character.SPACE_SEPARATOR:
            case Character.PRIVATE_USE:
                return false;
            default:
                return true;
        }
    }

    /** Python's repr of bytes: {@code b'...'} with {@code \xNN} for anything outside printable ASCII. */
    public static String bytes(byte[] data, int offset, int length) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (int i = offset; i < offset + length; i++) {
            hasSingle |= data[i] == '\'';
            hasDouble |= data[i] == '"';
        }
        char q = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder b = new StringBuilder(length + 3).append('b').append(q);
        for (int i = offset; i < offset + length; i++) {
            int c = data[i] & 0xff;
            if (c == q || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.append((char) c);
            }
        }
        return b.append(q).toString();
    }

    /** Raw bytes as this notation's extension: {@code 0x0a0b}. */
    public static String hexToken(byte[] data) {
        return "0x" + HexFormat.of().formatHex(data);
    }

    /** A repr'd list of ints: {@code [23, 0]}. */
    public static String intList(int[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(values[i]);
        }
        return b.append(']').toString();
    }

    /** Thrown for text that is not in the notation (a truncated value, for instance). */
    public static final class SyntaxError extends IllegalArgumentException {
        SyntaxError(String message, String text, int at) {
            super(message + " at offset " + at + " of: " + abbreviate(text));
        }

        private static String abbreviate(String s) {
            return s.length() <= 200 ? s : s.substring(0, 200) + "...";
        }
    }

    /**
     * Reads values from a string: str (→ {@link String}), bytes and {@code 0x} tokens (→ {@code byte[]}), None
     * (→ null), True/False, integers (→ {@link Long}), lists (→ {@link List}) and dicts (→ {@link LinkedHashMap}).
     */
    public static final class Parser {
        private final String s;
        private int pos;

        public Parser(String text, int start) {
            this.s = text;
            this.pos = start;
        }

        public int position() {
            return pos;
        }

        public boolean atEnd() {
            return pos >= s.length();
        }

        /** Consumes {@code expected} literally. */
        public Parser expect(String expected) {
            if (!s.startsWith(expected, pos)) {
                throw new SyntaxError("expected '" + expected + "'", s, pos);
            }
            pos += expected.length();
            return this;
        }

        /** The rest of the text, consumed. */
        public String rest() {
            String r = s.substring(pos);
            pos = s.length();
            return r;
        }

        public String string() {
            Object v = value();
            if (!(v instanceof String str)) {
                throw new SyntaxError("expected a string", s, pos);
            }
            return str;
        }

        @SuppressWarnings("unchecked")
        public List<Object> list() {
            Object v = value();
            if (!(v instanceof List)) {
                throw new SyntaxError("expected a list", s, pos);
            }
            return (List<Object>) v;
        }

        @SuppressWarnings("unchecked")
        public Map<Object, Object> dict() {
            Object v = value();
            if (!(v instanceof Map)) {
                throw new SyntaxError("expected a dict", s, pos);
            }
            return (Map<Object, Object>) v;
        }

        public long integer() {
            Object v = value();
            if (!(v instanceof Long l)) {
                throw new SyntaxError("expected an integer", s, pos);
            }
            return l;
        }

        public Object value() {
            if (atEnd()) {
                throw new SyntaxError("expected a value", s, pos);
            }
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') {
                return new String(quoted(false), StandardCharsets.UTF_8);
            }
            if (c == 'b' && pos + 1 < s.length() && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"')) {
                pos++;
                return quoted(true);
            }
            if (s.startsWith("None", pos)) {
                pos += 4;
                return null;
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("0x", pos)) {
                int start = pos + 2;
                int end = start;
                while (end < s.length() && Character.digit(s.charAt(end), 16) >= 0) {
                    end++;
                }
                if ((end - start) % 2 != 0) {
                    throw new SyntaxError("odd number of hex digits", s, pos);
                }
                pos = end;
                return HexFormat.of().parseHex(s, start, end);
            }
            if (c == '-' || Character.isDigit(c)) {
                int start = pos++;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                try {
                    return Long.parseLong(s.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw new SyntaxError("bad integer", s, start);
                }
            }
            if (c == '[') {
                pos++;
                List<Object> out = new ArrayList<>();
                if (peek(']')) {
                    pos++;
                    return out;
                }
                while (true) {
                    out.add(value());
                    if (peek(',')) {
                        pos++;
                        skipSpaces();
                    } else if (peek(']')) {
                        pos++;
                        return out;
                    } else {
                        throw new SyntaxError("expected ',' or ']'", s, pos);
                    }
                }
            }
            if (c == '{') {
                pos++;
                Map<Object, Object> out = new LinkedHashMap<>();
                if (peek('}')) {
                    pos++;
                    return out;
                }
                while (true) {
                    Object key = value();
                    expect(": ");
                    out.put(key, value());
                    if (peek(',')) {
                        pos++;
                        skipSpaces();
                    } else if (peek('}')) {
                        pos++;
                        return out;
                    } else {
                        throw new SyntaxError("expected ',' or '}'", s, pos);
                    }
                }
            }
            throw new SyntaxError("unexpected character '" + c + "'", s, pos);
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void skipSpaces() {
            while (peek(' ')) {
                pos++;
            }
        }

        /** A quoted literal at pos, as UTF-8 bytes (str) or raw bytes (bytes literal). */
        private byte[] quoted(boolean raw) {
            char q = s.charAt(pos++);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (pos >= s.length()) {
                    throw new SyntaxError("unterminated string", s, pos);
                }
                int cp = s.codePointAt(pos);
                pos += Character.charCount(cp);
                if (cp == q) {
                    return out.toByteArray();
                }
                if (cp != '\\') {
                    if (raw && cp > 0x7f) {
                        throw new SyntaxError("non-ASCII character in bytes", s, pos);
                    }
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                if (pos >= s.length()) {
                    throw new SyntaxError("unterminated escape", s, pos);
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n': out.write('\n'); break;
                    case 'r': out.write('\r'); break;
                    case 't': out.write('\t'); break;
                    case '0': out.write(0); break;
                    case 'a': out.write(7); break;
                    case 'b': out.write(8); break;
                    case 'f': out.write(12); break;
                    case 'v': out.write(11); break;
                    case '\\': case '\'': case '"': out.write(e); break;
                    case 'x': {
                        int v = hex(2);
                        if (raw) {
                            out.write(v);
                        } else {
                            out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                        }
                        break;
                    }
                    case 'u': case 'U': {
                        if (raw) {
                            throw new SyntaxError("\\u in bytes", s, pos);
                        }
                        int v = hex(e == 'u' ? 4 : 8);
                        out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                        break;
                    }
                    default:
                        throw new SyntaxError("unknown escape \\" + e, s, pos);
                }
            }
        }

        private int hex(int digits) {
            if (pos + digits > s.length()) {
                throw new SyntaxError("short escape", s, pos);
            }
            try {
                int v = Integer.parseUnsignedInt(s.substring(pos, pos + digits), 16);
                pos += digits;
                return v;
            } catch (NumberFormatException e) {
                throw new SyntaxError("bad escape", s, pos);
            }
        }
    }
}
