package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code SET [LOCAL | SESSION] name TO | = value, ... | DEFAULT}, and the special forms that are settings of a
 * parameter in gram.y: {@code SET TIME ZONE} (timezone), {@code SET NAMES} (client_encoding), {@code SET SCHEMA}
 * (search_path), {@code SET ROLE} (role), {@code SET SESSION AUTHORIZATION} (session_authorization). Words
 * are read as strings ({@code SET x = on} is {@code SET x = 'on'}).
 *
 * @param name        the parameter name in lower case, dotted if qualified
 * @param values      the values: string and numeric literals (an interval for SET TIME ZONE INTERVAL ...); empty for
 *                    DEFAULT (and for TIME ZONE LOCAL)
 * @param fromCurrent {@code SET name FROM CURRENT}
 */
public record SetVariable(boolean local, String name, List<Expression> values, boolean fromCurrent, NodeLocation location) implements Statement {
    public SetVariable {
        values = List.copyOf(values);
    }
}
