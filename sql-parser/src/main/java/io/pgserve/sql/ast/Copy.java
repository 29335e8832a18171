package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code COPY table [(columns)] FROM | TO ...} or {@code COPY (query) TO ...}. The legacy option spellings become
 * the generic options as in gram.y ({@code CSV HEADER} is {@code (format 'csv', header)}, {@code BINARY} is
 * {@code (format 'binary')}, {@code DELIMITER AS ','} is {@code (delimiter ',')}).
 *
 * @param table   the table, or null for a query
 * @param query   the query (SELECT, VALUES, INSERT/UPDATE/DELETE ... RETURNING), or null for a table
 * @param from    COPY FROM (else TO)
 * @param program {@code PROGRAM 'command'}
 * @param file    the file name or command, or null for STDIN/STDOUT
 * @param where   COPY FROM's WHERE condition, or null
 */
public record Copy(TableName table, List<Identifier> columns, Statement query, boolean from, boolean program, String file, List<Option> options, Expression where, NodeLocation location) implements Statement {
    public Copy {
        columns = List.copyOf(columns);
        options = List.copyOf(options);
    }
}
