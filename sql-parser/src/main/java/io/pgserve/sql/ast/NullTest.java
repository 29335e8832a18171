package io.pgserve.sql.ast;

/** {@code x IS [NOT] NULL}, {@code x ISNULL}, {@code x NOTNULL}. */
public record NullTest(Expression operand, boolean negated, NodeLocation location) implements Expression {
}
