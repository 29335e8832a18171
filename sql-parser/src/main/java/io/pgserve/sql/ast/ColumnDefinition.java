package io.pgserve.sql.ast;

import java.util.List;

/**
 * A column of CREATE TABLE or ALTER TABLE ADD COLUMN: {@code name type [COLLATE c] [constraints]}.
 */
public record ColumnDefinition(Identifier name, TypeName type, List<Identifier> collation, List<Constraint> constraints, NodeLocation location) implements TableElement {
    public ColumnDefinition {
        collation = List.copyOf(collation);
        constraints = List.copyOf(constraints);
    }
}
