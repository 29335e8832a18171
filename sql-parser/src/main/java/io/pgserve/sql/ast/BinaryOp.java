package io.pgserve.sql.ast;

/** {@code left op right} for any operator (arithmetic, comparison, {@code ||}, {@code ~}, {@code OPERATOR(...)}). */
public record BinaryOp(Expression left, OperatorName operator, Expression right, NodeLocation location)
        implements Expression {
}
