package io.pgserve.sql.ast;

/**
 * {@code left op ANY|SOME|ALL (right)}: {@code right} is a {@link SubqueryExpr} for the sub-SELECT form, any
 * other expression (an array) otherwise. SOME is ANY; {@code LIKE ANY} is {@code ~~ ANY} as in PostgreSQL.
 */
public record QuantifiedComparison(Expression left, OperatorName operator, Quantifier quantifier, Expression right,
        NodeLocation location) implements Expression {
    public enum Quantifier { ANY, ALL }
}
