package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code LIKE table [INCLUDING | EXCLUDING what]...}; {@code options} are like {@code "including defaults"}.
 */
public record TableLike(List<Identifier> table, List<String> options, NodeLocation location) implements TableElement {
    public TableLike {
        table = List.copyOf(table);
        options = List.copyOf(options);
    }
}
