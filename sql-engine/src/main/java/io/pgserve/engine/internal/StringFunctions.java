package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.internal.grammar.PostgreSqlKeywords;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** String functions and operators as PostgreSQL defines them (src/backend/utils/adt/varlena.c, oracle_compat.c). */
final class StringFunctions {
    private static final PgType TEXT = PgType.TEXT;
    private static final PgType INT4 = PgType.INT4;
    private static final PgType BOOL = PgType.BOOL;
    private static final PgType TEXT_ARRAY = PgType.arrayOf(PgType.TEXT);

    private StringFunctions() {
    }

    static void register(FunctionRegistry r) {
        // memdb's lc_ctype is C: PostgreSQL then maps case of ASCII letters only (lower('É') is 'É').
        r.register("lower", List.of(TEXT), TEXT, (c, a) -> asciiCase((String) a[0], false));
        r.register("upper", List.of(TEXT), TEXT, (c, a) -> asciiCase((String) a[0], true));
        r.register("initcap", List.of(TEXT), TEXT, (c, a) -> initcap((String) a[0]));
        for (String name : List.of("length", "char_length", "character_length")) {
            r.register(name, List.of(TEXT), INT4, (c, a) -> ((String) a[0]).codePointCount(0,
                    ((String) a[0]).length()));
        }
        r.register("octet_length", List.of(TEXT), INT4,
                (c, a) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length);
        r.register("bit_length", List.of(TEXT), INT4,
                (c, a) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length * 8);
        r.register("octet_length", List.of(PgType.BYTEA), INT4, (c, a) -> ((byte[]) a[0]).length);
        r.register("length", List.of(PgType.BYTEA), INT4, (c, a) -> ((byte[]) a[0]).length);
        for (String name : List.of("substring", "substr")) {
            r.register(name, List.of(TEXT, INT4), TEXT,
                    (c, a) -> substring((String) a[0], (Integer) a[1], Integer.MAX_VALUE));
            r.register(name, List.of(TEXT, INT4, INT4), TEXT,
                    (c, a) -> substring((String) a[0], (Integer) a[1], (Integer) a[2]));
        }
        // substring(s from pattern): the first parenthesized group's match, or the whole match
        r.register("substring", List.of(TEXT, TEXT), TEXT, (c, a) -> {
            Matcher m = Regex.compile((String) a[1], false).matcher((String) a[0]);
            if (!m.find()) {
                return null;
            }
            return m.groupCount() > 0 ? m.group(1) : m.group();
        });
        // substring(s similar pattern escape esc): the part between the #" markers, or the whole match
        r.register("substring", List.of(TEXT, TEXT, TEXT), TEXT,
                (c, a) -> similarSubstring((String) a[0], (String) a[1], (String) a[2]));
        r.register("similar_to_escape", List.of(TEXT), TEXT, (c, a) -> Regex.similarToRegex((String) a[0], null));
        r.register(new Function("similar_to_escape", List.of(TEXT, TEXT), TEXT, false, false, (c, a) -> a[0] == null
                ? null : Regex.similarToRegex((String) a[0], (String) a[1])));
        r.register("position", List.of(TEXT, TEXT), INT4, (c, a) -> strpos((String) a[0], (String) a[1]));
        r.register("strpos", List.of(TEXT, TEXT), INT4, (c, a) -> strpos((String) a[0], (String) a[1]));
        r.register("btrim", List.of(TEXT), TEXT, (c, a) -> trim((String) a[0], " ", true, true));
        r.register("btrim", List.of(TEXT, TEXT), TEXT, (c, a) -> trim((String) a[0], (String) a[1], true, true));
        r.register("ltrim", List.of(TEXT), TEXT, (c, a) -> trim((String) a[0], " ", true, false));
        r.register("ltrim", List.of(TEXT, TEXT), TEXT, (c, a) -> trim((String) a[0], (String) a[1], true, false));
        r.register("rtrim", List.of(TEXT), TEXT, (c, a) -> trim((String) a[0], " ", false, true));
        r.register("rtrim", List.of(TEXT, TEXT), TEXT, (c, a) -> trim((String) a[0], (String) a[1], false, true));
        r.register("replace", List.of(TEXT, TEXT, TEXT), TEXT, (c, a) -> ((String) a[1]).isEmpty() ? a[0]
                : ((String) a[0]).replace((String) a[1], (String) a[2]));
        r.register("repeat", List.of(TEXT, INT4), TEXT, (c, a) -> repeat((String) a[0], (Integer) a[1]));
        r.register("reverse", List.of(TEXT), TEXT,
                (c, a) -> new StringBuilder((String) a[0]).reverse().toString());
        r.register("translate", List.of(TEXT, TEXT, TEXT), TEXT,
                (c, a) -> translate((String) a[0], (String) a[1], (String) a[2]));
        r.register("chr", List.of(INT4), TEXT, (c, a) -> chr((Integer) a[0]));
        r.register("ascii", List.of(TEXT), INT4, (c, a) -> ((String) a[0]).isEmpty() ? 0
                : ((String) a[0]).codePointAt(0));
        r.register("to_hex", List.of(INT4), TEXT, (c, a) -> Integer.toHexString((Integer) a[0]));
        r.register("to_hex", List.of(PgType.INT8), TEXT, (c, a) -> Long.toHexString((Long) a[0]));
        r.register("split_part", List.of(TEXT, TEXT, INT4), TEXT, (c, a) -> splitPart((String) a[0], (String) a[1],
                (Integer) a[2]));
        // concat and concat_ws skip NULL arguments (they are not strict) and take any type
        r.register(new Function("concat", List.of(Overloads.ANY), TEXT, false, true,
                (Overloads.Specializable) (argTypes, result, types) -> (c, a) -> join("", a, 0, argTypes, c)));
        r.register(new Function("concat_ws", List.of(TEXT, Overloads.ANY), TEXT, false, true,
                (Overloads.Specializable) (argTypes, result, types) -> (c, a) -> a[0] == null ? null
                        : join((String) a[0], a, 1, argTypes, c)));
        r.register("left", List.of(TEXT, INT4), TEXT, (c, a) -> left((String) a[0], (Integer) a[1]));
        r.register("right", List.of(TEXT, INT4), TEXT, (c, a) -> right((String) a[0], (Integer) a[1]));
        r.register("lpad", List.of(TEXT, INT4), TEXT, (c, a) -> pad((String) a[0], (Integer) a[1], " ", true));
        r.register("lpad", List.of(TEXT, INT4, TEXT), TEXT,
                (c, a) -> pad((String) a[0], (Integer) a[1], (String) a[2], true));
        r.register("rpad", List.of(TEXT, INT4), TEXT, (c, a) -> pad((String) a[0], (Integer) a[1], " ", false));
        r.register("rpad", List.of(TEXT, INT4, TEXT), TEXT,
                (c, a) -> pad((String) a[0], (Integer) a[1], (String) a[2], false));
        r.register("starts_with", List.of(TEXT, TEXT), BOOL, (c, a) -> ((String) a[0]).startsWith((String) a[1]));
        r.register("md5", List.of(TEXT), TEXT, (c, a) -> md5(((String) a[0]).getBytes(StandardCharsets.UTF_8)));
        r.register("md5", List.of(PgType.BYTEA), TEXT, (c, a) -> md5((byte[]) a[0]));
        r.register("overlay", List.of(TEXT, TEXT, INT4), TEXT, (c, a) -> overlay((String) a[0], (String) a[1],
                (Integer) a[2], ((String) a[1]).codePointCount(0, ((String) a[1]).length())));
        r.register("overlay", List.of(TEXT, TEXT, INT4, INT4), TEXT, (c, a) -> overlay((String) a[0],
                (String) a[1], (Integer) a[2], (Integer) a[3]));

        r.register("regexp_replace", List.of(TEXT, TEXT, TEXT), TEXT,
                (c, a) -> regexpReplace((String) a[0], (String) a[1], (String) a[2], ""));
        r.register("regexp_replace", List.of(TEXT, TEXT, TEXT, TEXT), TEXT,
                (c, a) -> regexpReplace((String) a[0], (String) a[1], (String) a[2], (String) a[3]));
        r.register("regexp_match", List.of(TEXT, TEXT), TEXT_ARRAY,
                (c, a) -> regexpMatch((String) a[0], (String) a[1], ""));
        r.register("regexp_match", List.of(TEXT, TEXT, TEXT), TEXT_ARRAY,
                (c, a) -> regexpMatch((String) a[0], (String) a[1], (String) a[2]));
        r.register("regexp_like", List.of(TEXT, TEXT), BOOL,
                (c, a) -> Regex.compile((String) a[1], "").matcher((String) a[0]).find());
        r.register("regexp_like", List.of(TEXT, TEXT, TEXT), BOOL,
                (c, a) -> Regex.compile((String) a[1], (String) a[2]).matcher((String) a[0]).find());
        r.register("regexp_split_to_array", List.of(TEXT, TEXT), TEXT_ARRAY,
                (c, a) -> regexpSplit((String) a[0], (String) a[1], ""));
        r.register("regexp_split_to_array", List.of(TEXT, TEXT, TEXT), TEXT_ARRAY,
                (c, a) -> regexpSplit((String) a[0], (String) a[1], (String) a[2]));

        r.register(new Function("format", List.of(TEXT, Overloads.ANY), TEXT, false, true,
                (Overloads.Specializable) (argTypes, result, types) -> (c, a) -> a[0] == null ? null
                        : format(a, argTypes, c)));
        r.register(new Function("format", List.of(TEXT), TEXT, false, false,
                (c, a) -> a[0] == null ? null : format(a, List.of(TEXT), c)));
        r.register("quote_ident", List.of(TEXT), TEXT, (c, a) -> quoteIdent((String) a[0]));
        r.register("parse_ident", List.of(TEXT), TEXT_ARRAY, (c, a) -> parseIdent((String) a[0], true));
        r.register("parse_ident", List.of(TEXT, BOOL), TEXT_ARRAY,
                (c, a) -> parseIdent((String) a[0], (Boolean) a[1]));
        r.register("quote_literal", List.of(TEXT), TEXT, (c, a) -> quoteLiteral((String) a[0]));
        r.register(new Function("quote_literal", List.of(Overloads.ANYELEMENT), TEXT, true, false,
                (Overloads.Specializable) (argTypes, result, types) -> (c, a) -> quoteLiteral(
                        text(a[0], argTypes.get(0), c))));
        r.register(new Function("quote_nullable", List.of(TEXT), TEXT, false, false,
                (c, a) -> a[0] == null ? "NULL" : quoteLiteral((String) a[0])));
        r.register(new Function("quote_nullable", List.of(Overloads.ANYELEMENT), TEXT, false, false,
                (Overloads.Specializable) (argTypes, result, types) -> (c, a) -> a[0] == null ? "NULL"
                        : quoteLiteral(text(a[0], argTypes.get(0), c))));
    }

