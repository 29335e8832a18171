package io.pgserve.sql.ast;

/** {@code [LATERAL] function(...) [WITH ORDINALITY] [AS alias]}. */
public record FunctionTable(Expression function, boolean lateral, boolean withOrdinality, Alias alias,
        NodeLocation location) implements TableRef {
}
