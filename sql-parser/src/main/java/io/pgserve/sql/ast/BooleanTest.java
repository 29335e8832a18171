package io.pgserve.sql.ast;

/** {@code x IS [NOT] TRUE|FALSE|UNKNOWN}. */
public record BooleanTest(Expression operand, Value value, boolean negated, NodeLocation location)
        implements Expression {
    public enum Value { TRUE, FALSE, UNKNOWN }
}
