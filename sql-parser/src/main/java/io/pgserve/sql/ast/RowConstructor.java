package io.pgserve.sql.ast;

import java.util.List;

/** {@code ROW(a, b)} ({@code explicit}) or {@code (a, b)}. */
public record RowConstructor(List<Expression> fields, boolean explicit, NodeLocation location) implements Expression {
    public RowConstructor {
        fields = List.copyOf(fields);
    }
}
