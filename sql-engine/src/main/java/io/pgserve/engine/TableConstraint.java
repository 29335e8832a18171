package io.pgserve.engine;

import io.pgserve.sql.ast.Expression;

import java.util.List;
import java.util.Objects;

/**
 * A constraint of a {@link Table}, as the catalog stores it (pg_constraint): the engine enforces CHECK and FOREIGN
 * KEY constraints of any table that declares them; a table enforces its own PRIMARY KEY and UNIQUE constraints.
 *
 * <pre>{@code
 * TableConstraint.check("t_x_check", List.of("x"), expr, "(x > 0)");
 * TableConstraint.foreignKey("a_b_fkey", List.of("b"), "public", "b", List.of("id"), Action.CASCADE, Action.NO_ACTION);
 * }</pre>
 *
 * @param name              the constraint's name (PostgreSQL's defaults: t_pkey, t_x_key, t_x_check, t_x_fkey)
 * @param kind              what it is
 * @param columns           the constrained columns, in key order (for a CHECK: the columns it mentions, may be empty)
 * @param check             a CHECK's condition (parsed SQL), else null
 * @param checkText         a CHECK's condition as SQL text (for pg_get_constraintdef), else null
 * @param referencedSchema  a FOREIGN KEY's referenced table's schema, else null
 * @param referencedTable   a FOREIGN KEY's referenced table, else null
 * @param referencedColumns a FOREIGN KEY's referenced columns (same count as columns), else empty
 * @param onDelete          a FOREIGN KEY's ON DELETE action (NO_ACTION otherwise)
 * @param onUpdate          a FOREIGN KEY's ON UPDATE action (NO_ACTION otherwise)
 */
public record TableConstraint(String name, Kind kind, List<String> columns, Expression check, String checkText,
                              String referencedSchema, String referencedTable, List<String> referencedColumns,
                              Action onDelete, Action onUpdate) {
    /** The kinds of constraints (pg_constraint.contype p, u, c, f). */
    public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY }

    /** A foreign key's referential action. */
    public enum Action { NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT }

    public TableConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
        referencedColumns = referencedColumns == null ? List.of() : List.copyOf(referencedColumns);
        onDelete = onDelete == null ? Action.NO_ACTION : onDelete;
        onUpdate = onUpdate == null ? Action.NO_ACTION : onUpdate;
    }

    /** A PRIMARY KEY or UNIQUE constraint. */
    public static TableConstraint key(String name, boolean primary, List<String> columns) {
        return new TableConstraint(name, primary ? Kind.PRIMARY_KEY : Kind.UNIQUE, columns, null, null, null, null,
                List.of(), null, null);
    }

    /** A CHECK constraint. */
    public static TableConstraint check(String name, List<String> columns, Expression check, String checkText) {
        return new TableConstraint(name, Kind.CHECK, columns, Objects.requireNonNull(check, "check"), checkText, null,
                null, List.of(), null, null);
    }

    /** A FOREIGN KEY constraint. */
    public static TableConstraint foreignKey(String name, List<String> columns, String referencedSchema,
                                             String referencedTable, List<String> referencedColumns, Action onDelete,
                                             Action onUpdate) {
        return new TableConstraint(name, Kind.FOREIGN_KEY, columns, null, null, referencedSchema, referencedTable,
                referencedColumns, onDelete, onUpdate);
    }

    /** Whether the constraint is a unique one (PRIMARY KEY or UNIQUE). */
    public boolean isKey() {
        return kind == Kind.PRIMARY_KEY || kind == Kind.UNIQUE;
    }
}
