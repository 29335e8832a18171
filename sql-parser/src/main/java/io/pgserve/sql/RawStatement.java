package io.pgserve.sql;

import java.util.Objects;

/**
 * One statement of a (possibly multi-statement) SQL string, as split by {@link SqlSplitter}.
 *
 * @param sql        the statement text, from its first token to its last, without the terminating semicolon
 * @param offset     0-based index in the original string of the first character of {@code sql}; add it to a
 *                   position within {@code sql} to report an error position relative to the whole query string
 * @param kind       what kind of statement it is, read from its leading keywords
 * @param commandTag the command tag PostgreSQL reports for it, without row counts (e.g. {@code "SELECT"},
 *                   {@code "INSERT"}, {@code "CREATE TABLE"}, {@code "BEGIN"})
 */
public record RawStatement(String sql, int offset, StatementKind kind, String commandTag) {
    public RawStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(commandTag, "commandTag");
    }
}
