package io.pgserve.sql.ast;

import java.util.List;

/**
 * A window: in a WINDOW clause, {@code name AS (refName PARTITION BY ... ORDER BY ... frame)}; after OVER, either
 * {@code OVER name} (only {@code name} set) or {@code OVER (...)} ({@code name} null).
 */
public record WindowDefinition(Identifier name, Identifier refName, List<Expression> partitionBy,
        List<SortItem> orderBy, WindowFrame frame, NodeLocation location) implements Node {
    public WindowDefinition {
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
    }
}
