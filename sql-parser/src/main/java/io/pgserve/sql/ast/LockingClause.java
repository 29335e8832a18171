package io.pgserve.sql.ast;

import java.util.List;

/** {@code FOR UPDATE|NO KEY UPDATE|SHARE|KEY SHARE [OF table, ...] [NOWAIT|SKIP LOCKED]}. */
public record LockingClause(Strength strength, List<List<Identifier>> tables, WaitPolicy waitPolicy,
        NodeLocation location) implements Node {
    public enum Strength { UPDATE, NO_KEY_UPDATE, SHARE, KEY_SHARE }

    public enum WaitPolicy { BLOCK, NOWAIT, SKIP_LOCKED }

    public LockingClause {
        tables = tables.stream().map(List::copyOf).toList();
    }
}
