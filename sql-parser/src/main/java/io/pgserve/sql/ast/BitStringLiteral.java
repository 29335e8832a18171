package io.pgserve.sql.ast;

/** {@code B'0101'} (value {@code "b0101"}) or {@code X'1F'} (value {@code "x1F"}), as PostgreSQL stores them. */
public record BitStringLiteral(String value, NodeLocation location) implements Expression {
}
