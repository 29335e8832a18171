package io.pgserve.server;

import io.pgserve.server.types.PgType;

import java.util.Objects;

/**
 * A result column: its name and type, and, for a plain table column, the table's OID and the column's attribute
 * number (clients such as pgjdbc's ResultSetMetaData look them up; leave them 0 for computed columns).
 *
 * <pre>{@code
 * List<Column> columns = List.of(Column.of("id", PgType.INT4), Column.of("name", PgType.TEXT));
 * }</pre>
 */
public record Column(String name, PgType type, int typeModifier, int tableOid, short columnNumber) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A computed column of the given type (no type modifier, no table). */
    public static Column of(String name, PgType type) {
        return new Column(name, type, -1, 0, (short) 0);
    }
}
