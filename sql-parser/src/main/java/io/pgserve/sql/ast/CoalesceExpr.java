package io.pgserve.sql.ast;

import java.util.List;

/** {@code COALESCE(a, b, ...)}. */
public record CoalesceExpr(List<Expression> arguments, NodeLocation location) implements Expression {
    public CoalesceExpr {
        arguments = List.copyOf(arguments);
    }
}
