package io.pgserve.sql.ast;

/** {@code NULL}. */
public record NullLiteral(NodeLocation location) implements Expression {
}
