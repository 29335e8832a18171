package io.pgserve.sql.ast;

/**
 * A number as written ({@code 42}, {@code 1.5e3}, {@code 0x1F}, {@code 1_000}); a minus sign written before a
 * number is folded into it ({@code -2}), as PostgreSQL does.
 */
public record NumericLiteral(String value, NodeLocation location) implements Expression {
    /** Whether the number has no fraction or exponent. */
    public boolean isInteger() {
        String v = value.startsWith("-") ? value.substring(1) : value;
        if (v.startsWith("0x") || v.startsWith("0X") || v.startsWith("0o") || v.startsWith("0O")
                || v.startsWith("0b") || v.startsWith("0B")) {
            return true;
        }
        return v.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '_');
    }
}
