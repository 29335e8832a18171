package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code CREATE [TEMP | UNLOGGED] TABLE [IF NOT EXISTS] name (elements) [INHERITS (...)] [WITH (...)]
 * [ON COMMIT ...] [TABLESPACE ts]}.
 */
public record CreateTable(Persistence persistence, boolean ifNotExists, List<Identifier> name, List<TableElement> elements, List<List<Identifier>> inherits, List<Option> options, OnCommit onCommit, Identifier tablespace, NodeLocation location) implements Statement {
    public CreateTable {
        name = List.copyOf(name);
        elements = List.copyOf(elements);
        inherits = List.copyOf(inherits);
        options = List.copyOf(options);
    }

    /** What {@code ON COMMIT} says ({@code NONE} when absent). */
    public enum OnCommit { NONE, DROP, DELETE_ROWS, PRESERVE_ROWS }
}
