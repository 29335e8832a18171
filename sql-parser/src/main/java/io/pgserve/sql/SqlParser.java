package io.pgserve.sql;

import io.pgserve.sql.ast.NodeLocation;
import io.pgserve.sql.ast.OtherStatement;
import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.internal.grammar.PostgreSqlLexer;
import io.pgserve.sql.internal.grammar.PostgreSqlLexerBase;
import io.pgserve.sql.internal.grammar.PostgreSqlParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses SQL text into the AST of {@link io.pgserve.sql.ast}.
 *
 * <pre>{@code
 * Statement st = SqlParser.parse("SELECT a, b FROM t WHERE id = $1");
 * List<Statement> all = SqlParser.parseAll("BEGIN; UPDATE t SET a = 1; COMMIT");
 * }</pre>
 *
 * <p>The string is split into statements with {@link SqlSplitter}; each statement the grammar covers (queries,
 * DML, the common DDL, COPY, the session, transaction, cursor and notification statements, EXPLAIN, VACUUM,
 * GRANT, ...) is parsed, and every other one (MERGE, CHECKPOINT, SET CONSTRAINTS, and the DDL forms the grammar
 * does not cover, such as CREATE FUNCTION) becomes an {@link OtherStatement} with the kind and command tag read
 * from its leading keywords. A DDL statement the grammar fails on is an OtherStatement too rather than an error.
 *
 * <p>Parsing first uses ANTLR's SLL prediction, which is fast and enough for almost every statement, and
 * only when that fails parses again with full LL prediction, which then either succeeds or reports the
 * error. Errors are {@link SqlParseException}s with SQLSTATE 42601 and PostgreSQL's wording
 * ({@code syntax error at or near "FORM"}, {@code syntax error at end of input}) and the 1-based character
 * position in the whole string (for "end of input", the length plus one, as PostgreSQL reports it).
 *
 * <p>Node locations are relative to the whole string given to {@code parse}/{@code parseAll}. Instances are not
 * needed: the methods are static and thread-safe (ANTLR's prediction cache is shared by all threads).
 */
public final class SqlParser {
    /**
     * The deepest nesting of parentheses and brackets accepted; deeper statements get PostgreSQL's error for a
     * parser stack overflow ({@code memory exhausted at or near "("}). Lower than PostgreSQL's own limit, because
     * ANTLR's prediction over nested parentheses costs time and memory that grow with the square of the depth, and
     * each level takes several Java stack frames (about 500 levels fit in a default 1 MB thread stack).
     */
    public static final int MAX_NESTING = 200;

    private static final SqlParserCache CACHE = SqlParserCache.create(SqlParserCache.DEFAULT_MAX_ENTRIES);

    private SqlParser() {
    }

    /**
     * The shared cache of parsed statements by SQL text ({@link SqlParserCache#DEFAULT_MAX_ENTRIES} texts, least
     * recently used evicted first); {@link SqlParserCache#create(int)} makes one of another size.
     */
    public static SqlParserCache cached() {
        return CACHE;
    }

    /**
     * Parses a string that holds exactly one statement (a trailing semicolon is allowed).
     *
     * @throws SqlParseException for a syntax error, for an empty string ({@code syntax error at end of input}) and
     *                           for more than one statement ({@code cannot insert multiple commands into a prepared
     *                           statement}, as PostgreSQL answers a Parse message with several)
     */
    public static Statement parse(String sql) {
        List<Statement> statements = parseAll(sql);
        if (statements.isEmpty()) {
            throw new SqlParseException("syntax error at end of input", sql.codePointCount(0, sql.length()) + 1);
        }
        if (statements.size() > 1) {
            throw new SqlParseException("cannot insert multiple commands into a prepared statement", 0);
        }
        return statements.get(0);
    }

    /**
     * Parses every statement of a string (the body of a simple Query message). Empty statements are dropped.
     *
     * @throws SqlParseException for the first statement with a syntax error, or a lexical error anywhere
     */
    public static List<Statement> parseAll(String sql) {
        List<RawStatement> raws = SqlSplitter.split(sql);
        List<Statement> out = new ArrayList<>(raws.size());
        CharStream chars = null;
        Position pos = new Position(sql);
        for (RawStatement raw : raws) {
            pos.advanceTo(raw.offset());
            if (!isParsed(raw.kind())) {
                out.add(new OtherStatement(raw.sql(), raw.kind(), raw.commandTag(),
                        new NodeLocation(pos.codePoint, pos.line, pos.column + 1)));
                continue;
            }
            if (chars == null) {
                chars = CharStreams.fromString(sql);
            }
            int end = pos.codePoint + raw.sql().codePointCount(0, raw.sql().length());
            try {
                out.add(parseStatement(chars, pos, end, pos.totalCodePoints));
            } catch (SqlParseException e) {
                if (raw.kind() != StatementKind.DDL) {
                    throw e;
                }
                // The grammar covers the common forms of DDL only; the others are kept as text.
                out.add(new OtherStatement(raw.sql(), raw.kind(), raw.commandTag(),
                        new NodeLocation(pos.codePoint, pos.line, pos.column + 1)));
            }
        }
        return out;
    }

    private static boolean isParsed(StatementKind kind) {
        switch (kind) {
            case MERGE: case CHECKPOINT: case OTHER:
                return false;
            default:
                return true;
        }
    }

    private static Statement parseStatement(CharStream chars, Position start, int end, int total) {
        PostgreSqlLexer lexer = new PostgreSqlLexer(chars);
        lexer.removeErrorListeners();
        chars.seek(start.codePoint);
        lexer.setLine(start.line);
        lexer.setCharPositionInLine(start.column);
        CommonTokenStream tokens = new CommonTokenStream(new BoundedTokenSource(lexer, end));
        PostgreSqlParser parser = new PostgreSqlParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            PostgreSqlParser.SingleStatementContext tree;
            try {
                tree = parser.singleStatement();
            } catch (ParseCancellationException sllFailed) {
                tokens.seek(0);
                parser.reset();
                parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                try {
                    tree = parser.singleStatement();
                } catch (ParseCancellationException e) {
                    throw toSyntaxError(e, chars, total);
                }
            }
            return new AstBuilder().statement(tree.statement());
        } catch (StackOverflowError e) {
            // PostgreSQL's own limit on parser stack depth gives this message and SQLSTATE.
            throw new SqlParseException("54001", "stack depth limit exceeded", 0);
        }
    }

    private static SqlParseException toSyntaxError(ParseCancellationException e, CharStream chars, int total) {
        Token t = e.getCause() instanceof RecognitionException re ? re.getOffendingToken() : null;
        if (t == null) {
            return new SqlParseException("syntax error", 0);
        }
        if (t.getType() == Token.EOF) {
            // The statement ended: at a semicolon (PostgreSQL reports the ';' token) or at the end of the string.
            int i = t.getStartIndex();
            if (i >= 0 && i < total && chars.getText(org.antlr.v4.runtime.misc.Interval.of(i, i)).equals(";")) {
                return new SqlParseException("syntax error at or near \";\"", i + 1);
            }
            return new SqlParseException("syntax error at end of input", total + 1);
        }
        return syntaxError(t);
    }

    /** {@code syntax error at or near "<token>"} (or the lexer's message for an erroneous token). */
    static SqlParseException syntaxError(Token t) {
        if (t.getType() == Token.EOF) {
            return new SqlParseException("syntax error at end of input", t.getStartIndex() + 1);
        }
        String lexical = PostgreSqlLexerBase.errorMessage(t.getType());
        return error(lexical != null ? lexical : "syntax error", t);
    }

    /** {@code <message> at or near "<token>"}. */
    static SqlParseException error(String message, Token t) {
        return new SqlParseException(message + " at or near \"" + t.getText() + "\"", t.getStartIndex() + 1);
    }

    /** Walks the string once to give each statement's start as code point index, line and column. */
    private static final class Position {
        private final String sql;
        final int totalCodePoints;
        private int charIndex;
        int codePoint;
        int line = 1;
        int column;

        Position(String sql) {
            this.sql = sql;
            this.totalCodePoints = sql.codePointCount(0, sql.length());
        }

        void advanceTo(int target) {
            while (charIndex < target) {
                int c = sql.codePointAt(charIndex);
                charIndex += Character.charCount(c);
                codePoint++;
                if (c == '\n') {
                    line++;
                    column = 0;
                } else {
                    column++;
                }
            }
        }
    }

    /**
     * The lexer's tokens up to a statement's end; there, an EOF token (whose start is the end, which is where the
     * semicolon is if one ended the statement).
     */
    private static final class BoundedTokenSource implements TokenSource {
        private final PostgreSqlLexer lexer;
        private final int end;
        private Token eof;
        private int depth;

        BoundedTokenSource(PostgreSqlLexer lexer, int end) {
            this.lexer = lexer;
            this.end = end;
        }

        @Override
        public Token nextToken() {
            if (eof != null) {
                return eof;
            }
            Token t = lexer.nextToken();
            int type = t.getType();
            if (type == PostgreSqlLexer.OPEN_PAREN || type == PostgreSqlLexer.OPEN_BRACKET) {
                if (++depth > MAX_NESTING) {
                    // PostgreSQL's parser gives this error when its stack (10000 entries) overflows.
                    throw error("memory exhausted", t);
                }
            } else if (type == PostgreSqlLexer.CLOSE_PAREN || type == PostgreSqlLexer.CLOSE_BRACKET) {
                depth--;
            }
            if (t.getType() == Token.EOF || t.getStartIndex() >= end) {
                int at = t.getType() == Token.EOF ? t.getStartIndex() : end;
                CommonToken e = new CommonToken(Token.EOF, "<EOF>");
                e.setStartIndex(at);
                e.setStopIndex(at - 1);
                e.setLine(t.getLine());
                e.setCharPositionInLine(t.getCharPositionInLine());
                eof = e;
                return eof;
            }
            return t;
        }

        @Override
        public int getLine() {
            return lexer.getLine();
        }

        @Override
        public int getCharPositionInLine() {
            return lexer.getCharPositionInLine();
        }

        @Override
        public CharStream getInputStream() {
            return lexer.getInputStream();
        }

        @Override
        public String getSourceName() {
            return lexer.getSourceName();
        }

        @Override
        public void setTokenFactory(TokenFactory<?> factory) {
            lexer.setTokenFactory(factory);
        }

        @Override
        public TokenFactory<?> getTokenFactory() {
            return lexer.getTokenFactory();
        }
    }
}
