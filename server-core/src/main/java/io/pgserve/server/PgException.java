package io.pgserve.server;

import java.util.Objects;

/**
 * An error (or notice) as PostgreSQL reports it: severity, SQLSTATE, message and the optional fields of
 * ErrorResponse. Throw it from a {@link QueryHandler} (or complete exceptionally with it) and the client gets
 * exactly these fields; the session goes on.
 *
 * <pre>{@code
 * throw PgException.builder(SqlState.UNDEFINED_TABLE, "relation \"users\" does not exist")
 *         .position(15)
 *         .build();
 * // or, briefly:
 * throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY is not supported");
 * }</pre>
 *
 * Any other exception a handler throws is reported as {@code XX000} with its message.
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Severity of an ErrorResponse or NoticeResponse ("S" and "V" fields). */
    public enum Severity { ERROR, FATAL, PANIC, WARNING, NOTICE, DEBUG, INFO, LOG }

    private final Severity severity;
    private final String sqlState;
    private final String detail;
    private final String hint;
    private final int position;
    private final String where;
    private final String schemaName;
    private final String tableName;
    private final String columnName;
    private final String constraintName;

    /** An ERROR with the given SQLSTATE and message. */
    public PgException(String sqlState, String message) {
        this(builder(sqlState, message));
    }

    /** An ERROR with the given SQLSTATE, message and cause (the cause is logged, never sent). */
    public PgException(String sqlState, String message, Throwable cause) {
        this(builder(sqlState, message).cause(cause));
    }

    protected PgException(Builder b) {
        super(b.message, b.cause);
        this.severity = b.severity;
        this.sqlState = b.sqlState;
        this.detail = b.detail;
        this.hint = b.hint;
        this.position = b.position;
        this.where = b.where;
        this.schemaName = b.schemaName;
        this.tableName = b.tableName;
        this.columnName = b.columnName;
        this.constraintName = b.constraintName;
    }

    public static Builder builder(String sqlState, String message) {
        return new Builder(sqlState, message);
    }

    public Severity severity() {
        return severity;
    }

    /** The five-character SQLSTATE, see {@link SqlState}. */
    public String sqlState() {
        return sqlState;
    }

    public String detail() {
        return detail;
    }

    public String hint() {
        return hint;
    }

    /** 1-based character position in the statement text, or 0 when none. */
    public int position() {
        return position;
    }

    public String where() {
        return where;
    }

    public String schemaName() {
        return schemaName;
    }

    public String tableName() {
        return tableName;
    }

    public String columnName() {
        return columnName;
    }

    public String constraintName() {
        return constraintName;
    }

    /** A copy of this error with the position moved by {@code offset} (the statement's place in a longer string). */
    public PgException withPositionOffset(int offset) {
        if (position <= 0 || offset == 0) {
            return this;
        }
        return toBuilder().position(position + offset).build();
    }

    /** A copy with another severity. */
    public PgException withSeverity(Severity newSeverity) {
        return newSeverity == severity ? this : toBuilder().severity(newSeverity).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(sqlState, getMessage());
        b.severity = severity;
        b.detail = detail;
        b.hint = hint;
        b.position = position;
        b.where = where;
        b.schemaName = schemaName;
        b.tableName = tableName;
        b.columnName = columnName;
        b.constraintName = constraintName;
        b.cause = getCause();
        return b;
    }

    @Override
    public String toString() {
        return severity + ": " + getMessage() + " (SQLSTATE " + sqlState + ")";
    }

    /** Builds a {@link PgException}; every field but the SQLSTATE and message is optional. */
    public static final class Builder {
        private final String sqlState;
        private final String message;
        private Severity severity = Severity.ERROR;
        private String detail;
        private String hint;
        private int position;
        private String where;
        private String schemaName;
        private String tableName;
        private String columnName;
        private String constraintName;
        private Throwable cause;

        private Builder(String sqlState, String message) {
            Objects.requireNonNull(sqlState, "sqlState");
            if (sqlState.length() != 5) {
                throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
            }
            this.sqlState = sqlState;
            this.message = Objects.requireNonNull(message, "message");
        }

        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder hint(String hint) {
            this.hint = hint;
            return this;
        }

        /** 1-based character position in the statement text. */
        public Builder position(int position) {
            this.position = position;
            return this;
        }

        public Builder where(String where) {
            this.where = where;
            return this;
        }

        public Builder schemaName(String schemaName) {
            this.schemaName = schemaName;
            return this;
        }

        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        public Builder columnName(String columnName) {
            this.columnName = columnName;
            return this;
        }

        public Builder constraintName(String constraintName) {
            this.constraintName = constraintName;
            return this;
        }

        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        public PgException build() {
            return new PgException(this);
        }
    }
}
