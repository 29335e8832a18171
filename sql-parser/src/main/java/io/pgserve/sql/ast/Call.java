package io.pgserve.sql.ast;

/**
 * {@code CALL procedure(arguments)}.
 */
public record Call(FunctionCall call, NodeLocation location) implements Statement {
}
