package io.pgserve.engine.internal;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.internal.catalog.CatalogFunctions;
import io.pgserve.engine.internal.catalog.RegTypes;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.ast.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the AST of a statement into a typed logical {@link Plan}: resolves names against the catalog along the
 * search_path, types every expression with PostgreSQL's rules (unknown literals, implicit numeric widening), inserts
 * casts, and reports PostgreSQL's errors with the statement position.
 */
public final class Binder {
    private static final String CAST_HINT = "You might need to add explicit type casts.";

    private final Catalog catalog;
    private final FunctionRegistry functions;
    private final TypeRegistry types;
    private final CodecContext codecContext;
    private final List<String> searchPath;
    /** Parameter types; an entry that is {@link PgType#UNKNOWN} is inferred from its first use. */
    private final PgType[] parameterTypes;
    /** The outer references of the query level being bound (null at the top level). */
    private Scope.Correlation correlation;
    /** The WITH queries in scope, innermost last. */
    private final java.util.ArrayDeque<java.util.Map<String, Cte>> withs = new java.util.ArrayDeque<>();
    /** Where the set-returning calls of the select list being bound go; null where they are not allowed. */
    private List<Plan.SetCall> setCalls;
    /** Whether the SELECT about to be bound is a leaf of a set operation (its literals' types are resolved there). */
    private boolean setOpLeafPending;
    /** Whether the select list being expanded keeps unknown-typed literals (a set operation leaf's). */
    private boolean unknownTargets;
    /** FETCH ... WITH TIES for the SELECT about to be bound. */
    private boolean withTiesPending;

    public Binder(Catalog catalog, FunctionRegistry functions, TypeRegistry types, CodecContext codecContext,
                  List<String> searchPath, List<PgType> parameterTypes) {
        this.catalog = catalog;
        this.functions = functions;
        this.types = types;
        this.codecContext = codecContext;
        this.searchPath = searchPath;
        this.parameterTypes = parameterTypes.toArray(new PgType[0]);
    }

    /** The parameter types after binding (inferred where they were unknown; text where nothing said). */
    public List<PgType> parameterTypes() {
        List<PgType> out = new ArrayList<>();
        for (PgType t : parameterTypes) {
            out.add(Types.isUnknown(t) ? PgType.TEXT : t);
        }
        return out;
    }

    public TypeRegistry types() {
        return types;
    }

    FunctionRegistry functionRegistry() {
        return functions;
    }

    // ---------------------------------------------------------------- queries

    /** A SELECT, VALUES or set operation, with its ORDER BY / LIMIT / OFFSET. */
    public Plan bindQuery(io.pgserve.sql.ast.Query q) {
        if (q.with() != null) {
            java.util.Map<String, Cte> frame = new java.util.LinkedHashMap<>();
            withs.addLast(frame);
            try {
                QueryBinding.bindWith(this, q.with(), frame);
                return bindQuery(new io.pgserve.sql.ast.Query(null, q.body(), q.orderBy(), q.limit(), q.offset(),
                        q.withTies(), q.locking(), q.location()));
            } finally {
                withs.removeLast();
            }
        }
        if (!q.locking().isEmpty()) {
            throw unsupported("FOR UPDATE/SHARE", q.locking().get(0).location());
        }
        if (q.withTies() && q.orderBy().isEmpty()) {
            throw PgException.builder(SqlState.SYNTAX_ERROR, "WITH TIES cannot be specified without ORDER BY "
                    + "clause").position(q.limit().location().position()).build();
        }
        if (q.body() instanceof Select s) {
            withTiesPending = q.withTies();
            return bindSelect(s, q.orderBy(), q.limit(), q.offset());
        }
        Plan body = bindBody(q.body());
        if (!q.orderBy().isEmpty()) {
            List<Plan.SortKey> keys = new ArrayList<>();
            for (SortItem item : q.orderBy()) {
                int col = outputColumnOf(item.expression(), body.columns(), null);
                if (col < 0) {
                    throw PgException.builder("42P10", "invalid UNION/INTERSECT/EXCEPT ORDER BY clause")
                            .detail("Only result column names can be used, not expressions or functions.")
                            .position(item.location().position()).build();
                }
                keys.add(sortKey(item, col));
            }
            body = new Plan.Sort(body, keys);
            if (q.withTies()) {
                return QueryBinding.limitWithTies(this, body, q.limit(), q.offset(), keys);
            }
        }
        return limit(body, q.limit(), q.offset());
    }

