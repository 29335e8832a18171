package io.pgserve.sql.ast;

import java.util.List;

/** A column being assigned (UPDATE SET, INSERT's column list), with optional {@code .field} / {@code [i]} steps. */
public record SetTarget(Identifier column, List<IndirectionStep> indirection, NodeLocation location) implements Node {
    public SetTarget {
        indirection = List.copyOf(indirection);
    }
}
