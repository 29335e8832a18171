package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code SET TRANSACTION modes} or {@code SET SESSION CHARACTERISTICS AS TRANSACTION modes}.
 */
public record SetTransaction(boolean sessionCharacteristics, List<TransactionMode> modes, NodeLocation location) implements Statement {
    public SetTransaction {
        modes = List.copyOf(modes);
    }
}
