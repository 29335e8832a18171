package io.pgserve.sql.ast;

/** {@code x [NOT] BETWEEN [SYMMETRIC] lower AND upper}. */
public record Between(Expression operand, Expression lower, Expression upper, boolean negated, boolean symmetric,
        NodeLocation location) implements Expression {
}
