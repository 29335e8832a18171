package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON table [USING method] (elements)
 * [INCLUDE (...)] [NULLS NOT DISTINCT] [WITH (...)] [TABLESPACE ts] [WHERE ...]}. {@code name} may be null.
 */
public record CreateIndex(boolean unique, boolean concurrently, boolean ifNotExists, Identifier name, TableName table, Identifier method, List<IndexElement> elements, List<Identifier> include, boolean nullsNotDistinct, List<Option> options, Identifier tablespace, Expression where, NodeLocation location) implements Statement {
    public CreateIndex {
        elements = List.copyOf(elements);
        include = List.copyOf(include);
        options = List.copyOf(options);
    }
}
