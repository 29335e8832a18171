package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code EXPLAIN [(options)] statement}; {@code EXPLAIN ANALYZE VERBOSE} gives the options analyze and verbose.
 */
public record Explain(List<Option> options, Statement statement, NodeLocation location) implements Statement {
    public Explain {
        options = List.copyOf(options);
    }
}
