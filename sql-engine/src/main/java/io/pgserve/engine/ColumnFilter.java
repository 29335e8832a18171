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
