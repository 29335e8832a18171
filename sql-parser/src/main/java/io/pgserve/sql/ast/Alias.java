package io.pgserve.sql.ast;

import java.util.List;

/** {@code AS name [(column, ...)]} of a FROM item. */
public record Alias(Identifier name, List<Identifier> columns, NodeLocation location) implements Node {
    public Alias {
        columns = List.copyOf(columns);
    }
}
