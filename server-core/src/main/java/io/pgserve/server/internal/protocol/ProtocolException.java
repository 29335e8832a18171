package io.pgserve.server.internal.protocol;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

/** Malformed frontend input: always 08P01 protocol_violation unless a more specific code is given. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;
    private final String detail;

    public ProtocolException(String message) {
        this(SqlState.PROTOCOL_VIOLATION, message);
    }

    public ProtocolException(String sqlState, String message) {
        this(sqlState, message, null);
    }

    public ProtocolException(String sqlState, String message, String detail) {
        super(message, null, false, false);
        this.sqlState = sqlState;
        this.detail = detail;
    }

    public String sqlState() {
        return sqlState;
    }

    public PgException toPgException(PgException.Severity severity) {
        return PgException.builder(sqlState, getMessage()).severity(severity).detail(detail).build();
    }
}
