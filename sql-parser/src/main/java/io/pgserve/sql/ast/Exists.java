package io.pgserve.sql.ast;

/** {@code EXISTS (SELECT ...)}. */
public record Exists(Query query, NodeLocation location) implements Expression {
}
