package io.pgserve.sql.ast;

/**
 * {@code CLOSE name | ALL}; {@code cursor} is null for ALL.
 */
public record Close(Identifier cursor, NodeLocation location) implements Statement {
}
