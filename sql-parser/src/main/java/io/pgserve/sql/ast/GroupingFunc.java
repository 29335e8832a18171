package io.pgserve.sql.ast;

import java.util.List;

/** {@code GROUPING(a, b, ...)}. */
public record GroupingFunc(List<Expression> arguments, NodeLocation location) implements Expression {
    public GroupingFunc {
        arguments = List.copyOf(arguments);
    }
}
