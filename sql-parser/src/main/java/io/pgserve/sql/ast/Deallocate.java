package io.pgserve.sql.ast;

/**
 * {@code DEALLOCATE [PREPARE] name | ALL}; {@code name} is null for ALL.
 */
public record Deallocate(Identifier name, NodeLocation location) implements Statement {
}
