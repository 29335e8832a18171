package io.pgserve.sql.ast;

import java.util.List;

/** {@code WITH [RECURSIVE] name AS (...), ...}. */
public record WithClause(boolean recursive, List<CommonTableExpression> ctes, NodeLocation location) implements Node {
    public WithClause {
        ctes = List.copyOf(ctes);
    }
}
