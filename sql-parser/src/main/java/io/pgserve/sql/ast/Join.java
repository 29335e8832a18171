package io.pgserve.sql.ast;

import java.util.List;

/**
 * A join. {@code on} is set for {@code ON}, {@code using} (non-empty) for {@code USING}, neither for CROSS and
 * NATURAL joins. {@code alias} is set when the join is written in parentheses with an alias.
 */
public record Join(Type type, boolean natural, TableRef left, TableRef right, Expression on, List<Identifier> using,
        Identifier usingAlias, Alias alias, NodeLocation location) implements TableRef {
    public enum Type { INNER, LEFT, RIGHT, FULL, CROSS }

    public Join {
        using = List.copyOf(using);
    }
}
