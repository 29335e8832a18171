package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] name action, ...}. The RENAME actions and SET SCHEMA come alone.
 */
public record AlterTable(boolean ifExists, TableName table, List<AlterTableAction> actions, NodeLocation location) implements Statement {
    public AlterTable {
        actions = List.copyOf(actions);
    }
}
