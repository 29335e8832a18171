package io.pgserve.engine;

import java.util.Objects;

/**
 * A conjunct of a WHERE clause the engine offers to a {@link Table}: {@code column op constant}. The constant is
 * already of the column's Java type (see the README's type table) and never null; {@link Op#IS_NULL} and
 * {@link Op#IS_NOT_NULL} have no constant. SQL semantics: a NULL column value never satisfies a comparison.
 */
public record ColumnFilter(int column, Op op, Object value) {
    public ColumnFilter {
        Objects.requireNonNull(op, "op");
    }

    /**
     * Whether a column's value satisfies this filter, with SQL's semantics (a NULL satisfies only IS NULL) and the
     * ordering of PostgreSQL's btree operators ({@code -0 = 0}, NaN after every other number): for tables that read
     * rows and filter them themselves, e.g. {@code if (filters.stream().allMatch(f -> f.test(row[f.column()])))}.
     */
    public boolean test(Object columnValue) {
        return switch (op) {
            case IS_NULL -> columnValue == null;
            case IS_NOT_NULL -> columnValue != null;
            default -> columnValue != null && op.test(io.pgserve.engine.internal.Values.compare(columnValue, value));
        };
    }

    public enum Op {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="), IS_NULL("IS NULL"), IS_NOT_NULL("IS NOT NULL");

        private final String sql;

        Op(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }

        /** Whether {@code cmp} (the result of comparing the column's value with the constant) satisfies this op. */
        public boolean test(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
                default -> throw new IllegalStateException(name());
            };
        }
    }

    @Override
    public String toString() {
        return "$" + column + " " + op.sql() + (value == null ? "" : " " + value);
    }
}
