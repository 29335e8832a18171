package io.pgserve.sql.ast;

import java.util.List;

/**
 * A table of VACUUM or ANALYZE, with optional columns.
 */
public record VacuumTarget(List<Identifier> table, List<Identifier> columns, NodeLocation location) implements Node {
    public VacuumTarget {
        table = List.copyOf(table);
        columns = List.copyOf(columns);
    }
}
