package io.pgserve.sql.ast;

/** {@code ARRAY(SELECT ...)}. */
public record ArraySubquery(Query query, NodeLocation location) implements Expression {
}
