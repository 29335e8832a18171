package io.pgserve.server;

import io.pgserve.server.types.PgType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a statement takes and returns, known without running it: the answer to the extended protocol's Describe
 * of a prepared statement (ParameterDescription, then RowDescription or NoData).
 *
 * <pre>{@code
 * public Description describe(Query query) {
 *     return Description.rows(List.of(PgType.INT4), List.of(Column.of("name", PgType.TEXT)));
 * }
 * }</pre>
 *
 * @param parameterTypes the type of each parameter ($1 first); a {@code null} entry (or a list shorter than the
 *                       statement's parameters) leaves that parameter's type to the server's inference
 * @param columns        the result columns, or {@code null} when the statement returns no rows
 */
public record Description(List<PgType> parameterTypes, List<Column> columns) {
    public Description {
        parameterTypes = parameterTypes == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(parameterTypes));
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** A statement that returns rows. */
    public static Description rows(List<PgType> parameterTypes, List<Column> columns) {
        return new Description(parameterTypes, columns);
    }

    /** A statement that returns no rows (INSERT, CREATE TABLE...). */
    public static Description command(List<PgType> parameterTypes) {
        return new Description(parameterTypes, null);
    }

    public boolean returnsRows() {
        return columns != null;
    }
}
