package io.pgserve.sql.ast;

/** {@code WHEN condition THEN result} of a CASE. */
public record WhenClause(Expression condition, Expression result, NodeLocation location) implements Node {
}
