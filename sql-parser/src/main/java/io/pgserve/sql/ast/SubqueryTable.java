package io.pgserve.sql.ast;

/** {@code [LATERAL] (query) [AS alias]}. */
public record SubqueryTable(Query query, boolean lateral, Alias alias, NodeLocation location) implements TableRef {
}
