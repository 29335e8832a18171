package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code target = value}, or {@code (target, ...) = value} ({@code multiple} set; the value is a row or a
 * sub-SELECT).
 */
public record SetClause(List<SetTarget> targets, Expression value, boolean multiple, NodeLocation location)
        implements Node {
    public SetClause {
        targets = List.copyOf(targets);
    }
}