    static void registerOperators(FunctionRegistry t) {
        Operators.op(t, "||", List.of(TEXT, TEXT), TEXT, (c, a) -> (String) a[0] + a[1]);
        t.register(new Function("||", List.of(TEXT, Overloads.ANYNONARRAY), TEXT, true, false,
                (Overloads.Specializable) (argTypes, result, types) -> (c, a) -> (String) a[0]
                        + castText(a[1], argTypes.get(1), c)));
        t.register(new Function("||", List.of(Overloads.ANYNONARRAY, TEXT), TEXT, true, false,
                (Overloads.Specializable) (argTypes, result, types) -> (c, a) -> castText(a[0], argTypes.get(0), c)
                        + a[1]));
        Operators.op(t, "~", List.of(TEXT, TEXT), BOOL,
                (c, a) -> Regex.compile((String) a[1], false).matcher((String) a[0]).find());
        Operators.op(t, "~*", List.of(TEXT, TEXT), BOOL,
                (c, a) -> Regex.compile((String) a[1], true).matcher((String) a[0]).find());
        Operators.op(t, "!~", List.of(TEXT, TEXT), BOOL,
                (c, a) -> !Regex.compile((String) a[1], false).matcher((String) a[0]).find());
        Operators.op(t, "!~*", List.of(TEXT, TEXT), BOOL,
                (c, a) -> !Regex.compile((String) a[1], true).matcher((String) a[0]).find());
        Operators.op(t, "~~", List.of(TEXT, TEXT), BOOL, (c, a) -> like(a, false));
        Operators.op(t, "~~*", List.of(TEXT, TEXT), BOOL, (c, a) -> like(a, true));
        Operators.op(t, "!~~", List.of(TEXT, TEXT), BOOL, (c, a) -> !like(a, false));
        Operators.op(t, "!~~*", List.of(TEXT, TEXT), BOOL, (c, a) -> !like(a, true));
        Operators.op(t, "^@", List.of(TEXT, TEXT), BOOL, (c, a) -> ((String) a[0]).startsWith((String) a[1]));
    }

