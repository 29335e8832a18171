package io.pgserve.sql.ast;

import java.util.List;

/** {@code operand COLLATE collation}. */
public record CollateExpr(Expression operand, List<Identifier> collation, NodeLocation location)
        implements Expression {
    public CollateExpr {
        collation = List.copyOf(collation);
    }
}
