package io.pgserve.sql.ast;

/**
 * {@code SHOW name} (names as in {@link ResetVariable}).
 */
public record Show(String name, NodeLocation location) implements Statement {
}
