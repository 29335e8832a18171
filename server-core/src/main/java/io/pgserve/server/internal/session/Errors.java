package io.pgserve.server.internal.session;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.internal.protocol.ProtocolException;
import io.pgserve.sql.SqlParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place where anything thrown becomes what the client sees: a {@link PgException} with a SQLSTATE. */
final class Errors {
    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    static PgException queryCanceled() {
        return new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    }

    static PgException statementTimeout() {
        return new PgException(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
    }

    /**
     * Maps {@code t} to the error the client gets: a PgException as is, a SQL syntax error as 42601, malformed
     * protocol input as 08P01, and anything else as XX000 with its message (logged with its stack trace; the client
     * never sees a stack trace).
     */
    static PgException toPgException(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof PgException p) {
            return p;
        }
        if (e instanceof SqlParseException s) {
            return PgException.builder(s.sqlState(), s.getMessage()).position(s.position()).hint(s.hint()).build();
        }
        if (e instanceof ProtocolException p) {
            return new PgException(p.sqlState(), p.getMessage());
        }
        if (e instanceof CancellationException) {
            return queryCanceled();
        }
        log.warn("Internal error reported to the client as XX000", e);
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        return new PgException(SqlState.INTERNAL_ERROR, message, e);
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
