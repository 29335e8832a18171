package io.pgserve.sql.ast;

/** A scalar sub-SELECT {@code (SELECT ...)}. */
public record SubqueryExpr(Query query, NodeLocation location) implements Expression {
}
