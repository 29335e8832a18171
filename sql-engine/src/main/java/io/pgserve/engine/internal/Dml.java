package io.pgserve.engine.internal;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.ColumnFilter;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.engine.ScanRequest;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableConstraint;
import io.pgserve.engine.TableScan;
import io.pgserve.server.Column;
import io.pgserve.server.CopyInSink;
import io.pgserve.server.PgException;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.server.SqlState;
import io.pgserve.server.copy.CopyCommand;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * INSERT (ON CONFLICT), UPDATE (FROM), DELETE (USING), COPY, TRUNCATE through the table SPI, with NOT NULL, CHECK
 * and FOREIGN KEY constraints enforced here; DDL goes to {@link Ddl}.
 */
final class Dml {
    final Binder binder;
    final EvalContext ctx;
    final Catalog catalog;
    final String currentSchema;
    private final String sql;
    final List<String> searchPath;
    private final Map<Table, Checks> checks = new IdentityHashMap<>();

    Dml(Binder binder, EvalContext ctx, Catalog catalog, List<String> searchPath, String sql) {
        this.binder = binder;
        this.searchPath = searchPath;
        this.ctx = ctx;
        this.catalog = catalog;
        this.currentSchema = searchPath.stream().filter(x -> !x.equals("pg_catalog")).findFirst().orElse(null);
        this.sql = sql;
    }

    /** Set by {@link #describe}: INSERT, UPDATE and DELETE are bound, and return before they run. */
    private boolean describing;
    private io.pgserve.server.Description description;

    /**
     * What Describe tells of an INSERT, UPDATE or DELETE: its parameter types as binding infers them (the target
     * columns' types...) and its RETURNING columns; nothing runs. Null for other statements.
     */
    io.pgserve.server.Description describe(Statement st) throws Exception {
        if (!(st instanceof Insert || st instanceof Update || st instanceof Delete)) {
            return null;
        }
        describing = true;
        execute(st);
        return description;
    }

    /** Records the description of the DML statement being described; its caller returns at once. */
    private QueryResult described(Returning returning) {
        description = returning == null ? io.pgserve.server.Description.command(binder.parameterTypes())
                : io.pgserve.server.Description.rows(binder.parameterTypes(), returning.columns());
        return null;
    }

    QueryResult execute(Statement st) throws Exception {
        if (st instanceof Insert i) {
            return binder.withQueries(i.with(), () -> insert(i));
        }
        if (st instanceof Update u) {
            return binder.withQueries(u.with(), () -> update(u));
        }
        if (st instanceof Delete d) {
            return binder.withQueries(d.with(), () -> delete(d));
        }
        if (st instanceof Copy c) {
            return copy(c);
        }
        if (st instanceof Truncate t) {
            return truncate(t);
        }
        if (st instanceof SetTransaction) {
            return QueryResult.command("SET"); // accepted; every transaction runs as READ COMMITTED
        }
        if (st instanceof Vacuum v) {
            for (VacuumTarget t : v.tables()) {
                binder.resolveTable(t.table(), t.location());
            }
            return QueryResult.command(v.vacuum() ? "VACUUM" : "ANALYZE");
        }
        return new Ddl(this).execute(st);
    }

    // ---------------------------------------------------------------- INSERT

    /** ON CONFLICT, bound: the arbiter constraints, and for DO UPDATE the assignments over (row, excluded). */
    private record Conflict(List<String> arbiters, boolean doUpdate, int[] targets, Expr[] values, Expr where) {
    }

