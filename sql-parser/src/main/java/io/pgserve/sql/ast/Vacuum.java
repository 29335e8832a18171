package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code VACUUM} or ({@code vacuum} false) {@code ANALYZE}, with options (the legacy keywords FULL, FREEZE,
 * VERBOSE, ANALYZE become options) and tables.
 */
public record Vacuum(boolean vacuum, List<Option> options, List<VacuumTarget> tables, NodeLocation location) implements Statement {
    public Vacuum {
        options = List.copyOf(options);
        tables = List.copyOf(tables);
    }
}
