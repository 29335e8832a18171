package io.pgserve.sql.ast;

/**
 * {@code UNLISTEN channel | *}; {@code channel} is null for *.
 */
public record Unlisten(Identifier channel, NodeLocation location) implements Statement {
}