    private QueryResult insert(Insert ins) throws Exception {
        Table table = binder.resolveTable(ins.table(), ins.location());
        List<TableColumn> cols = table.columns();
        int[] targets;
        if (ins.columns().isEmpty()) {
            targets = new int[cols.size()];
            Arrays.setAll(targets, i -> i);
        } else {
            targets = new int[ins.columns().size()];
            for (int k = 0; k < targets.length; k++) {
                SetTarget t = ins.columns().get(k);
                targets[k] = columnIndex(table, t.column().value(), t.location());
                if (!t.indirection().isEmpty()) {
                    throw Binder.unsupported("assignment to a field or element", t.location());
                }
                for (int j = 0; j < k; j++) {
                    if (targets[j] == targets[k]) {
                        throw PgException.builder("42701", "column \"" + t.column().value() + "\" specified more "
                                + "than once").position(t.location().position()).build();
                    }
                }
            }
        }
        Expr[] defaults = defaults(table);
        Binder.Ctx empty = new Binder.Ctx(new Scope(), null, "VALUES");
        List<Object[]> stored = new ArrayList<>();
        Returning returning = returning(table, ins.alias(), ins.returning());
        Conflict conflict = ins.onConflict() == null ? null : conflict(table, ins.alias(), ins.onConflict());
        boolean userValue = ins.overriding() == Insert.Overriding.USER_VALUE;
        boolean systemValue = ins.overriding() == Insert.Overriding.SYSTEM_VALUE;
        io.pgserve.sql.ast.Query source = ins.source();
        if (source == null) { // DEFAULT VALUES
            if (describing) {
                return described(returning);
            }
            stored.add(insertRow(table, defaults, new int[0], new Object[0], conflict));
        } else if (source.body() instanceof io.pgserve.sql.ast.Values v && source.isBare()) {
            if (ins.columns().isEmpty() && v.rows().get(0).size() < targets.length) {
                targets = Arrays.copyOf(targets, v.rows().get(0).size()); // the leading columns: defaults after
            }
            List<List<Expr>> rows = new ArrayList<>();
            for (List<Expression> row : v.rows()) {
                if (row.size() > targets.length) {
                    throw PgException.builder(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns")
                            .position(row.get(targets.length).location().position()).build();
                }
                if (row.size() < targets.length) {
                    throw PgException.builder(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions")
                            .position(ins.columns().isEmpty() ? row.get(0).location().position()
                                    : ins.columns().get(row.size()).location().position()).build();
                }
                List<Expr> exprs = new ArrayList<>();
                for (int k = 0; k < row.size(); k++) {
                    Expression e = row.get(k);
                    TableColumn c = cols.get(targets[k]);
                    boolean isDefault = e instanceof DefaultExpr;
                    if (!isDefault && c.identity() == TableColumn.Identity.ALWAYS && !systemValue && !userValue) {
                        throw identityAlways(c, true);
                    }
                    exprs.add(isDefault || userValue && c.identity() != TableColumn.Identity.NONE
                            ? defaults[targets[k]] : binder.assign(binder.bind(e, empty), c, e.location().position()));
                }
                rows.add(exprs);
            }
            if (describing) {
                return described(returning);
            }
            Object[] none = new Object[0];
            for (List<Expr> row : rows) {
                Object[] values = new Object[row.size()];
                for (int k = 0; k < values.length; k++) {
                    Expr e = row.get(k);
                    values[k] = e == null ? null : e.eval(none, ctx);
                }
                stored.add(insertRow(table, defaults, targets, values, conflict));
            }
        } else {
            Plan plan = binder.bindQuery(source);
            if (plan.columns().size() > targets.length) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns")
                        .position(source.location().position()).build();
            }
            List<Expr> conv = new ArrayList<>();
            for (int k = 0; k < plan.columns().size(); k++) {
                Plan.OutColumn oc = plan.columns().get(k);
                TableColumn c = cols.get(targets[k]);
                if (c.identity() == TableColumn.Identity.ALWAYS && !systemValue && !userValue) {
                    throw identityAlways(c, true);
                }
                conv.add(userValue && c.identity() != TableColumn.Identity.NONE ? defaults[targets[k]]
                        : binder.assign(new Expr.Column(k, oc.type(), oc.name(), NodeLocation.UNKNOWN), c,
                        source.location().position()));
            }
            if (!ins.columns().isEmpty() && plan.columns().size() < targets.length) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions")
                        .position(ins.columns().get(plan.columns().size()).location().position()).build();
            }
            if (describing) {
                return described(returning);
            }
            int[] used = Arrays.copyOf(targets, plan.columns().size());
            List<Object[]> input = new ArrayList<>();
            try (Executor.Op op = new Executor(ctx).build(plan)) {
                Object[] r;
                while ((r = op.next()) != null) {
                    Object[] values = new Object[conv.size()];
                    for (int k = 0; k < values.length; k++) {
                        Expr e = conv.get(k);
                        values[k] = e == null ? null : e.eval(r, ctx);
                    }
                    input.add(values);
                }
            }
            for (Object[] values : input) {
                stored.add(insertRow(table, defaults, used, values, conflict));
            }
        }
        return result("INSERT", stored, returning);
    }

    private static PgException identityAlways(TableColumn c, boolean insert) {
        PgException.Builder b = PgException.builder("428C9", insert ? "cannot insert a non-DEFAULT value into column \""
                + c.name() + "\"" : "column \"" + c.name() + "\" can only be updated to DEFAULT")
                .detail("Column \"" + c.name() + "\" is an identity column defined as GENERATED ALWAYS.");
        if (insert) {
            b.hint("Use OVERRIDING SYSTEM VALUE to override.");
        }
        return b.build();
    }

