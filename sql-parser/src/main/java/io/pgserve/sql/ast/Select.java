package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code SELECT [DISTINCT [ON (...)]] targets FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ...}.
 *
 * @param distinct        whether DISTINCT
 * @param distinctOn      the DISTINCT ON expressions (empty if none)
 * @param targets         the select list (may be empty: {@code SELECT FROM t})
 * @param from            FROM items (empty if none)
 * @param where           WHERE condition, or null
 * @param groupByDistinct whether GROUP BY DISTINCT
 * @param groupBy         GROUP BY items (empty if none)
 * @param having          HAVING condition, or null
 * @param windows         WINDOW definitions (empty if none)
 */
public record Select(boolean distinct, List<Expression> distinctOn, List<SelectItem> targets, List<TableRef> from,
        Expression where, boolean groupByDistinct, List<GroupingElement> groupBy, Expression having,
        List<WindowDefinition> windows, NodeLocation location) implements QueryExpression {
    public Select {
        distinctOn = List.copyOf(distinctOn);
        targets = List.copyOf(targets);
        from = List.copyOf(from);
        groupBy = List.copyOf(groupBy);
        windows = List.copyOf(windows);
    }
}
