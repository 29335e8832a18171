package io.pgserve.engine;

import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.Expression;

import java.util.Objects;

/**
 * A column of a {@link Table}: its name (as PostgreSQL stores it: lower case unless quoted), type, type modifier (-1
 * for none), whether it is NOT NULL, its default expression (parsed SQL, bound by the engine at each INSERT), or
 * null for none, and whether it is an identity column (pg_attribute.attidentity).
 */
public record TableColumn(String name, PgType type, int typeModifier, boolean notNull, Expression defaultValue,
                          Identity identity) {
    /** GENERATED ... AS IDENTITY: none, ALWAYS (428C9 on an explicit value without OVERRIDING), BY DEFAULT. */
    public enum Identity { NONE, ALWAYS, BY_DEFAULT }

    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        identity = identity == null ? Identity.NONE : identity;
    }

    /** A column that is not an identity column. */
    public TableColumn(String name, PgType type, int typeModifier, boolean notNull, Expression defaultValue) {
        this(name, type, typeModifier, notNull, defaultValue, Identity.NONE);
    }

    /** A nullable column without default. */
    public static TableColumn of(String name, PgType type) {
        return new TableColumn(name, type, -1, false, null);
    }

    /** This column with another name, NOT NULL flag or default. */
    public TableColumn with(String newName, boolean newNotNull, Expression newDefault) {
        return new TableColumn(newName, type, typeModifier, newNotNull, newDefault, identity);
    }
}