    private Conflict conflict(Table table, Identifier alias, OnConflict oc) {
        List<String> arbiters = new ArrayList<>();
        List<TableConstraint> keys = table.constraints().stream().filter(TableConstraint::isKey).toList();
        List<io.pgserve.engine.TableIndex> uniqueIndexes = table.indexes().stream()
                .filter(io.pgserve.engine.TableIndex::unique).toList();
        if (oc.constraint() != null) {
            String name = oc.constraint().value();
            if (keys.stream().noneMatch(k -> k.name().equals(name))) {
                throw PgException.builder("42704", "constraint \"" + name + "\" for table \"" + table.name()
                        + "\" does not exist").position(oc.location().position()).build();
            }
            arbiters.add(name);
        } else if (!oc.target().isEmpty()) {
            java.util.Set<String> wanted = new java.util.HashSet<>();
            for (Expression e : oc.target()) {
                if (!(e instanceof ColumnRef c) || c.star()) {
                    throw Binder.unsupported("ON CONFLICT on an expression", e.location());
                }
                String col = Binder.names(c.names()).get(c.names().size() - 1);
                columnIndex(table, col, e.location());
                wanted.add(col);
            }
            for (io.pgserve.engine.TableIndex ix : uniqueIndexes) {
                if (new java.util.HashSet<>(ix.columns()).equals(wanted)) {
                    arbiters.add(ix.name());
                }
            }
            if (arbiters.isEmpty()) {
                throw new PgException("42P10",
                        "there is no unique or exclusion constraint matching the ON CONFLICT specification");
            }
        } else if (oc.doUpdate()) {
            throw PgException.builder(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification "
                    + "or constraint name").hint("For example, ON CONFLICT (column_name).")
                    .position(oc.location().position()).build();
        } else {
            uniqueIndexes.forEach(ix -> arbiters.add(ix.name()));
        }
        if (!oc.doUpdate()) {
            return new Conflict(arbiters, false, null, null, null);
        }
        Binder.Ctx tctx = binder.tableContext(table, alias == null ? null : alias.value(), null);
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        table.columns().forEach(c -> {
            names.add(c.name());
            types.add(c.type());
        });
        tctx.scope().add("excluded", null, names, types, null, table.oid());
        Assignments a = assignments(table, oc.set(), tctx);
        Expr where = oc.where() == null ? null : binder.bindCondition(oc.where(), tctx, "WHERE");
        return new Conflict(arbiters, true, a.targets(), a.values(), where);
    }

    private Object[] insertRow(Table table, Expr[] defaults, int[] targets, Object[] values, Conflict conflict)
            throws Exception {
        List<TableColumn> cols = table.columns();
        Object[] row = new Object[cols.size()];
        boolean[] targeted = new boolean[row.length];
        for (int k = 0; k < targets.length; k++) {
            row[targets[k]] = values[k];
            targeted[targets[k]] = true;
        }
        Object[] none = new Object[0];
        for (int i = 0; i < row.length; i++) {
            if (!targeted[i] && defaults[i] != null) {
                row[i] = defaults[i].eval(none, ctx);
            }
        }
        ctx.tick();
        Checks ch = checks(table);
        ch.checkRow(row, null);
        if (conflict == null) {
            return table.insert(ctx.transaction(), row);
        }
        while (true) {
            Object rowId = null;
            for (String a : conflict.arbiters()) {
                rowId = table.conflictingRow(ctx.transaction(), a, row, conflict.doUpdate());
                if (rowId != null) {
                    break;
                }
            }
            if (rowId != null) {
                if (!conflict.doUpdate()) {
                    return null;
                }
                return table.update(ctx.transaction(), rowId, current -> {
                    Object[] both = Arrays.copyOf(current, current.length + row.length);
                    System.arraycopy(row, 0, both, current.length, row.length);
                    if (conflict.where() != null && !conflict.where().test(both, ctx)) {
                        return null;
                    }
                    Object[] next = Arrays.copyOf(current, current.length);
                    for (int k = 0; k < conflict.targets().length; k++) {
                        next[conflict.targets()[k]] = conflict.values()[k].eval(both, ctx);
                    }
                    ch.checkRow(next, current);
                    return next;
                });
            }
            try {
                return table.insert(ctx.transaction(), row);
            } catch (PgException e) {
                if (!"23505".equals(e.sqlState()) || !conflict.arbiters().contains(e.constraintName())) {
                    throw e;
                }
                // a concurrent transaction committed the key since we looked: look again
            }
        }
    }

    /** Each column's default, bound (null for none: NULL). */
    Expr[] defaults(Table table) {
        List<TableColumn> cols = table.columns();
        Expr[] out = new Expr[cols.size()];
        Binder.Ctx empty = new Binder.Ctx(new Scope(), null, "DEFAULT");
        for (int i = 0; i < out.length; i++) {
            TableColumn c = cols.get(i);
            if (c.defaultValue() != null) {
                out[i] = binder.assign(binder.bind(c.defaultValue(), empty), c, 0);
            }
        }
        return out;
    }

