package io.pgserve.sql.ast;

/**
 * {@code NOTIFY channel [, 'payload']}; {@code payload} may be null.
 */
public record Notify(Identifier channel, String payload, NodeLocation location) implements Statement {
}
