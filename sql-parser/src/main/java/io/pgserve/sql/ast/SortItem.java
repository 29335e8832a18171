package io.pgserve.sql.ast;

/** An ORDER BY item. {@code usingOperator} is set only for {@link Direction#USING}. */
public record SortItem(Expression expression, Direction direction, OperatorName usingOperator, Nulls nulls,
        NodeLocation location) implements Node {
    public enum Direction { DEFAULT, ASC, DESC, USING }

    public enum Nulls { DEFAULT, FIRST, LAST }
}
