package io.pgserve.sql.ast;

/** {@code operand::type}, {@code CAST(operand AS type)}, or a typed literal {@code type 'string'}. */
public record TypeCast(Expression operand, TypeName type, NodeLocation location) implements Expression {
}
