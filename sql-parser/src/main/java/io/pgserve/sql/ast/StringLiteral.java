package io.pgserve.sql.ast;

/** A string constant's value (escapes decoded): {@code 'x'}, {@code E'x'}, {@code $$x$$}, {@code U&'x'}. */
public record StringLiteral(String value, NodeLocation location) implements Expression {
}
