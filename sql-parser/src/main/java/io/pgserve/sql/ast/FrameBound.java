package io.pgserve.sql.ast;

/** A window frame bound; {@code offset} is set for {@link Kind#PRECEDING} and {@link Kind#FOLLOWING}. */
public record FrameBound(Kind kind, Expression offset, NodeLocation location) implements Node {
    public enum Kind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }
}
