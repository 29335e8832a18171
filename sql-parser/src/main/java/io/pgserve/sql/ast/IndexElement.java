package io.pgserve.sql.ast;

import java.util.List;

/**
 * An element of CREATE INDEX: a column ({@link ColumnRef}) or an expression, possibly in a {@link CollateExpr},
 * with an operator class, a direction and the place of nulls.
 */
public record IndexElement(Expression expression, List<Identifier> opclass, SortItem.Direction direction, SortItem.Nulls nulls, NodeLocation location) implements Node {
    public IndexElement {
        opclass = List.copyOf(opclass);
    }
}
