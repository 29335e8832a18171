package io.pgserve.sql.ast;

import java.util.List;

/** {@code ()}, {@code ROLLUP (...)}, {@code CUBE (...)} or {@code GROUPING SETS (...)} in GROUP BY. */
public record GroupingSet(Kind kind, List<GroupingElement> elements, NodeLocation location) implements GroupingElement {
    public enum Kind { EMPTY, ROLLUP, CUBE, SETS }

    public GroupingSet {
        elements = List.copyOf(elements);
    }
}
