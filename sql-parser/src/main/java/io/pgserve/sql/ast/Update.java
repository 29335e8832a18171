package io.pgserve.sql.ast;

import java.util.List;

/** {@code UPDATE table SET ... [FROM ...] [WHERE ... | WHERE CURRENT OF cursor] [RETURNING ...]}. */
public record Update(WithClause with, TableName table, List<SetClause> set, List<TableRef> from, Expression where,
        Identifier currentOf, List<SelectItem> returning, NodeLocation location) implements Statement {
    public Update {
        set = List.copyOf(set);
        from = List.copyOf(from);
        returning = List.copyOf(returning);
    }
}
