package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableFunctionRegistry.TableFunction;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.ArraySubquery;
import io.pgserve.sql.ast.CommonTableExpression;
import io.pgserve.sql.ast.Exists;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionArgument;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.FunctionTable;
import io.pgserve.sql.ast.InSubquery;
import io.pgserve.sql.ast.Join;
import io.pgserve.sql.ast.NodeLocation;
import io.pgserve.sql.ast.QuantifiedComparison;
import io.pgserve.sql.ast.Query;
import io.pgserve.sql.ast.RowConstructor;
import io.pgserve.sql.ast.Select;
import io.pgserve.sql.ast.SetOperation;
import io.pgserve.sql.ast.SortItem;
import io.pgserve.sql.ast.SubqueryExpr;
import io.pgserve.sql.ast.TableName;
import io.pgserve.sql.ast.WithClause;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The query-level parts of binding that {@link Binder} delegates: set-returning functions (FROM items and select
 * lists), sub-SELECTs in expressions, WITH [RECURSIVE], join shapes (LATERAL, USING columns, aliases) and
 * DISTINCT ON.
 */
final class QueryBinding {
    private QueryBinding() {
    }

    // ---------------------------------------------------------------- set-returning functions

    /** A set-returning call of a select list, replaced by a column of the ProjectSet below the projection. */
    record SetRef(int index, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            throw new IllegalStateException("set-returning function outside of a ProjectSet");
        }
    }

    /** A resolved set-returning call: the function, its coerced arguments, and its column types. */
    record BoundCall(TableFunction function, List<Expr> args, List<PgType> types) {
    }

    /**
     * Overload resolution as for scalar functions ({@link Overloads}, polymorphic types included): each function is
     * matched through a signature whose result is its first column's type, or anyelement when a column is.
     */
    static BoundCall resolve(Binder b, String name, List<TableFunction> candidates, List<Expr> args, int pos) {
        java.util.Map<FunctionRegistry.Function, TableFunction> byShape = new java.util.IdentityHashMap<>();
        List<FunctionRegistry.Function> shapes = new ArrayList<>();
        for (TableFunction fn : candidates) {
            PgType result = fn.columns().stream().anyMatch(c -> c.type().equals(Overloads.ANYELEMENT))
                    ? Overloads.ANYELEMENT : fn.columns().get(0).type();
            FunctionRegistry.Function shape = new FunctionRegistry.Function(name, fn.argumentTypes(), result,
                    fn.strict(), false, (c, a) -> null);
            byShape.put(shape, fn);
            shapes.add(shape);
        }
        Overloads.Match m = b.resolveAmong(name, shapes, args, pos);
        TableFunction fn = byShape.get(m.function());
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            coerced.add(b.coerce(args.get(i), m.parameters().get(i), pos));
        }
        List<PgType> types = new ArrayList<>();
        for (TableColumn c : fn.columns()) {
            types.add(c.type().equals(Overloads.ANYELEMENT) ? m.result() : c.type());
        }
        return new BoundCall(fn, coerced, types);
    }

    /** A set-returning function called in a select list (PostgreSQL's ProjectSet). */
    static Expr setReturning(Binder b, String name, List<TableFunction> candidates, List<Expr> args, Binder.Ctx ctx,
                             int pos) {
        BoundCall call = resolve(b, name, candidates, args, pos);
        List<Plan.SetCall> calls = b.setCalls();
        if (calls == null) {
            throw PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in "
                    + (ctx.clause() == null ? "this context" : ctx.clause())).position(pos).build();
        }
        if (call.types().size() != 1) {
            // several OUT columns: one record per row, whose fields (f(...)).x selects
            TableFunction fn = Composite.asRecordFunction(call.function(), call.types());
            PgType record = fn.columns().get(0).type();
            calls.add(new Plan.SetCall(fn, call.args(), record));
            return new SetRef(calls.size() - 1, record);
        }
        calls.add(new Plan.SetCall(call.function(), call.args(), call.types().get(0)));
        return new SetRef(calls.size() - 1, call.types().get(0));
    }

    /** Puts a ProjectSet under the projection: {@link SetRef}s become its columns after the input's. */
    static Plan projectSet(Plan input, List<Plan.SetCall> calls, List<Expr> groupKeys, List<Expr> projected) {
        if (groupKeys != null) {
            for (Expr k : groupKeys) {
                ExprTree.visit(k, x -> {
                    if (x instanceof SetRef) {
                        throw PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions in GROUP "
                                + "BY are not supported yet").build();
                    }
                });
            }
        }
        int width = input.columns().size();
        List<Plan.SetCall> bound = new ArrayList<>();
        List<Plan.OutColumn> cols = new ArrayList<>(input.columns());
        for (Plan.SetCall c : calls) {
            List<Expr> args = new ArrayList<>(c.args());
            if (groupKeys != null) {
                args.replaceAll(a -> Binder.ungroup(a, groupKeys));
            }
            bound.add(new Plan.SetCall(c.function(), args, c.type()));
            cols.add(Plan.OutColumn.of("?set?", c.type()));
        }
        projected.replaceAll(e -> ExprTree.rewrite(e, x -> x instanceof SetRef r
                ? new Expr.Column(width + r.index(), r.type(), "?set?", NodeLocation.UNKNOWN) : null));
        return new Plan.ProjectSet(input, bound, cols);
    }

    /** {@code [LATERAL] f(...) [WITH ORDINALITY] [AS alias[(columns)]]}: lateral whenever it reads earlier items. */
    static Plan functionTable(Binder b, FunctionTable ft, Scope scope) {
        if (!(ft.function() instanceof FunctionCall f) || f.over() != null) {
            throw Binder.unsupported("this function call in FROM", ft.location());
        }
        int pos = f.location().position();
        String name = f.name().get(f.name().size() - 1).value();
        String qualified = f.name().size() > 1 ? b.qualifiedName(f) : null;
        String lookupName = qualified == null ? name : qualified;
        Scope.Correlation lateral = new Scope.Correlation(scope);
        Binder.Ctx ctx = new Binder.Ctx(new Scope(lateral), null, "functions in FROM");
        List<TableFunction> candidates = b.functionRegistry().tableFunctions().lookup(lookupName);
        BoundCall call;
        if (!candidates.isEmpty()) {
            if (f.star() || f.distinct() || f.filter() != null || !f.orderBy().isEmpty()) {
                throw PgException.builder("42809", name + " is not an aggregate function").position(pos).build();
            }
            List<Expr> args = new ArrayList<>();
            for (FunctionArgument a : f.arguments()) {
                if (a.name() != null) {
                    throw Binder.unsupported("named arguments", a.location());
                }
                args.add(b.bind(a.value(), ctx));
            }
            call = resolve(b, lookupName, candidates, args, pos);
        } else {
            // a scalar function in FROM: one row
            Expr e = b.bind(f, ctx);
            PgType t = Types.isUnknown(e.type()) ? PgType.TEXT : e.type();
            Expr value = b.coerce(e, t, pos);
            TableFunction one = new TableFunction(name, List.of(), List.of(TableColumn.of(name, t)), false,
                    (c, a) -> List.<Object[]>of(new Object[] {value.eval(new Object[0], (EvalContext) c)})
                            .iterator());
            call = new BoundCall(one, List.of(), List.of(t));
        }
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>(call.types());
        String relName = ft.alias() == null ? name : ft.alias().name().value();
        if (call.function().scalar()) {
            names.add(relName);
        } else {
            call.function().columns().forEach(c -> names.add(c.name()));
        }
        if (ft.withOrdinality()) {
            names.add("ordinality");
            types.add(PgType.INT8);
        }
        if (ft.alias() != null) {
            if (ft.alias().columns().size() > names.size()) {
                throw PgException.builder("42804", "too many column aliases specified for function " + name)
                        .position(ft.alias().location().position()).build();
            }
            Binder.rename(names, ft.alias());
        }
        scope.add(relName, null, names, types, null, 0);
        List<Plan.OutColumn> cols = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            cols.add(Plan.OutColumn.of(names.get(i), types.get(i)));
        }
        Plan p = new Plan.FunctionScan(call.function(), call.args(), ft.withOrdinality(), cols);
        return lateral.args.isEmpty() ? p : new Plan.Lateral(p, lateral.args);
    }

    // ---------------------------------------------------------------- sub-SELECTs in expressions

    /** A sub-SELECT expression, or null when {@code e} is none. */
    static Expr subquery(Binder b, Expression e, Binder.Ctx ctx) {
        if (e instanceof SubqueryExpr sq) {
            Scope.Correlation level = new Scope.Correlation(ctx.scope());
            Plan p = b.bindSubquery(sq.query(), level);
            if (p.columns().size() != 1) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "subquery must return only one column")
                        .position(sq.location().position()).build();
            }
            return new Subqueries.Scalar(p, level.args, p.columns().get(0).type());
        }
        if (e instanceof Exists ex) {
            Scope.Correlation level = new Scope.Correlation(ctx.scope());
            Plan p = b.bindSubquery(ex.query(), level);
            return new Subqueries.Exists(p, level.args);
        }
        if (e instanceof ArraySubquery a) {
            Scope.Correlation level = new Scope.Correlation(ctx.scope());
            Plan p = b.bindSubquery(a.query(), level);
            if (p.columns().size() != 1) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "subquery must return only one column")
                        .position(a.location().position()).build();
            }
            PgType element = p.columns().get(0).type();
            if (element.isArray() || element.arrayOid() == 0) {
                throw Binder.unsupported("ARRAY(SELECT ...) of " + Types.displayName(element), a.location());
            }
            return new Subqueries.ArrayOf(p, level.args, b.types().arrayOf(element));
        }
        if (e instanceof InSubquery in) {
            Expr q = quantified(b, in.operand(), "=", in.query(), false, ctx, in.location());
            return in.negated() ? new Expr.Not(q) : q;
        }
        if (e instanceof QuantifiedComparison qc && qc.right() instanceof SubqueryExpr sq) {
            return quantified(b, qc.left(), qc.operator().symbol(), sq.query(),
                    qc.quantifier() == QuantifiedComparison.Quantifier.ALL, ctx, qc.location());
        }
        return null;
    }

    private static Expr quantified(Binder b, Expression operand, String op, Query query, boolean all,
                                   Binder.Ctx ctx, NodeLocation loc) {
        int pos = loc.position();
        List<Expression> fields = operand instanceof RowConstructor r && r.fields().size() > 1 ? r.fields()
                : List.of(operand);
        List<Expr> xs = new ArrayList<>();
        for (Expression f : fields) {
            xs.add(b.bind(f, ctx));
        }
        Scope.Correlation level = new Scope.Correlation(ctx.scope());
        Plan p = b.bindSubquery(query, level);
        int n = xs.size();
        if (p.columns().size() != n) {
            throw PgException.builder(SqlState.SYNTAX_ERROR, "subquery has too " + (p.columns().size() < n
                    ? "few" : "many") + " columns").position(pos).build();
        }
        Expr.CmpOp cmp = switch (op) {
            case "=" -> Expr.CmpOp.EQ;
            case "<>", "!=" -> Expr.CmpOp.NE;
            case "<" -> Expr.CmpOp.LT;
            case "<=" -> Expr.CmpOp.LE;
            case ">" -> Expr.CmpOp.GT;
            case ">=" -> Expr.CmpOp.GE;
            default -> throw Binder.unsupported("operator " + op + " with ANY/ALL (subquery)", loc);
        };
        if (n > 1 && cmp != Expr.CmpOp.EQ && cmp != Expr.CmpOp.NE) {
            throw Binder.unsupported("row comparison " + op + " with a sub-SELECT", loc);
        }
        List<Expr> tests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Expr x = xs.get(i);
            PgType vt = p.columns().get(i).type();
            if (Types.isUnknown(x.type())) {
                x = b.coerce(x, Types.isUnknown(vt) ? PgType.TEXT : vt, pos);
                xs.set(i, x);
            }
            tests.add(b.compare(cmp, new Expr.Column(i, x.type(), "?operand?", loc),
                    new Expr.Column(n + i, vt, "?value?", loc), op.equals("!=") ? "<>" : op, pos));
        }
        // (a, b) = (x, y) is a = x AND b = y; (a, b) <> (x, y) is a <> x OR b <> y
        Expr test = n == 1 ? tests.get(0) : cmp == Expr.CmpOp.EQ ? new Expr.And(tests) : new Expr.Or(tests);
        return new Subqueries.Quantified(p, level.args, xs, new Subqueries.PairTest(test), all);
    }

    /**
     * An aggregate whose arguments read only outer columns belongs to the outer query in PostgreSQL
     * ({@code SELECT (SELECT max(t.x)) FROM t} is one row): not supported yet, so refused rather than computed
     * per outer row.
     */
    static void checkLevel(List<Expr> aggregateArgs, int pos) {
        boolean[] seen = new boolean[2]; // [local column, outer reference]
        for (Expr a : aggregateArgs) {
            ExprTree.visit(a, x -> {
                seen[0] |= x instanceof Expr.Column;
                seen[1] |= x instanceof Scope.OuterRef;
            });
        }
        if (seen[1] && !seen[0]) {
            throw PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "aggregate functions over only the columns of "
                    + "an outer query are not supported yet").position(pos).build();
        }
    }

    // ---------------------------------------------------------------- WITH

    static void bindWith(Binder b, WithClause with, Map<String, Cte> frame) {
        for (CommonTableExpression c : with.ctes()) {
            String name = c.name().value();
            if (frame.containsKey(name)) {
                throw PgException.builder("42712", "WITH query name \"" + name + "\" specified more than once")
                        .position(c.location().position()).build();
            }
            if (!(c.statement() instanceof Query q)) {
                throw Binder.unsupported("data-modifying statements in WITH", c.location());
            }
            Cte cte = new Cte(name, c.materialized());
            Plan plan;
            if (with.recursive()) {
                frame.put(name, cte);
                plan = recursive(b, cte, c, q);
            } else {
                plan = b.bindQuery(q);
                frame.put(name, cte);
            }
            cte.columns = aliased(cte, c, plan.columns());
            cte.plan = plan;
        }
    }

    private static List<Plan.OutColumn> aliased(Cte cte, CommonTableExpression c, List<Plan.OutColumn> cols) {
        if (c.columns().size() > cols.size()) {
            throw PgException.builder("42P10", "WITH query \"" + cte.name + "\" has " + cols.size()
                    + " columns available but " + c.columns().size() + " columns specified")
                    .position(c.location().position()).build();
        }
        List<Plan.OutColumn> out = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            Plan.OutColumn col = cols.get(i);
            out.add(Plan.OutColumn.of(i < c.columns().size() ? c.columns().get(i).value() : col.name(), col.type(),
                    col.typmod()));
        }
        return out;
    }

    /** A WITH RECURSIVE query: {@code non-recursive UNION [ALL] recursive}, or an ordinary one that does not recur. */
    private static Plan recursive(Binder b, Cte cte, CommonTableExpression c, Query q) {
        if (!(q.isBare() && q.body() instanceof SetOperation op
                && op.operator() == SetOperation.Operator.UNION)) {
            cte.bindingRecursiveTerm = true; // a reference would recur: find out
            Plan plan = b.bindQuery(q);
            cte.bindingRecursiveTerm = false;
            if (cte.recursive) {
                throw PgException.builder("42P19", "recursive query \"" + cte.name + "\" does not have the form "
                        + "non-recursive-term UNION [ALL] recursive-term").position(c.location().position()).build();
            }
            return plan;
        }
        Plan left = b.bindBody(op.left());
        cte.columns = aliased(cte, c, left.columns());
        cte.bindingRecursiveTerm = true;
        Plan right;
        try {
            right = b.bindBody(op.right());
        } finally {
            cte.bindingRecursiveTerm = false;
        }
        if (!cte.recursive) {
            cte.columns = null;
            return b.bindBody(op); // no self-reference: a plain UNION
        }
        if (right.columns().size() != left.columns().size()) {
            throw PgException.builder(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of "
                    + "columns").position(op.right().location().position()).build();
        }
        List<PgType> types = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            PgType lt = left.columns().get(i).type();
            PgType rt = right.columns().get(i).type();
            PgType common = Types.common(lt, rt);
            if (common == null || !common.equals(lt)) {
                throw PgException.builder("42804", "recursive query \"" + cte.name + "\" column " + (i + 1)
                        + " has type " + Types.displayName(lt) + " in non-recursive term but type "
                        + Types.displayName(common == null ? rt : common) + " overall")
                        .hint("Cast the output of the non-recursive term to the correct type.")
                        .position(op.left().location().position()).build();
            }
            types.add(lt);
        }
        right = b.coerceColumns(right, types);
        return new Plan.RecursiveUnion(cte, left, right, op.all(), cte.columns);
    }

    /** A FROM item naming a WITH query. */
    static Plan cteRef(Cte cte, TableName t, Scope scope) {
        if (cte.columns == null && cte.bindingRecursiveTerm) {
            throw PgException.builder("42P19", "recursive query \"" + cte.name + "\" does not have the form "
                    + "non-recursive-term UNION [ALL] recursive-term").position(t.location().position()).build();
        }
        if (cte.columns == null) {
            throw PgException.builder("42P19", "recursive reference to query \"" + cte.name
                    + "\" must not appear within its non-recursive term").position(t.location().position()).build();
        }
        Plan p;
        if (cte.bindingRecursiveTerm) {
            cte.recursive = true;
            p = new Plan.WorkTableScan(cte, cte.columns);
        } else {
            cte.references++;
            p = new Plan.CteScan(cte, cte.columns);
        }
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        cte.columns.forEach(col -> {
            names.add(col.name());
            types.add(col.type());
        });
        if (t.alias() != null) {
            Binder.rename(names, t.alias());
        }
        Scope.typmods(scope.add(t.alias() == null ? cte.name : t.alias().name().value(), null, names, types, null,
                0), cte.columns);
        return p;
    }

    // ---------------------------------------------------------------- joins

    /**
     * The plan of a bound JOIN whose items occupy the scope from {@code leftStart} (row offset {@code base}):
     * conditions become relative to the join's row, a LATERAL right side makes a {@link Plan.LateralJoin}, USING
     * columns are merged (COALESCE for FULL), and an alias replaces the items' names by one.
     */
    static Plan join(Join j, Plan.JoinType type, Plan left, Plan right, Expr condition, List<String> using,
                     List<Expr> merged, Scope scope, int leftStart, int base) {
        if (condition != null) {
            checkWithin(condition, scope, base, j.location());
            condition = ExprTree.shift(condition, -base);
        }
        Plan.Lateral leftLateral = left instanceof Plan.Lateral l ? l : null;
        Plan lp = leftLateral == null ? left : leftLateral.input();
        Plan joined;
        if (right instanceof Plan.Lateral rl) {
            if (type == Plan.JoinType.RIGHT || type == Plan.JoinType.FULL) {
                throw PgException.builder("42P10", "invalid reference to FROM-clause entry for table \""
                        + nameAt(scope, ExprTree.columns(new Expr.And(rl.args())).nextSetBit(0)) + "\"")
                        .detail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.")
                        .position(j.location().position()).build();
            }
            List<Expr> args = new ArrayList<>();
            for (Expr a : rl.args()) {
                checkWithin(a, scope, base, j.location());
                args.add(ExprTree.shift(a, -base));
            }
            joined = new Plan.LateralJoin(type, lp, rl.input(), args, condition,
                    Binder.concatColumns(lp, rl.input()));
        } else {
            joined = new Plan.Join(type, lp, right, condition, Binder.concatColumns(lp, right));
        }
        if (!merged.isEmpty()) {
            int w = joined.columns().size();
            List<Expr> exprs = new ArrayList<>();
            List<Plan.OutColumn> cols = new ArrayList<>(joined.columns());
            for (int i = 0; i < w; i++) {
                exprs.add(new Expr.Column(i, cols.get(i).type(), cols.get(i).name(), NodeLocation.UNKNOWN));
            }
            List<PgType> types = new ArrayList<>();
            for (int i = 0; i < merged.size(); i++) {
                exprs.add(ExprTree.shift(merged.get(i), -base));
                types.add(merged.get(i).type());
                cols.add(Plan.OutColumn.of(using.get(i), merged.get(i).type(), scope.typmod(merged.get(i))));
            }
            joined = new Plan.Project(joined, exprs, cols);
            for (int r = leftStart; r < scope.rels.size(); r++) {
                scope.rels.get(r).hidden.addAll(using);
            }
            Scope.Rel m = scope.add(j.usingAlias() == null ? "" : j.usingAlias().value(), null,
                    new ArrayList<>(using), types, null, 0);
            Scope.typmods(m, cols.subList(w, cols.size()));
            scope.rels.remove(scope.rels.size() - 1);
            scope.rels.add(leftStart, m);
        }
        if (j.alias() != null) {
            List<Expr> exprs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<PgType> types = new ArrayList<>();
            List<Integer> mods = new ArrayList<>();
            for (int r = leftStart; r < scope.rels.size(); r++) {
                Scope.Rel rel = scope.rels.get(r);
                for (int i = 0; i < rel.columnNames.size(); i++) {
                    if (!rel.hidden.contains(rel.columnNames.get(i))) {
                        Expr col = scope.column(rel, i, j.location());
                        exprs.add(ExprTree.shift(col, -base));
                        names.add(rel.columnNames.get(i));
                        types.add(rel.columnTypes.get(i));
                        mods.add(scope.typmod(col));
                    }
                }
            }
            Binder.rename(names, j.alias());
            List<Plan.OutColumn> cols = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                cols.add(Plan.OutColumn.of(names.get(i), types.get(i), mods.get(i)));
            }
            joined = new Plan.Project(joined, exprs, cols);
            while (scope.rels.size() > leftStart) {
                scope.rels.remove(scope.rels.size() - 1);
            }
            scope.width = base;
            Scope.typmods(scope.add(j.alias().name().value(), null, names, types, null, 0), cols);
        }
        return leftLateral == null ? joined : new Plan.Lateral(joined, leftLateral.args());
    }

    /**
     * WHERE over a FROM list: each conjunct goes down to the lowest inner/cross join input that has all its columns
     * (so a scan takes its filters, and an equality between two items makes a hash join instead of a cross
     * product); what reads both sides of a join becomes its condition. Nothing moves below the nullable side of an
     * outer join.
     */
    static Plan pushDown(Plan p, Expr where) {
        List<Expr> conj = new ArrayList<>(where instanceof Expr.And a ? a.args() : List.of(where));
        return push(p, conj);
    }

    private static Plan push(Plan p, List<Expr> conj) {
        if (conj.isEmpty()) {
            return p;
        }
        if (p instanceof Plan.Join j && j.type() != Plan.JoinType.RIGHT && j.type() != Plan.JoinType.FULL) {
            boolean inner = j.type() == Plan.JoinType.INNER || j.type() == Plan.JoinType.CROSS;
            int lw = j.left().columns().size();
            List<Expr> left = new ArrayList<>();
            List<Expr> right = new ArrayList<>();
            List<Expr> both = new ArrayList<>();
            for (Expr c : conj) {
                BitSet cols = ExprTree.columns(c);
                if (cols.nextSetBit(lw) < 0) {
                    left.add(c);
                } else if (inner && cols.nextSetBit(0) >= lw) {
                    right.add(ExprTree.shift(c, -lw));
                } else {
                    both.add(c);
                }
            }
            Plan l = push(j.left(), left);
            Plan r = push(j.right(), right);
            if (!inner) {
                Plan out = new Plan.Join(j.type(), l, r, j.condition(), j.columns());
                return both.isEmpty() ? out : new Plan.Filter(out, and(both));
            }
            if (j.condition() != null) {
                both.add(0, j.condition());
            }
            Expr cond = both.isEmpty() ? null : and(both);
            return new Plan.Join(cond == null ? Plan.JoinType.CROSS : Plan.JoinType.INNER, l, r, cond, j.columns());
        }
        return new Plan.Filter(p, and(conj));
    }

    private static Expr and(List<Expr> conj) {
        return conj.size() == 1 ? conj.get(0) : new Expr.And(conj);
    }

    /** An ON condition or LATERAL reference may only read the join's own items. */
    private static void checkWithin(Expr e, Scope scope, int base, NodeLocation loc) {
        BitSet cols = ExprTree.columns(e);
        int first = cols.nextSetBit(0);
        if (first >= 0 && first < base) {
            throw PgException.builder("42P01", "invalid reference to FROM-clause entry for table \""
                    + nameAt(scope, first) + "\"").position(loc.position()).build();
        }
    }

    private static String nameAt(Scope scope, int column) {
        for (Scope.Rel r : scope.rels) {
            if (column >= r.offset && column < r.offset + r.columnNames.size()) {
                return r.name;
            }
        }
        return "?";
    }

    // ---------------------------------------------------------------- set operations

    /**
     * Converts a set operation operand's unknown-typed literal columns to the types the set operation chose (a
     * literal that does not convert fails at its position, as in PostgreSQL).
     */
    static Plan resolveUnknown(Binder b, Plan p, List<PgType> target) {
        if (p instanceof Plan.Project pr) {
            List<Expr> exprs = new ArrayList<>(pr.exprs());
            List<Plan.OutColumn> cols = new ArrayList<>(pr.columns());
            boolean changed = false;
            for (int i = 0; i < target.size(); i++) {
                if (Types.isUnknown(exprs.get(i).type())) {
                    exprs.set(i, b.coerce(exprs.get(i), target.get(i), 0));
                    cols.set(i, Plan.OutColumn.of(cols.get(i).name(), target.get(i)));
                    changed = true;
                }
            }
            return changed ? new Plan.Project(pr.input(), exprs, cols) : p;
        }
        if (p instanceof Plan.Sort s) {
            return new Plan.Sort(resolveUnknown(b, s.input(), target), s.keys());
        }
        if (p instanceof Plan.Limit l) {
            return new Plan.Limit(resolveUnknown(b, l.input(), target), l.limit(), l.offset());
        }
        if (p instanceof Plan.Distinct d) {
            return new Plan.Distinct(resolveUnknown(b, d.input(), target));
        }
        return p;
    }

    // ---------------------------------------------------------------- DISTINCT ON, WITH TIES

    /** LIMIT/OFFSET with FETCH ... WITH TIES: rows equal to the last on {@code keys} are returned too. */
    static Plan limitWithTies(Binder b, Plan plan, Expression limit, Expression offset, List<Plan.SortKey> keys) {
        Plan p = b.limit(plan, limit, offset);
        return p instanceof Plan.Limit l ? new Plan.LimitWithTies(l.input(), l.limit(), l.offset(), keys) : p;
    }

    // ---------------------------------------------------------------- DISTINCT ON

    /**
     * The columns of DISTINCT ON (adding hidden ones to {@code junk}); checks PostgreSQL's rule that they match
     * the leading ORDER BY items, and completes {@code sortKeys} so equal rows are adjacent.
     */
    static List<Integer> distinctOn(Binder b, Select s, Binder.Ctx ctx, List<Expr> targets,
                                    List<Plan.OutColumn> outCols, List<Expr> junk, List<Plan.SortKey> sortKeys,
                                    List<SortItem> orderBy) {
        List<Integer> on = new ArrayList<>();
        for (Expression d : s.distinctOn()) {
            int col = b.outputColumnOf(d, outCols, s.targets());
            if (col < 0) {
                Expr e = b.bind(d, ctx);
                col = targets.indexOf(e);
                if (col < 0) {
                    int j = junk.indexOf(e);
                    if (j < 0) {
                        junk.add(e);
                        j = junk.size() - 1;
                    }
                    col = outCols.size() + j;
                }
            }
            on.add(col);
        }
        boolean skipped = false;
        for (Plan.SortKey k : sortKeys) {
            if (on.contains(k.column())) {
                if (skipped) {
                    throw mismatch(s.distinctOn().get(on.indexOf(k.column())));
                }
            } else {
                skipped = true;
            }
        }
        for (int i = 0; i < on.size(); i++) {
            int c = on.get(i);
            if (sortKeys.stream().noneMatch(k -> k.column() == c)) {
                if (skipped) {
                    throw mismatch(s.distinctOn().get(i));
                }
                sortKeys.add(new Plan.SortKey(c, false, false));
            }
        }
        return on;
    }

    private static PgException mismatch(Expression e) {
        return PgException.builder("42P10", "SELECT DISTINCT ON expressions must match initial ORDER BY expressions")
                .position(e.location().position()).build();
    }
}
