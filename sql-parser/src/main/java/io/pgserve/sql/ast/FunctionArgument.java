package io.pgserve.sql.ast;

/** A function argument, named ({@code name => value}, {@code name := value}) or not ({@code name} null). */
public record FunctionArgument(Identifier name, Expression value, NodeLocation location) implements Node {
}
