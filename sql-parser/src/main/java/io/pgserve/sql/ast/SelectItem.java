package io.pgserve.sql.ast;

/**
 * An item of a select list or RETURNING list: an expression with an optional alias. {@code *} is a
 * {@link ColumnRef} with no names and {@code star} set.
 */
public record SelectItem(Expression expression, Identifier alias, NodeLocation location) implements Node {
}
