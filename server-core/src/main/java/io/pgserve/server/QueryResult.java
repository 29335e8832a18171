package io.pgserve.server;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a statement produced: {@link Rows} (a row set, sent as RowDescription, DataRows and CommandComplete) or a
 * {@link Command} (CommandComplete alone). Values are plain Java objects; encoding them to PostgreSQL's text or
 * binary format is the server's job.
 *
 * <pre>{@code
 * return QueryResult.rows(List.of(Column.of("n", PgType.INT4)), List.of(new Object[] {1}, new Object[] {2}));
 * return QueryResult.command("INSERT", 3);      // tag "INSERT 0 3"
 * return QueryResult.command("CREATE TABLE");   // tag "CREATE TABLE"
 * }</pre>
 */
public sealed interface QueryResult permits QueryResult.Rows, QueryResult.Command, QueryResult.CopyIn,
        QueryResult.CopyOut {

    /** Tags after which PostgreSQL prints the row count (INSERT's is preceded by the legacy OID 0). */
    Set<String> TAGS_WITH_ROW_COUNT = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "FETCH", "MOVE", "COPY");

    /** A row set. {@code tag} is the command tag without the count ("SELECT", or "INSERT" for INSERT ... RETURNING). */
    record Rows(List<Column> columns, RowStream rows, String tag) implements QueryResult {
        public Rows {
            columns = List.copyOf(columns);
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(tag, "tag");
        }

        /** The same rows reported under another command tag (e.g. "INSERT" for INSERT ... RETURNING, or "SHOW"). */
        public Rows withTag(String newTag) {
            return new Rows(columns, rows, newTag);
        }

        /** The CommandComplete text once {@code count} rows were sent. */
        public String completedTag(long count) {
            return formatTag(tag, count);
        }
    }

    /** A statement that returns no rows; {@code tag} is the complete command tag, e.g. "UPDATE 2" or "CREATE TABLE". */
    record Command(String tag) implements QueryResult {
        public Command {
            Objects.requireNonNull(tag, "tag");
        }
    }

    /**
     * {@code COPY ... FROM STDIN}: the client's data, parsed by the server in {@code options}' format, arrives as
     * typed rows in {@code sink} (one column per entry of {@code columns}). Rows are read from the socket only as fast
     * as the sink takes them.
     */
    record CopyIn(List<Column> columns, io.pgserve.server.copy.CopyOptions options, CopyInSink sink)
            implements QueryResult {
        public CopyIn {
            columns = List.copyOf(columns);
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(sink, "sink");
        }
    }

    /**
     * {@code COPY ... TO STDOUT}: {@code rows} sent to the client in {@code options}' format, streamed under the same
     * backpressure as query results.
     */
    record CopyOut(List<Column> columns, io.pgserve.server.copy.CopyOptions options, RowStream rows)
            implements QueryResult {
        public CopyOut {
            columns = List.copyOf(columns);
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(rows, "rows");
        }
    }

    /** See {@link CopyIn}. */
    static CopyIn copyIn(List<Column> columns, io.pgserve.server.copy.CopyOptions options, CopyInSink sink) {
        return new CopyIn(columns, options, sink);
    }

    /** See {@link CopyOut}. */
    static CopyOut copyOut(List<Column> columns, io.pgserve.server.copy.CopyOptions options, RowStream rows) {
        return new CopyOut(columns, options, rows);
    }

    static Rows rows(List<Column> columns, RowStream rows) {
        return new Rows(columns, rows, "SELECT");
    }

    static Rows rows(List<Column> columns, List<Object[]> rows) {
        return new Rows(columns, RowStream.of(rows), "SELECT");
    }

    /** A command result with exactly this tag, e.g. {@code command("CREATE TABLE")}. */
    static Command command(String tag) {
        return new Command(tag);
    }

    /** A command result with a row count, formatted as PostgreSQL does: {@code INSERT 0 n}, {@code UPDATE n}... */
    static Command command(String tag, long rowCount) {
        return new Command(formatTag(tag, rowCount));
    }

    /** PostgreSQL's command tag display: the count after tags that carry one, and INSERT's legacy OID 0. */
    static String formatTag(String tag, long count) {
        if (!TAGS_WITH_ROW_COUNT.contains(tag)) {
            return tag;
        }
        return "INSERT".equals(tag) ? "INSERT 0 " + count : tag + " " + count;
    }
}
