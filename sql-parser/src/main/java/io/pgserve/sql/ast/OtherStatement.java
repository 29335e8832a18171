package io.pgserve.sql.ast;

import io.pgserve.sql.StatementKind;

/**
 * A statement the grammar does not cover yet (utility statements, DDL, ...): its text, and its kind and
 * command tag as read from its leading keywords.
 */
public record OtherStatement(String sql, StatementKind kind, String commandTag, NodeLocation location)
        implements Statement {
}
