package io.pgserve.sql;

import java.util.List;

/**
 * Splits a SQL string (the body of a simple Query message) into statements with the SQL lexer, so that
 * semicolons inside string literals, quoted identifiers, dollar-quoted strings and comments do not split.
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
        throw new UnsupportedOperationException("being written on the lexer branch");
    }
}
