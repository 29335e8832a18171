package io.pgserve.sql.ast;

/**
 * {@code DISCARD ALL | PLANS | SEQUENCES | TEMP}.
 */
public record Discard(Target target, NodeLocation location) implements Statement {
    public enum Target { ALL, PLANS, SEQUENCES, TEMP }
}
