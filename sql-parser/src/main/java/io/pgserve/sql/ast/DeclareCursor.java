package io.pgserve.sql.ast;

/**
 * {@code DECLARE name [BINARY] [[NO] SCROLL] [INSENSITIVE] CURSOR [WITH HOLD] FOR query}.
 */
public record DeclareCursor(Identifier name, boolean binary, Scroll scroll, boolean insensitive, boolean hold, Query query, NodeLocation location) implements Statement {
    public enum Scroll { DEFAULT, SCROLL, NO_SCROLL }
}
