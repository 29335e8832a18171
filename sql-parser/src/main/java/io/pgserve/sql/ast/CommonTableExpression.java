package io.pgserve.sql.ast;

import java.util.List;

/** {@code name [(columns)] AS [[NOT] MATERIALIZED] (statement)}. */
public record CommonTableExpression(Identifier name, List<Identifier> columns, Materialized materialized,
        Statement statement, NodeLocation location) implements Node {
    public enum Materialized { DEFAULT, MATERIALIZED, NOT_MATERIALIZED }

    public CommonTableExpression {
        columns = List.copyOf(columns);
    }
}
