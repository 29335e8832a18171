package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code ON CONFLICT [(index expressions) [WHERE ...] | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ... [WHERE ...]}.
 *
 * @param target      the conflict target's index expressions (empty if none)
 * @param targetWhere the target's WHERE (partial index predicate), or null
 * @param constraint  ON CONSTRAINT name, or null
 * @param doUpdate    whether DO UPDATE (else DO NOTHING)
 * @param set         DO UPDATE's assignments (empty for DO NOTHING)
 * @param where       DO UPDATE's WHERE, or null
 */
public record OnConflict(List<Expression> target, Expression targetWhere, Identifier constraint, boolean doUpdate,
        List<SetClause> set, Expression where, NodeLocation location) implements Node {
    public OnConflict {
        target = List.copyOf(target);
        set = List.copyOf(set);
    }
}
