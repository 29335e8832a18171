package io.pgserve.sql.ast;

/** {@code x [NOT] LIKE|ILIKE|SIMILAR TO pattern [ESCAPE escape]}; {@code escape} may be null. */
public record Like(Expression operand, Kind kind, Expression pattern, Expression escape, boolean negated,
        NodeLocation location) implements Expression {
    public enum Kind { LIKE, ILIKE, SIMILAR_TO }
}
