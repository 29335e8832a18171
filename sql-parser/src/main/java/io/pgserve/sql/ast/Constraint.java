package io.pgserve.sql.ast;

import java.util.List;

/**
 * A column or table constraint, or a column's DEFAULT or identity (as in gram.y, where these are all
 * constraints).
 *
 * @param name               {@code CONSTRAINT name}, or null
 * @param type               what the constraint is
 * @param expression         CHECK's condition, DEFAULT's value or a generated column's expression; else null
 * @param columns            the columns of a table constraint (PRIMARY KEY, UNIQUE, FOREIGN KEY); empty for a
 *                           column constraint
 * @param include            {@code INCLUDE (...)} of PRIMARY KEY and UNIQUE
 * @param options            {@code WITH (...)} of PRIMARY KEY and UNIQUE
 * @param nullsNotDistinct   {@code UNIQUE NULLS NOT DISTINCT}
 * @param referencedTable    the table of REFERENCES
 * @param referencedColumns  its columns (empty: its primary key)
 * @param match              {@code MATCH ...}
 * @param onDelete           {@code ON DELETE ...}
 * @param onUpdate           {@code ON UPDATE ...}
 * @param identityOptions    the sequence options of {@code GENERATED ... AS IDENTITY (...)}
 * @param noInherit          CHECK's {@code NO INHERIT}
 * @param deferrable         {@code DEFERRABLE}
 * @param initiallyDeferred  {@code INITIALLY DEFERRED}
 * @param notValid           {@code NOT VALID}
 * @param indexTablespace    {@code USING INDEX TABLESPACE ts}, or null
 */
public record Constraint(Identifier name, Type type, Expression expression, List<Identifier> columns, List<Identifier> include, List<Option> options, boolean nullsNotDistinct, List<Identifier> referencedTable, List<Identifier> referencedColumns, Match match, ReferentialAction onDelete, ReferentialAction onUpdate, List<SequenceOption> identityOptions, boolean noInherit, boolean deferrable, boolean initiallyDeferred, boolean notValid, Identifier indexTablespace, NodeLocation location) implements TableElement {
    public Constraint {
        columns = List.copyOf(columns);
        include = List.copyOf(include);
        options = List.copyOf(options);
        referencedTable = List.copyOf(referencedTable);
        referencedColumns = List.copyOf(referencedColumns);
        identityOptions = List.copyOf(identityOptions);
    }

    public enum Type {
        NOT_NULL, NULL, DEFAULT, CHECK, PRIMARY_KEY, UNIQUE, FOREIGN_KEY, IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT,
        /** {@code GENERATED ALWAYS AS (expr) STORED}. */
        GENERATED
    }

    public enum Match { SIMPLE, FULL, PARTIAL }

    public enum ReferentialAction { NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT }

    /** A constraint of this type with nothing else set. */
    public static Constraint of(Type type, Expression expression, NodeLocation location) {
        return new Constraint(null, type, expression, List.of(), List.of(), List.of(), false, List.of(), List.of(),
                Match.SIMPLE, ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION, List.of(), false, false, false,
                false, null, location);
    }
}
