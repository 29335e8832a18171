package io.pgserve.sql.ast;

import java.util.List;

/** {@code VALUES (...), (...)}. */
public record Values(List<List<Expression>> rows, NodeLocation location) implements QueryExpression {
    public Values {
        rows = rows.stream().map(List::copyOf).toList();
    }
}
