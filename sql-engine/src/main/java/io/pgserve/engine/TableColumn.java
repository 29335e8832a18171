package io.pgserve.engine;

import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.Expression;

import java.util.Objects;

/**
 * A column of a {@link Table}: its name (as PostgreSQL stores it: lower case unless quoted), type, type modifier (-1
 * for none), whether it is NOT NULL, and its default expression (parsed SQL, bound by the engine at each INSERT), or
 * null for none.
 */
public record TableColumn(String name, PgType type, int typeModifier, boolean notNull, Expression defaultValue) {
    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A nullable column without default. */
    public static TableColumn of(String name, PgType type) {
        return new TableColumn(name, type, -1, false, null);
    }
}
