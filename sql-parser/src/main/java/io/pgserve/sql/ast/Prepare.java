package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code PREPARE name [(types)] AS statement}.
 */
public record Prepare(Identifier name, List<TypeName> types, Statement statement, NodeLocation location) implements Statement {
    public Prepare {
        types = List.copyOf(types);
    }
}
