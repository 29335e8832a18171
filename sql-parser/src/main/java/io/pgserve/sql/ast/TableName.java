package io.pgserve.sql.ast;

import java.util.List;

/** A table (or view, ...) by name: {@code [ONLY] schema.table [*] [AS alias (columns)]}. */
public record TableName(List<Identifier> name, boolean only, Alias alias, NodeLocation location) implements TableRef {
    public TableName {
        name = List.copyOf(name);
    }
}
