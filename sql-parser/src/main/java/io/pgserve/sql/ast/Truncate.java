package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code TRUNCATE [TABLE] name, ... [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]}.
 */
public record Truncate(List<TableName> tables, boolean restartIdentity, boolean cascade, NodeLocation location) implements Statement {
    public Truncate {
        tables = List.copyOf(tables);
    }
}
