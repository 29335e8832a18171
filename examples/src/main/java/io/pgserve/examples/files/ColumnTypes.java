package io.pgserve.examples.files;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A data file's sidecar of column types: {@code orders.csv.types} next to {@code orders.csv} (or
 * {@code events.jsonl.types} next to {@code events.jsonl}), one {@code column = type} per line, {@code #} comments and
 * blank lines ignored. The declared columns get that type instead of the inferred one; the others are inferred.
 *
 * <pre>
 * # sales/orders.csv.types
 * zip       = text        # would be inferred as integer, losing leading zeros
 * amount    = double precision
 * placed_at = timestamp
 * </pre>
 *
 * Types are PostgreSQL's names of the kinds the example infers (integer/int/int4, bigint/int8, numeric/decimal,
 * double precision/float8/float, boolean/bool, date, timestamp [without time zone], text, jsonb). A line that is not
 * {@code column = type}, an unknown type or a column declared twice is an error naming the sidecar file and line.
 */
final class ColumnTypes {
    /** The suffix after the data file's name. */
    static final String SUFFIX = ".types";

    /** A declared column: its kind and the sidecar line that declares it. */
    record Declared(ColumnKind kind, int line) {
    }

    private static final Map<String, ColumnKind> NAMES = Map.ofEntries(
            Map.entry("integer", ColumnKind.INTEGER), Map.entry("int", ColumnKind.INTEGER),
            Map.entry("int4", ColumnKind.INTEGER),
            Map.entry("bigint", ColumnKind.BIGINT), Map.entry("int8", ColumnKind.BIGINT),
            Map.entry("numeric", ColumnKind.NUMERIC), Map.entry("decimal", ColumnKind.NUMERIC),
            Map.entry("double precision", ColumnKind.DOUBLE), Map.entry("float8", ColumnKind.DOUBLE),
            Map.entry("float", ColumnKind.DOUBLE),
            Map.entry("boolean", ColumnKind.BOOLEAN), Map.entry("bool", ColumnKind.BOOLEAN),
            Map.entry("date", ColumnKind.DATE),
            Map.entry("timestamp", ColumnKind.TIMESTAMP),
            Map.entry("timestamp without time zone", ColumnKind.TIMESTAMP),
            Map.entry("text", ColumnKind.TEXT),
            Map.entry("jsonb", ColumnKind.JSONB));

    /** The declared columns in the sidecar's order. */
    final Map<String, Declared> columns;
    /** The sidecar's name in error messages (its path under the served folder). */
    final String label;

    private ColumnTypes(Map<String, Declared> columns, String label) {
        this.columns = columns;
        this.label = label;
    }

    /** No sidecar: every column is inferred. */
    static final ColumnTypes NONE = new ColumnTypes(Map.of(), null);

    /** Reads the sidecar {@code file}; {@code label} names it in errors. */
    static ColumnTypes read(Path file, String label) {
        Map<String, Declared> columns = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int line = 0;
            for (String text; (text = in.readLine()) != null; ) {
                line++;
                int hash = text.indexOf('#');
                String content = (hash >= 0 ? text.substring(0, hash) : text).strip();
                if (line == 1 && content.startsWith("\uFEFF")) {
                    content = content.substring(1).strip();
                }
                if (content.isEmpty()) {
                    continue;
                }
                int eq = content.lastIndexOf('=');
                String column = eq < 0 ? "" : content.substring(0, eq).strip();
                String type = eq < 0 ? "" : content.substring(eq + 1).strip().replaceAll("\\s+", " ");
                if (column.isEmpty() || type.isEmpty()) {
                    throw PgException.builder(SqlState.SYNTAX_ERROR, "syntax error in file \"" + label + "\" line "
                            + line + ", near \"" + content + "\"").hint("Write one \"column = type\" per line.")
                            .build();
                }
                ColumnKind kind = NAMES.get(type.toLowerCase(Locale.ROOT));
                if (kind == null) {
                    throw PgException.builder(SqlState.UNDEFINED_OBJECT, "type \"" + type + "\" does not exist (file \""
                            + label + "\", line " + line + ")")
                            .hint("The types a file's column can have: integer, bigint, numeric, double precision, "
                                    + "boolean, date, timestamp, text, jsonb.").build();
                }
                if (columns.putIfAbsent(column, new Declared(kind, line)) != null) {
                    throw PgException.builder("42701", "column \"" + column + "\" specified more than once (file \""
                            + label + "\", line " + line + ")").build();
                }
            }
        } catch (IOException e) {
            throw FileTable.ioError(label, e);
        }
        return new ColumnTypes(columns, label);
    }

    /** The error for a declared column the data file does not have. */
    PgException unknownColumn(String column, String dataLabel) {
        return new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of file \"" + dataLabel
                + "\" does not exist (file \"" + label + "\", line " + columns.get(column).line() + ")");
    }
}
