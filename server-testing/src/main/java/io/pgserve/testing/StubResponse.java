package io.pgserve.testing;

import io.pgserve.server.Column;
import io.pgserve.server.PgException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Stub} answers: rows, a command tag, an error, a terminated connection, or any of these after a
 * delay. Built with the factory methods of {@link Stubbing}; immutable.
 *
 * <pre>{@code
 * rows(column("id", PgType.INT4), column("name", PgType.TEXT)).row(1, "ada").row(2, "grace")
 * command("UPDATE", 3)                                  // UPDATE 3
 * error("40001", "could not serialize access due to concurrent update")
 * dropConnection()                                      // FATAL 57P01, then the socket is closed
 * rows(column("n", PgType.INT8)).row(1).delayedBy(Duration.ofSeconds(5))
 * }</pre>
 */
public sealed interface StubResponse
        permits StubResponse.Rows, StubResponse.Command, StubResponse.Error, StubResponse.Terminate,
        StubResponse.Delayed {

    /** This response, sent after {@code delay} (cut short, with 57014, if the client cancels the statement). */
    default StubResponse delayedBy(Duration delay) {
        return new Delayed(delay, this);
    }

    /**
     * A row set: RowDescription with these columns, the rows, then CommandComplete ({@code tag} and the row count).
     * Values are Java objects of the columns' types (Integer for int4, String for text, LocalDate for date...).
     */
    record Rows(List<Column> columns, List<List<Object>> rows, String tag) implements StubResponse {
        public Rows {
            columns = List.copyOf(columns);
            List<List<Object>> copy = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("a row has " + row.size() + " values for "
                            + columns.size() + " columns: " + row);
                }
                copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
            }
            rows = Collections.unmodifiableList(copy);
            Objects.requireNonNull(tag, "tag");
        }

        /** These rows and one more; {@code null} is SQL NULL. */
        public Rows row(Object... values) {
            List<List<Object>> more = new ArrayList<>(rows);
            more.add(Arrays.asList(values.clone()));
            return new Rows(columns, more, tag);
        }

        /** The same rows under another command tag, e.g. "INSERT" for {@code INSERT ... RETURNING}. */
        public Rows withTag(String newTag) {
            return new Rows(columns, rows, newTag);
        }
    }

    /** A statement that returns no rows; {@code tag} is the whole command tag, e.g. "INSERT 0 1" or "CREATE TABLE". */
    record Command(String tag) implements StubResponse {
        public Command {
            Objects.requireNonNull(tag, "tag");
        }
    }

    /** An ErrorResponse; the session goes on (a transaction block is failed, as in PostgreSQL). */
    record Error(String sqlState, String message, String detail, String hint) implements StubResponse {
        public Error {
            Objects.requireNonNull(sqlState, "sqlState");
            Objects.requireNonNull(message, "message");
            PgException.builder(sqlState, message); // checks the SQLSTATE's form now rather than at the first call
        }

        public Error withDetail(String newDetail) {
            return new Error(sqlState, message, newDetail, hint);
        }

        public Error withHint(String newHint) {
            return new Error(sqlState, message, detail, newHint);
        }

        PgException toException() {
            return PgException.builder(sqlState, message).detail(detail).hint(hint).build();
        }
    }

    /**
     * The server ends the session: a FATAL ErrorResponse with this SQLSTATE and message, then the connection is
     * closed, as when PostgreSQL's backend is terminated. The client's driver reports a broken connection.
     */
    record Terminate(String sqlState, String message) implements StubResponse {
        public Terminate {
            Objects.requireNonNull(sqlState, "sqlState");
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@code then}, after {@code delay}. */
    record Delayed(Duration delay, StubResponse then) implements StubResponse {
        public Delayed {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(then, "then");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }
    }
}
