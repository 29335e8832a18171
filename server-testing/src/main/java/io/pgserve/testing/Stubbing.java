package io.pgserve.testing;

import io.pgserve.server.Column;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.Statement;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The stubbing DSL, for static import: statement patterns ({@link #sql}, {@link #sqlMatching},
 * {@link #statementWhere}) and responses ({@link #rows}, {@link #command}, {@link #error},
 * {@link #dropConnection}, {@link #delay}).
 *
 * <pre>{@code
 * import static io.pgserve.testing.Stubbing.*;
 *
 * pg.stubFor(sql("SELECT name FROM users WHERE id = $1").withParameters(42)
 *         .willReturn(rows(column("name", PgType.TEXT)).row("ada")));
 * pg.stubFor(sqlMatching("(?i)^insert into audit").willReturn(command("INSERT", 1)));
 * pg.stubFor(statementWhere("any DELETE", st -> st instanceof io.pgserve.sql.ast.Delete)
 *         .willReturn(error("42501", "permission denied for table users")));
 * pg.verify(1, sql("SELECT name FROM users WHERE id = $1").withParameters(42));
 * }</pre>
 */
public final class Stubbing {
    private Stubbing() {
    }

    // --- patterns ------------------------------------------------------------------------------------------

    /**
     * Statements equal to {@code sql} once both are parsed and printed: whitespace, comments, keyword case and
     * redundant parentheses do not matter; identifiers, literals and {@code $n} placeholders do.
     */
    public static StatementPattern sql(String sql) {
        return StatementPattern.sql(sql);
    }

    /** Statements whose text, as the client sent it, contains a match of {@code regex} (use ^ and $ to anchor). */
    public static StatementPattern sqlMatching(String regex) {
        return StatementPattern.regex(regex);
    }

    /** Statements whose parsed tree ({@link io.pgserve.sql.ast}) passes {@code test}; named in reports. */
    public static StatementPattern statementWhere(String description, Predicate<Statement> test) {
        return StatementPattern.where(description, test);
    }

    /** Every statement (e.g. to verify the total count, or a catch-all stub). */
    public static StatementPattern anyStatement() {
        return StatementPattern.regex("");
    }

    // --- responses -----------------------------------------------------------------------------------------

    /** A result column of the given type. */
    public static Column column(String name, PgType type) {
        return Column.of(name, type);
    }

    /** A row set with these columns and no rows yet: add them with {@link StubResponse.Rows#row}. */
    public static StubResponse.Rows rows(Column... columns) {
        return new StubResponse.Rows(List.of(columns), List.of(), "SELECT");
    }

    /** A command tag with a row count, as PostgreSQL prints it: {@code command("INSERT", 2)} is "INSERT 0 2". */
    public static StubResponse.Command command(String tag, long rowCount) {
        return new StubResponse.Command(QueryResult.formatTag(tag, rowCount));
    }

    /** A command tag as is, e.g. {@code command("CREATE TABLE")}. */
    public static StubResponse.Command command(String tag) {
        return new StubResponse.Command(tag);
    }

    /** An ErrorResponse with this SQLSTATE and message; add {@code withDetail}/{@code withHint} as needed. */
    public static StubResponse.Error error(String sqlState, String message) {
        return new StubResponse.Error(sqlState, message, null, null);
    }

    /** PostgreSQL's serialization failure (40001), which applications are expected to retry. */
    public static StubResponse.Error serializationFailure() {
        return error(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
    }

    /**
     * The server ends the session as {@code pg_terminate_backend} would: FATAL 57P01 "terminating connection due
     * to administrator command", then the connection is closed.
     */
    public static StubResponse.Terminate dropConnection() {
        return new StubResponse.Terminate(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
    }

    /** {@code response}, after {@code delay}; a client's cancel (or statement_timeout) cuts it short with 57014. */
    public static StubResponse delay(Duration delay, StubResponse response) {
        return response.delayedBy(delay);
    }
}
