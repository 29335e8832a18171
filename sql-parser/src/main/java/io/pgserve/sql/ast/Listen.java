package io.pgserve.sql.ast;

/**
 * {@code LISTEN channel}.
 */
public record Listen(Identifier channel, NodeLocation location) implements Statement {
}
