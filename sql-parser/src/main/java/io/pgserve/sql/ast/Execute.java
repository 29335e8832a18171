package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code EXECUTE name [(arguments)]}.
 */
public record Execute(Identifier name, List<Expression> arguments, NodeLocation location) implements Statement {
    public Execute {
        arguments = List.copyOf(arguments);
    }
}