    /** Work done with some WITH queries in scope. */
    @FunctionalInterface
    public interface WithBody<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code body} (binding and executing a data-changing statement) with the WITH queries of {@code with}
     * (null: none) in scope, as {@code WITH ... INSERT/UPDATE/DELETE} has them.
     */
    public <T> T withQueries(WithClause with, WithBody<T> body) throws Exception {
        if (with == null) {
            return body.run();
        }
        java.util.Map<String, Cte> frame = new java.util.LinkedHashMap<>();
        withs.addLast(frame);
        try {
            QueryBinding.bindWith(this, with, frame);
            return body.run();
        } finally {
            withs.removeLast();
        }
    }

    /** A set operation's operand: a plain SELECT keeps its literals' unknown type for the set operation to resolve. */
    private Plan bindSetLeaf(QueryExpression body) {
        setOpLeafPending = body instanceof Select;
        try {
            return bindBody(body);
        } finally {
            setOpLeafPending = false;
        }
    }

    Plan bindBody(QueryExpression body) {
        if (body instanceof io.pgserve.sql.ast.Query q) {
            return bindQuery(q);
        }
        if (body instanceof Select s) {
            return bindSelect(s, List.of(), null, null);
        }
        if (body instanceof io.pgserve.sql.ast.Values v) {
            return bindValues(v);
        }
        SetOperation op = (SetOperation) body;
        Plan left = bindSetLeaf(op.left());
        Plan right = bindSetLeaf(op.right());
        String name = op.operator().name();
        if (left.columns().size() != right.columns().size()) {
            throw PgException.builder(SqlState.SYNTAX_ERROR, "each " + name + " query must have the same number of "
                    + "columns").position(positionOf(op.right())).build();
        }
        List<PgType> common = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            PgType a = left.columns().get(i).type();
            PgType b = right.columns().get(i).type();
            PgType t = Types.unified(a, b);
            if (t == null) {
                throw PgException.builder("42804", name + " types " + Types.displayName(a) + " and "
                        + Types.displayName(b) + " cannot be matched").position(positionOf(op.right())).build();
            }
            common.add(Types.isUnknown(t) ? PgType.TEXT : t);
        }
        left = QueryBinding.resolveUnknown(this, left, common);
        right = QueryBinding.resolveUnknown(this, right, common);
        left = coerceColumns(left, common);
        right = coerceColumns(right, common);
        List<Plan.OutColumn> cols = new ArrayList<>();
        for (int i = 0; i < common.size(); i++) {
            // the typmod only when both inputs have it (a coerced input has none)
            int mod = left.columns().get(i).typmod();
            cols.add(Plan.OutColumn.of(left.columns().get(i).name(), common.get(i),
                    right.columns().get(i).typmod() == mod ? mod : -1));
        }
        return new Plan.SetOp(Plan.SetOpKind.valueOf(name), op.all(), left, right, cols);
    }

    private static int positionOf(QueryExpression q) {
        return q.location().position();
    }

    Plan coerceColumns(Plan p, List<PgType> target) {
        boolean same = true;
        for (int i = 0; i < target.size(); i++) {
            same &= p.columns().get(i).type().equals(target.get(i));
        }
        if (same) {
            return p;
        }
        List<Expr> exprs = new ArrayList<>();
        List<Plan.OutColumn> cols = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            Plan.OutColumn c = p.columns().get(i);
            exprs.add(coerce(new Expr.Column(i, c.type(), c.name(), NodeLocation.UNKNOWN), target.get(i), 0));
            cols.add(c.type().equals(target.get(i)) ? c : Plan.OutColumn.of(c.name(), target.get(i)));
        }
        return new Plan.Project(p, exprs, cols);
    }

    private Plan bindValues(io.pgserve.sql.ast.Values v) {
        int n = v.rows().get(0).size();
        List<List<Expr>> rows = new ArrayList<>();
        Scope empty = new Scope(correlation);
        for (List<Expression> row : v.rows()) {
            if (row.size() != n) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length")
                        .position(row.get(0).location().position()).build();
            }
            List<Expr> exprs = new ArrayList<>();
            for (Expression e : row) {
                exprs.add(bind(e, new Ctx(empty, null, "VALUES")));
            }
            rows.add(exprs);
        }
        List<Plan.OutColumn> cols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PgType t = rows.get(0).get(i).type();
            for (int r = 1; r < rows.size(); r++) {
                PgType u = rows.get(r).get(i).type();
                PgType c = Types.unified(t, u);
                if (c == null) {
                    throw PgException.builder("42804", "VALUES types " + Types.displayName(t) + " and "
                            + Types.displayName(u) + " cannot be matched")
                            .position(v.rows().get(r).get(i).location().position()).build();
                }
                t = c;
            }
            if (Types.isUnknown(t)) {
                t = PgType.TEXT;
            }
            int mod = -2; // the typmod when every row has the same (PostgreSQL's select_common_typmod)
            for (int r = 0; r < rows.size(); r++) {
                Expr x = coerce(rows.get(r).get(i), t, v.rows().get(r).get(i).location().position());
                rows.get(r).set(i, x);
                int m = empty.typmod(x);
                mod = mod == -2 || mod == m ? m : -1;
            }
            cols.add(Plan.OutColumn.of("column" + (i + 1), t, mod));
        }
        return new Plan.ValuesRows(rows, cols);
    }

    /** A bound SELECT target: expression and output column. */
    private record Target(Expr expr, Plan.OutColumn column) {
    }

    private Plan bindSelect(Select s, List<SortItem> orderBy, Expression limit, Expression offset) {
        boolean withTies = withTiesPending;
        withTiesPending = false;
        boolean setOpLeaf = setOpLeafPending;
        setOpLeafPending = false;
        Scope scope = new Scope(correlation);
        List<Plan.SetCall> outerSetCalls = setCalls;
        setCalls = null;
        Plan input = bindFrom(s.from(), scope);
        if (s.where() != null) {
            input = QueryBinding.pushDown(input, bindCondition(s.where(), new Ctx(scope, null, "WHERE"), "WHERE"));
        }
        Windows.checkDefinitions(s.windows());
        Aggregates.Collector collector = new Aggregates.Collector(s.windows());
        List<Plan.Aggregate> aggs = collector.aggregates();
        Ctx ctx = new Ctx(scope, collector, null);
        // select list
        List<Target> targets = new ArrayList<>();
        List<Plan.SetCall> calls = new ArrayList<>();
        setCalls = calls;
        boolean outerUnknownTargets = unknownTargets;
        unknownTargets = setOpLeaf;
        try {
            for (SelectItem item : s.targets()) {
                expandTarget(item, ctx, targets);
            }
        } finally {
            setCalls = outerSetCalls;
            unknownTargets = outerUnknownTargets;
        }
        // GROUP BY: an input column, else an output column name, else an ordinal
        Aggregates.GroupBy groupBy = Aggregates.groupBy(s.groupBy(), s.groupByDistinct(),
                e -> bindGroupKey(e, scope, s.targets(), targets));
        List<Expr> keys = groupBy.keys();
        Expr having = s.having() == null ? null
                : bindCondition(s.having(), new Ctx(scope, collector, "HAVING"), "HAVING");
        // ORDER BY: an output column (by name or ordinal), or an expression of the input (a hidden column)
        List<Plan.SortKey> sortKeys = new ArrayList<>();
        List<Expr> junk = new ArrayList<>();
        List<Plan.OutColumn> outCols = targets.stream().map(Target::column).toList();
        for (SortItem item : orderBy) {
            int col = outputColumnOf(item.expression(), outCols, s.targets());
            if (col < 0) {
                Expr e = bind(item.expression(), ctx);
                for (int i = 0; i < targets.size() && col < 0; i++) {
                    if (targets.get(i).expr().equals(e)) {
                        col = i;
                    }
                }
                if (col < 0) {
                    if (s.distinct() && s.distinctOn().isEmpty()) {
                        throw PgException.builder("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear "
                                + "in select list").position(item.expression().location().position()).build();
                    }
                    col = targets.size() + junk.size();
                    junk.add(e);
                }
            }
            sortKeys.add(sortKey(item, col));
        }
        List<Integer> distinctOn = s.distinctOn().isEmpty() ? null
                : QueryBinding.distinctOn(this, s, ctx, targets.stream().map(Target::expr).toList(), outCols, junk,
                sortKeys, orderBy);
        List<Expr> projected = new ArrayList<>();
        targets.forEach(t -> projected.add(t.expr()));
        projected.addAll(junk);
        boolean grouped = !keys.isEmpty() || !aggs.isEmpty() || having != null || !groupBy.sets().isEmpty()
                || collector.grouping;
        if (grouped) {
            Aggregates.addFunctionallyDependent(groupBy, scope, projected, having, collector.windows());
            List<Plan.OutColumn> groupCols = new ArrayList<>();
            keys.forEach(k -> groupCols.add(Plan.OutColumn.of("?key?", k.type())));
            aggs.forEach(a -> groupCols.add(Plan.OutColumn.of("?agg?", a.type())));
            if (!groupBy.sets().isEmpty()) {
                groupCols.add(Plan.OutColumn.of("?set?", PgType.INT4));
            }
            input = new Plan.Group(input, keys, aggs, groupBy.sets(), groupCols);
            if (having != null) {
                input = new Plan.Filter(input, ungroup(having, groupBy, aggs.size(), scope));
            }
            projected.replaceAll(e -> ungroup(e, groupBy, aggs.size(), scope));
        }
        if (!collector.windows().isEmpty()) {
            input = Windows.plan(input, collector.windows(),
                    grouped ? e -> ungroup(e, groupBy, aggs.size(), scope) : null);
            int width = input.columns().size() - collector.windows().size();
            projected.replaceAll(e -> Windows.resolveRefs(e, width));
        }
        if (!calls.isEmpty()) {
            input = QueryBinding.projectSet(input, calls, grouped ? keys : null, projected);
        }
        List<Plan.OutColumn> projCols = new ArrayList<>(outCols);
        for (Expr j : junk) {
            projCols.add(Plan.OutColumn.of("?junk?", j.type()));
        }
        Plan plan = new Plan.Project(input, projected, projCols);
        if (!sortKeys.isEmpty()) {
            plan = new Plan.Sort(plan, sortKeys);
        }
        if (distinctOn != null) {
            plan = new Plan.DistinctOn(plan, distinctOn);
        }
        if (withTies && !junk.isEmpty()) { // ties compare the sort keys, hidden columns included
            plan = QueryBinding.limitWithTies(this, plan, limit, offset, sortKeys);
            withTies = false;
            limit = null;
            offset = null;
        }
        if (!junk.isEmpty()) {
            List<Expr> strip = new ArrayList<>();
            for (int i = 0; i < outCols.size(); i++) {
                strip.add(new Expr.Column(i, outCols.get(i).type(), outCols.get(i).name(), NodeLocation.UNKNOWN));
            }
            plan = new Plan.Project(plan, strip, outCols);
        }
        if (s.distinct() && distinctOn == null) {
            plan = new Plan.Distinct(plan);
        }
        if (withTies) {
            return QueryBinding.limitWithTies(this, plan, limit, offset, sortKeys);
        }
        return limit(plan, limit, offset);
    }

    private Expr bindGroupKey(Expression e, Scope scope, List<SelectItem> items, List<Target> targets) {
        if (e instanceof NumericLiteral n && n.isInteger()) {
            int i = Integer.parseInt(n.value());
            if (i < 1 || i > targets.size()) {
                throw PgException.builder("42P10", "GROUP BY position " + i + " is not in select list")
                        .position(e.location().position()).build();
            }
            return Aggregates.checkGroupKey(targets.get(i - 1).expr(), items.get(i - 1));
        }
        try {
            return bind(e, new Ctx(scope, null, "GROUP BY"));
        } catch (PgException ex) {
            if (ex.sqlState().equals(SqlState.UNDEFINED_COLUMN) && e instanceof ColumnRef c && c.names().size() == 1) {
                for (int i = 0; i < items.size() && i < targets.size(); i++) {
                    if (items.get(i).alias() != null && items.get(i).alias().value().equals(c.names().get(0).value())) {
                        return targets.get(i).expr();
                    }
                }
            }
            throw ex;
        }
    }

    /** Rewrites an expression over the input of a GROUP BY into one over its output (keys, then aggregates). */
    static Expr ungroup(Expr e, List<Expr> keys) {
        return ungroup(e, new Aggregates.GroupBy(keys, List.of()), 0, null);
    }

    /** Rewrites an expression over the input of a GROUP BY (with {@code aggregates} aggregates) over its output. */
    private static Expr ungroup(Expr e, Aggregates.GroupBy groupBy, int aggregates, Scope scope) {
        List<Expr> keys = groupBy.keys();
        return ExprTree.rewrite(e, x -> {
            if (x instanceof Aggregates.GroupingCall g) {
                return Aggregates.groupingValue(g, keys, groupBy.sets(), keys.size() + aggregates);
            }
            int k = keys.indexOf(x);
            if (k >= 0) {
                return new Expr.Column(k, x.type(), "?key?", NodeLocation.UNKNOWN);
            }
            if (x instanceof AggRef a) {
                return new Expr.Column(keys.size() + a.index(), a.type(), "?agg?", NodeLocation.UNKNOWN);
            }
            if (x instanceof Expr.Column c) {
                throw PgException.builder("42803", "column \"" + Aggregates.qualifiedName(c, scope)
                        + "\" must appear in the GROUP BY clause "
                        + "or be used in an aggregate function").position(c.location().position()).build();
            }
            return null;
        });
    }

    /** A reference to the {@code index}th aggregate of a grouped SELECT, replaced when the plan is grouped. */
    record AggRef(int index, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            throw new IllegalStateException("aggregate outside of a grouped plan");
        }
    }

    int outputColumnOf(Expression e, List<Plan.OutColumn> cols, List<SelectItem> items) {
        if (e instanceof NumericLiteral n && n.isInteger()) {
            int i = Integer.parseInt(n.value());
            if (i < 1 || i > cols.size()) {
                throw PgException.builder("42P10", "ORDER BY position " + i + " is not in select list")
                        .position(e.location().position()).build();
            }
            return i - 1;
        }
        if (e instanceof ColumnRef c && c.names().size() == 1 && !c.star()) {
            String name = c.names().get(0).value();
            int found = -1;
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).name().equals(name)) {
                    if (found >= 0 && items == null) {
                        throw PgException.builder("42702", "ORDER BY \"" + name + "\" is ambiguous")
                                .position(e.location().position()).build();
                    }
                    if (found < 0) {
                        found = i;
                    }
                }
            }
            return found;
        }
        return -1;
    }

    static Plan.SortKey sortKey(SortItem item, int col) {
        if (item.direction() == SortItem.Direction.USING) {
            throw unsupported("ORDER BY USING", item.location());
        }
        boolean desc = item.direction() == SortItem.Direction.DESC;
        boolean nullsFirst = item.nulls() == SortItem.Nulls.DEFAULT ? desc : item.nulls() == SortItem.Nulls.FIRST;
        return new Plan.SortKey(col, desc, nullsFirst);
    }

    Plan limit(Plan plan, Expression limit, Expression offset) {
        if (limit == null && offset == null) {
            return plan;
        }
        Ctx ctx = new Ctx(new Scope(), null, "LIMIT");
        Expr l = limit == null || limit instanceof NullLiteral ? null : coerce(bind(limit, ctx), PgType.INT8,
                limit.location().position());
        Expr o = offset == null ? null : coerce(bind(offset, new Ctx(new Scope(), null, "OFFSET")), PgType.INT8,
                offset.location().position());
        return new Plan.Limit(plan, l, o);
    }

    private void expandTarget(SelectItem item, Ctx ctx, List<Target> out) {
        Expression e = item.expression();
        if (e instanceof ColumnRef c && c.star()) {
            List<Scope.Rel> rels;
            if (c.names().isEmpty()) {
                if (ctx.scope.rels.isEmpty()) {
                    throw PgException.builder(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid")
                            .position(e.location().position()).build();
                }
                rels = ctx.scope.rels;
            } else {
                rels = List.of(ctx.scope.relation(names(c.names()), c.location()));
            }
            for (Scope.Rel r : rels) {
                for (int i = 0; i < r.columnNames.size(); i++) {
                    if (c.names().isEmpty() && r.hidden.contains(r.columnNames.get(i))) {
                        continue;
                    }
                    Expr.Column col = ctx.scope.column(r, i, e.location());
                    out.add(new Target(col, new Plan.OutColumn(r.columnNames.get(i), col.type(), r.tableOid,
                            r.tableOid == 0 ? 0 : (short) (i + 1), ctx.scope.typmod(col))));
                }
            }
            return;
        }
        if (e instanceof Indirection ind && ind.steps().get(ind.steps().size() - 1) instanceof IndirectionStep.Star) {
            Expr row = ind.steps().size() == 1 ? bind(ind.base(), ctx) : bind(new Indirection(ind.base(),
                    ind.steps().subList(0, ind.steps().size() - 1), ind.location()), ctx);
            Composite.Shape shape = Composite.shapeOf(row.type());
            if (shape == null) {
                Composite.field(row, "*", ind.location().position()); // 42809 or 42703, as PostgreSQL says
            }
            for (String field : shape.names()) {
                Expr f = Composite.field(row, field, ind.location().position());
                out.add(new Target(f, Plan.OutColumn.of(field, f.type(), ctx.scope.typmod(f))));
            }
            return;
        }
        Expr x = bind(e, ctx);
        if (Types.isUnknown(x.type()) && !unknownTargets) {
            x = coerce(x, PgType.TEXT, 0);
        }
        String name = item.alias() != null ? item.alias().value() : figureName(e);
        if (item.alias() == null && e instanceof SubqueryExpr && x instanceof Subqueries.Scalar sub) {
            name = sub.plan().columns().get(0).name(); // PostgreSQL names it after the sub-SELECT's column
        }
        int oid = 0;
        short attnum = 0;
        if (x instanceof Expr.Column col && item.alias() == null) {
            for (Scope.Rel r : ctx.scope.rels) {
                int i = col.index() - r.offset;
                if (i >= 0 && i < r.columnNames.size() && r.tableOid != 0) {
                    oid = r.tableOid;
                    attnum = (short) (i + 1);
                }
            }
        }
        out.add(new Target(x, new Plan.OutColumn(name == null ? "?column?" : name, x.type(), oid, attnum,
                ctx.scope.typmod(x))));
    }

    /** PostgreSQL's FigureColname: the name of a result column without alias, or null for "?column?". */
    static String figureName(Expression e) {
        return io.pgserve.sql.ColumnNames.figure(e);
    }

    // ---------------------------------------------------------------- FROM

    Plan bindFrom(List<TableRef> from, Scope scope) {
        if (from.isEmpty()) {
            return new Plan.ValuesRows(List.of(List.of()), List.of());
        }
        Plan plan = null;
        int base = scope.width; // not 0 for UPDATE ... FROM, whose scope starts with the target table
        for (TableRef ref : from) {
            Plan p = bindTableRef(ref, scope);
            if (p instanceof Plan.Lateral l) {
                Plan left = plan == null ? new Plan.ValuesRows(List.of(List.of()), List.of()) : plan;
                List<Expr> args = new ArrayList<>();
                for (Expr a : l.args()) {
                    if (ExprTree.columns(a).nextSetBit(0) >= 0 && ExprTree.columns(a).nextSetBit(0) < base) {
                        throw unsupported("a LATERAL reference to the target table", ref.location());
                    }
                    args.add(ExprTree.shift(a, -base));
                }
                plan = new Plan.LateralJoin(Plan.JoinType.CROSS, left, l.input(), args, null,
                        concatColumns(left, l.input()));
            } else {
                plan = plan == null ? p : join(Plan.JoinType.CROSS, plan, p, null);
            }
        }
        return plan;
    }

    static List<Plan.OutColumn> concatColumns(Plan left, Plan right) {
        List<Plan.OutColumn> cols = new ArrayList<>(left.columns());
        cols.addAll(right.columns());
        return cols;
    }

    private static Plan join(Plan.JoinType type, Plan left, Plan right, Expr condition) {
        return new Plan.Join(type, left, right, condition, concatColumns(left, right));
    }

    private Plan bindTableRef(TableRef ref, Scope scope) {
        SubqueryTable view = ref instanceof TableName t ? Views.asSubquery(catalog, searchPath, t) : null;
        if (view != null) {
            return bindTableRef(view, scope); // a view: its stored query
        }
        if (ref instanceof TableName t) {
            Cte cte = t.name().size() == 1 ? findCte(t.name().get(0).value()) : null;
            if (cte != null) {
                return QueryBinding.cteRef(cte, t, scope);
            }
            Table table = resolveTable(t.name(), t.location());
            List<Plan.OutColumn> cols = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<PgType> ctypes = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                TableColumn c = table.columns().get(i);
                cols.add(new Plan.OutColumn(c.name(), c.type(), table.oid(), (short) (i + 1), c.typeModifier()));
                names.add(c.name());
                ctypes.add(c.type());
            }
            boolean[] used = new boolean[cols.size()];
            String alias = t.alias() == null ? table.name() : t.alias().name().value();
            if (t.alias() != null) {
                rename(names, t.alias());
            }
            Scope.Rel rel = scope.add(alias, t.alias() == null ? table.schema() : null, names, ctypes, used,
                    table.oid());
            rel.primaryKey = Aggregates.primaryKey(table);
            rel.rowNames = cols.stream().map(Plan.OutColumn::name).toList();
            Scope.typmods(rel, cols);
            return new Plan.Scan(table, cols, used, false);
        }
        if (ref instanceof SubqueryTable sq) {
            // a LATERAL one sees the FROM items before it; any other only the enclosing query levels
            Scope.Correlation saved = correlation;
            Scope.Correlation lateral = sq.lateral() ? new Scope.Correlation(scope) : null;
            Plan p;
            try {
                if (lateral != null) {
                    correlation = lateral;
                }
                p = bindQuery(sq.query());
            } finally {
                correlation = saved;
            }
            List<String> names = new ArrayList<>();
            List<PgType> ctypes = new ArrayList<>();
            for (Plan.OutColumn c : p.columns()) {
                names.add(c.name());
                ctypes.add(c.type());
            }
            String alias = sq.alias() == null ? "unnamed_subquery" : sq.alias().name().value();
            if (sq.alias() != null) {
                rename(names, sq.alias());
            }
            Scope.typmods(scope.add(alias, null, names, ctypes, null, 0), p.columns());
            return lateral == null || lateral.args.isEmpty() ? p : new Plan.Lateral(p, lateral.args);
        }
        if (ref instanceof FunctionTable ft) {
            return QueryBinding.functionTable(this, ft, scope);
        }
        Join j = (Join) ref;
        int leftStart = scope.rels.size();
        int base = scope.width;
        Plan left = bindTableRef(j.left(), scope);
        int rightStart = scope.rels.size();
        Plan right = bindTableRef(j.right(), scope);
        Plan.JoinType type = switch (j.type()) {
            case INNER -> Plan.JoinType.INNER;
            case LEFT -> Plan.JoinType.LEFT;
            case RIGHT -> Plan.JoinType.RIGHT;
            case FULL -> Plan.JoinType.FULL;
            default -> Plan.JoinType.CROSS;
        };
        List<String> using = new ArrayList<>(names(j.using()));
        if (j.natural()) {
            for (int r = leftStart; r < rightStart; r++) {
                Scope.Rel rel = scope.rels.get(r);
                for (String n : rel.columnNames) {
                    if (rel.hidden.contains(n)) {
                        continue;
                    }
                    for (int q = rightStart; q < scope.rels.size(); q++) {
                        Scope.Rel rr = scope.rels.get(q);
                        if (rr.columnNames.contains(n) && !rr.hidden.contains(n) && !using.contains(n)) {
                            using.add(n);
                        }
                    }
                }
            }
        }
        Expr condition = null;
        List<Expr> merged = new ArrayList<>();
        if (!using.isEmpty()) {
            List<Expr> conj = new ArrayList<>();
            for (String n : using) {
                Expr l = findIn(scope, leftStart, rightStart, n, j.location(), "left");
                Expr r = findIn(scope, rightStart, scope.rels.size(), n, j.location(), "right");
                Expr eq = compare(Expr.CmpOp.EQ, l, r, "=", j.location().position());
                conj.add(eq);
                Expr.Compare c = (Expr.Compare) eq;
                merged.add(switch (type) {
                    case RIGHT -> c.right();
                    case FULL -> new Expr.Coalesce(List.of(c.left(), c.right()), c.left().type());
                    default -> c.left();
                });
            }
            condition = conj.size() == 1 ? conj.get(0) : new Expr.And(conj);
        } else if (j.on() != null) {
            condition = bindCondition(j.on(), new Ctx(scope, null, "JOIN/ON"), "JOIN/ON");
        }
        if (type == Plan.JoinType.CROSS && condition != null) {
            type = Plan.JoinType.INNER;
        }
        return QueryBinding.join(j, type, left, right, condition, using, merged, scope, leftStart, base);
    }

    /** The WITH query of that name in scope, or null. */
    Cte findCte(String name) {
        for (java.util.Iterator<java.util.Map<String, Cte>> it = withs.descendingIterator(); it.hasNext(); ) {
            Cte c = it.next().get(name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Binds a sub-SELECT as a new query level; its outer references land in {@code level}. */
    Plan bindSubquery(io.pgserve.sql.ast.Query q, Scope.Correlation level) {
        Scope.Correlation saved = correlation;
        correlation = level;
        try {
            return bindQuery(q);
        } finally {
            correlation = saved;
        }
    }

    /** The set-returning calls of the select list being bound, or null where none is allowed. */
    List<Plan.SetCall> setCalls() {
        return setCalls;
    }

    private static Expr findIn(Scope scope, int from, int to, String name, NodeLocation loc, String side) {
        for (int r = from; r < to; r++) {
            Scope.Rel rel = scope.rels.get(r);
            int i = rel.columnNames.indexOf(name);
            if (i >= 0 && !rel.hidden.contains(name)) {
                return scope.column(rel, i, loc);
            }
        }
        throw PgException.builder(SqlState.UNDEFINED_COLUMN, "column \"" + name
                + "\" specified in USING clause does not exist in " + side + " table")
                .position(loc.position()).build();
    }

    static void rename(List<String> names, Alias alias) {
        for (int i = 0; i < alias.columns().size() && i < names.size(); i++) {
            names.set(i, alias.columns().get(i).value());
        }
    }

    /** Resolves a table name along the search_path; 42P01 when missing. */
    public Table resolveTable(List<Identifier> name, NodeLocation loc) {
        List<String> n = names(name);
        if (n.size() > 3) {
            throw PgException.builder(SqlState.SYNTAX_ERROR, "improper relation name (too many dotted names): "
                    + String.join(".", n)).position(loc.position()).build();
        }
        Table t = null;
        if (n.size() >= 2) {
            String schema = n.get(n.size() - 2);
            // a missing schema is a missing relation (42P01), as in PostgreSQL
            t = catalog.schemaExists(schema) ? catalog.table(schema, n.get(n.size() - 1)) : null;
        } else {
            for (String schema : searchPath) {
                t = catalog.table(schema, n.get(0));
                if (t != null) {
                    break;
                }
            }
        }
        if (t == null) {
            throw PgException.builder(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", n)
                    + "\" does not exist").position(loc.position()).build();
        }
        return t;
    }

    static List<String> names(List<Identifier> ids) {
        List<String> out = new ArrayList<>(ids.size());
        ids.forEach(i -> out.add(i.value()));
        return out;
    }

    // ---------------------------------------------------------------- expressions

    /** Binding context: the scope, where aggregates go (null: not allowed here), and the clause for messages. */
    public record Ctx(Scope scope, Aggregates.Collector aggregates, String clause) {
    }

    /** Binds an expression over one table's row (for UPDATE/DELETE/INSERT ... RETURNING and defaults). */
    public Ctx tableContext(Table table, String alias, boolean[] used) {
        Scope scope = new Scope();
        List<String> names = new ArrayList<>();
        List<PgType> ctypes = new ArrayList<>();
        List<Plan.OutColumn> cols = new ArrayList<>();
        table.columns().forEach(c -> {
            names.add(c.name());
            ctypes.add(c.type());
            cols.add(Plan.OutColumn.of(c.name(), c.type(), c.typeModifier()));
        });
        Scope.typmods(scope.add(alias == null ? table.name() : alias, alias == null ? table.schema() : null, names,
                ctypes, used, table.oid()), cols);
        return new Ctx(scope, null, null);
    }

    /** Binds a condition: its type must be boolean (42804 otherwise). */
    public Expr bindCondition(Expression e, Ctx ctx, String clause) {
        Expr x = bind(e, ctx);
        return toBoolean(x, clause, e.location().position());
    }

    private Expr toBoolean(Expr x, String clause, int pos) {
        if (Types.isUnknown(x.type())) {
            return coerce(x, PgType.BOOL, pos);
        }
        if (!x.type().equals(PgType.BOOL)) {
            throw PgException.builder("42804", "argument of " + clause + " must be type boolean, not type "
                    + Types.displayName(x.type())).position(pos).build();
        }
        return x;
    }

    public Expr bind(Expression e, Ctx ctx) {
        int pos = e.location().position();
        if (e instanceof ColumnRef c) {
            if (c.star()) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "row expansion via \"*\" is not supported here")
                        .position(pos).build();
            }
            return columnOrWholeRow(c, ctx);
        }
        if (e instanceof NumericLiteral n) {
            return numericLiteral(n);
        }
        if (e instanceof StringLiteral s) {
            return new Expr.Const(s.value(), PgType.UNKNOWN);
        }
        if (e instanceof BooleanLiteral b) {
            return new Expr.Const(b.value(), PgType.BOOL);
        }
        if (e instanceof NullLiteral) {
            return new Expr.Const(null, PgType.UNKNOWN);
        }
        if (e instanceof Parameter p) {
            int i = p.index() - 1;
            if (i < 0 || i >= parameterTypes.length) {
                throw PgException.builder("42P02", "there is no parameter $" + p.index()).position(pos).build();
            }
            PgType t = parameterTypes[i];
            // a text parameter may be the server's default for an unspecified type: it resolves like a literal
            return new Expr.Param(i, t.equals(PgType.TEXT) ? PgType.UNKNOWN : t);
        }
        if (e instanceof TypeCast t) {
            String alias = CatalogFunctions.oidAlias(names(t.type().names()));
            if (alias != null && t.type().arrayBounds().isEmpty()) {
                // text and OIDs become an OID alias type through its input function (a catalog lookup)
                Expr arg = bind(t.operand(), ctx);
                if (arg.type().name().equals(alias)) {
                    return arg;
                }
                if (Types.isString(arg.type()) || Types.isUnknown(arg.type())) {
                    return resolveFunction(alias + "in", List.of(coerce(arg, PgType.TEXT, pos)), pos);
                }
                if (!Casts.castable(arg.type(), PgType.OID)) {
                    throw PgException.builder("42846", "cannot cast type " + Types.displayName(arg.type()) + " to "
                            + alias).position(pos).build();
                }
                Expr oid = coerce(arg, PgType.OID, t.operand().location().position());
                return resolveFunction(alias + "in", List.of(new Expr.Cast(oid, PgType.TEXT)), pos);
            }
            PgType target = resolveType(t.type());
            Expr arg = t.operand() instanceof ArrayConstructor a && target.isArray()
                    ? ArrayBinding.constructor(this, a, ctx, target) : bind(t.operand(), ctx);
            if (!Casts.castable(arg.type(), target)) {
                throw PgException.builder("42846", "cannot cast type " + Types.displayName(arg.type()) + " to "
                        + Types.displayName(target)).position(pos).build();
            }
            Expr cast = coerce(arg, target, t.operand().location().position());
            if (!t.type().modifiers().isEmpty()) {
                Expr fitted = Casts.withTypmod(cast, typmods(t.type()), pos);
                return new Expr.Typmod(fitted, Ddl.typmod(target, t.type()));
            }
            // a cast to the same type without modifier drops the operand's: v::varchar is plain varchar
            return cast == arg && !arg.isConstant() ? new Expr.Typmod(cast, -1) : cast;
        }
        if (e instanceof BinaryOp b) {
            return binaryOp(b, ctx);
        }
        if (e instanceof UnaryOp u) {
            Expr arg = bind(u.operand(), ctx);
            String op = u.operator().symbol();
            checkOperatorSchema(u.operator(), pos);
            if (Types.isNumeric(arg.type()) && (op.equals("-") || op.equals("+"))) {
                return op.equals("+") ? arg : new Expr.Negate(arg, arg.type());
            }
            return tableOperator(op, null, arg, pos);
        }
        if (e instanceof LogicalExpr l) {
            List<Expr> args = new ArrayList<>();
            for (Expression o : l.operands()) {
                args.add(bindCondition(o, ctx, l.operator().name()));
            }
            return l.operator() == LogicalExpr.Operator.AND ? new Expr.And(args) : new Expr.Or(args);
        }
        if (e instanceof NotExpr n) {
            return new Expr.Not(bindCondition(n.operand(), ctx, "NOT"));
        }
        Expr sub = QueryBinding.subquery(this, e, ctx);
        if (sub != null) {
            return sub;
        }
        if (e instanceof NullTest n) {
            Expr arg = bind(n.operand(), ctx);
            return Composite.isRecord(arg.type()) ? new Composite.RowNullTest(arg, n.negated())
                    : new Expr.IsNull(arg, n.negated());
        }
        if (e instanceof RowConstructor r) {
            return rowConstructor(r, ctx);
        }
        if (e instanceof BooleanTest b) {
            Expr arg = bindCondition(b.operand(), ctx, "IS " + b.value().name());
            Boolean v = switch (b.value()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case UNKNOWN -> null;
            };
            return new Expr.BoolTest(arg, v, b.negated());
        }
        if (e instanceof DistinctFrom d) {
            Expr l = bind(d.left(), ctx);
            Expr r = bind(d.right(), ctx);
            PgType t = comparisonType(l.type(), r.type(), "=", pos);
            return new Expr.DistinctFrom(coerce(l, t, pos), coerce(r, t, pos), d.negated());
        }
        if (e instanceof Between b) {
            Expr x = bind(b.operand(), ctx);
            Expr lo = bind(b.lower(), ctx);
            Expr hi = bind(b.upper(), ctx);
            Expr r = new Expr.And(List.of(compare(Expr.CmpOp.LE, lo, x, "<=", pos),
                    compare(Expr.CmpOp.LE, x, hi, "<=", pos)));
            if (b.symmetric()) {
                r = new Expr.Or(List.of(r, new Expr.And(List.of(compare(Expr.CmpOp.LE, hi, x, "<=", pos),
                        compare(Expr.CmpOp.LE, x, lo, "<=", pos)))));
            }
            return b.negated() ? new Expr.Not(r) : r;
        }
        if (e instanceof InList in && in.operand() instanceof RowConstructor row
                && in.values().stream().allMatch(v -> v instanceof RowConstructor)) {
            // (a, b) IN ((1, 2), (3, 4)): (a, b) = (1, 2) OR (a, b) = (3, 4)
            List<Expr> tests = new ArrayList<>();
            for (Expression v : in.values()) {
                tests.add(rowComparison("=", row, (RowConstructor) v, ctx, pos));
            }
            Expr any = tests.size() == 1 ? tests.get(0) : new Expr.Or(tests);
            return in.negated() ? new Expr.Not(any) : any;
        }
        if (e instanceof InList in) {
            Expr x = bind(in.operand(), ctx);
            List<Expr> values = new ArrayList<>();
            PgType t = x.type();
            for (Expression v : in.values()) {
                Expr bv = bind(v, ctx);
                values.add(bv);
                t = comparisonType(t, bv.type(), "=", pos);
            }
            final PgType common = t;
            values.replaceAll(v -> coerce(v, common, pos));
            return new Expr.In(coerce(x, common, pos), values, in.negated());
        }
        if (e instanceof Like l) {
            Expr x = bind(l.operand(), ctx);
            Expr p = bind(l.pattern(), ctx);
            if (l.kind() == Like.Kind.SIMILAR_TO) {
                // x SIMILAR TO p [ESCAPE e] is x ~ similar_to_escape(p [, e])
                List<Expr> args = new ArrayList<>(List.of(p));
                if (l.escape() != null) {
                    args.add(bind(l.escape(), ctx));
                }
                Expr re = resolveFunction("similar_to_escape", args, pos);
                Expr m = tableOperator("~", x, re, pos);
                return l.negated() ? new Expr.Not(m) : m;
            }
            String op = l.kind() == Like.Kind.LIKE ? "~~" : "~~*";
            if (!(Types.isString(x.type()) || Types.isUnknown(x.type()))
                    || !(Types.isString(p.type()) || Types.isUnknown(p.type()))) {
                throw noOperator(l.negated() ? "!" + op : op, x.type(), p.type(), pos);
            }
            Expr esc = l.escape() == null ? null : coerce(bind(l.escape(), ctx), PgType.TEXT, pos);
            return new Expr.Like(coerce(x, PgType.TEXT, pos), coerce(p, PgType.TEXT, pos), esc,
                    l.kind() == Like.Kind.ILIKE, l.negated());
        }
        if (e instanceof CaseExpr c) {
            return caseExpr(c, ctx);
        }
        if (e instanceof CoalesceExpr c) {
            List<Expr> args = bindAll(c.arguments(), ctx);
            PgType t = commonType(args, c.arguments(), "COALESCE");
            args.replaceAll(a -> coerce(a, t, pos));
            return new Expr.Coalesce(args, t);
        }
        if (e instanceof NullIfExpr n) {
            Expr l = bind(n.left(), ctx);
            Expr r = bind(n.right(), ctx);
            PgType t = comparisonType(l.type(), r.type(), "=", pos);
            return new Expr.NullIf(coerce(l, t, pos), coerce(r, t, pos), t);
        }
        if (e instanceof MinMaxExpr m) {
            List<Expr> args = bindAll(m.arguments(), ctx);
            String what = m.kind() == MinMaxExpr.Kind.GREATEST ? "GREATEST" : "LEAST";
            PgType t = commonType(args, m.arguments(), what);
            args.replaceAll(a -> coerce(a, t, pos));
            return new Expr.MinMax(m.kind() == MinMaxExpr.Kind.GREATEST, args, t);
        }
        if (e instanceof SqlValueFunction f) {
            return sqlValueFunction(f, ctx);
        }
        if (e instanceof FunctionCall f) {
            return functionCall(f, ctx);
        }
        if (e instanceof CollateExpr c) {
            return bind(c.operand(), ctx);
        }
        if (e instanceof GroupingFunc g) {
            return Aggregates.bindGrouping(this, g, ctx);
        }
        if (e instanceof ArrayConstructor a) {
            return ArrayBinding.constructor(this, a, ctx, null);
        }
        if (e instanceof Indirection ind) {
            return indirection(ind, ctx);
        }
        if (e instanceof QuantifiedComparison q && !(q.right() instanceof SubqueryExpr)) {
            return ArrayBinding.quantified(this, q, ctx);
        }
        throw unsupported(e.getClass().getSimpleName(), e.location());
    }

    /** A column, else (one name that no column has) the whole row of the FROM item so named, as a record. */
    private Expr columnOrWholeRow(ColumnRef c, Ctx ctx) {
        try {
            return ctx.scope.resolve(names(c.names()), c.location());
        } catch (PgException ex) {
            Scope.Rel rel = c.names().size() == 1 && ex.sqlState().equals(SqlState.UNDEFINED_COLUMN)
                    ? ctx.scope.wholeRow(c.names().get(0).value(), c.location()) : null;
            if (rel == null) {
                throw ex;
            }
            return wholeRow(rel, ctx.scope, c.location());
        }
    }

    private static Expr wholeRow(Scope.Rel rel, Scope scope, NodeLocation loc) {
        List<Expr> fields = new ArrayList<>();
        for (int i = 0; i < rel.columnNames.size(); i++) {
            fields.add(scope.column(rel, i, loc));
        }
        return Composite.makeRow(rel.rowNames == null ? rel.columnNames : rel.rowNames, fields);
    }

    /** {@code ROW(a, b, t.*)}: fields named f1, f2...; {@code t.*} gives t's columns. */
    private Expr rowConstructor(RowConstructor r, Ctx ctx) {
        List<Expr> fields = new ArrayList<>();
        for (Expression f : r.fields()) {
            if (f instanceof ColumnRef c && c.star() && !c.names().isEmpty()) {
                Scope.Rel rel = ctx.scope.relation(names(c.names()), c.location());
                for (int i = 0; i < rel.columnNames.size(); i++) {
                    fields.add(ctx.scope.column(rel, i, c.location()));
                }
                continue;
            }
            fields.add(bind(f, ctx)); // a literal field stays unknown, as in PostgreSQL
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= fields.size(); i++) {
            names.add("f" + i);
        }
        return Composite.makeRow(names, fields);
    }

    /**
     * {@code base[...]} and {@code (base).field} steps in order; {@code (t).c} of a FROM item t is its column c.
     * A trailing {@code .*} is only valid in a select list (see {@link #expandTarget}).
     */
    private Expr indirection(Indirection ind, Ctx ctx) {
        List<IndirectionStep> steps = ind.steps();
        if (steps.stream().allMatch(s -> s instanceof IndirectionStep.Subscript)) {
            return ArrayBinding.indirection(this, ind, ctx);
        }
        Expr base;
        int k = 0;
        if (ind.base() instanceof ColumnRef c && !c.star() && c.names().size() == 1
                && steps.get(0) instanceof IndirectionStep.Field f
                && ctx.scope.wholeRow(c.names().get(0).value(), c.location()) != null) {
            base = ctx.scope.resolve(List.of(c.names().get(0).value(), f.name().value()), c.location());
            k = 1;
        } else {
            base = bind(ind.base(), ctx);
        }
        for (; k < steps.size(); k++) {
            IndirectionStep step = steps.get(k);
            if (step instanceof IndirectionStep.Field f) {
                base = Composite.field(base, f.name().value(), ind.location().position());
            } else if (step instanceof IndirectionStep.Star) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "row expansion via \"*\" is not supported here")
                        .position(step.location().position()).build();
            } else {
                int from = k;
                while (k + 1 < steps.size() && steps.get(k + 1) instanceof IndirectionStep.Subscript) {
                    k++;
                }
                base = ArrayBinding.subscripts(this, base, steps.subList(from, k + 1), ctx, ind);
            }
        }
        return base;
    }

    private List<Expr> bindAll(List<Expression> es, Ctx ctx) {
        List<Expr> out = new ArrayList<>();
        es.forEach(x -> out.add(bind(x, ctx)));
        return out;
    }

    private PgType commonType(List<Expr> args, List<Expression> asts, String what) {
        PgType t = args.get(0).type();
        for (int i = 1; i < args.size(); i++) {
            PgType u = args.get(i).type();
            PgType c = Types.unified(t, u);
            if (c == null) {
                throw PgException.builder("42804", what + " types " + Types.displayName(t) + " and "
                        + Types.displayName(u) + " cannot be matched").position(asts.get(i).location().position())
                        .build();
            }
            t = c;
        }
        return Types.isUnknown(t) ? PgType.TEXT : t;
    }

    private Expr caseExpr(CaseExpr c, Ctx ctx) {
        Expr operand = c.operand() == null ? null : bind(c.operand(), ctx);
        List<Expr> results = new ArrayList<>();
        List<Expression> resultAsts = new ArrayList<>();
        List<Expr> conditions = new ArrayList<>();
        for (WhenClause w : c.whens()) {
            if (operand == null) {
                conditions.add(bindCondition(w.condition(), ctx, "CASE/WHEN"));
            } else {
                conditions.add(compare(Expr.CmpOp.EQ, operand, bind(w.condition(), ctx), "=",
                        w.condition().location().position()));
            }
            results.add(bind(w.result(), ctx));
            resultAsts.add(w.result());
        }
        if (c.elseResult() != null) {
            results.add(bind(c.elseResult(), ctx));
            resultAsts.add(c.elseResult());
        }
        PgType t = commonType(results, resultAsts, "CASE");
        List<Expr.When> whens = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            whens.add(new Expr.When(conditions.get(i), coerce(results.get(i), t, resultAsts.get(i).location()
                    .position())));
        }
        Expr otherwise = c.elseResult() == null ? null
                : coerce(results.get(results.size() - 1), t, c.elseResult().location().position());
        return new Expr.Case(whens, otherwise, t);
    }

    private Expr sqlValueFunction(SqlValueFunction f, Ctx ctx) {
        String fn = switch (f.kind()) {
            case CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP -> "now";
            case CURRENT_ROLE, CURRENT_USER, SESSION_USER, USER -> "current_user";
            case CURRENT_CATALOG -> "current_database";
            case CURRENT_SCHEMA -> "current_schema";
        };
        Expr call = resolveFunction(fn, List.of(), f.location().position());
        return switch (f.kind()) {
            case CURRENT_DATE -> new Expr.Cast(call, PgType.DATE);
            case CURRENT_TIME -> new Expr.Cast(call, PgType.TIMETZ);
            case LOCALTIME -> new Expr.Cast(new Expr.Cast(call, PgType.TIMESTAMP), PgType.TIME);
            case LOCALTIMESTAMP -> new Expr.Cast(call, PgType.TIMESTAMP);
            default -> call;
        };
    }

    private Expr functionCall(FunctionCall f, Ctx ctx) {
        int pos = f.location().position();
        String name = f.name().get(f.name().size() - 1).value();
        if (f.name().size() > 1 && !f.name().get(0).value().equals("pg_catalog")) {
            String qualified = qualifiedName(f);
            if (qualified == null) {
                throw PgException.builder("3F000", "schema \"" + f.name().get(0).value() + "\" does not exist")
                        .position(pos).build();
            }
            name = qualified;
        }
        if (f.over() != null) {
            return Windows.bindCall(this, functions, f, ctx);
        }
        if (!functions.lookupAggregate(name).isEmpty() || !f.withinGroup().isEmpty()) {
            return Aggregates.bindCall(this, functions, f, ctx);
        }
        if (Windows.kindOf(name) != null) {
            throw PgException.builder("42809", "window function " + name + " requires an OVER clause")
                    .position(pos).build();
        }
        Expr rowJson = wholeRowJsonb(name, f, ctx);
        if (rowJson != null) {
            return rowJson;
        }
        List<Expr> args = new ArrayList<>();
        List<String> parameterNames = DateTimeFunctions.parameterNames(name);
        for (FunctionArgument a : f.arguments()) {
            if (a.name() != null) {
                if (parameterNames == null) {
                    throw unsupported("named arguments", a.location());
                }
                // make_interval(days => 10): the named parameters in place, the others at their default 0
                int at = parameterNames.indexOf(a.name().value());
                if (at < 0) {
                    throw PgException.builder(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + a.name()
                            .value() + " => " + "unknown) does not exist").hint("No function matches the given "
                            + "name and argument types. " + CAST_HINT).position(pos).build();
                }
                while (args.size() <= at) {
                    args.add(new Expr.Const(0, PgType.INT4));
                }
                args.set(at, bind(a.value(), ctx));
                continue;
            }
            args.add(bind(a.value(), ctx));
        }
        List<io.pgserve.engine.TableFunctionRegistry.TableFunction> sets = functions.tableFunctions().lookup(name);
        if (!sets.isEmpty()) {
            Aggregates.checkNotAggregateSyntax(f);
            return QueryBinding.setReturning(this, name, sets, args, ctx, pos);
        }
        Expr call = resolveFunction(name, args, pos);
        Aggregates.checkNotAggregateSyntax(f);
        return call;
    }

    /**
     * The registry name of a function called with a schema other than pg_catalog: {@code information_schema.f} for
     * the functions registered under that name (information_schema._pg_expandarray); null when there is none.
     */
    String qualifiedName(FunctionCall f) {
        if (f.name().size() != 2 || !f.name().get(0).value().equals("information_schema")) {
            return null;
        }
        String q = "information_schema." + f.name().get(1).value();
        return functions.tableFunctions().lookup(q).isEmpty() && functions.lookup(q).isEmpty() ? null : q;
    }

    /**
     * {@code to_jsonb(d)} of a FROM item {@code d} (a whole-row reference): the object of its columns by name, as
     * {@code jsonb_build_object('c1', d.c1, ...)}; null when the call is no such one. (Other whole-row uses need
     * composite values, which the engine does not have.)
     */
    private Expr wholeRowJsonb(String name, FunctionCall f, Ctx ctx) {
        if (!name.equals("to_jsonb") || f.arguments().size() != 1 || f.arguments().get(0).name() != null
                || !(f.arguments().get(0).value() instanceof ColumnRef c) || c.star() || c.names().size() != 1) {
            return null;
        }
        Scope.Rel rel = ctx.scope.wholeRow(c.names().get(0).value(), c.location());
        if (rel == null) {
            return null;
        }
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < rel.columnNames.size(); i++) {
            args.add(new Expr.Const((rel.rowNames == null ? rel.columnNames : rel.rowNames).get(i), PgType.TEXT));
            args.add(ctx.scope.column(rel, i, c.location()));
        }
        return resolveFunction("jsonb_build_object", args,
                f.location().position());
    }

    /** Overload resolution (see {@link Overloads}): 42883 when nothing fits, 42725 when ambiguous. */
    public Expr resolveFunction(String name, List<Expr> args, int pos) {
        return call(resolveAmong(name, functions.lookup(name), args, pos), args, pos);
    }

    /** The one overload among {@code candidates} that fits {@code args}: 42883 when none, 42725 when ambiguous. */
    Overloads.Match resolveAmong(String name, List<FunctionRegistry.Function> candidates, List<Expr> args, int pos) {
        List<PgType> argTypes = new ArrayList<>();
        args.forEach(a -> argTypes.add(a.type()));
        List<Overloads.Match> best = Overloads.best(candidates, argTypes, types);
        if (best.size() != 1) {
            StringBuilder sig = new StringBuilder(name).append('(');
            for (int i = 0; i < args.size(); i++) {
                sig.append(i > 0 ? ", " : "").append(Types.displayName(args.get(i).type()));
            }
            sig.append(')');
            if (best.isEmpty()) {
                throw PgException.builder(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist")
                        .hint("No function matches the given name and argument types. " + CAST_HINT)
                        .position(pos).build();
            }
            throw PgException.builder("42725", "function " + sig + " is not unique")
                    .hint("Could not choose a best candidate function. " + CAST_HINT).position(pos).build();
        }
        return best.get(0);
    }

    /** A call of a resolved function or operator, its arguments coerced to the parameter types. */
    Expr call(Overloads.Match m, List<Expr> args, int pos) {
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            coerced.add(coerce(args.get(i), m.parameters().get(i), pos));
        }
        FunctionRegistry.Function fn = m.concrete(types);
        return new Expr.Call(fn, coerced, m.result());
    }

    private Expr binaryOp(BinaryOp b, Ctx ctx) {
        int pos = b.location().position();
        checkOperatorSchema(b.operator(), pos);
        if (b.left() instanceof RowConstructor lr && b.right() instanceof RowConstructor rr) {
            return rowComparison(b.operator().symbol(), lr, rr, ctx, pos);
        }
        Expr l = bind(b.left(), ctx);
        Expr r = bind(b.right(), ctx);
        return operator(b.operator().symbol(), l, r, pos);
    }

    /** {@code (a, b) op (c, d)}: pairwise for = and <>, lexicographic for the orderings. */
    private Expr rowComparison(String op, RowConstructor l, RowConstructor r, Ctx ctx, int pos) {
        if (l.fields().size() != r.fields().size()) {
            throw PgException.builder(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions")
                    .position(pos).build();
        }
        String symbol = op.equals("!=") ? "<>" : op;
        Expr.CmpOp cmp = switch (symbol) {
            case "=" -> Expr.CmpOp.EQ;
            case "<>" -> Expr.CmpOp.NE;
            case "<" -> Expr.CmpOp.LT;
            case "<=" -> Expr.CmpOp.LE;
            case ">" -> Expr.CmpOp.GT;
            case ">=" -> Expr.CmpOp.GE;
            default -> throw PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "operator " + op
                    + " is not supported for row expressions").position(pos).build();
        };
        List<Expr> equal = new ArrayList<>();
        List<Expr> ordered = new ArrayList<>();
        for (int i = 0; i < l.fields().size(); i++) {
            Expr a = bind(l.fields().get(i), ctx);
            Expr b = bind(r.fields().get(i), ctx);
            equal.add(compare(Expr.CmpOp.EQ, a, b, "=", pos));
            ordered.add(compare(cmp, a, b, symbol, pos));
        }
        return switch (cmp) {
            case EQ -> new Expr.And(equal);
            case NE -> new Expr.Or(ordered);
            default -> new Expr.RowOrder(equal, ordered, cmp);
        };
    }

    /** OPERATOR(schema.op): only pg_catalog's operators exist. */
    private static void checkOperatorSchema(OperatorName name, int pos) {
        if (!name.schema().isEmpty() && !(name.schema().size() == 1
                && name.schema().get(0).value().equals("pg_catalog"))) {
            throw PgException.builder("3F000", "schema \"" + name.schema().get(name.schema().size() - 1).value()
                    + "\" does not exist").position(pos).build();
        }
    }

    /** {@code l op r}: comparisons and numeric arithmetic here, every other operator from {@link Operators}. */
    public Expr operator(String op, Expr l, Expr r, int pos) {
        PgType lt = l.type();
        PgType rt = r.type();
        switch (op) {
            case "=", "<>", "!=", "<", "<=", ">", ">=" -> {
                PgType common = Types.common(lt, rt);
                if (common != null && !common.equals(PgType.JSON) && !common.equals(PgType.JSONB)
                        && common.oid() != PgType.VOID.oid()
                        && !(Types.isUnknown(lt) && Types.isUnknown(rt))) {
                    Expr.CmpOp cmp = switch (op) {
                        case "=" -> Expr.CmpOp.EQ;
                        case "<" -> Expr.CmpOp.LT;
                        case "<=" -> Expr.CmpOp.LE;
                        case ">" -> Expr.CmpOp.GT;
                        case ">=" -> Expr.CmpOp.GE;
                        default -> Expr.CmpOp.NE;
                    };
                    return compare(cmp, l, r, op.equals("!=") ? "<>" : op, pos);
                }
                if (Types.isUnknown(lt) && Types.isUnknown(rt)) {
                    return compare(op.equals("=") ? Expr.CmpOp.EQ : op.equals("<") ? Expr.CmpOp.LT
                            : op.equals("<=") ? Expr.CmpOp.LE : op.equals(">") ? Expr.CmpOp.GT
                            : op.equals(">=") ? Expr.CmpOp.GE : Expr.CmpOp.NE, coerce(l, PgType.TEXT, pos),
                            coerce(r, PgType.TEXT, pos), op, pos);
                }
            }
            case "+", "-", "*", "/", "%" -> {
                boolean ln = Types.isNumeric(lt) || Types.isUnknown(lt);
                boolean rn = Types.isNumeric(rt) || Types.isUnknown(rt);
                if (ln && rn) {
                    return arithmetic(op, l, r, pos);
                }
            }
            default -> {
            }
        }
        return tableOperator(op.equals("!=") ? "<>" : op, l, r, pos);
    }

    /** An operator of {@link Operators}, resolved like a function; {@code l} null for a prefix operator. */
    Expr tableOperator(String op, Expr l, Expr r, int pos) {
        List<Expr> args = l == null ? List.of(r) : List.of(l, r);
        List<PgType> argTypes = new ArrayList<>();
        args.forEach(a -> argTypes.add(a.type()));
        List<FunctionRegistry.Function> candidates = Operators.lookup(op);
        if (l != null && Types.isUnknown(l.type()) != Types.isUnknown(r.type())) {
            // one side unknown: an operator taking the other side's type on both sides is an exact match
            PgType known = Types.isUnknown(l.type()) ? r.type() : l.type();
            for (FunctionRegistry.Function fn : candidates) {
                if (fn.argumentTypes().equals(List.of(known, known))) {
                    return call(new Overloads.Match(fn, fn.argumentTypes(), fn.resultType()), args, pos);
                }
            }
        }
        List<Overloads.Match> best = Overloads.best(candidates, argTypes, types);
        if (best.isEmpty()) {
            throw noOperator(op, l == null ? null : l.type(), r.type(), pos);
        }
        if (best.size() > 1) {
            String sig = l == null ? op + " " + Types.displayName(r.type())
                    : Types.displayName(l.type()) + " " + op + " " + Types.displayName(r.type());
            throw PgException.builder("42725", "operator is not unique: " + sig)
                    .hint("Could not choose a best candidate operator. " + CAST_HINT).position(pos).build();
        }
        return call(best.get(0), args, pos);
    }

    private Expr arithmetic(String op, Expr l, Expr r, int pos) {
        Expr.ArithOp aop = switch (op) {
            case "+" -> Expr.ArithOp.ADD;
            case "-" -> Expr.ArithOp.SUB;
            case "*" -> Expr.ArithOp.MUL;
            case "/" -> Expr.ArithOp.DIV;
            default -> Expr.ArithOp.MOD;
        };
        PgType lt = l.type();
        PgType rt = r.type();
        if (Types.isUnknown(lt) && Types.isUnknown(rt)) {
            throw PgException.builder("42725", "operator is not unique: unknown " + op + " unknown")
                    .hint("Could not choose a best candidate operator. " + CAST_HINT).position(pos).build();
        }
        if (Types.isUnknown(lt) && Types.isNumeric(rt)) {
            lt = rt;
        } else if (Types.isUnknown(rt) && Types.isNumeric(lt)) {
            rt = lt;
        }
        if (Types.isNumeric(lt) && Types.isNumeric(rt)) {
            PgType t = Types.common(lt, rt);
            if (t.oid() == 700 && !(lt.oid() == 700 && rt.oid() == 700)) {
                t = PgType.FLOAT8; // real with an integer or numeric: the float48 operators, double precision
            }
            if (aop == Expr.ArithOp.MOD && (t.oid() == 700 || t.oid() == 701)) {
                throw noOperator(op, l.type(), r.type(), pos);
            }
            return new Expr.Arith(aop, coerce(l, t, pos), coerce(r, t, pos), t);
        }
        throw noOperator(op, l.type(), r.type(), pos);
    }

    /** A comparison, with both sides coerced to their common type (42883 when there is none). */
    public Expr compare(Expr.CmpOp op, Expr l, Expr r, String symbol, int pos) {
        PgType t = comparisonType(l.type(), r.type(), symbol, pos);
        return new Expr.Compare(op, coerce(l, t, pos), coerce(r, t, pos));
    }

    private PgType comparisonType(PgType a, PgType b, String symbol, int pos) {
        PgType t = Types.common(a, b);
        if (t == null || t.equals(PgType.JSON) || t.oid() == PgType.VOID.oid()) {
            throw noOperator(symbol, a, b, pos);
        }
        return t;
    }

    private static PgException noOperator(String op, PgType left, PgType right, int pos) {
        String sig = left == null ? op + " " + Types.displayName(right)
                : Types.displayName(left) + " " + op + " " + Types.displayName(right);
        return PgException.builder(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + sig)
                .hint("No operator matches the given name and argument types. " + CAST_HINT)
                .position(pos).build();
    }

    private Expr numericLiteral(NumericLiteral n) {
        String v = n.value().replace("_", "");
        if (n.isInteger()) {
            boolean neg = v.startsWith("-");
            String digits = neg ? v.substring(1) : v;
            int radix = 10;
            if (digits.length() > 2 && digits.charAt(0) == '0' && Character.isLetter(digits.charAt(1))) {
                char c = Character.toLowerCase(digits.charAt(1));
                radix = c == 'x' ? 16 : c == 'o' ? 8 : 2;
                digits = digits.substring(2);
            }
            BigInteger bi = new BigInteger(digits, radix);
            if (neg) {
                bi = bi.negate();
            }
            if (bi.bitLength() < 32) {
                return new Expr.Const(bi.intValue(), PgType.INT4);
            }
            if (bi.bitLength() < 64) {
                return new Expr.Const(bi.longValue(), PgType.INT8);
            }
            return new Expr.Const(new BigDecimal(bi), PgType.NUMERIC);
        }
        BigDecimal d = new BigDecimal(v);
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        return new Expr.Const(d, PgType.NUMERIC);
    }

    /** The integer modifiers of a type name ({@code (10, 2)}). */
    private static List<Integer> typmods(TypeName t) {
        List<Integer> out = new ArrayList<>();
        for (Expression m : t.modifiers()) {
            if (!(m instanceof NumericLiteral n) || !n.isInteger()) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "type modifiers must be simple constants or "
                        + "identifiers").position(m.location().position()).build();
            }
            out.add(Integer.parseInt(n.value()));
        }
        return out;
    }

    /** A type named in SQL (42704 when unknown). */
    public PgType resolveType(TypeName t) {
        List<String> n = names(t.names());
        String name = n.get(n.size() - 1);
        if (n.size() > 1 && !n.get(0).equals("pg_catalog")) {
            throw PgException.builder(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", n) + "\" does not exist")
                    .position(t.location().position()).build();
        }
        if (t.intervalFields() != null) {
            name = "interval";
        }
        String full = name + "[]".repeat(t.arrayBounds().size());
        return types.byName(full).orElseThrow(() -> PgException.builder(SqlState.UNDEFINED_OBJECT, "type \""
                + String.join(".", n) + "\" does not exist").position(t.location().position()).build());
    }

    // ---------------------------------------------------------------- coercion

    /** Implicit coercion to {@code target}: unknown literals are converted now (errors at {@code pos}). */
    public Expr coerce(Expr e, PgType target, int pos) {
        if (e.type().equals(target)) {
            return e;
        }
        if (e instanceof Expr.Const c && Types.isUnknown(c.type())) {
            if (c.value() == null) {
                return new Expr.Const(null, target);
            }
            if (RegTypes.is(target)) { // 'name'::regclass: the input function looks the name up in the catalog
                return resolveFunction(target.name() + "in", List.of(new Expr.Const(c.value(), PgType.TEXT)), pos);
            }
            try {
                return new Expr.Const(Casts.fromText((String) c.value(), target, types, codecContext), target);
            } catch (PgException ex) {
                throw ex.position() > 0 ? ex : ex.toBuilder().position(pos).build();
            }
        }
        if (e instanceof Expr.Param p && Types.isUnknown(p.type())) {
            if (Types.isUnknown(parameterTypes[p.index()])) {
                parameterTypes[p.index()] = target;
                return new Expr.Param(p.index(), target);
            }
            return new Expr.Cast(new Expr.Param(p.index(), parameterTypes[p.index()]), target);
        }
        return new Expr.Cast(e, target);
    }

    /** Coercion on assignment to a column (INSERT, UPDATE): 42804 when the types do not convert. */
    public Expr assign(Expr e, TableColumn column, int pos) {
        if (!Types.isUnknown(e.type()) && !Types.assignmentCastable(e.type(), column.type())) {
            throw PgException.builder("42804", "column \"" + column.name() + "\" is of type "
                    + Types.displayName(column.type()) + " but expression is of type " + Types.displayName(e.type()))
                    .hint("You will need to rewrite or cast the expression.").position(pos).build();
        }
        return coerce(e, column.type(), pos);
    }

    static PgException unsupported(String what, NodeLocation loc) {
        return PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported yet")
                .position(Math.max(loc.position(), 0)).build();
    }
}
