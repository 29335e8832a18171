package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code ALTER SEQUENCE [IF EXISTS] name options}.
 */
public record AlterSequence(boolean ifExists, List<Identifier> name, List<SequenceOption> options, NodeLocation location) implements Statement {
    public AlterSequence {
        name = List.copyOf(name);
        options = List.copyOf(options);
    }
}
