package io.pgserve.sql.ast;

import java.util.List;

/** {@code x [NOT] IN (a, b, ...)}. */
public record InList(Expression operand, List<Expression> values, boolean negated, NodeLocation location)
        implements Expression {
    public InList {
        values = List.copyOf(values);
    }
}
