package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code CREATE [TEMP | UNLOGGED] SEQUENCE [IF NOT EXISTS] name [options]}.
 */
public record CreateSequence(Persistence persistence, boolean ifNotExists, List<Identifier> name, List<SequenceOption> options, NodeLocation location) implements Statement {
    public CreateSequence {
        name = List.copyOf(name);
        options = List.copyOf(options);
    }
}
