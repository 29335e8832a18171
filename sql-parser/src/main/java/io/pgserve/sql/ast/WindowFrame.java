package io.pgserve.sql.ast;

/** {@code RANGE|ROWS|GROUPS start} or {@code ... BETWEEN start AND end}, with an optional EXCLUDE. */
public record WindowFrame(Mode mode, FrameBound start, FrameBound end, Exclusion exclusion, NodeLocation location)
        implements Node {
    public enum Mode { RANGE, ROWS, GROUPS }

    public enum Exclusion { NONE, CURRENT_ROW, GROUP, TIES, NO_OTHERS }
}
