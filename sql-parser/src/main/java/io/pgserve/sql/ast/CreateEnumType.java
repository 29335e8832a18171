package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code CREATE TYPE name AS ENUM ('label', ...)}.
 */
public record CreateEnumType(List<Identifier> name, List<String> labels, NodeLocation location) implements Statement {
    public CreateEnumType {
        name = List.copyOf(name);
        labels = List.copyOf(labels);
    }
}
