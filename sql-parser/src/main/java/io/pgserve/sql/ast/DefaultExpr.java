package io.pgserve.sql.ast;

/** {@code DEFAULT} as a value (in INSERT's VALUES and UPDATE's SET). */
public record DefaultExpr(NodeLocation location) implements Expression {
}
