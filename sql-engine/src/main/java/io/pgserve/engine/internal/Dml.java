package io.pgserve.engine.internal;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** INSERT, UPDATE, DELETE through the table SPI, and DDL through the catalog's {@link SchemaEditor}. */
final class Dml {
    private final Binder binder;
    private final EvalContext ctx;
    private final Catalog catalog;
    private final String currentSchema;

    Dml(Binder binder, EvalContext ctx, Catalog catalog, String currentSchema) {
        this.binder = binder;
        this.ctx = ctx;
        this.catalog = catalog;
        this.currentSchema = currentSchema;
    }

    QueryResult execute(Statement st) throws Exception {
        if (st instanceof Insert i) {
            return insert(i);
        }
        if (st instanceof Update u) {
            return update(u);
        }
        if (st instanceof Delete d) {
            return delete(d);
        }
        if (st instanceof CreateTable c) {
            return createTable(c);
        }
        if (st instanceof Drop d && d.type() == ObjectType.TABLE) {
            return dropTable(d);
        }
        String what = st instanceof OtherStatement o ? o.commandTag() : st.getClass().getSimpleName();
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported yet");
    }

    // ---------------------------------------------------------------- INSERT

    private QueryResult insert(Insert ins) throws Exception {
        if (ins.with() != null) {
            throw Binder.unsupported("WITH", ins.with().location());
        }
        if (ins.onConflict() != null) {
            throw Binder.unsupported("ON CONFLICT", ins.onConflict().location());
        }
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
        io.pgserve.sql.ast.Query source = ins.source();
        if (source == null) { // DEFAULT VALUES
            stored.add(insertRow(table, defaults, new int[0], new Object[0]));
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
                    exprs.add(e instanceof DefaultExpr ? defaults[targets[k]]
                            : binder.assign(binder.bind(e, empty), c, e.location().position()));
                }
                rows.add(exprs);
            }
            Object[] none = new Object[0];
            for (List<Expr> row : rows) {
                Object[] values = new Object[row.size()];
                for (int k = 0; k < values.length; k++) {
                    Expr e = row.get(k);
                    values[k] = e == null ? null : e.eval(none, ctx);
                }
                stored.add(insertRow(table, defaults, targets, values));
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
                conv.add(binder.assign(new Expr.Column(k, oc.type(), oc.name(), NodeLocation.UNKNOWN),
                        cols.get(targets[k]), source.location().position()));
            }
            if (!ins.columns().isEmpty() && plan.columns().size() < targets.length) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions")
                        .position(ins.columns().get(plan.columns().size()).location().position()).build();
            }
            int[] used = Arrays.copyOf(targets, plan.columns().size());
            List<Object[]> input = new ArrayList<>();
            try (Executor.Op op = new Executor(ctx).build(plan)) {
                Object[] r;
                while ((r = op.next()) != null) {
                    Object[] values = new Object[conv.size()];
                    for (int k = 0; k < values.length; k++) {
                        values[k] = conv.get(k).eval(r, ctx);
                    }
                    input.add(values);
                }
            }
            for (Object[] values : input) {
                stored.add(insertRow(table, defaults, used, values));
            }
        }
        return result("INSERT", stored, returning);
    }

    private Object[] insertRow(Table table, Expr[] defaults, int[] targets, Object[] values) throws Exception {
        List<TableColumn> cols = table.columns();
        Object[] row = new Object[cols.size()];
        for (int k = 0; k < targets.length; k++) {
            row[targets[k]] = values[k];
        }
        Object[] none = new Object[0];
        for (int i = 0; i < row.length; i++) {
            boolean targeted = false;
            for (int t : targets) {
                targeted |= t == i;
            }
            if (!targeted && defaults[i] != null) {
                row[i] = defaults[i].eval(none, ctx);
            }
        }
        checkNotNull(table, row);
        ctx.checkCancelled();
        return table.insert(ctx.transaction(), row);
    }

    /** Each column's default, bound (null for none: NULL). */
    private Expr[] defaults(Table table) {
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

    private static void checkNotNull(Table table, Object[] row) {
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

    /** A row as PostgreSQL prints it in error details: {@code (1, null, abc)}. */
    static String rowText(Table table, Object[] row) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < row.length; i++) {
            sb.append(i > 0 ? ", " : "");
            sb.append(row[i] == null ? "null" : Casts.toText(row[i], table.columns().get(i).type(),
                    io.pgserve.server.types.TypeRegistry.builtin(), io.pgserve.server.types.CodecContext.DEFAULT));
        }
        return sb.append(')').toString();
    }

    private static int columnIndex(Table table, String name, NodeLocation loc) {
        List<TableColumn> cols = table.columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        throw PgException.builder(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name()
                + "\" does not exist").position(loc.position()).build();
    }

    // ---------------------------------------------------------------- RETURNING

    private record Returning(List<Expr> exprs, List<Column> columns) {
    }

    private Returning returning(Table table, Identifier alias, List<SelectItem> items) {
        if (items.isEmpty()) {
            return null;
        }
        Binder.Ctx tctx = binder.tableContext(table, alias == null ? null : alias.value(), null);
        List<Expr> exprs = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (SelectItem item : items) {
            Expression e = item.expression();
            if (e instanceof ColumnRef c && c.star()) {
                for (int i = 0; i < table.columns().size(); i++) {
                    TableColumn tc = table.columns().get(i);
                    exprs.add(new Expr.Column(i, tc.type(), tc.name(), NodeLocation.UNKNOWN));
                    cols.add(new Column(tc.name(), tc.type(), -1, table.oid(), (short) (i + 1)));
                }
                continue;
            }
            Expr x = binder.bind(e, tctx);
            if (Types.isUnknown(x.type())) {
                x = binder.coerce(x, PgType.TEXT, 0);
            }
            String name = item.alias() != null ? item.alias().value() : Binder.figureName(e);
            cols.add(Column.of(name == null ? "?column?" : name, x.type()));
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

    private QueryResult update(Update u) throws Exception {
        if (u.with() != null || !u.from().isEmpty() || u.currentOf() != null) {
            throw Binder.unsupported("WITH, FROM and WHERE CURRENT OF in UPDATE", u.location());
        }
        Table table = binder.resolveTable(u.table().name(), u.table().location());
        String alias = u.table().alias() == null ? null : u.table().alias().name().value();
        int n = table.columns().size();
        boolean[] used = new boolean[n];
        Binder.Ctx tctx = binder.tableContext(table, alias, used);
        Expr where = u.where() == null ? null : binder.bindCondition(u.where(), tctx, "WHERE");
        int[] targets = new int[u.set().size()];
        Expr[] values = new Expr[u.set().size()];
        Expr[] defaults = null;
        for (int k = 0; k < targets.length; k++) {
            SetClause sc = u.set().get(k);
            if (sc.multiple() || sc.targets().size() != 1) {
                throw Binder.unsupported("multiple-column assignment", sc.location());
            }
            SetTarget t = sc.targets().get(0);
            if (!t.indirection().isEmpty()) {
                throw Binder.unsupported("assignment to a field or element", t.location());
            }
            targets[k] = columnIndex(table, t.column().value(), t.location());
            TableColumn c = table.columns().get(targets[k]);
            if (sc.value() instanceof DefaultExpr) {
                if (defaults == null) {
                    defaults = defaults(table);
                }
                values[k] = defaults[targets[k]] == null ? new Expr.Const(null, c.type()) : defaults[targets[k]];
            } else {
                values[k] = binder.assign(binder.bind(sc.value(), tctx), c, sc.value().location().position());
            }
        }
        Returning returning = returning(table, u.table().alias() == null ? null : u.table().alias().name(),
                u.returning());
        Plan plan = new Plan.Scan(table, columnsOf(table), used, true);
        if (where != null) {
            plan = new Plan.Filter(plan, where);
        }
        List<Object[]> rows = new ArrayList<>();
        try (Executor.Op op = new Executor(ctx).build(plan)) {
            Object[] r;
            while ((r = op.next()) != null) {
                Object rowId = r[n];
                Object[] stored = table.update(ctx.transaction(), rowId, current -> {
                    if (where != null && !where.test(current, ctx)) {
                        return null;
                    }
                    Object[] next = Arrays.copyOf(current, n);
                    for (int k = 0; k < targets.length; k++) {
                        next[targets[k]] = values[k].eval(current, ctx);
                    }
                    checkNotNull(table, next);
                    return next;
                });
                if (stored != null) {
                    rows.add(stored);
                }
            }
        }
        return result("UPDATE", rows, returning);
    }

    private QueryResult delete(Delete d) throws Exception {
        if (d.with() != null || !d.using().isEmpty() || d.currentOf() != null) {
            throw Binder.unsupported("WITH, USING and WHERE CURRENT OF in DELETE", d.location());
        }
        Table table = binder.resolveTable(d.table().name(), d.table().location());
        String alias = d.table().alias() == null ? null : d.table().alias().name().value();
        int n = table.columns().size();
        boolean[] used = new boolean[n];
        Binder.Ctx tctx = binder.tableContext(table, alias, used);
        Expr where = d.where() == null ? null : binder.bindCondition(d.where(), tctx, "WHERE");
        Returning returning = returning(table, d.table().alias() == null ? null : d.table().alias().name(),
                d.returning());
        Plan plan = new Plan.Scan(table, columnsOf(table), used, true);
        if (where != null) {
            plan = new Plan.Filter(plan, where);
        }
        List<Object[]> rows = new ArrayList<>();
        try (Executor.Op op = new Executor(ctx).build(plan)) {
            Object[] r;
            while ((r = op.next()) != null) {
                Object[] deleted = table.delete(ctx.transaction(), r[n],
                        current -> where == null || where.test(current, ctx));
                if (deleted != null) {
                    rows.add(deleted);
                }
            }
        }
        return result("DELETE", rows, returning);
    }

    private static List<Plan.OutColumn> columnsOf(Table table) {
        List<Plan.OutColumn> out = new ArrayList<>();
        for (TableColumn c : table.columns()) {
            out.add(Plan.OutColumn.of(c.name(), c.type()));
        }
        return out;
    }

    // ---------------------------------------------------------------- DDL

    private SchemaEditor editor() {
        SchemaEditor e = catalog.schemaEditor();
        if (e == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this database's schema cannot be changed");
        }
        return e;
    }

    private QueryResult createTable(CreateTable c) {
        SchemaEditor editor = editor();
        if (c.persistence() == Persistence.TEMPORARY || !c.inherits().isEmpty()) {
            throw Binder.unsupported("temporary and inherited tables", c.location());
        }
        List<String> name = Binder.names(c.name());
        String schema = name.size() > 1 ? name.get(name.size() - 2) : currentSchema;
        String table = name.get(name.size() - 1);
        if (schema == null) {
            throw PgException.builder("3F000", "no schema has been selected to create in")
                    .position(c.location().position()).build();
        }
        if (!catalog.schemaExists(schema)) {
            throw PgException.builder("3F000", "schema \"" + schema + "\" does not exist")
                    .position(c.location().position()).build();
        }
        if (catalog.table(schema, table) != null) {
            if (c.ifNotExists()) {
                notice("42P07", "relation \"" + table + "\" already exists, skipping");
                return QueryResult.command("CREATE TABLE");
            }
            throw new PgException("42P07", "relation \"" + table + "\" already exists");
        }
        List<TableColumn> cols = new ArrayList<>();
        List<String> colNames = new ArrayList<>();
        List<Integer> pk = new ArrayList<>();
        List<List<Integer>> uniques = new ArrayList<>();
        List<String> uniqueNames = new ArrayList<>();
        String pkName = null;
        List<String> sequences = new ArrayList<>();
        for (TableElement el : c.elements()) {
            if (el instanceof ColumnDefinition cd) {
                colNames.add(cd.name().value());
            }
        }
        for (TableElement el : c.elements()) {
            if (el instanceof ColumnDefinition cd) {
                int idx = cols.size();
                String cname = cd.name().value();
                if (colNames.indexOf(cname) != idx) {
                    throw new PgException("42701", "column \"" + cname + "\" specified more than once");
                }
                String raw = cd.type().names().get(cd.type().names().size() - 1).value();
                PgType type;
                Expression def = null;
                boolean notNull = false;
                if (cd.type().arrayBounds().isEmpty() && (raw.equals("serial") || raw.equals("bigserial")
                        || raw.equals("smallserial") || raw.equals("serial4") || raw.equals("serial8")
                        || raw.equals("serial2"))) {
                    type = raw.startsWith("big") || raw.equals("serial8") ? PgType.INT8
                            : raw.startsWith("small") || raw.equals("serial2") ? PgType.INT2 : PgType.INT4;
                    String seq = table + "_" + cname + "_seq";
                    sequences.add(seq);
                    def = sequenceDefault(schema, seq);
                    notNull = true;
                } else {
                    type = binder.resolveType(cd.type());
                }
                for (Constraint k : cd.constraints()) {
                    switch (k.type()) {
                        case NOT_NULL -> notNull = true;
                        case NULL -> {
                        }
                        case DEFAULT -> def = k.expression();
                        case PRIMARY_KEY -> {
                            if (!pk.isEmpty()) {
                                throw new PgException("42P16", "multiple primary keys for table \"" + table
                                        + "\" are not allowed");
                            }
                            pk.add(idx);
                            notNull = true;
                            pkName = k.name() != null ? k.name().value() : table + "_pkey";
                        }
                        case UNIQUE -> {
                            uniques.add(List.of(idx));
                            uniqueNames.add(k.name() != null ? k.name().value() : table + "_" + cname + "_key");
                        }
                        case IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT -> {
                            String seq = table + "_" + cname + "_seq";
                            sequences.add(seq);
                            def = sequenceDefault(schema, seq);
                            notNull = true;
                        }
                        default -> throw Binder.unsupported(k.type().name().replace('_', ' ') + " constraints",
                                k.location());
                    }
                }
                cols.add(new TableColumn(cname, type, -1, notNull, def));
            } else if (el instanceof Constraint k) {
                List<Integer> idxs = new ArrayList<>();
                for (Identifier id : k.columns()) {
                    int i = colNames.indexOf(id.value());
                    if (i < 0) {
                        throw PgException.builder(SqlState.UNDEFINED_COLUMN, "column \"" + id.value()
                                + "\" named in key does not exist").position(k.location().position()).build();
                    }
                    idxs.add(i);
                }
                switch (k.type()) {
                    case PRIMARY_KEY -> {
                        if (!pk.isEmpty()) {
                            throw new PgException("42P16", "multiple primary keys for table \"" + table
                                    + "\" are not allowed");
                        }
                        pk.addAll(idxs);
                        pkName = k.name() != null ? k.name().value() : table + "_pkey";
                    }
                    case UNIQUE -> {
                        uniques.add(idxs);
                        List<String> ns = new ArrayList<>();
                        idxs.forEach(i -> ns.add(colNames.get(i)));
                        uniqueNames.add(k.name() != null ? k.name().value()
                                : table + "_" + String.join("_", ns) + "_key");
                    }
                    default -> throw Binder.unsupported(k.type().name().replace('_', ' ') + " constraints",
                            k.location());
                }
            } else {
                throw Binder.unsupported("LIKE in CREATE TABLE", el.location());
            }
        }
        for (int i : pk) {
            TableColumn tc = cols.get(i);
            cols.set(i, new TableColumn(tc.name(), tc.type(), tc.typeModifier(), true, tc.defaultValue()));
        }
        // check the defaults bind (and convert) before creating anything
        for (String seq : sequences) {
            editor.createSequence(ctx.transaction(), schema, seq);
        }
        editor.createTable(ctx.transaction(), new SchemaEditor.TableDefinition(schema, table, cols, pk, uniques,
                uniqueNames, pkName));
        return QueryResult.command("CREATE TABLE");
    }

    private static Expression sequenceDefault(String schema, String seq) {
        return new FunctionCall(List.of(Identifier.of("nextval")), List.of(new FunctionArgument(null,
                new StringLiteral(schema + "." + seq, NodeLocation.UNKNOWN), NodeLocation.UNKNOWN)), false, false,
                false, List.of(), List.of(), null, null, NodeLocation.UNKNOWN);
    }

    private QueryResult dropTable(Drop d) {
        SchemaEditor editor = editor();
        for (List<Identifier> ids : d.names()) {
            List<String> name = Binder.names(ids);
            Table t;
            try {
                t = binder.resolveTable(ids, d.location());
            } catch (PgException e) {
                if (!e.sqlState().equals(SqlState.UNDEFINED_TABLE) && !e.sqlState().equals("3F000")) {
                    throw e;
                }
                if (d.ifExists()) {
                    notice("00000", "table \"" + String.join(".", name) + "\" does not exist, skipping");
                    continue;
                }
                throw new PgException(SqlState.UNDEFINED_TABLE, "table \"" + String.join(".", name)
                        + "\" does not exist");
            }
            editor.dropTable(ctx.transaction(), t.schema(), t.name());
        }
        return QueryResult.command("DROP TABLE");
    }

    private void notice(String state, String message) {
        if (ctx.session() != null) {
            ctx.session().sendNotice(PgException.builder(state, message).severity(PgException.Severity.NOTICE)
                    .build());
        }
    }
}
