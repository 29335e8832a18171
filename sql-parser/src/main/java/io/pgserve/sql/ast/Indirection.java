package io.pgserve.sql.ast;

import java.util.List;

/**
 * Subscripts and field selection applied to an expression: {@code arr[1]}, {@code (row).field}, {@code $1[2:3]},
 * {@code (f(x)).*}. As in PostgreSQL, the dotted names before the first subscript of a column reference belong to
 * the {@link ColumnRef} ({@code t.col[1].f} is ColumnRef t.col with steps [1], .f).
 */
public record Indirection(Expression base, List<IndirectionStep> steps, NodeLocation location) implements Expression {
    public Indirection {
        steps = List.copyOf(steps);
    }
}
