package io.pgserve.sql.ast;

/** A prefix operator: {@code -x} (when x is not a number), {@code +x}, {@code ~x}, {@code @x}. */
public record UnaryOp(OperatorName operator, Expression operand, NodeLocation location) implements Expression {
}
