package io.pgserve.sql;

import io.pgserve.sql.internal.grammar.PostgreSqlKeywords;
import io.pgserve.sql.internal.grammar.PostgreSqlLexer;
import io.pgserve.sql.internal.grammar.PostgreSqlLexerBase;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's lexical rules as a token list, for code that reads a statement's words without a full parse
 * (the server's SET/SHOW handling, savepoint names, parameter counting).
 *
 * <pre>{@code
 * List<SqlToken> tokens = SqlLexer.tokenize("SET search_path TO 'my schema', public");
 * // WORD set, WORD search_path, WORD to, STRING "my schema", PUNCTUATION ",", WORD public
 * }</pre>
 */
public final class SqlLexer {
    private SqlLexer() {
    }

    /**
     * The significant tokens of {@code sql} (whitespace and comments dropped), with words case-folded and string
     * constants decoded.
     *
     * @throws SqlParseException for unterminated quoted strings, identifiers or comments and other lexical errors
     */
    public static List<SqlToken> tokenize(String sql) {
        PostgreSqlLexer lexer = new PostgreSqlLexer(CharStreams.fromString(sql));
        lexer.removeErrorListeners();
        List<SqlToken> tokens = new ArrayList<>();
        boolean bmpOnly = sql.codePoints().count() == sql.length();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = t.getType();
            String text = t.getText();
            int offset = bmpOnly ? t.getStartIndex() : sql.offsetByCodePoints(0, t.getStartIndex());
            String error = PostgreSqlLexerBase.errorMessage(type);
            if (error != null) {
                throw new SqlParseException(error + " at or near \"" + text + "\"", t.getStartIndex() + 1);
            }
            tokens.add(new SqlToken(typeOf(type, text), valueOf(type, text), offset));
        }
        return tokens;
    }

    private static SqlToken.Type typeOf(int type, String text) {
        if (PostgreSqlKeywords.byTokenType(type) != null) {
            return SqlToken.Type.WORD;
        }
        switch (type) {
            case PostgreSqlLexer.IDENT:
                return text.startsWith("\"") ? SqlToken.Type.QUOTED_IDENTIFIER : SqlToken.Type.WORD;
            case PostgreSqlLexer.UIDENT:
                return SqlToken.Type.QUOTED_IDENTIFIER;
            case PostgreSqlLexer.SCONST: case PostgreSqlLexer.USCONST: case PostgreSqlLexer.DOLLAR_QUOTE:
                return SqlToken.Type.STRING;
            case PostgreSqlLexer.BCONST: case PostgreSqlLexer.XCONST:
                return SqlToken.Type.BIT_STRING;
            case PostgreSqlLexer.ICONST: case PostgreSqlLexer.FCONST:
                return SqlToken.Type.NUMBER;
            case PostgreSqlLexer.PARAM:
                return SqlToken.Type.PARAMETER;
            case PostgreSqlLexer.COMMA: case PostgreSqlLexer.OPEN_PAREN: case PostgreSqlLexer.CLOSE_PAREN:
            case PostgreSqlLexer.OPEN_BRACKET: case PostgreSqlLexer.CLOSE_BRACKET: case PostgreSqlLexer.DOT:
            case PostgreSqlLexer.SEMI: case PostgreSqlLexer.COLON: case PostgreSqlLexer.OTHER:
                return SqlToken.Type.PUNCTUATION;
            default:
                return SqlToken.Type.OPERATOR;
        }
    }

    static String valueOf(int type, String text) {
        if (PostgreSqlKeywords.byTokenType(type) != null) {
            return foldAscii(text);
        }
        switch (type) {
            case PostgreSqlLexer.IDENT:
                return text.startsWith("\"") ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
                        : foldAscii(text);
            case PostgreSqlLexer.UIDENT:
                return unicodeEscapesOrAsWritten(text.substring(3, text.length() - 1).replace("\"\"", "\""));
            case PostgreSqlLexer.SCONST:
                return quoted(text);
            case PostgreSqlLexer.USCONST:
                return unicodeEscapesOrAsWritten(quoted(text.substring(2)));
            case PostgreSqlLexer.DOLLAR_QUOTE: {
                int tagEnd = text.indexOf('$', 1);
                int tagLength = tagEnd + 1;
                return text.substring(tagLength, text.length() - tagLength);
            }
            default:
                return text;
        }
    }

    /** PostgreSQL folds only ASCII letters of unquoted identifiers. */
    static String foldAscii(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c + 32));
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * The value of a '...' or E'...' constant, continuation segments included ({@code 'a'<newline>'b'} is "ab").
     */
    static String quoted(String text) {
        int i = 0;
        boolean escapes = false;
        if (text.charAt(0) == 'E' || text.charAt(0) == 'e') {
            escapes = true;
            i = 1;
        }
        StringBuilder sb = new StringBuilder(text.length());
        while (i < text.length() && text.charAt(i) == '\'') {
            i++;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        sb.append('\'');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (escapes && c == '\\' && i + 1 < text.length()) {
                    i = escape(text, i + 1, sb);
                    continue;
                }
                sb.append(c);
                i++;
            }
            i = skipContinuation(text, i);
        }
        return sb.toString();
    }

    /** Skips what may stand between two segments of a continued string: white space and {@code --} comments. */
    private static int skipContinuation(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else {
                break;
            }
        }
        return i;
    }

    /** One backslash escape of an E'' string starting after the backslash; returns the index after it. */
    private static int escape(String text, int i, StringBuilder sb) {
        char c = text.charAt(i);
        switch (c) {
            case 'b': sb.append('\b'); return i + 1;
            case 'f': sb.append('\f'); return i + 1;
            case 'n': sb.append('\n'); return i + 1;
            case 'r': sb.append('\r'); return i + 1;
            case 't': sb.append('\t'); return i + 1;
            case 'x': {
                int j = i + 1;
                int v = 0;
                while (j < text.length() && j < i + 3 && Character.digit(text.charAt(j), 16) >= 0) {
                    v = v * 16 + Character.digit(text.charAt(j), 16);
                    j++;
                }
                if (j == i + 1) {
                    sb.append('x');
                    return j;
                }
                sb.append((char) v);
                return j;
            }
            case 'u': case 'U': {
                int digits = c == 'u' ? 4 : 8;
                if (i + digits < text.length() + 0 && text.substring(i + 1, i + 1 + digits).chars()
                        .allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    sb.appendCodePoint(Integer.parseInt(text.substring(i + 1, i + 1 + digits), 16));
                    return i + 1 + digits;
                }
                sb.append(c);
                return i + 1;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int j = i;
                    int v = 0;
                    while (j < text.length() && j < i + 3 && text.charAt(j) >= '0' && text.charAt(j) <= '7') {
                        v = v * 8 + (text.charAt(j) - '0');
                        j++;
                    }
                    sb.append((char) (v & 0xff));
                    return j;
                }
                sb.append(c);
                return i + 1;
        }
    }

    /** U&amp; escapes with the default escape character: \XXXX, \+XXXXXX and \\. */
    /**
     * A token's value with the default escape character; as written when that does not decode (a UESCAPE clause may
     * follow, and the parser checks the escapes with it).
     */
    private static String unicodeEscapesOrAsWritten(String s) {
        try {
            return unicodeEscapes(s, '\\');
        } catch (SqlParseException e) {
            return s;
        }
    }

    /**
     * U&amp; escapes with escape character {@code esc} (UESCAPE): esc XXXX, esc +XXXXXX and esc esc.
     *
     * @throws SqlParseException 42601 "invalid Unicode escape" for an escape character followed by anything else,
     *                           and "invalid Unicode escape value" for code point 0 or one past U+10FFFF, as
     *                           PostgreSQL reports them; the position is the 1-based index of the escape in
     *                           {@code s} (the caller adds where {@code s} starts in the SQL text)
     */
    static String unicodeEscapes(String s, char esc) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != esc) {
                sb.append(c);
            } else if (i + 1 < s.length() && s.charAt(i + 1) == esc) {
                sb.append(esc);
                i++;
            } else if (i + 1 < s.length() && s.charAt(i + 1) == '+' && isHex(s, i + 2, 6)) {
                sb.appendCodePoint(codePoint(s.substring(i + 2, i + 8), i + 1));
                i += 7;
            } else if (isHex(s, i + 1, 4)) {
                sb.appendCodePoint(codePoint(s.substring(i + 1, i + 5), i + 1));
                i += 4;
            } else {
                throw new SqlParseException(SqlParseException.SYNTAX_ERROR, "invalid Unicode escape", i + 1,
                        "Unicode escapes must be \\XXXX or \\+XXXXXX.");
            }
        }
        return sb.toString();
    }

    private static boolean isHex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int k = from; k < from + count; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int codePoint(String hex, int position) {
        int cp = Integer.parseInt(hex, 16);
        if (cp > Character.MAX_CODE_POINT || cp == 0) {
            throw new SqlParseException(SqlParseException.SYNTAX_ERROR, "invalid Unicode escape value", position);
        }
        return cp;
    }

    /** {@link #unicodeEscapes(String, char)} of the body of a token that starts {@code bodyStart} code points in. */
    static String unicodeEscapes(String body, char esc, int bodyStart) {
        try {
            return unicodeEscapes(body, esc);
        } catch (SqlParseException e) {
            throw new SqlParseException(e.sqlState(), e.getMessage(), bodyStart + e.position(), e.hint());
        }
    }
}
