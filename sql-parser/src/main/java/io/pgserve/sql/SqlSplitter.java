package io.pgserve.sql;

import io.pgserve.sql.internal.grammar.PostgreSqlLexer;
import io.pgserve.sql.internal.grammar.PostgreSqlLexerBase;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Splits a SQL string (the body of a simple Query message) into statements with the SQL lexer, so that
 * semicolons inside string literals, quoted identifiers, dollar-quoted strings and comments do not split.
 *
 * <p>As in PostgreSQL (and psql), the semicolons inside the body of
 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END} do not end the statement.
 *
 * <p>Like PostgreSQL, which lexes the whole query string before running any of it, a lexical error anywhere
 * (an unterminated literal or comment, a bad number, ...) fails the whole string.
 */
public final class SqlSplitter {
    private SqlSplitter() {
    }

    /**
     * Splits {@code sql} into its statements. Empty statements (only whitespace, comments and semicolons) are
     * dropped, so a string with none gives an empty list (the server answers it with EmptyQueryResponse).
     *
     * @throws SqlParseException for an unterminated quoted string, identifier, dollar-quoted string or comment,
     *                           with PostgreSQL's message and position
     */
    public static List<RawStatement> split(String sql) {
        PostgreSqlLexer lexer = new PostgreSqlLexer(CharStreams.fromString(sql));
        // Every character is some token (OTHER catches the rest), so the lexer itself never reports errors.
        lexer.removeErrorListeners();
        CharIndex chars = CharIndex.of(sql);
        List<RawStatement> statements = new ArrayList<>(2);
        List<Token> tokens = new ArrayList<>();
        AtomicBodyTracker atomic = new AtomicBodyTracker();
        for (Token token = lexer.nextToken(); ; token = lexer.nextToken()) {
            int type = token.getType();
            if (type == Token.EOF) {
                break;
            }
            if (token.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            String error = PostgreSqlLexerBase.errorMessage(type);
            if (error != null) {
                // PostgreSQL prints the input from the token start to the end of what the scanner matched,
                // which for an unterminated literal or comment is the rest of the input.
                throw new SqlParseException(error + " at or near \"" + token.getText() + "\"",
                        token.getStartIndex() + 1);
            }
            if (type == PostgreSqlLexer.SEMI && !atomic.insideBody()) {
                addStatement(sql, chars, tokens, statements);
                tokens.clear();
                atomic = new AtomicBodyTracker();
                continue;
            }
            atomic.next(token);
            tokens.add(token);
        }
        addStatement(sql, chars, tokens, statements);
        return statements;
    }

    private static void addStatement(String sql, CharIndex chars, List<Token> tokens, List<RawStatement> out) {
        if (tokens.isEmpty()) {
            return;
        }
        int start = chars.of(tokens.get(0).getStartIndex());
        int end = chars.of(tokens.get(tokens.size() - 1).getStopIndex() + 1);
        StatementClassifier.Result kind = StatementClassifier.classify(tokens);
        out.add(new RawStatement(sql.substring(start, end), start, kind.kind(), kind.commandTag()));
    }

    /**
     * Token positions are code point indexes; {@link RawStatement#offset()} is a {@code String} (UTF-16) index.
     * They differ only after characters outside the Basic Multilingual Plane (emoji, ...).
     */
    private static final class CharIndex {
        private static final CharIndex IDENTITY = new CharIndex(null);
        private final int[] charIndexOfCodePoint;

        private CharIndex(int[] charIndexOfCodePoint) {
            this.charIndexOfCodePoint = charIndexOfCodePoint;
        }

        static CharIndex of(String s) {
            int codePoints = s.codePointCount(0, s.length());
            if (codePoints == s.length()) {
                return IDENTITY;
            }
            int[] map = new int[codePoints + 1];
            int charIndex = 0;
            for (int i = 0; i < codePoints; i++) {
                map[i] = charIndex;
                charIndex += Character.charCount(s.codePointAt(charIndex));
            }
            map[codePoints] = charIndex;
            return new CharIndex(map);
        }

        int of(int codePointIndex) {
            return charIndexOfCodePoint == null ? codePointIndex : charIndexOfCodePoint[codePointIndex];
        }
    }

    /**
     * The body of {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END} is a list of statements
     * that end in semicolons, which do not end the CREATE statement. Inside the body, BEGIN and CASE open a block
     * that END closes (psql counts the same way).
     */
    private static final class AtomicBodyTracker {
        private final int[] leading = new int[4];
        private int count;
        private boolean afterBegin;
        private int depth;

        boolean insideBody() {
            return depth > 0;
        }

        void next(Token token) {
            int type = token.getType();
            if (count < leading.length) {
                leading[count] = type;
            }
            count++;
            if (depth == 0) {
                if (afterBegin && type == PostgreSqlLexer.ATOMIC && isCreateRoutine()) {
                    depth = 1;
                }
                afterBegin = type == PostgreSqlLexer.BEGIN_P;
            } else if (type == PostgreSqlLexer.BEGIN_P || type == PostgreSqlLexer.CASE) {
                depth++;
            } else if (type == PostgreSqlLexer.END_P) {
                depth--;
            }
        }

        private boolean isCreateRoutine() {
            if (leading[0] != PostgreSqlLexer.CREATE) {
                return false;
            }
            int kind = leading[1] == PostgreSqlLexer.OR && leading[2] == PostgreSqlLexer.REPLACE ? leading[3] : leading[1];
            return kind == PostgreSqlLexer.FUNCTION || kind == PostgreSqlLexer.PROCEDURE;
        }
    }
}
