package io.pgserve.sql.ast;

import java.util.List;

/**
 * A function call. The SQL-syntax functions become calls of their {@code pg_catalog} functions as in
 * PostgreSQL: {@code EXTRACT(year FROM x)} is {@code pg_catalog.extract('year', x)}, {@code SUBSTRING(s FROM a FOR
 * b)} is {@code pg_catalog.substring(s, a, b)}, {@code POSITION(a IN b)} is {@code pg_catalog.position(b, a)},
 * {@code TRIM(LEADING c FROM s)} is {@code pg_catalog.ltrim(s, c)}, {@code OVERLAY(...)} is
 * {@code pg_catalog.overlay(...)}, {@code x AT TIME ZONE z} is {@code pg_catalog.timezone(z, x)}.
 *
 * @param name        the (possibly qualified) function name
 * @param arguments   the arguments
 * @param star        {@code f(*)}
 * @param distinct    {@code f(DISTINCT ...)}
 * @param variadic    whether the last argument is marked VARIADIC
 * @param orderBy     ORDER BY inside the argument list (empty if none)
 * @param withinGroup {@code WITHIN GROUP (ORDER BY ...)} (empty if none)
 * @param filter      {@code FILTER (WHERE ...)}, or null
 * @param over        the window of {@code OVER ...}, or null
 */
public record FunctionCall(List<Identifier> name, List<FunctionArgument> arguments, boolean star, boolean distinct,
        boolean variadic, List<SortItem> orderBy, List<SortItem> withinGroup, Expression filter,
        WindowDefinition over, NodeLocation location) implements Expression {
    public FunctionCall {
        name = List.copyOf(name);
        arguments = List.copyOf(arguments);
        orderBy = List.copyOf(orderBy);
        withinGroup = List.copyOf(withinGroup);
    }
}
