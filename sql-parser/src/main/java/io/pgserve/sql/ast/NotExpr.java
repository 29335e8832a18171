package io.pgserve.sql.ast;

/** {@code NOT operand}. */
public record NotExpr(Expression operand, NodeLocation location) implements Expression {
}
