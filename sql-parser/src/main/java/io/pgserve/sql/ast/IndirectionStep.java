package io.pgserve.sql.ast;

/** One step of {@link Indirection} or of a {@link SetTarget}: {@code .field}, {@code .*}, {@code [i]}, {@code [a:b]}. */
public sealed interface IndirectionStep extends Node permits IndirectionStep.Field, IndirectionStep.Star,
        IndirectionStep.Subscript {

    /** {@code .name}. */
    record Field(Identifier name, NodeLocation location) implements IndirectionStep {
    }

    /** {@code .*}. */
    record Star(NodeLocation location) implements IndirectionStep {
    }

    /**
     * {@code [index]} ({@code slice} false, {@code lower} is the index) or {@code [lower:upper]} (either bound may
     * be null).
     */
    record Subscript(Expression lower, Expression upper, boolean slice, NodeLocation location)
            implements IndirectionStep {
    }
}
