package io.pgserve.sql.ast;

import java.util.List;

/** {@code DELETE FROM table [USING ...] [WHERE ... | WHERE CURRENT OF cursor] [RETURNING ...]}. */
public record Delete(WithClause with, TableName table, List<TableRef> using, Expression where, Identifier currentOf,
        List<SelectItem> returning, NodeLocation location) implements Statement {
    public Delete {
        using = List.copyOf(using);
        returning = List.copyOf(returning);
    }
}
