package io.pgserve.sql.internal;

/**
 * The shape of a SQL text: the text with each literal (number, string, bit string) replaced by a placeholder, and
 * where those literals are. Two texts with the same {@link #key()} lex to the same tokens but for the literals'
 * values, so one's AST can be made from the other's by substituting literal values (see {@link ShapeTemplate}).
 *
 * <p>Made by a hand-written scanner that follows the rules of the project's lexer ({@code PostgreSqlLexer.g4}:
 * standard_conforming_strings on, string continuation over newlines, nested block comments, dollar quotes,
 * PostgreSQL 16 number syntax). It never guesses: for anything the lexer would make an error token of, and for a
 * few rare forms ({@code 1..2}, a lone {@code $}), {@link #scan} gives up and the text has no shape.
 *
 * <p>Positions are kept both as {@code String} indexes and as code point offsets with line and column, the units
 * of {@link io.pgserve.sql.ast.NodeLocation} (lines end at {@code \n} only, as in the ANTLR lexer).
 */
public final class SqlShape {
    /** Kinds of literal, one per lexer token type; the kind is part of the key. */
    static final char INTEGER = 'I';
    static final char DECIMAL = 'F';
    /** '...', E'...' and $tag$...$tag$: all SCONST tokens. */
    static final char STRING = 'S';
    static final char UNICODE_STRING = 'U';
    static final char BIT_STRING = 'B';
    static final char HEX_STRING = 'X';
    /** Starts a placeholder in the key; texts holding it anywhere have no shape, so keys cannot collide. */
    static final char MARK = '\uFFFF';

    private final String text;
    private final String key;
    final int count;
    final char[] kind;
    /** String indexes of each literal's first character and of the character after it. */
    final int[] start;
    final int[] end;
    /** Code point offsets of each literal's first character and of the character after it. */
    final int[] cpStart;
    final int[] cpEnd;
    /** Line (1-based) and column (0-based, in code points) of the character after each literal. */
    final int[] lineAtEnd;
    final int[] colAtEnd;

    private SqlShape(String text, String key, int count, char[] kind, int[] start, int[] end, int[] cpStart,
            int[] cpEnd, int[] lineAtEnd, int[] colAtEnd) {
        this.text = text;
        this.key = key;
        this.count = count;
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.cpStart = cpStart;
        this.cpEnd = cpEnd;
        this.lineAtEnd = lineAtEnd;
        this.colAtEnd = colAtEnd;
    }

    /** The text with its literals replaced by placeholders (a kind letter after a noncharacter). */
    public String key() {
        return key;
    }

    /** The text scanned. */
    public String text() {
        return text;
    }

    /** The number of literals. */
    public int literalCount() {
        return count;
    }

    /** The kind of literal {@code i}: the lexer token type as a letter (I, F, S, U, B or X). */
    public char kind(int i) {
        return kind[i];
    }

    /** The {@code String} index of literal {@code i}'s first character. */
    public int literalStart(int i) {
        return start[i];
    }

    /** The {@code String} index after literal {@code i}. */
    public int literalEnd(int i) {
        return end[i];
    }

    /** The text of literal {@code i} as written (quotes, prefix and continuations included). */
    public String literal(int i) {
        return text.substring(start[i], end[i]);
    }

    /** The shape of {@code sql}, or null when the scanner cannot be sure of every literal's extent. */
    public static SqlShape scan(String sql) {
        if (sql.indexOf(MARK) >= 0) {
            return null;
        }
        return new Scanner(sql).run();
    }

    private static final class Scanner {
        private final String s;
        private final int n;
        private int count;
        private char[] kind = new char[8];
        private int[] start = new int[8];
        private int[] end = new int[8];
        // A cursor that walks the text to literal boundaries, counting code points, lines and columns.
        private int curChar;
        private int curCp;
        private int curLine = 1;
        private int curLineStartCp;
        private int[] cpStart = new int[8];
        private int[] cpEnd = new int[8];
        private int[] lineAtEnd = new int[8];
        private int[] colAtEnd = new int[8];

        Scanner(String s) {
            this.s = s;
            this.n = s.length();
        }

