package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code COMMENT ON type name IS 'text' | NULL}; {@code text} is null for IS NULL.
 */
public record Comment(ObjectType type, List<Identifier> name, String text, NodeLocation location) implements Statement {
    public Comment {
        name = List.copyOf(name);
    }
}
