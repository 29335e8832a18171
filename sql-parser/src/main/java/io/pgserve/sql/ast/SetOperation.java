package io.pgserve.sql.ast;

/** {@code left UNION|INTERSECT|EXCEPT [ALL] right}. */
public record SetOperation(Operator operator, boolean all, QueryExpression left, QueryExpression right,
        NodeLocation location) implements QueryExpression {
    public enum Operator { UNION, INTERSECT, EXCEPT }
}
