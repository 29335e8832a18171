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
public sealed interface QueryResult permits QueryResult.Rows, QueryResult.Command {

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
