package io.pgserve.sql;

/**
 * A syntax error in SQL text, with PostgreSQL's wording and the 1-based character position of the offending
 * token in the string that was given to the lexer or parser (0 when unknown).
 */
public final class SqlParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** SQLSTATE syntax_error. */
    public static final String SYNTAX_ERROR = "42601";

    private final String sqlState;
    private final int position;
    private final String hint;

    public SqlParseException(String message, int position) {
        this(SYNTAX_ERROR, message, position);
    }

    public SqlParseException(String sqlState, String message, int position) {
        this(sqlState, message, position, null);
    }

    /** With PostgreSQL's hint, e.g. "Unicode escapes must be \XXXX or \+XXXXXX." */
    public SqlParseException(String sqlState, String message, int position, String hint) {
        super(message);
        this.sqlState = sqlState;
        this.position = position;
        this.hint = hint;
    }

    /** PostgreSQL's hint for this error, or null. */
    public String hint() {
        return hint;
    }

    public String sqlState() {
        return sqlState;
    }

    /** 1-based character position in the SQL string, or 0. */
    public int position() {
        return position;
    }
}
