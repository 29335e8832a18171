package io.pgserve.engine.internal;

import io.pgserve.sql.ast.CommonTableExpression;

import java.util.List;

/** A WITH query as bound: its plan (set once bound), output, and how often the statement references it. */
final class Cte {
    final String name;
    final CommonTableExpression.Materialized materialized;
    Plan plan;
    List<Plan.OutColumn> columns;
    /** References from the statement (other than the recursive term's): one not-MATERIALIZED reference is inlined. */
    int references;
    /** Whether the recursive term referenced it (WITH RECURSIVE that really recurses). */
    boolean recursive;
    /** Set while the recursive term is bound: references read the working table. */
    boolean bindingRecursiveTerm;
    /** The key of the working table in {@link EvalContext#state()}. */
    final Object workTable = new Object();

    Cte(String name, CommonTableExpression.Materialized materialized) {
        this.name = name;
        this.materialized = materialized;
    }

    /** Whether references share one materialised result rather than each running the plan. */
    boolean materialize() {
        return materialized == CommonTableExpression.Materialized.MATERIALIZED
                || references > 1 && materialized != CommonTableExpression.Materialized.NOT_MATERIALIZED;
    }
}
