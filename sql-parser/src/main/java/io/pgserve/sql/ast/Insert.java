package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code INSERT INTO table [AS alias] [(columns)] [OVERRIDING ...] query | DEFAULT VALUES [ON CONFLICT ...]
 * [RETURNING ...]}. {@code source} is null for DEFAULT VALUES.
 */
public record Insert(WithClause with, List<Identifier> table, Identifier alias, List<SetTarget> columns,
        Overriding overriding, Query source, OnConflict onConflict, List<SelectItem> returning, NodeLocation location)
        implements Statement {
    public enum Overriding { NONE, USER_VALUE, SYSTEM_VALUE }

    public Insert {
        table = List.copyOf(table);
        columns = List.copyOf(columns);
        returning = List.copyOf(returning);
    }
}
