package io.pgserve.sql.ast;

import java.util.List;

/** {@code ARRAY[a, b]}; an inner {@code [c, d]} of a multi-dimensional constructor is an ArrayConstructor too. */
public record ArrayConstructor(List<Expression> elements, NodeLocation location) implements Expression {
    public ArrayConstructor {
        elements = List.copyOf(elements);
    }
}