    private static boolean like(Object[] a, boolean ci) {
        return Expr.LikePatterns.matches((String) a[0], (String) a[1], "\\", ci);
    }

    /** A value's text output (PostgreSQL's output function for its type). */
    static String text(Object value, PgType type, FunctionContext c) {
        if (value instanceof String s && (Types.isString(type) || Types.isUnknown(type))) {
            return s;
        }
        return Casts.toText(value, type, c.types(), c.codecContext());
    }

    /** A value cast to text (bool gives true/false, not its output t/f), as || converts its non-text side. */
    private static String castText(Object value, PgType type, FunctionContext c) {
        return (String) Casts.cast(value, type, TEXT, c.types(), c.codecContext());
    }

    static String substring(String s, int start, int count) {
        if (count < 0) {
            throw new PgException("22011", "negative substring length not allowed");
        }
        int len = s.codePointCount(0, s.length());
        long end = (long) start + count;
        int from = Math.max(start, 1);
        long to = Math.min(end, len + 1L);
        if (to <= from) {
            return "";
        }
        int b = s.offsetByCodePoints(0, from - 1);
        int e = s.offsetByCodePoints(0, (int) to - 1);
        return s.substring(b, e);
    }

    private static String similarSubstring(String s, String pattern, String escape) {
        if (escape.length() != 1) {
            throw new PgException("22019", "invalid escape string");
        }
        String marker = escape + "\"";
        int first = pattern.indexOf(marker);
        int second = first < 0 ? -1 : pattern.indexOf(marker, first + 2);
        if (first >= 0 && second < 0) {
            throw new PgException("2201B", "SQL regular expression may not contain more than two escape-double-quote "
                    + "separators");
        }
        String re;
        if (first < 0) {
            re = Regex.similarToRegex(pattern, escape);
        } else {
            String a = Regex.similarToRegex(pattern.substring(0, first), escape);
            String b = Regex.similarToRegex(pattern.substring(first + 2, second), escape);
            String c = Regex.similarToRegex(pattern.substring(second + 2), escape);
            re = "^(?:" + strip(a) + ")(" + strip(b) + ")(?:" + strip(c) + ")$";
            Matcher m = Regex.compile(re, false).matcher(s);
            return m.matches() ? m.group(1) : null;
        }
        Matcher m = Regex.compile(re, false).matcher(s);
        return m.matches() ? m.group() : null;
    }

