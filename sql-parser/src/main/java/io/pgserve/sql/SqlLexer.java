package io.pgserve.sql;

import java.util.List;

/** PostgreSQL's lexical rules as a token list, for code that reads a statement's words without a full parse. */
public final class SqlLexer {
    private SqlLexer() {
    }

    /**
     * The significant tokens of {@code sql}.
     *
     * @throws SqlParseException for unterminated quoted strings, identifiers or comments
     */
    public static List<SqlToken> tokenize(String sql) {
        throw new UnsupportedOperationException("implemented on the lexer branch");
    }
}
