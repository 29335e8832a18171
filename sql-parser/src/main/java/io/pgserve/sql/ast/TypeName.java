package io.pgserve.sql.ast;

import java.util.List;

/**
 * A type name. SQL's built-in type syntax is read as PostgreSQL does: {@code integer} is {@code pg_catalog.int4},
 * {@code character varying(20)} is {@code pg_catalog.varchar(20)}, {@code timestamp(3) with time zone} is
 * {@code pg_catalog.timestamptz(3)}, {@code double precision} is {@code pg_catalog.float8}, {@code char} is
 * {@code pg_catalog.bpchar(1)}; other names ({@code int4}, {@code "char"}, {@code text}) are kept as written.
 *
 * @param names          the (possibly qualified) name
 * @param modifiers      type modifiers ({@code (20)}, {@code (10, 2)}); for interval, the precision
 * @param arrayBounds    one entry per array dimension: the declared bound, or -1 for {@code []}
 * @param setof          whether {@code SETOF}
 * @param intervalFields for interval only: the field restriction in lower case ({@code "day"},
 *                       {@code "year to month"}, {@code "second"}), or null
 */
public record TypeName(List<Identifier> names, List<Expression> modifiers, List<Integer> arrayBounds, boolean setof,
        String intervalFields, NodeLocation location) implements Node {
    public TypeName {
        names = List.copyOf(names);
        modifiers = List.copyOf(modifiers);
        arrayBounds = List.copyOf(arrayBounds);
    }

    /** A built-in type {@code pg_catalog.name} without modifiers. */
    public static TypeName system(String name) {
        return new TypeName(List.of(Identifier.of("pg_catalog"), Identifier.of(name)), List.of(), List.of(), false,
                null, NodeLocation.UNKNOWN);
    }

    /** Whether this is {@code pg_catalog.<name>} (unquoted). */
    public boolean isSystem(String name) {
        return names.size() == 2 && names.get(0).equals(Identifier.of("pg_catalog"))
                && names.get(1).equals(Identifier.of(name));
    }
}