    static void checkNotNull(Table table, Object[] row) {
        List<TableColumn> cols = table.columns();
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null && cols.get(i).notNull()) {
                throw PgException.builder("23502", "null value in column \"" + cols.get(i).name() + "\" of relation \""
                        + table.name() + "\" violates not-null constraint").detail("Failing row contains "
                        + rowText(table, row) + ".").schemaName(table.schema()).tableName(table.name())
                        .columnName(cols.get(i).name()).build();
            }
        }
    }

    /**
     * Fits values to their column's type modifier, as an assignment does in PostgreSQL: varchar(n) and char(n) 22001
     * when too long (trailing spaces are cut), numeric(p, s) rounded to s digits (22003 on overflow). char(n) is not
     * blank-padded: the engine compares bpchar as text, so padding would break {@code c = 'x'}.
     */
    static void applyTypmods(Table table, Object[] row) {
        List<TableColumn> cols = table.columns();
        for (int i = 0; i < row.length && i < cols.size(); i++) {
            TableColumn c = cols.get(i);
            int mod = c.typeModifier();
            if (row[i] == null || mod < 4) {
                continue;
            }
            PgType t = c.type();
            if ((t.equals(PgType.VARCHAR) || t.equals(PgType.BPCHAR)) && row[i] instanceof String str) {
                int n = mod - 4;
                int len = str.codePointCount(0, str.length());
                if (len > n) {
                    int cut = str.offsetByCodePoints(0, n);
                    if (str.substring(cut).chars().anyMatch(ch -> ch != ' ')) {
                        throw new PgException("22001", "value too long for type "
                                + (t.equals(PgType.VARCHAR) ? "character varying(" : "character(") + n + ")");
                    }
                    str = str.substring(0, cut);
                }
                row[i] = str;
            } else if (t.equals(PgType.NUMERIC) && row[i] instanceof java.math.BigDecimal d) {
                int p = ((mod - 4) >> 16) & 0xffff;
                int sc = (mod - 4) & 0xffff;
                java.math.BigDecimal r = d.setScale(sc, java.math.RoundingMode.HALF_UP);
                if (r.signum() != 0 && r.precision() - r.scale() > p - sc) {
                    throw PgException.builder("22003", "numeric field overflow").detail("A field with precision " + p
                            + ", scale " + sc + " must round to an absolute value less than "
                            + (p == sc ? "1" : "10^" + (p - sc)) + ".").build();
                }
                row[i] = r;
            }
        }
    }

    /** A row as PostgreSQL prints it in error details: {@code (1, null, abc)}. */
    static String rowText(Table table, Object[] row) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < row.length; i++) {
            sb.append(i > 0 ? ", " : "");
            sb.append(text(row[i], table.columns().get(i).type()));
        }
        return sb.append(')').toString();
    }

    private static String text(Object v, PgType type) {
        return v == null ? "null" : Casts.toText(v, type, io.pgserve.server.types.TypeRegistry.builtin(),
                io.pgserve.server.types.CodecContext.DEFAULT);
    }

    static int columnIndex(Table table, String name, NodeLocation loc) {
        List<TableColumn> cols = table.columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        throw PgException.builder(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name()
                + "\" does not exist").position(loc.position()).build();
    }

    private static RuntimeException unchecked(Exception e) {
        return e instanceof RuntimeException r ? r : new PgException(SqlState.INTERNAL_ERROR, String.valueOf(e));
    }

    // ---------------------------------------------------------------- RETURNING

    private record Returning(List<Expr> exprs, List<Column> columns) {
    }

    private Returning returning(Table table, Identifier alias, List<SelectItem> items) {
        return returning(table, alias, items, null);
    }

    /** RETURNING, bound over the table's row, or over {@code scope} (the table and FROM / USING items) if given. */
    private Returning returning(Table table, Identifier alias, List<SelectItem> items, Binder.Ctx scope) {
        if (items.isEmpty()) {
            return null;
        }
        Binder.Ctx tctx = scope != null ? scope : binder.tableContext(table, alias == null ? null : alias.value(), null);
        List<Expr> exprs = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (SelectItem item : items) {
            Expression e = item.expression();
            if (e instanceof ColumnRef c && c.star()) {
                for (int i = 0; i < table.columns().size(); i++) {
                    TableColumn tc = table.columns().get(i);
                    exprs.add(new Expr.Column(i, tc.type(), tc.name(), NodeLocation.UNKNOWN));
                    cols.add(new Column(tc.name(), tc.type(), tc.typeModifier(), table.oid(), (short) (i + 1)));
                }
                if (scope != null) { // and the columns of FROM / USING
                    for (Scope.Rel r : scope.scope().rels.subList(1, scope.scope().rels.size())) {
                        for (int i = 0; i < r.columnNames.size(); i++) {
                            Expr.Column col = new Expr.Column(r.offset + i, r.columnTypes.get(i),
                                    r.columnNames.get(i), NodeLocation.UNKNOWN);
                            exprs.add(col);
                            cols.add(new Column(r.columnNames.get(i), r.columnTypes.get(i), scope.scope().typmod(col),
                                    0, (short) 0));
                        }
                    }
                }
                continue;
            }
            Expr x = binder.bind(e, tctx);
            if (Types.isUnknown(x.type())) {
                x = binder.coerce(x, PgType.TEXT, 0);
            }
            String name = item.alias() != null ? item.alias().value() : Binder.figureName(e);
            cols.add(new Column(name == null ? "?column?" : name, x.type(), tctx.scope().typmod(x), 0, (short) 0));
            exprs.add(x);
        }
        return new Returning(exprs, cols);
    }

    private QueryResult result(String tag, List<Object[]> rows, Returning returning) {
        rows.removeIf(r -> r == null);
        if (returning == null) {
            return QueryResult.command(tag, rows.size());
        }
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Object[] o = new Object[returning.exprs().size()];
            for (int i = 0; i < o.length; i++) {
                o[i] = returning.exprs().get(i).eval(r, ctx);
            }
            out.add(o);
        }
        return QueryResult.rows(returning.columns(), out).withTag(tag);
    }

    // ---------------------------------------------------------------- UPDATE / DELETE

    private record Assignments(int[] targets, Expr[] values) {
    }

    /** SET a = x, (b, c) = (y, z): target columns and their values, bound in {@code tctx}. */
    private Assignments assignments(Table table, List<SetClause> set, Binder.Ctx tctx) {
        List<Integer> targets = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        Expr[] defaults = null;
        for (SetClause sc : set) {
            List<Expression> exprs;
            if (sc.multiple() || sc.targets().size() != 1) {
                if (sc.value() instanceof RowConstructor rc) {
                    exprs = rc.fields();
                } else {
                    throw Binder.unsupported("multiple-column assignment from a subquery", sc.location());
                }
                if (exprs.size() != sc.targets().size()) {
                    throw PgException.builder(SqlState.SYNTAX_ERROR, "number of columns does not match number of "
                            + "values").position(sc.value().location().position()).build();
                }
            } else {
                exprs = List.of(sc.value());
            }
            for (int k = 0; k < sc.targets().size(); k++) {
                SetTarget t = sc.targets().get(k);
                Expression value = exprs.get(k);
                if (!t.indirection().isEmpty()) {
                    throw Binder.unsupported("assignment to a field or element", t.location());
                }
                int col = columnIndex(table, t.column().value(), t.location());
                if (targets.contains(col)) {
                    throw PgException.builder("42701", "multiple assignments to same column \"" + t.column().value()
                            + "\"").position(t.location().position()).build();
                }
                TableColumn c = table.columns().get(col);
                targets.add(col);
                if (value instanceof DefaultExpr) {
                    if (defaults == null) {
                        defaults = defaults(table);
                    }
                    values.add(defaults[col] == null ? new Expr.Const(null, c.type()) : defaults[col]);
                } else {
                    if (c.identity() == TableColumn.Identity.ALWAYS) {
                        throw identityAlways(c, false);
                    }
                    values.add(binder.assign(binder.bind(value, tctx), c, value.location().position()));
                }
            }
        }
        return new Assignments(targets.stream().mapToInt(i -> i).toArray(), values.toArray(new Expr[0]));
    }

    /** The rows of FROM / USING, materialised once, or a single empty row when there is none. */
    private List<Object[]> extraRows(Plan from) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        if (from == null) {
            rows.add(new Object[0]);
            return rows;
        }
        try (Executor.Op op = new Executor(ctx).build(from)) {
            Object[] r;
            while ((r = op.next()) != null) {
                rows.add(r);
            }
        }
        return rows;
    }

    private static Object[] concat(Object[] a, int n, Object[] b) {
        Object[] out = Arrays.copyOf(a, n + b.length);
        System.arraycopy(b, 0, out, n, b.length);
        return out;
    }

    private QueryResult update(Update u) throws Exception {
        if (u.currentOf() != null) {
            throw Binder.unsupported("WHERE CURRENT OF in UPDATE", u.location());
        }
        Table table = binder.resolveTable(u.table().name(), u.table().location());
        String alias = u.table().alias() == null ? null : u.table().alias().name().value();
        int n = table.columns().size();
        boolean[] used = new boolean[n];
        Binder.Ctx tctx = binder.tableContext(table, alias, used);
        Plan from = u.from().isEmpty() ? null : binder.bindFrom(u.from(), tctx.scope());
        Expr where = u.where() == null ? null : binder.bindCondition(u.where(), tctx, "WHERE");
        Assignments a = assignments(table, u.set(), tctx);
        Returning returning = returning(table, u.table().alias() == null ? null : u.table().alias().name(),
                u.returning(), from == null ? null : tctx);
        if (describing) {
            return described(returning);
        }
        Plan plan = new Plan.Scan(table, columnsOf(table), used, true);
        if (where != null && from == null) {
            plan = new Plan.Filter(plan, where);
        }
        List<Object[]> extra = extraRows(from);
        Checks ch = checks(table);
        List<Object[]> rows = new ArrayList<>();
        try (Executor.Op op = new Executor(ctx).build(plan)) {
            Object[] r;
            while ((r = op.next()) != null) {
                Object rowId = r[n];
                for (Object[] e : extra) {
                    if (from != null && where != null && !where.test(concat(r, n, e), ctx)) {
                        continue;
                    }
                    Object[][] old = new Object[1][];
                    Object[] stored = table.update(ctx.transaction(), rowId, current -> {
                        Object[] both = concat(current, n, e);
                        if (where != null && !where.test(both, ctx)) {
                            return null;
                        }
                        Object[] next = Arrays.copyOf(current, n);
                        for (int k = 0; k < a.targets().length; k++) {
                            next[a.targets()[k]] = a.values()[k].eval(both, ctx);
                        }
                        ch.checkRow(next, current);
                        old[0] = current;
                        return next;
                    });
                    if (stored != null) {
                        rows.add(from == null ? stored : concat(stored, n, e));
                        ch.referencedRowChanged(old[0], stored);
                    }
                    break; // a row is updated once, by the first FROM row that joins it
                }
            }
        }
        return result("UPDATE", rows, returning);
    }

    private QueryResult delete(Delete d) throws Exception {
        if (d.currentOf() != null) {
            throw Binder.unsupported("WHERE CURRENT OF in DELETE", d.location());
        }
        Table table = binder.resolveTable(d.table().name(), d.table().location());
        String alias = d.table().alias() == null ? null : d.table().alias().name().value();
        int n = table.columns().size();
        boolean[] used = new boolean[n];
        Binder.Ctx tctx = binder.tableContext(table, alias, used);
        Plan from = d.using().isEmpty() ? null : binder.bindFrom(d.using(), tctx.scope());
        Expr where = d.where() == null ? null : binder.bindCondition(d.where(), tctx, "WHERE");
        Returning returning = returning(table, d.table().alias() == null ? null : d.table().alias().name(),
                d.returning(), from == null ? null : tctx);
        if (describing) {
            return described(returning);
        }
        Plan plan = new Plan.Scan(table, columnsOf(table), used, true);
        if (where != null && from == null) {
            plan = new Plan.Filter(plan, where);
        }
        List<Object[]> extra = extraRows(from);
        Checks ch = checks(table);
        List<Object[]> rows = new ArrayList<>();
        try (Executor.Op op = new Executor(ctx).build(plan)) {
            Object[] r;
            while ((r = op.next()) != null) {
                for (Object[] e : extra) {
                    if (from != null && where != null && !where.test(concat(r, n, e), ctx)) {
                        continue;
                    }
                    Object[] deleted = table.delete(ctx.transaction(), r[n],
                            current -> where == null || where.test(concat(current, n, e), ctx));
                    if (deleted != null) {
                        rows.add(from == null ? deleted : concat(deleted, n, e));
                        ch.referencedRowChanged(deleted, null);
                    }
                    break;
                }
            }
        }
        return result("DELETE", rows, returning);
    }

    static List<Plan.OutColumn> columnsOf(Table table) {
        List<Plan.OutColumn> out = new ArrayList<>();
        for (TableColumn c : table.columns()) {
            out.add(Plan.OutColumn.of(c.name(), c.type()));
        }
        return out;
    }

    // ---------------------------------------------------------------- constraints

    Checks checks(Table table) {
        return checks.computeIfAbsent(table, Checks::new);
    }

    /** The foreign keys of the catalog's tables that reference {@code table}. */
    List<Map.Entry<Table, TableConstraint>> referencing(Table table) {
        List<Map.Entry<Table, TableConstraint>> out = new ArrayList<>();
        for (String s : catalog.schemas()) {
            for (Table t : catalog.tables(s)) {
                for (TableConstraint c : t.constraints()) {
                    if (c.kind() == TableConstraint.Kind.FOREIGN_KEY && table.schema().equals(c.referencedSchema())
                            && table.name().equals(c.referencedTable())) {
                        out.add(Map.entry(t, c));
                    }
                }
            }
        }
        return out;
    }

    private static int[] indexes(Table table, List<String> columns) {
        int[] out = new int[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = columnIndex(table, columns.get(i), NodeLocation.UNKNOWN);
        }
        return out;
    }

    private static String keyText(Table table, int[] cols, Object[] row) {
        StringBuilder names = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            TableColumn c = table.columns().get(cols[i]);
            names.append(i > 0 ? ", " : "").append(c.name());
            vals.append(i > 0 ? ", " : "").append(text(row[cols[i]], c.type()));
        }
        return "(" + names + ")=(" + vals + ")";
    }

    /** Whether a row with these values in these columns exists (as this statement sees the table). */
    private List<Object> find(Table t, int[] cols, Object[] key, boolean forUpdate, long limit) {
        List<ColumnFilter> filters = new ArrayList<>();
        for (int i = 0; i < cols.length; i++) {
            filters.add(new ColumnFilter(cols[i], ColumnFilter.Op.EQ, key[i]));
        }
        for (ColumnFilter f : filters) {
            if (!t.supportsFilter(f)) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "foreign keys need tables that take filters");
            }
        }
        int[] proj = new int[t.columns().size()];
        Arrays.setAll(proj, i -> i);
        List<Object> out = new ArrayList<>();
        try (TableScan s = t.scan(new ScanRequest(proj, filters, limit, ctx.transaction(), forUpdate))) {
            Object[] r;
            while ((r = s.next()) != null) {
                out.add(forUpdate ? s.rowId() : r);
            }
        } catch (Exception e) {
            throw unchecked(e);
        }
        return out;
    }

    /** One table's NOT NULL, CHECK and FOREIGN KEY constraints, bound for this statement. */
    final class Checks {
        private final Table table;
        private final List<TableConstraint> checkConstraints = new ArrayList<>();
        private final List<Expr> checkExprs = new ArrayList<>();
        private final List<TableConstraint> foreignKeys = new ArrayList<>();
        private List<Map.Entry<Table, TableConstraint>> referencing;

        Checks(Table table) {
            this.table = table;
            Binder.Ctx tctx = null;
            for (TableConstraint c : table.constraints()) {
                if (c.kind() == TableConstraint.Kind.CHECK) {
                    if (tctx == null) {
                        tctx = binder.tableContext(table, null, null);
                    }
                    checkConstraints.add(c);
                    checkExprs.add(binder.bindCondition(c.check(), tctx, "CHECK"));
                } else if (c.kind() == TableConstraint.Kind.FOREIGN_KEY) {
                    foreignKeys.add(c);
                }
            }
        }

        /** Checks a new row ({@code old}: the row it replaces, for UPDATE; null for INSERT). */
        void checkRow(Object[] row, Object[] old) {
            applyTypmods(table, row);
            checkNotNull(table, row);
            for (int i = 0; i < checkExprs.size(); i++) {
                Object v = checkExprs.get(i).eval(row, ctx);
                if (Boolean.FALSE.equals(v)) {
                    TableConstraint c = checkConstraints.get(i);
                    throw PgException.builder("23514", "new row for relation \"" + table.name()
                            + "\" violates check constraint \"" + c.name() + "\"").detail("Failing row contains "
                            + rowText(table, row) + ".").schemaName(table.schema()).tableName(table.name())
                            .constraintName(c.name()).build();
                }
            }
            for (TableConstraint fk : foreignKeys) {
                int[] cols = indexes(table, fk.columns());
                Object[] key = new Object[cols.length];
                boolean hasNull = false;
                boolean changed = old == null;
                for (int i = 0; i < cols.length; i++) {
                    key[i] = row[cols[i]];
                    hasNull |= key[i] == null;
                    changed |= old != null && !java.util.Objects.equals(old[cols[i]], key[i]);
                }
                if (hasNull || !changed) {
                    continue;
                }
                Table parent = catalog.table(fk.referencedSchema(), fk.referencedTable());
                if (parent == null || find(parent, indexes(parent, fk.referencedColumns()), key, false, 1)
                        .isEmpty()) {
                    throw PgException.builder("23503", "insert or update on table \"" + table.name()
                            + "\" violates foreign key constraint \"" + fk.name() + "\"")
                            .detail("Key " + keyText(table, cols, row) + " is not present in table \""
                                    + fk.referencedTable() + "\".").schemaName(table.schema())
                            .tableName(table.name()).constraintName(fk.name()).build();
                }
            }
        }

        /**
         * A row of this table was deleted ({@code row} null) or updated: the foreign keys that reference it act
         * (NO ACTION / RESTRICT fail with 23503, CASCADE deletes or updates, SET NULL / SET DEFAULT).
         */
        void referencedRowChanged(Object[] old, Object[] row) {
            if (referencing == null) {
                referencing = Dml.this.referencing(table);
            }
            for (Map.Entry<Table, TableConstraint> e : referencing) {
                Table child = e.getKey();
                TableConstraint fk = e.getValue();
                int[] refCols = indexes(table, fk.referencedColumns());
                Object[] key = new Object[refCols.length];
                boolean hasNull = false;
                boolean same = row != null;
                for (int i = 0; i < refCols.length; i++) {
                    key[i] = old[refCols[i]];
                    hasNull |= key[i] == null;
                    same &= row != null && java.util.Objects.equals(key[i], row[refCols[i]]);
                }
                if (hasNull || same) {
                    continue;
                }
                int[] fkCols = indexes(child, fk.columns());
                TableConstraint.Action action = row == null ? fk.onDelete() : fk.onUpdate();
                List<Object> ids = find(child, fkCols, key, true, -1);
                if (ids.isEmpty()) {
                    continue;
                }
                Checks childChecks = checks(child);
                switch (action) {
                    case NO_ACTION, RESTRICT -> throw PgException.builder("23503", "update or delete on table \""
                                    + table.name() + "\" violates foreign key constraint \"" + fk.name()
                                    + "\" on table \"" + child.name() + "\"")
                            .detail("Key " + keyText(table, refCols, old) + " is still referenced from table \""
                                    + child.name() + "\".").schemaName(child.schema()).tableName(child.name())
                            .constraintName(fk.name()).build();
                    case CASCADE -> {
                        for (Object id : ids) {
                            try {
                                if (row == null) {
                                    Object[] gone = child.delete(ctx.transaction(), id, r -> true);
                                    if (gone != null) {
                                        childChecks.referencedRowChanged(gone, null);
                                    }
                                } else {
                                    Object[][] before = new Object[1][];
                                    Object[] now = child.update(ctx.transaction(), id, cur -> {
                                        Object[] next = cur.clone();
                                        for (int i = 0; i < fkCols.length; i++) {
                                            next[fkCols[i]] = row[refCols[i]];
                                        }
                                        before[0] = cur;
                                        return next;
                                    });
                                    if (now != null) {
                                        childChecks.referencedRowChanged(before[0], now);
                                    }
                                }
                            } catch (Exception x) {
                                throw unchecked(x);
                            }
                        }
                    }
                    case SET_NULL, SET_DEFAULT -> {
                        Expr[] defaults = action == TableConstraint.Action.SET_DEFAULT ? defaults(child) : null;
                        for (Object id : ids) {
                            try {
                                Object[][] before = new Object[1][];
                                Object[] now = child.update(ctx.transaction(), id, cur -> {
                                    Object[] next = cur.clone();
                                    for (int c : fkCols) {
                                        next[c] = defaults == null || defaults[c] == null ? null
                                                : defaults[c].eval(new Object[0], ctx);
                                    }
                                    childChecks.checkRow(next, cur);
                                    before[0] = cur;
                                    return next;
                                });
                                if (now != null) {
                                    childChecks.referencedRowChanged(before[0], now);
                                }
                            } catch (Exception x) {
                                throw unchecked(x);
                            }
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- COPY, TRUNCATE

    private QueryResult copy(Copy c) throws Exception {
        CopyCommand cmd = CopyCommand.parse(sql);
        if (c.table() == null) {
            if (!(c.query() instanceof io.pgserve.sql.ast.Query q)) {
                throw Binder.unsupported("COPY of a data-modifying statement", c.location());
            }
            Plan plan = binder.bindQuery(q);
            List<Column> cols = new ArrayList<>();
            plan.columns().forEach(oc -> cols.add(Column.of(oc.name(), oc.type())));
            Executor.Op op = new Executor(ctx).build(plan);
            return QueryResult.copyOut(cols, cmd.options(), rowStream(op));
        }
        Table table = binder.resolveTable(c.table().name(), c.location());
        int[] targets;
        if (c.columns().isEmpty()) {
            targets = new int[table.columns().size()];
            Arrays.setAll(targets, i -> i);
        } else {
            targets = new int[c.columns().size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = columnIndex(table, c.columns().get(i).value(), c.location());
            }
        }
        List<Column> cols = new ArrayList<>();
        for (int t : targets) {
            TableColumn tc = table.columns().get(t);
            cols.add(new Column(tc.name(), tc.type(), -1, table.oid(), (short) (t + 1)));
        }
        if (!c.from()) {
            boolean[] used = new boolean[table.columns().size()];
            List<Expr> exprs = new ArrayList<>();
            List<Plan.OutColumn> outs = new ArrayList<>();
            for (int t : targets) {
                used[t] = true;
                TableColumn tc = table.columns().get(t);
                exprs.add(new Expr.Column(t, tc.type(), tc.name(), NodeLocation.UNKNOWN));
                outs.add(Plan.OutColumn.of(tc.name(), tc.type()));
            }
            Plan plan = new Plan.Project(new Plan.Scan(table, columnsOf(table), used, false), exprs, outs);
            Executor.Op op = new Executor(ctx).build(plan);
            return QueryResult.copyOut(cols, cmd.options(), rowStream(op));
        }
        if (c.where() != null) {
            throw Binder.unsupported("COPY FROM ... WHERE", c.where().location());
        }
        Expr[] defaults = defaults(table);
        return QueryResult.copyIn(cols, cmd.options(), new CopyInSink() {
            @Override
            public void row(Object[] values) throws Exception {
                insertRow(table, defaults, targets, values, null);
            }
        });
    }

    private static RowStream rowStream(Executor.Op op) {
        return new RowStream() {
            @Override
            public Object[] next() throws Exception {
                return op.next();
            }

            @Override
            public void close() {
                op.close();
            }
        };
    }

    private QueryResult truncate(Truncate t) throws Exception {
        List<Table> tables = new ArrayList<>();
        for (TableName tn : t.tables()) {
            Table table = binder.resolveTable(tn.name(), tn.location());
            if (!tables.contains(table)) {
                tables.add(table);
            }
        }
        for (int i = 0; i < tables.size(); i++) {
            for (Map.Entry<Table, TableConstraint> e : referencing(tables.get(i))) {
                if (tables.contains(e.getKey())) {
                    continue;
                }
                if (!t.cascade()) {
                    throw PgException.builder(SqlState.FEATURE_NOT_SUPPORTED, "cannot truncate a table referenced in "
                            + "a foreign key constraint").detail("Table \"" + e.getKey().name() + "\" references \""
                            + tables.get(i).name() + "\".").hint("Truncate table \"" + e.getKey().name()
                            + "\" at the same time, or use TRUNCATE ... CASCADE.").build();
                }
                notice("00000", "truncate cascades to table \"" + e.getKey().name() + "\"");
                tables.add(e.getKey());
            }
        }
        for (Table table : tables) {
            List<Object> ids = new ArrayList<>();
            int[] proj = new int[table.columns().size()];
            Arrays.setAll(proj, i -> i);
            try (TableScan s = table.scan(new ScanRequest(proj, List.of(), -1, ctx.transaction(), true))) {
                while (s.next() != null) {
                    ids.add(s.rowId());
                }
            }
            for (Object id : ids) {
                table.delete(ctx.transaction(), id, r -> true);
            }
            if (t.restartIdentity()) {
                SchemaEditor editor = catalog.schemaEditor();
                for (TableColumn c : table.columns()) {
                    String seq = Ddl.ownedSequence(c);
                    if (seq != null && editor != null) {
                        int dot = seq.indexOf('.');
                        SchemaEditor.SequenceOptions o = editor.sequence(seq.substring(0, dot),
                                seq.substring(dot + 1));
                        if (o != null) {
                            editor.setval(ctx.session(), seq.substring(0, dot), seq.substring(dot + 1), o.start(),
                                    false);
                        }
                    }
                }
            }
        }
        return QueryResult.command("TRUNCATE TABLE");
    }

    void notice(String state, String message) {
        notice(state, message, null);
    }

    /** A NOTICE with a DETAIL (null for none). */
    void notice(String state, String message, String detail) {
        if (ctx.session() != null) {
            PgException.Builder b = PgException.builder(state, message).severity(PgException.Severity.NOTICE);
            ctx.session().sendNotice((detail == null ? b : b.detail(detail)).build());
        }
    }
}
