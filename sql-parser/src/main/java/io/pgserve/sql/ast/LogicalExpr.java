package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code a AND b AND ...} or {@code a OR b OR ...}: like PostgreSQL, a chain is one node (a left operand that is
 * the same operation is flattened into it).
 */
public record LogicalExpr(Operator operator, List<Expression> operands, NodeLocation location) implements Expression {
    public enum Operator { AND, OR }

    public LogicalExpr {
        operands = List.copyOf(operands);
    }
}