    /** The body of a similarToRegex result, without its anchors and outer group. */
    private static String strip(String anchored) {
        return anchored.substring(4, anchored.length() - 2);
    }

    static int strpos(String s, String sub) {
        int i = s.indexOf(sub);
        return i < 0 ? 0 : s.codePointCount(0, i) + 1;
    }

    private static String trim(String s, String chars, boolean leading, boolean trailing) {
        int b = 0;
        int e = s.length();
        while (leading && b < e && chars.indexOf(s.codePointAt(b)) >= 0) {
            b += Character.charCount(s.codePointAt(b));
        }
        while (trailing && e > b && chars.indexOf(s.codePointBefore(e)) >= 0) {
            e -= Character.charCount(s.codePointBefore(e));
        }
        return s.substring(b, e);
    }

    private static String repeat(String s, int n) {
        if (n <= 0) {
            return "";
        }
        if ((long) s.length() * n > 1 << 28) {
            throw new PgException("54000", "requested length too large");
        }
        return s.repeat(n);
    }

    private static String translate(String s, String from, String to) {
        int[] f = from.codePoints().toArray();
        int[] t = to.codePoints().toArray();
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int i = -1;
            for (int k = 0; k < f.length; k++) {
                if (f[k] == cp) {
                    i = k;
                    break;
                }
            }
            if (i < 0) {
                sb.appendCodePoint(cp);
            } else if (i < t.length) {
                sb.appendCodePoint(t[i]);
            }
        });
        return sb.toString();
    }

    private static String chr(int code) {
        if (code == 0) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        if (code < 0 || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: "
                    + code);
        }
        return new String(Character.toChars(code));
    }

    private static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean wasAlnum = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ascii = ch < 128;
            if (ascii && Character.isLetterOrDigit(ch)) {
                sb.append(wasAlnum ? Character.toLowerCase(ch) : Character.toUpperCase(ch));
                wasAlnum = true;
            } else {
                sb.append(ch);
                wasAlnum = !ascii && Character.isLetterOrDigit(ch) && wasAlnum;
            }
        }
        return sb.toString();
    }

    /** Case mapping of ASCII letters only, as PostgreSQL does under the C locale. */
    static String asciiCase(String s, boolean upper) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char ch = chars[i];
            if (upper && ch >= 'a' && ch <= 'z') {
                chars[i] = (char) (ch - 32);
            } else if (!upper && ch >= 'A' && ch <= 'Z') {
                chars[i] = (char) (ch + 32);
            }
        }
        return new String(chars);
    }

    private static String overlay(String s, String replacement, int start, int count) {
        if (start < 1) {
            throw new PgException("22011", "negative substring length not allowed");
        }
        return substring(s, 1, start - 1) + replacement + substring(s, start + count, Integer.MAX_VALUE);
    }

    private static String regexpReplace(String s, String pattern, String replacement, String flags) {
        Pattern p = Regex.compile(pattern, flags);
        Matcher m = p.matcher(s);
        String repl = Regex.replacement(replacement);
        try {
            return flags.indexOf('g') >= 0 ? m.replaceAll(repl) : m.replaceFirst(repl);
        } catch (IndexOutOfBoundsException e) {
            // a back reference to a group the pattern lacks is replaced by nothing in PostgreSQL
            return flags.indexOf('g') >= 0 ? m.replaceAll(repl.replaceAll("\\$[1-9]", ""))
                    : m.replaceFirst(repl.replaceAll("\\$[1-9]", ""));
        }
    }

    private static PgArray regexpMatch(String s, String pattern, String flags) {
        if (flags.indexOf('g') >= 0) {
            throw PgException.builder("22023", "regexp_match() does not support the \"global\" option")
                    .hint("Use the regexp_matches function instead.").build();
        }
        Matcher m = Regex.compile(pattern, flags).matcher(s);
        if (!m.find()) {
            return null;
        }
        List<Object> groups = new ArrayList<>();
        if (m.groupCount() == 0) {
            groups.add(m.group());
        } else {
            for (int i = 1; i <= m.groupCount(); i++) {
                groups.add(m.group(i));
            }
        }
        return PgArray.of(TEXT, groups);
    }

    private static PgArray regexpSplit(String s, String pattern, String flags) {
        if (flags.indexOf('g') >= 0) {
            throw new PgException("22023", "regexp_split_to_array() does not support the \"global\" option");
        }
        Matcher m = Regex.compile(pattern, flags).matcher(s);
        List<Object> parts = new ArrayList<>();
        int from = 0;
        while (from < s.length() && m.find(from)) {
            if (m.end() == m.start()) {
                // an empty match splits off one character
                if (m.start() >= s.length()) {
                    break;
                }
                int next = m.start() == from ? from + Character.charCount(s.codePointAt(from)) : m.start();
                parts.add(s.substring(from, next));
                from = next;
                continue;
            }
            parts.add(s.substring(from, m.start()));
            from = m.end();
        }
        parts.add(s.substring(from));
        return PgArray.of(TEXT, parts);
    }

    private static String splitPart(String s, String delimiter, int field) {
        if (field == 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        if (delimiter.isEmpty()) {
            return field == 1 || field == -1 ? s : "";
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = s.indexOf(delimiter, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + delimiter.length();
        }
        parts.add(s.substring(from));
        int index = field > 0 ? field - 1 : parts.size() + field;
        return index >= 0 && index < parts.size() ? parts.get(index) : "";
    }

    private static String join(String separator, Object[] args, int from, List<PgType> types, FunctionContext c) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = from; i < args.length; i++) {
            if (args[i] != null) {
                if (!first) {
                    sb.append(separator);
                }
                sb.append(text(args[i], types.get(i), c));
                first = false;
            }
        }
        return sb.toString();
    }

    /** left(s, n): the first n characters; a negative n drops the last -n. */
    private static String left(String s, int n) {
        int len = s.codePointCount(0, s.length());
        int keep = n >= 0 ? Math.min(n, len) : Math.max(len + n, 0);
        return s.substring(0, s.offsetByCodePoints(0, keep));
    }

    /** right(s, n): the last n characters; a negative n drops the first -n. */
    private static String right(String s, int n) {
        int len = s.codePointCount(0, s.length());
        int keep = n >= 0 ? Math.min(n, len) : Math.max(len + n, 0);
        return s.substring(s.offsetByCodePoints(0, len - keep));
    }

    /** lpad/rpad: to {@code length} characters, truncating when longer; an empty fill leaves the string as is. */
    private static String pad(String s, int length, String fill, boolean leftSide) {
        if (length <= 0) {
            return "";
        }
        int len = s.codePointCount(0, s.length());
        if (len >= length) {
            return s.substring(0, s.offsetByCodePoints(0, length));
        }
        if (fill.isEmpty()) {
            return s;
        }
        StringBuilder padding = new StringBuilder();
        int[] fillPoints = fill.codePoints().toArray();
        for (int i = 0; i < length - len; i++) {
            padding.appendCodePoint(fillPoints[i % fillPoints.length]);
        }
        return leftSide ? padding + s : s + padding;
    }

    private static String md5(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** quote_ident: double quotes unless the name is a lower-case identifier that is not a keyword. */
    static String quoteIdent(String s) {
        boolean safe = !s.isEmpty() && (s.charAt(0) >= 'a' && s.charAt(0) <= 'z' || s.charAt(0) == '_');
        for (int i = 0; i < s.length() && safe; i++) {
            char ch = s.charAt(i);
            safe = ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_';
        }
        if (safe) {
            PostgreSqlKeywords.Keyword k = PostgreSqlKeywords.lookup(s);
            safe = k == null || k.category() == PostgreSqlKeywords.Category.UNRESERVED;
        }
        return safe ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * parse_ident: a qualified identifier split into its parts, unquoted ones folded to lower case; {@code strict}
     * false ignores what follows the last part.
     */
    static PgArray parseIdent(String s, boolean strict) {
        List<String> parts = new ArrayList<>();
        int i = skipSpaces(s, 0);
        boolean afterDot = false;
        while (true) {
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder part = new StringBuilder();
                int j = i + 1;
                while (true) {
                    int q = s.indexOf('"', j);
                    if (q < 0) {
                        throw invalidIdent(s, "String has unclosed double quotes.");
                    }
                    part.append(s, j, q);
                    if (q + 1 < s.length() && s.charAt(q + 1) == '"') {
                        part.append('"');
                        j = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
                if (part.length() == 0) {
                    throw invalidIdent(s, "Quoted identifier must not be empty.");
                }
                parts.add(part.toString());
            } else if (i < s.length() && identStart(s.charAt(i))) {
                int j = i;
                while (j < s.length() && (identStart(s.charAt(j)) || s.charAt(j) >= '0' && s.charAt(j) <= '9'
                        || s.charAt(j) == '$')) {
                    j++;
                }
                parts.add(s.substring(i, j).toLowerCase(java.util.Locale.ROOT));
                i = j;
            } else if (i < s.length() && s.charAt(i) == '.' && !afterDot) {
                throw invalidIdent(s, "No valid identifier before \".\".");
            } else if (afterDot) {
                throw invalidIdent(s, "No valid identifier after \".\".");
            } else {
                throw invalidIdent(s, null);
            }
            i = skipSpaces(s, i);
            if (i < s.length() && s.charAt(i) == '.') {
                afterDot = true;
                i = skipSpaces(s, i + 1);
            } else if (i == s.length()) {
                break;
            } else if (strict) {
                throw invalidIdent(s, null);
            } else {
                break;
            }
        }
        return PgArray.of(TEXT, parts);
    }

    private static boolean identStart(char ch) {
        return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch == '_' || ch >= 0x80;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static PgException invalidIdent(String s, String detail) {
        return PgException.builder(SqlState.INVALID_PARAMETER_VALUE, "string is not a valid identifier: \"" + s
                + "\"").detail(detail).build();
    }

    /** quote_literal: single quotes doubled, and an E prefix with doubled backslashes when there are any. */
    static String quoteLiteral(String s) {
        String body = s.replace("'", "''");
        if (s.indexOf('\\') >= 0) {
            return "E'" + body.replace("\\", "\\\\") + "'";
        }
        return "'" + body + "'";
    }

    /** format(): %s, %I, %L and %%, with positions (%2$s), the - flag and widths (also as * and *n$). */
    private static String format(Object[] a, List<PgType> types, FunctionContext c) {
        String f = (String) a[0];
        StringBuilder out = new StringBuilder();
        int next = 1;
        int i = 0;
        while (i < f.length()) {
            char ch = f.charAt(i++);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (i >= f.length()) {
                throw new PgException("22023", "unterminated format() type specifier")
                        .toBuilder().hint("For a single \"%\" use \"%%\".").build();
            }
            if (f.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            // [argpos$][flags][width]type
            int argPos = -1;
            int j = i;
            while (j < f.length() && Character.isDigit(f.charAt(j))) {
                j++;
            }
            if (j > i && j < f.length() && f.charAt(j) == '$') {
                argPos = parsePosition(f.substring(i, j));
                i = j + 1;
            }
            boolean leftAlign = false;
            while (i < f.length() && f.charAt(i) == '-') {
                leftAlign = true;
                i++;
            }
            int width = 0;
            if (i < f.length() && f.charAt(i) == '*') {
                i++;
                int wPos;
                int k = i;
                while (k < f.length() && Character.isDigit(f.charAt(k))) {
                    k++;
                }
                if (k > i && k < f.length() && f.charAt(k) == '$') {
                    wPos = parsePosition(f.substring(i, k));
                    i = k + 1;
                } else {
                    wPos = next++;
                }
                if (wPos >= a.length) {
                    throw new PgException("22023", "too few arguments for format()");
                }
                Object w = a[wPos];
                width = w == null ? 0 : Integer.parseInt(text(w, types.get(wPos), c));
                if (width < 0) {
                    leftAlign = true;
                    width = -width;
                }
            } else {
                int k = i;
                while (k < f.length() && Character.isDigit(f.charAt(k))) {
                    k++;
                }
                if (k > i) {
                    width = Integer.parseInt(f.substring(i, k));
                    i = k;
                }
            }
            if (i >= f.length()) {
                throw new PgException("22023", "unterminated format() type specifier")
                        .toBuilder().hint("For a single \"%\" use \"%%\".").build();
            }
            char type = f.charAt(i++);
            if (type != 's' && type != 'I' && type != 'L') {
                throw new PgException("22023", "unrecognized format() type specifier \"" + type + "\"")
                        .toBuilder().hint("For a single \"%\" use \"%%\".").build();
            }
            int arg = argPos > 0 ? argPos : next;
            next = arg + 1;
            if (arg >= a.length) {
                throw new PgException("22023", "too few arguments for format()");
            }
            Object v = a[arg];
            String s;
            if (type == 's') {
                s = v == null ? "" : text(v, types.get(arg), c);
            } else if (type == 'I') {
                if (v == null) {
                    throw new PgException("22004", "null values cannot be formatted as an SQL identifier");
                }
                s = quoteIdent(text(v, types.get(arg), c));
            } else {
                s = v == null ? "NULL" : quoteLiteral(text(v, types.get(arg), c));
            }
            int pad = width - s.codePointCount(0, s.length());
            if (pad > 0 && leftAlign) {
                out.append(s).append(" ".repeat(pad));
            } else if (pad > 0) {
                out.append(" ".repeat(pad)).append(s);
            } else {
                out.append(s);
            }
        }
        return out.toString();
    }

    private static int parsePosition(String digits) {
        int p = Integer.parseInt(digits);
        if (p == 0) {
            throw new PgException("22023", "format specifies argument 0, but arguments are numbered from 1");
        }
        return p;
    }
}
