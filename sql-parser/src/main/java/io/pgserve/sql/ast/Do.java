package io.pgserve.sql.ast;

/**
 * {@code DO [LANGUAGE lang] 'code'}; {@code language} is null when not given.
 */
public record Do(String code, String language, NodeLocation location) implements Statement {
}
