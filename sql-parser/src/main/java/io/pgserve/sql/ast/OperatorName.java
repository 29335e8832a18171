package io.pgserve.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * An operator: its symbol, and the schema when written as {@code OPERATOR(schema.symbol)}.
 * {@code !=} is read as {@code <>}, as PostgreSQL does.
 *
 * @param schema the qualifying names (empty for a plain operator)
 * @param symbol the operator's characters ({@code +}, {@code ~~}, {@code @>}, ...)
 */
public record OperatorName(List<Identifier> schema, String symbol) {
    public OperatorName {
        schema = List.copyOf(schema);
        Objects.requireNonNull(symbol, "symbol");
    }

    public static OperatorName of(String symbol) {
        return new OperatorName(List.of(), symbol);
    }
}