        SqlShape run() {
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
                    i++;
                } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                    i = lineEnd(i + 2);
                } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                    i = blockComment(i + 2);
                } else if (c == '"') {
                    i = quotedIdentifier(i);
                } else if (c == '\'') {
                    i = string(i, i, STRING, false);
                } else if (c == '$') {
                    i = dollar(i);
                } else if (c >= '0' && c <= '9') {
                    i = number(i);
                } else if (c == '.') {
                    if (i + 1 < n && isDigit(s.charAt(i + 1))) {
                        i = number(i);
                    } else if (i + 1 < n && s.charAt(i + 1) == '.') {
                        i += 2;
                    } else {
                        i++;
                    }
                } else if (isIdentStart(c)) {
                    i = word(i);
                } else if (c == MARK) {
                    return null;
                } else {
                    i++;
                }
                if (i < 0) {
                    return null;
                }
            }
            StringBuilder key = new StringBuilder(n + 8);
            int from = 0;
            for (int k = 0; k < count; k++) {
                key.append(s, from, start[k]).append(MARK).append(kind[k]);
                from = end[k];
            }
            key.append(s, from, n);
            return new SqlShape(s, key.toString(), count, kind, start, end, cpStart, cpEnd, lineAtEnd, colAtEnd);
        }

        private void literal(char k, int from, int to) {
            if (count == kind.length) {
                int size = count * 2;
                kind = java.util.Arrays.copyOf(kind, size);
                start = java.util.Arrays.copyOf(start, size);
                end = java.util.Arrays.copyOf(end, size);
                cpStart = java.util.Arrays.copyOf(cpStart, size);
                cpEnd = java.util.Arrays.copyOf(cpEnd, size);
                lineAtEnd = java.util.Arrays.copyOf(lineAtEnd, size);
                colAtEnd = java.util.Arrays.copyOf(colAtEnd, size);
            }
            kind[count] = k;
            start[count] = from;
            end[count] = to;
            advanceTo(from);
            cpStart[count] = curCp;
            advanceTo(to);
            cpEnd[count] = curCp;
            lineAtEnd[count] = curLine;
            colAtEnd[count] = curCp - curLineStartCp;
            count++;
        }

        private void advanceTo(int target) {
            while (curChar < target) {
                char c = s.charAt(curChar++);
                if (Character.isHighSurrogate(c) && curChar < n && Character.isLowSurrogate(s.charAt(curChar))) {
                    curChar++;
                }
                curCp++;
                if (c == '\n') {
                    curLine++;
                    curLineStartCp = curCp;
                }
            }
        }

        /** The index of the next \r or \n at or after i (or the end). */
        private int lineEnd(int i) {
            while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                i++;
            }
            return i;
        }

        /** After the opening slash-star: nested comments, as PostgreSqlLexerBase.blockComment counts them. */
        private int blockComment(int i) {
            int depth = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                    depth++;
                    i += 2;
                } else if (c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
                    i += 2;
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                } else {
                    if (c == MARK) {
                        return -1;
                    }
                    i++;
                }
            }
            return -1;
        }

        /** "..." with "" inside; an empty or unterminated one is a lexer error. */
        private int quotedIdentifier(int q) {
            int i = q + 1;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    if (i + 1 < n && s.charAt(i + 1) == '"') {
                        i += 2;
                        continue;
                    }
                    return i == q + 1 ? -1 : i + 1;
                }
                if (c == MARK) {
                    return -1;
                }
                i++;
            }
            return -1;
        }

        /**
         * A quoted string starting at {@code from} (its prefix, if any) whose first quote is at {@code q}, with its
         * continuations (whitespace holding a newline, then another quoted part).
         */
        private int string(int from, int q, char k, boolean escapes) {
            int i = q;
            while (true) {
                i = body(i + 1, k, escapes);
                if (i < 0) {
                    return -1;
                }
                int next = continuation(i);
                if (next < 0) {
                    break;
                }
                i = next;
            }
            literal(k, from, i);
            return i;
        }

        /** A quoted part's body after its opening quote; the index after the closing quote, or -1. */
        private int body(int i, char k, boolean escapes) {
            boolean bits = k == BIT_STRING || k == HEX_STRING;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\'') {
                    if (!bits && i + 1 < n && s.charAt(i + 1) == '\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                if (escapes && c == '\\') {
                    if (i + 1 >= n) {
                        return -1;
                    }
                    i += 2;
                    continue;
                }
                i++;
            }
            return -1;
        }

        /**
         * The lexer's QUOTE_CONTINUE after a closing quote at i - 1: the index of the next part's opening quote, or
         * -1 when the literal ends here.
         */
        private int continuation(int i) {
            while (i < n) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\f' || c == '\u000B') {
                    i++;
                } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                    i = lineEnd(i + 2);
                } else {
                    break;
                }
            }
            if (i >= n || (s.charAt(i) != '\n' && s.charAt(i) != '\r')) {
                return -1;
            }
            i++;
            while (i < n) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
                    i++;
                } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                    int e = lineEnd(i + 2);
                    if (e >= n) {
                        return -1;
                    }
                    i = e;
                } else {
                    break;
                }
            }
            return i < n && s.charAt(i) == '\'' ? i : -1;
        }

        /** $n, or $tag$...$tag$; a lone $ (an OTHER token) is left to the parser. */
        private int dollar(int i) {
            if (i + 1 >= n) {
                return -1;
            }
            char c = s.charAt(i + 1);
            if (isDigit(c)) {
                int j = i + 1;
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
                return j < n && isIdentStart(s.charAt(j)) ? -1 : j;
            }
            int j = i + 1;
            if (c != '$') {
                if (!isIdentStart(c)) {
                    return -1;
                }
                j++;
                while (j < n && isDolqCont(s.charAt(j))) {
                    j++;
                }
                if (j >= n || s.charAt(j) != '$') {
                    return -1;
                }
            }
            String delimiter = s.substring(i, j + 1);
            int close = s.indexOf(delimiter, j + 1);
            if (close < 0) {
                return -1;
            }
            int e = close + delimiter.length();
            literal(STRING, i, e);
            return e;
        }

        /**
         * A number by the lexer's longest match over ICONST, FCONST and the ERR_ rules; an error, trailing junk
         * and {@code 1..} give -1.
         */
        private int number(int i) {
            char c = s.charAt(i);
            if (c == '0' && i + 1 < n && "xXoObB".indexOf(s.charAt(i + 1)) >= 0) {
                int radix = switch (s.charAt(i + 1)) {
                    case 'x', 'X' -> 16;
                    case 'o', 'O' -> 8;
                    default -> 2;
                };
                int j = i + 2;
                int digits = 0;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == '_' && j + 1 < n && Character.digit(s.charAt(j + 1), radix) >= 0 && s.charAt(j + 1) < 128) {
                        j += 2;
                        digits++;
                    } else if (Character.digit(d, radix) >= 0 && d < 128) {
                        j++;
                        digits++;
                    } else {
                        break;
                    }
                }
                if (digits == 0 || (j < n && isIdentCont(s.charAt(j)))) {
                    return -1;
                }
                literal(INTEGER, i, j);
                return j;
            }
            char k = INTEGER;
            int j;
            if (c == '.') {
                j = decimalDigits(i + 1);
                k = DECIMAL;
            } else {
                j = decimalDigits(i);
                if (j < n && s.charAt(j) == '.') {
                    if (j + 1 < n && s.charAt(j + 1) == '.') {
                        return -1;
                    }
                    k = DECIMAL;
                    j++;
                    if (j < n && isDigit(s.charAt(j))) {
                        j = decimalDigits(j);
                    }
                }
            }
            if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                if (j + 1 < n && isDigit(s.charAt(j + 1))) {
                    j = decimalDigits(j + 1);
                } else if (j + 2 < n && (s.charAt(j + 1) == '+' || s.charAt(j + 1) == '-') && isDigit(s.charAt(j + 2))) {
                    j = decimalDigits(j + 2);
                } else {
                    return -1;
                }
                k = DECIMAL;
            }
            // Trailing junk; also '$', which continues an identifier that the ERR_TRAILING_JUNK rule may start at
            // an '_' or 'e' inside the number ("1_0$1" is junk), and '.' ("1.5.", rare).
            if (j < n && (isIdentCont(s.charAt(j)) || s.charAt(j) == '.')) {
                return -1;
            }
            literal(k, i, j);
            return j;
        }

        /** DEC_INTEGER from a digit at i: digits with single underscores between them. */
        private int decimalDigits(int i) {
            int j = i + 1;
            while (j < n) {
                char d = s.charAt(j);
                if (isDigit(d)) {
                    j++;
                } else if (d == '_' && j + 1 < n && isDigit(s.charAt(j + 1))) {
                    j += 2;
                } else {
                    break;
                }
            }
            return j;
        }

        /** An identifier or keyword, or the prefix of E'', B'', X'', N'', U&amp;'' or U&amp;"". */
        private int word(int i) {
            int j = i + 1;
            while (j < n && isIdentCont(s.charAt(j))) {
                if (s.charAt(j) == MARK) {
                    return -1;
                }
                j++;
            }
            if (s.charAt(i) == MARK) {
                return -1;
            }
            if (j == i + 1 && j < n) {
                char c = s.charAt(i);
                char next = s.charAt(j);
                if (next == '\'') {
                    switch (c) {
                        case 'e': case 'E':
                            return string(i, j, STRING, true);
                        case 'b': case 'B':
                            return string(i, j, BIT_STRING, false);
                        case 'x': case 'X':
                            return string(i, j, HEX_STRING, false);
                        default:
                            // N'...' is the keyword NCHAR and an ordinary string; others are a word and a string.
                            return j;
                    }
                }
                if ((c == 'u' || c == 'U') && next == '&' && j + 1 < n) {
                    if (s.charAt(j + 1) == '\'') {
                        return string(i, j + 1, UNICODE_STRING, false);
                    }
                    if (s.charAt(j + 1) == '"') {
                        return quotedIdentifier(j + 1);
                    }
                }
            }
            return j;
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** IDENT_START: [a-z] either case, '_' and every non-ASCII character. */
    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentCont(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDolqCont(char c) {
        return isIdentStart(c) || isDigit(c);
    }
}
