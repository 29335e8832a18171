package io.pgserve.engine.internal;

import io.pgserve.engine.AggregateFunction;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableFunctionRegistry;
import io.pgserve.server.types.PgType;

import java.util.List;

/** The logical plan of a query, as the binder produces it; {@link Executor} turns it into running operators. */
public sealed interface Plan {
    List<OutColumn> columns();

    /**
     * An output column: name, type, the table column it comes from (oid and attnum, 0 when computed), and its type
     * modifier as RowDescription reports it (-1 when none: {@code numeric(10,2)} is {@code (10 << 16 | 2) + 4}).
     */
    record OutColumn(String name, PgType type, int tableOid, short attnum, int typmod) {
        public static OutColumn of(String name, PgType type) {
            return new OutColumn(name, type, 0, (short) 0, -1);
        }

        public static OutColumn of(String name, PgType type, int typmod) {
            return new OutColumn(name, type, 0, (short) 0, typmod);
        }

        /** This column under another name (type, modifier and source kept). */
        OutColumn named(String newName) {
            return new OutColumn(newName, type, tableOid, attnum, typmod);
        }
    }

    /**
     * All the columns of a table; only {@code used} (indexes) are fetched, the others are null in the rows.
     * {@code forUpdate}: rows carry their row id in an extra last slot.
     */
    record Scan(Table table, List<OutColumn> columns, boolean[] used, boolean forUpdate) implements Plan {
    }

    record Filter(Plan input, Expr predicate) implements Plan {
        @Override
        public List<OutColumn> columns() {
            return input.columns();
        }
    }

    /** A set-returning function in FROM: the function's columns, then {@code ordinality} (bigint) when asked. */
    record FunctionScan(TableFunctionRegistry.TableFunction function, List<Expr> args, boolean ordinality,
                        List<OutColumn> columns) implements Plan {
    }

    /** One set-returning call of a select list: the function and its arguments over the input row. */
    record SetCall(TableFunctionRegistry.TableFunction function, List<Expr> args, PgType type) {
    }

    /**
     * PostgreSQL's ProjectSet: per input row, the row followed by one value per call; the calls advance in lockstep
     * until all are done (a shorter one gives NULLs); a row where every call is empty gives nothing.
     */
    record ProjectSet(Plan input, List<SetCall> calls, List<OutColumn> columns) implements Plan {
    }

    /**
     * Binding only: a FROM item that reads earlier FROM items ({@code args}, over the scope's row); the enclosing
     * join becomes a {@link LateralJoin}.
     */
    record Lateral(Plan input, List<Expr> args) implements Plan {
        @Override
        public List<OutColumn> columns() {
            return input.columns();
        }
    }

    /**
     * A nested loop that runs {@code right} again for each left row, with {@code args} (over the left row) as the
     * outer values of its query level. Type INNER, LEFT or CROSS.
     */
    record LateralJoin(JoinType type, Plan left, Plan right, List<Expr> args, Expr condition,
                       List<OutColumn> columns) implements Plan {
    }

    /** A reference to a WITH query. */
    record CteScan(Cte cte, List<OutColumn> columns) implements Plan {
    }

    /** The working table of a recursive WITH query, read by its recursive term. */
    record WorkTableScan(Cte cte, List<OutColumn> columns) implements Plan {
    }

    /** WITH RECURSIVE's iteration: the non-recursive term, then the recursive one over each new batch of rows. */
    record RecursiveUnion(Cte cte, Plan nonRecursive, Plan recursive, boolean all, List<OutColumn> columns)
            implements Plan {
    }

    /** FETCH FIRST n ROWS WITH TIES: LIMIT, then the rows equal to the last one on the sort keys. */
    record LimitWithTies(Plan input, Expr limit, Expr offset, List<SortKey> keys) implements Plan {
        @Override
        public List<OutColumn> columns() {
            return input.columns();
        }
    }

    /** DISTINCT ON: the first row of each run of rows equal on {@code keys} (columns; the input is sorted). */
    record DistinctOn(Plan input, List<Integer> keys) implements Plan {
        @Override
        public List<OutColumn> columns() {
            return input.columns();
        }
    }

    record Project(Plan input, List<Expr> exprs, List<OutColumn> columns) implements Plan {
    }

    enum JoinType { INNER, LEFT, RIGHT, FULL, CROSS }

    /** Joined rows are the left row then the right row; {@code condition} is over that. */
    record Join(JoinType type, Plan left, Plan right, Expr condition, List<OutColumn> columns) implements Plan {
    }

    /** A sort key over an expression: ORDER BY inside an aggregate, a window's ORDER BY. */
    record SortExpr(Expr expr, boolean descending, boolean nullsFirst) {
    }

    /**
     * An aggregate call: {@code function} over {@code args}, of the rows where {@code filter} (null: every row) is
     * true, duplicate argument lists dropped when {@code distinct}, fed in {@code orderBy} order.
     */
    record Aggregate(AggregateFunction function, List<Expr> args, boolean distinct, List<SortExpr> orderBy,
                     Expr filter, PgType type) {
    }

    /**
     * Output: the group keys, then the aggregates. No keys: exactly one row. With grouping {@code sets} (indexes
     * into the keys; empty for a plain GROUP BY) a row per group of each set, the keys outside its set NULL, and a
     * last column: the set's index.
     */
    record Group(Plan input, List<Expr> keys, List<Aggregate> aggregates, List<List<Integer>> sets,
                 List<OutColumn> columns) implements Plan {
    }

    /** The input row followed by the value of each window function call. */
    record Window(Plan input, List<Windows.Call> calls, List<OutColumn> columns) implements Plan {
    }

    record SortKey(int column, boolean descending, boolean nullsFirst) {
    }

    record Sort(Plan input, List<SortKey> keys) implements Plan {
        @Override
        public List<OutColumn> columns() {
            return input.columns();
        }
    }

    /** LIMIT/OFFSET; null expressions for none. */
    record Limit(Plan input, Expr limit, Expr offset) implements Plan {
        @Override
        public List<OutColumn> columns() {
            return input.columns();
        }
    }

    record Distinct(Plan input) implements Plan {
        @Override
        public List<OutColumn> columns() {
            return input.columns();
        }
    }

    record ValuesRows(List<List<Expr>> rows, List<OutColumn> columns) implements Plan {
    }

    enum SetOpKind { UNION, INTERSECT, EXCEPT }

    record SetOp(SetOpKind kind, boolean all, Plan left, Plan right, List<OutColumn> columns) implements Plan {
    }
}
