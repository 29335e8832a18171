package io.pgserve.sql.ast;

/**
 * {@code FETCH} or {@code MOVE}, with the direction as gram.y reduces it: NEXT is FORWARD 1, PRIOR is BACKWARD 1,
 * FIRST is ABSOLUTE 1, LAST is ABSOLUTE -1, a bare count is FORWARD count, ALL is FORWARD ALL. {@code count} is
 * {@link #ALL} for ALL.
 */
public record Fetch(boolean move, Direction direction, long count, Identifier cursor, NodeLocation location) implements Statement {
    /** The count of FORWARD ALL and BACKWARD ALL. */
    public static final long ALL = Long.MAX_VALUE;

    public enum Direction { FORWARD, BACKWARD, ABSOLUTE, RELATIVE }
}
