package io.pgserve.sql.ast;

import java.util.List;

/**
 * A query statement (SELECT, VALUES, TABLE, set operations) with what applies to its whole result.
 * Nested in another query only where those clauses are present (a parenthesized query with nothing else is
 * just its body).
 *
 * @param with     the WITH clause, or null
 * @param body     what computes the rows
 * @param orderBy  ORDER BY items (empty if none)
 * @param limit    LIMIT / FETCH FIRST count, or null ({@code LIMIT ALL} is a {@link NullLiteral}; FETCH FIRST
 *                 without a count is 1)
 * @param offset   OFFSET, or null
 * @param withTies whether FETCH FIRST ... WITH TIES
 * @param locking  FOR UPDATE/SHARE clauses (empty if none)
 */
public record Query(WithClause with, QueryExpression body, List<SortItem> orderBy, Expression limit,
        Expression offset, boolean withTies, List<LockingClause> locking, NodeLocation location)
        implements Statement, QueryExpression {
    public Query {
        orderBy = List.copyOf(orderBy);
        locking = List.copyOf(locking);
    }

    /** Whether this query has nothing but its body. */
    public boolean isBare() {
        return with == null && orderBy.isEmpty() && limit == null && offset == null && !withTies && locking.isEmpty();
    }
}
