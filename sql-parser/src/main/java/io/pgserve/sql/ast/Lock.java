package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code LOCK [TABLE] name, ... [IN mode MODE] [NOWAIT]}; {@code mode} in upper case ({@code "ACCESS EXCLUSIVE"} when absent).
 */
public record Lock(List<TableName> tables, String mode, boolean nowait, NodeLocation location) implements Statement {
    public Lock {
        tables = List.copyOf(tables);
    }
}
