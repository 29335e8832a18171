package io.pgserve.sql.ast;

/**
 * {@code CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role]}; {@code name} is null when only the role is given.
 */
public record CreateSchema(boolean ifNotExists, Identifier name, Identifier authorization, NodeLocation location) implements Statement {
}
