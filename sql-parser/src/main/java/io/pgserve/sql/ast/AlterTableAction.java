package io.pgserve.sql.ast;

import java.util.List;

/**
 * One action of ALTER TABLE.
 *
 * @param kind       what it does
 * @param name       the column (or constraint) the action is on; null for ADD, OWNER TO, RENAME TO, SET SCHEMA
 * @param column     the column of ADD COLUMN
 * @param constraint the constraint of ADD CONSTRAINT
 * @param expression SET DEFAULT's value, ALTER TYPE's USING expression
 * @param type       ALTER TYPE's type
 * @param collation  ALTER TYPE's COLLATE (empty if none)
 * @param newName    the new name (RENAME), the owner (OWNER TO), the schema (SET SCHEMA)
 * @param ifExists   IF EXISTS of DROP, IF NOT EXISTS of ADD COLUMN
 * @param cascade    DROP ... CASCADE
 */
public record AlterTableAction(Kind kind, Identifier name, ColumnDefinition column, Constraint constraint, Expression expression, TypeName type, List<Identifier> collation, Identifier newName, boolean ifExists, boolean cascade, NodeLocation location) implements Node {
    public AlterTableAction {
        collation = List.copyOf(collation);
    }

    public enum Kind {
        ADD_COLUMN, ADD_CONSTRAINT, DROP_COLUMN, DROP_CONSTRAINT, SET_DEFAULT, DROP_DEFAULT, SET_NOT_NULL, DROP_NOT_NULL,
        ALTER_TYPE, OWNER_TO, RENAME_COLUMN, RENAME_CONSTRAINT, RENAME_TABLE, SET_SCHEMA
    }
}
