package io.pgserve.sql.ast;

/** {@code $n}. */
public record Parameter(int index, NodeLocation location) implements Expression {
}
