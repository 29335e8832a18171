package io.pgserve.sql.ast;

/** {@code NULLIF(left, right)}. */
public record NullIfExpr(Expression left, Expression right, NodeLocation location) implements Expression {
}
