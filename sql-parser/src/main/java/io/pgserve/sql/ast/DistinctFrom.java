package io.pgserve.sql.ast;

/** {@code left IS [NOT] DISTINCT FROM right}. */
public record DistinctFrom(Expression left, Expression right, boolean negated, NodeLocation location)
        implements Expression {
}
