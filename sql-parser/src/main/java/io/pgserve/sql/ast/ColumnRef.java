package io.pgserve.sql.ast;

import java.util.List;

/** {@code name}, {@code table.column}, {@code schema.table.column}, {@code table.*} or {@code *} (no names). */
public record ColumnRef(List<Identifier> names, boolean star, NodeLocation location) implements Expression {
    public ColumnRef {
        names = List.copyOf(names);
    }
}
