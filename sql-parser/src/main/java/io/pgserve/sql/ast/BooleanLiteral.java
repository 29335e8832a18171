package io.pgserve.sql.ast;

/** {@code TRUE} or {@code FALSE}. */
public record BooleanLiteral(boolean value, NodeLocation location) implements Expression {
}
