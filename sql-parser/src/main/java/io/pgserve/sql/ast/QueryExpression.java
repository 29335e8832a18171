package io.pgserve.sql.ast;

/**
 * What a query computes rows with: a SELECT, a VALUES list, a set operation, or a {@link Query} with its own
 * ORDER BY/LIMIT/locking/WITH (written in parentheses).
 */
public sealed interface QueryExpression extends Node permits Query, Select, Values, SetOperation {
}
