package io.pgserve.sql.ast;

import java.util.List;

/** {@code GREATEST(...)} or {@code LEAST(...)}. */
public record MinMaxExpr(Kind kind, List<Expression> arguments, NodeLocation location) implements Expression {
    public enum Kind { GREATEST, LEAST }

    public MinMaxExpr {
        arguments = List.copyOf(arguments);
    }
}
