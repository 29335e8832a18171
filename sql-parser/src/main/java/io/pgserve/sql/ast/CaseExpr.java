package io.pgserve.sql.ast;

import java.util.List;

/** {@code CASE [operand] WHEN ... THEN ... [ELSE ...] END}; {@code operand} and {@code elseResult} may be null. */
public record CaseExpr(Expression operand, List<WhenClause> whens, Expression elseResult, NodeLocation location)
        implements Expression {
    public CaseExpr {
        whens = List.copyOf(whens);
    }
}
