package io.pgserve.sql.ast;

/**
 * A {@code name [value]} option of COPY, EXPLAIN, VACUUM/ANALYZE or a {@code WITH (...)} storage option list.
 * As in gram.y, words are read as strings: {@code FORMAT csv} and {@code FORMAT 'csv'} are both the option
 * {@code format} with the value {@code 'csv'}. {@code value} is null (no value), a {@link StringLiteral}, a
 * {@link NumericLiteral}, a star {@link ColumnRef} ({@code FORCE_QUOTE *}) or a {@link RowConstructor} of string
 * literals ({@code FORCE_QUOTE (a, b)}). A qualified storage option ({@code toast.fillfactor}) has a dotted name.
 */
public record Option(String name, Expression value, NodeLocation location) implements Node {
}
