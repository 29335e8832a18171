package io.pgserve.sql.ast;

/** {@code x [NOT] IN (SELECT ...)}. */
public record InSubquery(Expression operand, Query query, boolean negated, NodeLocation location)
        implements Expression {
}
