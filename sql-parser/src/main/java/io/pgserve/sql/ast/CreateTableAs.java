package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code CREATE [TEMP | UNLOGGED] TABLE [IF NOT EXISTS] name [(columns)] [WITH (...)] [ON COMMIT ...] AS query
 * [WITH [NO] DATA]}.
 */
public record CreateTableAs(Persistence persistence, boolean ifNotExists, List<Identifier> name, List<Identifier> columns, List<Option> options, CreateTable.OnCommit onCommit, Identifier tablespace, Query query, boolean withData, NodeLocation location) implements Statement {
    public CreateTableAs {
        name = List.copyOf(name);
        columns = List.copyOf(columns);
        options = List.copyOf(options);
    }
}
