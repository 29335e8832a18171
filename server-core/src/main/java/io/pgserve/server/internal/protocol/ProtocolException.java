package io.pgserve.server.internal.protocol;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

/** Malformed frontend input: always 08P01 protocol_violation unless a more specific code is given. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public ProtocolException(String message) {
        this(SqlState.PROTOCOL_VIOLATION, message);
    }

    public ProtocolException(String sqlState, String message) {
        super(message, null, false, false);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }

    public PgException toPgException(PgException.Severity severity) {
        return PgException.builder(sqlState, getMessage()).severity(severity).build();
    }
}
