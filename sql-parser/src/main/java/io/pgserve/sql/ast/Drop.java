package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code DROP type [CONCURRENTLY] [IF EXISTS] name, ... [CASCADE | RESTRICT]}.
 */
public record Drop(ObjectType type, boolean concurrently, boolean ifExists, List<List<Identifier>> names, boolean cascade, NodeLocation location) implements Statement {
    public Drop {
        names = List.copyOf(names);
    }
}
