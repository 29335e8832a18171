package io.pgserve.engine.internal;

import io.pgserve.engine.SchemaEditor;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableConstraint;
import io.pgserve.engine.TableIndex;
import io.pgserve.server.PgException;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.SqlPrinter;
import io.pgserve.sql.ast.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DDL through the catalog's {@link SchemaEditor}: tables, constraints, indexes, schemas, sequences, comments. */
public final class Ddl {
    private final Dml dml;
    private final Binder binder;
    private final EvalContext ctx;

    Ddl(Dml dml) {
        this.dml = dml;
        this.binder = dml.binder;
        this.ctx = dml.ctx;
    }

    QueryResult execute(Statement st) throws Exception {
        if (st instanceof CreateTable c) {
            return createTable(c);
        }
        if (st instanceof Drop d) {
            return drop(d);
        }
        if (st instanceof AlterTable a) {
            return alterTable(a);
        }
        if (st instanceof CreateIndex c) {
            return createIndex(c);
        }
        if (st instanceof CreateSchema c) {
            if (dml.catalog.schemaExists(c.name().value())) {
                if (c.ifNotExists()) {
                    dml.notice("42P06", "schema \"" + c.name().value() + "\" already exists, skipping");
                    return QueryResult.command("CREATE SCHEMA");
                }
            }
            editor().createSchema(ctx.transaction(), c.name().value());
            return QueryResult.command("CREATE SCHEMA");
        }
        if (st instanceof CreateSequence c) {
            return createSequence(c);
        }
        if (st instanceof CreateView v) {
            return createView(v);
        }
        if (st instanceof io.pgserve.sql.ast.Comment c) {
            return comment(c);
        }
        if (st instanceof CreateEnumType c) {
            String[] n = target(c.name(), c.location());
            EnumCodec.register(binder.types(), editor().createEnumType(ctx.transaction(), n[0], n[1], c.labels()));
            return QueryResult.command("CREATE TYPE");
        }
        if (st instanceof AlterEnumType a) {
            return alterEnumType(a);
        }
        String what = st instanceof OtherStatement o ? o.commandTag() : st.getClass().getSimpleName();
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported yet");
    }

    private SchemaEditor editor() {
        SchemaEditor e = dml.catalog.schemaEditor();
        if (e == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this database's schema cannot be changed");
        }
        return e;
    }

    /** [schema, name] of a possibly qualified name to create. */
    private String[] target(List<Identifier> ids, NodeLocation loc) {
        List<String> name = Binder.names(ids);
        String schema = name.size() > 1 ? name.get(name.size() - 2) : dml.currentSchema;
        if (schema == null) {
            throw PgException.builder("3F000", "no schema has been selected to create in")
                    .position(loc.position()).build();
        }
        if (!dml.catalog.schemaExists(schema)) {
            throw PgException.builder("3F000", "schema \"" + schema + "\" does not exist")
                    .position(loc.position()).build();
        }
        return new String[] {schema, name.get(name.size() - 1)};
    }

    // ---------------------------------------------------------------- CREATE TABLE

    /** A column cannot be of a pseudo-type (record, record[], void). */
    private static void checkNotPseudoType(String column, PgType type) {
        if (type.category() == 'P' || type.elementOid() == Composite.RECORD.oid()) {
            throw new PgException("42P16", "column \"" + column + "\" has pseudo-type " + Types.displayName(type));
        }
    }

    private static boolean isSerial(ColumnDefinition cd) {
        String raw = cd.type().names().get(cd.type().names().size() - 1).value();
        return cd.type().arrayBounds().isEmpty() && cd.type().names().size() == 1 && (raw.equals("serial")
                || raw.equals("bigserial") || raw.equals("smallserial") || raw.equals("serial4")
                || raw.equals("serial8") || raw.equals("serial2"));
    }

    private static long maxOf(PgType type) {
        return type.equals(PgType.INT2) ? Short.MAX_VALUE : type.equals(PgType.INT4) ? Integer.MAX_VALUE
                : Long.MAX_VALUE;
    }

    /** A type's modifier as pg_attribute.atttypmod has it: varchar(n) n + 4, numeric(p, s), timestamp(p)... */
    static int typmod(PgType type, TypeName t) {
        List<Integer> mods = new ArrayList<>();
        for (Expression e : t.modifiers()) {
            if (!(e instanceof NumericLiteral n) || !n.isInteger()) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "type modifiers must be simple constants or "
                        + "identifiers").position(e.location().position()).build();
            }
            mods.add(Integer.parseInt(n.value()));
        }
        if (!t.arrayBounds().isEmpty()) {
            return -1;
        }
        if (type.equals(PgType.VARCHAR) || type.equals(PgType.BPCHAR)) {
            if (mods.isEmpty()) {
                return type.equals(PgType.BPCHAR) ? 1 + 4 : -1; // char is char(1)
            }
            if (mods.get(0) < 1) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "length for type "
                        + (type.equals(PgType.VARCHAR) ? "varchar" : "char") + " must be at least 1");
            }
            return mods.get(0) + 4;
        }
        if (type.equals(PgType.NUMERIC) && !mods.isEmpty()) {
            int p = mods.get(0);
            int sc = mods.size() > 1 ? mods.get(1) : 0;
            if (p < 1 || p > 1000) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC precision " + p
                        + " must be between 1 and 1000");
            }
            return ((p << 16) | (sc & 0xffff)) + 4;
        }
        return mods.isEmpty() ? -1 : mods.get(0);
    }

    /** What creating the columns needs besides the table: sequences. */
    private record NewSequence(String name, SchemaEditor.SequenceOptions options) {
    }

    /** A column definition, bound: the column, its sequence (serial, identity) and its column constraints. */
    private TableColumn column(String schema, String table, ColumnDefinition cd, List<NewSequence> sequences,
                               List<Constraint> constraints) {
        String cname = cd.name().value();
        PgType type;
        Expression def = null;
        boolean notNull = false;
        TableColumn.Identity identity = TableColumn.Identity.NONE;
        if (isSerial(cd)) {
            String raw = cd.type().names().get(0).value();
            type = raw.startsWith("big") || raw.equals("serial8") ? PgType.INT8
                    : raw.startsWith("small") || raw.equals("serial2") ? PgType.INT2 : PgType.INT4;
            String seq = table + "_" + cname + "_seq";
            sequences.add(new NewSequence(seq, SchemaEditor.SequenceOptions.of(maxOf(type)).as(type)
                    .ownedBy(table, cname)));
            def = sequenceDefault(schema, seq);
            notNull = true;
        } else {
            type = binder.resolveType(cd.type());
            checkNotPseudoType(cname, type);
        }
        for (Constraint k : cd.constraints()) {
            switch (k.type()) {
                case NOT_NULL -> notNull = true;
                case NULL -> {
                }
                case DEFAULT -> def = k.expression();
                case IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT -> {
                    String seq = table + "_" + cname + "_seq";
                    sequences.add(new NewSequence(seq, sequenceOptions(k.identityOptions(), maxOf(type)).as(type)
                            .ownedBy(table, cname)));
                    def = sequenceDefault(schema, seq);
                    notNull = true;
                    identity = k.type() == Constraint.Type.IDENTITY_ALWAYS ? TableColumn.Identity.ALWAYS
                            : TableColumn.Identity.BY_DEFAULT;
                }
                case PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY -> constraints.add(k);
                default -> throw Binder.unsupported(k.type().name().replace('_', ' ') + " constraints",
                        k.location());
            }
        }
        TableColumn col = new TableColumn(cname, type, isSerial(cd) ? -1 : typmod(type, cd.type()), notNull, def,
                identity);
        if (def != null && sequences.isEmpty()) {
            binder.assign(binder.bind(def, new Binder.Ctx(new Scope(), null, "DEFAULT")), col, 0); // check it binds
        }
        return col;
    }

    private QueryResult createTable(CreateTable c) {
        SchemaEditor editor = editor();
        if (c.persistence() == Persistence.TEMPORARY || !c.inherits().isEmpty()) {
            throw Binder.unsupported("temporary and inherited tables", c.location());
        }
        String[] t = target(c.name(), c.location());
        String schema = t[0];
        String table = t[1];
        if (dml.catalog.table(schema, table) != null) {
            if (c.ifNotExists()) {
                dml.notice("42P07", "relation \"" + table + "\" already exists, skipping");
                return QueryResult.command("CREATE TABLE");
            }
            throw new PgException("42P07", "relation \"" + table + "\" already exists");
        }
        List<TableColumn> cols = new ArrayList<>();
        List<NewSequence> sequences = new ArrayList<>();
        List<Map.Entry<String, Constraint>> constraints = new ArrayList<>(); // column (or null), constraint
        for (TableElement el : c.elements()) {
            if (el instanceof ColumnDefinition cd) {
                String cname = cd.name().value();
                if (cols.stream().anyMatch(x -> x.name().equals(cname))) {
                    throw new PgException("42701", "column \"" + cname + "\" specified more than once");
                }
                List<Constraint> own = new ArrayList<>();
                cols.add(column(schema, table, cd, sequences, own));
                own.forEach(k -> constraints.add(new java.util.AbstractMap.SimpleEntry<>(cname, k)));
            } else if (el instanceof Constraint k) {
                constraints.add(new java.util.AbstractMap.SimpleEntry<>(null, k));
            } else {
                throw Binder.unsupported("LIKE in CREATE TABLE", el.location());
            }
        }
        List<TableConstraint> defs = new ArrayList<>();
        Table shape = shape(schema, table, cols);
        for (Map.Entry<String, Constraint> e : constraints) {
            TableConstraint tc = constraint(shape, e.getKey(), e.getValue(), defs);
            if (tc.kind() == TableConstraint.Kind.PRIMARY_KEY) {
                for (String pc : tc.columns()) {
                    int i = Dml.columnIndex(shape, pc, NodeLocation.UNKNOWN);
                    cols.set(i, cols.get(i).with(pc, true, cols.get(i).defaultValue()));
                }
            }
            defs.add(tc);
        }
        for (NewSequence s : sequences) {
            editor.createSequence(ctx.transaction(), schema, s.name(), s.options());
        }
        try {
            editor.createTable(ctx.transaction(), new SchemaEditor.TableDefinition(schema, table, cols, defs));
        } catch (RuntimeException e) {
            sequences.forEach(s -> editor.dropSequence(ctx.transaction(), schema, s.name()));
            throw e;
        }
        return QueryResult.command("CREATE TABLE");
    }

    /** A stand-in for a table being created, to bind its CHECK constraints and resolve its columns. */
    private static Table shape(String schema, String name, List<TableColumn> cols) {
        return new Table() {
            @Override
            public String schema() {
                return schema;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public List<TableColumn> columns() {
                return cols;
            }

            @Override
            public io.pgserve.engine.TableScan scan(io.pgserve.engine.ScanRequest request) {
                throw new IllegalStateException();
            }
        };
    }

    /** A constraint definition, bound, with PostgreSQL's default name when it has none. */
    private TableConstraint constraint(Table table, String column, Constraint k, List<TableConstraint> earlier) {
        List<String> cols = new ArrayList<>();
        if (column != null && k.type() != Constraint.Type.CHECK) {
            cols.add(column);
        }
        for (Identifier id : k.columns()) {
            if (table.columns().stream().noneMatch(c -> c.name().equals(id.value()))) {
                throw PgException.builder(SqlState.UNDEFINED_COLUMN, "column \"" + id.value()
                        + "\" named in key does not exist").position(k.location().position()).build();
            }
            cols.add(id.value());
        }
        String given = k.name() == null ? null : k.name().value();
        String t = table.name();
        switch (k.type()) {
            case PRIMARY_KEY -> {
                if (earlier.stream().anyMatch(x -> x.kind() == TableConstraint.Kind.PRIMARY_KEY)
                        || table.constraints().stream().anyMatch(x -> x.kind() == TableConstraint.Kind.PRIMARY_KEY)) {
                    throw new PgException("42P16", "multiple primary keys for table \"" + t + "\" are not allowed");
                }
                return TableConstraint.key(given != null ? given : t + "_pkey", true, cols);
            }
            case UNIQUE -> {
                return TableConstraint.key(given != null ? given : unique(t + "_" + String.join("_", cols) + "_key",
                        table, earlier), false, cols);
            }
            case CHECK -> {
                boolean[] used = new boolean[table.columns().size()];
                binder.bindCondition(k.expression(), binder.tableContext(table, null, used), "CHECK");
                List<String> mentioned = new ArrayList<>();
                for (int i = 0; i < used.length; i++) {
                    if (used[i]) {
                        mentioned.add(table.columns().get(i).name());
                    }
                }
                // PostgreSQL names it after the one column it mentions, even when written on another column
                String base = mentioned.size() == 1 ? t + "_" + mentioned.get(0) + "_check" : t + "_check";
                return TableConstraint.check(given != null ? given : unique(base, table, earlier), mentioned,
                        k.expression(), SqlPrinter.print(k.expression()));
            }
            case FOREIGN_KEY -> {
                Table parent = binder.resolveTable(k.referencedTable(), k.location());
                List<String> refCols = new ArrayList<>();
                k.referencedColumns().forEach(id -> refCols.add(id.value()));
                if (refCols.isEmpty()) {
                    TableConstraint pk = parent.constraints().stream()
                            .filter(x -> x.kind() == TableConstraint.Kind.PRIMARY_KEY).findFirst().orElse(null);
                    if (pk == null && parent.name().equals(t) && parent.schema().equals(table.schema())) {
                        pk = earlier.stream().filter(x -> x.kind() == TableConstraint.Kind.PRIMARY_KEY).findFirst()
                                .orElse(null);
                    }
                    if (pk == null) {
                        throw new PgException("42830", "there is no primary key for referenced table \""
                                + parent.name() + "\"");
                    }
                    refCols.addAll(pk.columns());
                } else {
                    java.util.Set<String> wanted = new java.util.HashSet<>(refCols);
                    boolean ok = parent.indexes().stream().anyMatch(ix -> ix.unique()
                            && new java.util.HashSet<>(ix.columns()).equals(wanted));
                    if (!ok) {
                        throw new PgException("42830", "there is no unique constraint matching given keys for "
                                + "referenced table \"" + parent.name() + "\"");
                    }
                }
                if (refCols.size() != cols.size()) {
                    throw new PgException("42830", "number of referencing and referenced columns for foreign key "
                            + "disagree");
                }
                return TableConstraint.foreignKey(given != null ? given
                                : unique(t + "_" + String.join("_", cols) + "_fkey", table, earlier), cols,
                        parent.schema(), parent.name(), refCols, action(k.onDelete()), action(k.onUpdate()));
            }
            default -> throw Binder.unsupported(k.type().name().replace('_', ' ') + " constraints", k.location());
        }
    }

    private static String unique(String base, Table table, List<TableConstraint> earlier) {
        String name = base;
        for (int i = 1; ; i++) {
            String n = name;
            if (earlier.stream().noneMatch(x -> x.name().equals(n))
                    && table.constraints().stream().noneMatch(x -> x.name().equals(n))) {
                return n;
            }
            name = base + i;
        }
    }

    private static TableConstraint.Action action(Constraint.ReferentialAction a) {
        return a == null ? TableConstraint.Action.NO_ACTION : TableConstraint.Action.valueOf(a.name());
    }

    static Expression sequenceDefault(String schema, String seq) {
        return new FunctionCall(List.of(Identifier.of("nextval")), List.of(new FunctionArgument(null,
                new StringLiteral(schema + "." + seq, NodeLocation.UNKNOWN), NodeLocation.UNKNOWN)), false, false,
                false, List.of(), List.of(), null, null, NodeLocation.UNKNOWN);
    }

    /** The sequence a column's default is nextval() of ("schema.name"), or null. */
    public static String ownedSequence(TableColumn c) {
        if (c.defaultValue() instanceof FunctionCall f && f.arguments().size() == 1
                && f.name().get(f.name().size() - 1).value().equals("nextval")
                && f.arguments().get(0).value() instanceof StringLiteral lit && lit.value().indexOf('.') > 0) {
            return lit.value();
        }
        return null;
    }

    // ---------------------------------------------------------------- sequences

    private static SchemaEditor.SequenceOptions sequenceOptions(List<SequenceOption> options, long typeMax) {
        long increment = 1;
        Long min = null;
        Long max = null;
        Long start = null;
        boolean cycle = false;
        for (SequenceOption o : options) {
            long v = o.value() == null ? 0 : Long.parseLong(o.value().value());
            switch (o.name()) {
                case "increment" -> increment = v;
                case "minvalue" -> min = v;
                case "maxvalue" -> max = v;
                case "start" -> start = v;
                case "cycle" -> cycle = true;
                case "no cycle", "no minvalue", "no maxvalue", "cache", "owned by", "as", "sequence name" -> {
                }
                default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "sequence option " + o.name()
                        + " is not supported");
            }
        }
        if (increment == 0) {
            throw new PgException("22023", "INCREMENT must not be zero");
        }
        long lo = min != null ? min : increment > 0 ? 1 : -typeMax - 1;
        long hi = max != null ? max : increment > 0 ? typeMax : -1;
        long st = start != null ? start : increment > 0 ? lo : hi;
        if (lo >= hi) {
            throw new PgException("22023", "MINVALUE (" + lo + ") must be less than MAXVALUE (" + hi + ")");
        }
        if (st < lo) {
            throw new PgException("22023", "START value (" + st + ") cannot be less than MINVALUE (" + lo + ")");
        }
        if (st > hi) {
            throw new PgException("22023", "START value (" + st + ") cannot be greater than MAXVALUE (" + hi + ")");
        }
        return new SchemaEditor.SequenceOptions(increment, lo, hi, st, cycle);
    }

    private QueryResult createSequence(CreateSequence c) {
        String[] t = target(c.name(), c.location());
        SchemaEditor editor = editor();
        if (c.ifNotExists() && editor.sequence(t[0], t[1]) != null) {
            dml.notice("42P07", "relation \"" + t[1] + "\" already exists, skipping");
            return QueryResult.command("CREATE SEQUENCE");
        }
        PgType type = PgType.INT8;
        for (SequenceOption o : c.options()) {
            if (o.name().equals("as")) {
                type = binder.resolveType(o.type());
            }
        }
        editor.createSequence(ctx.transaction(), t[0], t[1], sequenceOptions(c.options(), maxOf(type)).as(type));
        return QueryResult.command("CREATE SEQUENCE");
    }

    // ---------------------------------------------------------------- views

    private QueryResult createView(CreateView v) {
        if (v.persistence() == Persistence.TEMPORARY || v.recursive()) {
            throw Binder.unsupported("temporary and recursive views", v.location());
        }
        String[] t = target(v.name(), v.location());
        Plan plan = binder.bindQuery(v.query()); // checks the query, and gives the column names
        List<String> cols = new ArrayList<>();
        plan.columns().forEach(c -> cols.add(c.name()));
        if (v.columns().size() > cols.size()) {
            throw new PgException(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
        }
        for (int i = 0; i < v.columns().size(); i++) {
            cols.set(i, v.columns().get(i).value());
        }
        List<TableName> names = new ArrayList<>();
        Views.tableNames(v.query(), names);
        List<String> deps = new ArrayList<>();
        for (TableName n : names) {
            List<String> parts = Binder.names(n.name());
            for (String schema : parts.size() > 1 ? List.of(parts.get(0)) : dml.searchPath) {
                String rel = parts.get(parts.size() - 1);
                if (dml.catalog.table(schema, rel) != null || dml.catalog.view(schema, rel) != null) {
                    deps.add(schema + "." + rel);
                    break;
                }
            }
        }
        editor().createView(ctx.transaction(), new io.pgserve.engine.Catalog.View(t[0], t[1], cols, v.query(),
                SqlPrinter.print(v.query()), deps), v.orReplace());
        return QueryResult.command("CREATE VIEW");
    }

    // ---------------------------------------------------------------- DROP

    private QueryResult drop(Drop d) {
        SchemaEditor editor = editor();
        String tag = "DROP " + d.type().sql();
        for (List<Identifier> ids : d.names()) {
            List<String> name = Binder.names(ids);
            String shown = String.join(".", name);
            switch (d.type()) {
                case TABLE -> {
                    Table t;
                    try {
                        t = binder.resolveTable(ids, d.location());
                    } catch (PgException e) {
                        if (!e.sqlState().equals(SqlState.UNDEFINED_TABLE) && !e.sqlState().equals("3F000")) {
                            throw e;
                        }
                        if (d.ifExists()) {
                            dml.notice("00000", "table \"" + shown + "\" does not exist, skipping");
                            continue;
                        }
                        throw new PgException(SqlState.UNDEFINED_TABLE, "table \"" + shown + "\" does not exist");
                    }
                    editor.dropTable(ctx.transaction(), t.schema(), t.name(), d.cascade());
                }
                case SCHEMA -> {
                    if (!dml.catalog.schemaExists(name.get(0))) {
                        if (d.ifExists()) {
                            dml.notice("00000", "schema \"" + shown + "\" does not exist, skipping");
                            continue;
                        }
                        throw new PgException("3F000", "schema \"" + shown + "\" does not exist");
                    }
                    editor.dropSchema(ctx.transaction(), name.get(0), d.cascade());
                }
                case VIEW -> {
                    boolean found = false;
                    for (String schema : name.size() > 1 ? List.of(name.get(0)) : dml.searchPath) {
                        found = editor.dropView(ctx.transaction(), schema, name.get(name.size() - 1), d.cascade());
                        if (found) {
                            break;
                        }
                    }
                    if (!found) {
                        if (d.ifExists()) {
                            dml.notice("00000", "view \"" + shown + "\" does not exist, skipping");
                            continue;
                        }
                        throw new PgException(SqlState.UNDEFINED_TABLE, "view \"" + shown + "\" does not exist");
                    }
                }
                case INDEX, SEQUENCE -> {
                    boolean found = false;
                    for (String schema : name.size() > 1 ? List.of(name.get(0)) : dml.searchPath) {
                        String n = name.get(name.size() - 1);
                        found = d.type() == ObjectType.INDEX ? editor.dropIndex(ctx.transaction(), schema, n)
                                : editor.dropSequence(ctx.transaction(), schema, n);
                        if (found) {
                            break;
                        }
                    }
                    if (!found) {
                        String what = d.type() == ObjectType.INDEX ? "index" : "sequence";
                        if (d.ifExists()) {
                            dml.notice("00000", what + " \"" + shown + "\" does not exist, skipping");
                            continue;
                        }
                        throw new PgException(d.type() == ObjectType.INDEX ? "42704" : SqlState.UNDEFINED_TABLE,
                                what + " \"" + shown + "\" does not exist");
                    }
                }
                case TYPE -> {
                    io.pgserve.engine.EnumType e = name.size() <= 2 ? binder.enumType(name) : null;
                    if (e == null) {
                        if (d.ifExists()) {
                            dml.notice("00000", "type \"" + shown + "\" does not exist, skipping");
                            continue;
                        }
                        throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + shown + "\" does not exist");
                    }
                    dropTypeDependents(e, d.cascade());
                    editor.dropEnumType(ctx.transaction(), e.schema(), e.name(), d.cascade());
                }
                default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, tag + " is not supported yet");
            }
        }
        return QueryResult.command(tag);
    }

    /**
     * The columns of an enum type or its array type: 2BP01 as PostgreSQL reports it, or with CASCADE dropped (with
     * PostgreSQL's notice). Columns of the array type come first, as PostgreSQL finds them through the array type.
     */
    private void dropTypeDependents(io.pgserve.engine.EnumType e, boolean cascade) {
        List<String[]> deps = new ArrayList<>();
        for (PgType type : List.of(e.arrayType(), e.type())) {
            for (String schema : dml.catalog.schemas()) {
                for (Table t : dml.catalog.tables(schema)) {
                    for (TableColumn c : t.columns()) {
                        if (c.type().oid() == type.oid()) {
                            deps.add(new String[] {t.schema(), t.name(), c.name(),
                                    e.name() + (type.isArray() ? "[]" : "")});
                        }
                    }
                }
            }
        }
        if (deps.isEmpty()) {
            return;
        }
        StringBuilder detail = new StringBuilder();
        for (String[] dep : deps) {
            detail.append(detail.length() > 0 ? "\n" : "").append(cascade ? "drop cascades to " : "")
                    .append("column ").append(dep[2]).append(" of table ").append(dep[1])
                    .append(cascade ? "" : " depends on type " + dep[3]);
        }
        if (!cascade) {
            throw PgException.builder("2BP01", "cannot drop type " + e.name()
                    + " because other objects depend on it").detail(detail.toString())
                    .hint("Use DROP ... CASCADE to drop the dependent objects too.").build();
        }
        if (deps.size() == 1) {
            dml.notice("00000", detail.toString());
        } else {
            dml.notice("00000", "drop cascades to " + deps.size() + " other objects", detail.toString());
        }
        for (String[] dep : deps) {
            editor().alterTable(ctx.transaction(), dep[0], dep[1], new SchemaEditor.DropColumn(dep[2], true));
        }
    }

    /** ALTER TYPE ... ADD VALUE / RENAME VALUE of an enum type. */
    private QueryResult alterEnumType(AlterEnumType a) {
        List<String> name = Binder.names(a.name());
        io.pgserve.engine.EnumType e = name.size() <= 2 ? binder.enumType(name) : null;
        if (e == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", name)
                    + "\" does not exist");
        }
        if (a.isRename()) {
            editor().renameEnumValue(ctx.transaction(), e, a.label(), a.newLabel());
        } else if (!editor().addEnumValue(ctx.transaction(), e, a.label(), a.neighbor(), a.after(),
                a.ifNotExists())) {
            dml.notice("42710", "enum label \"" + a.label() + "\" already exists, skipping");
        }
        return QueryResult.command("ALTER TYPE");
    }

    // ---------------------------------------------------------------- ALTER TABLE, CREATE INDEX, COMMENT

    private QueryResult alterTable(AlterTable a) throws Exception {
        Table t;
        try {
            t = binder.resolveTable(a.table().name(), a.table().location());
        } catch (PgException e) {
            if (a.ifExists() && e.sqlState().equals(SqlState.UNDEFINED_TABLE)) {
                dml.notice("00000", "relation \"" + String.join(".", Binder.names(a.table().name()))
                        + "\" does not exist, skipping");
                return QueryResult.command("ALTER TABLE");
            }
            throw e;
        }
        SchemaEditor editor = editor();
        for (AlterTableAction act : a.actions()) {
            Table table = dml.catalog.table(t.schema(), t.name());
            String col = act.name() == null ? null : act.name().value();
            SchemaEditor.TableChange change = switch (act.kind()) {
                case ADD_COLUMN -> {
                    if (act.ifExists() && table.columns().stream()
                            .anyMatch(c -> c.name().equals(act.column().name().value()))) {
                        dml.notice("42701", "column \"" + act.column().name().value() + "\" of relation \""
                                + table.name() + "\" already exists, skipping");
                        yield null;
                    }
                    List<NewSequence> seqs = new ArrayList<>();
                    List<Constraint> own = new ArrayList<>();
                    TableColumn c = column(table.schema(), table.name(), act.column(), seqs, own);
                    for (NewSequence s : seqs) {
                        editor.createSequence(ctx.transaction(), table.schema(), s.name(), s.options());
                    }
                    Expr def = c.defaultValue() == null ? null : binder.assign(binder.bind(c.defaultValue(),
                            new Binder.Ctx(new Scope(), null, "DEFAULT")), c, 0);
                    if (c.notNull() && def == null && !ctxRows(table).isEmpty()) {
                        throw PgException.builder("23502", "column \"" + c.name() + "\" of relation \""
                                + table.name() + "\" contains null values").schemaName(table.schema())
                                .tableName(table.name()).columnName(c.name()).build();
                    }
                    editor.alterTable(ctx.transaction(), table.schema(), table.name(), new SchemaEditor.AddColumn(c,
                            def == null ? null : () -> def.eval(new Object[0], ctx)));
                    for (Constraint k : own) {
                        addConstraint(editor, dml.catalog.table(t.schema(), t.name()), c.name(), k);
                    }
                    yield null;
                }
                case DROP_COLUMN -> {
                    if (act.ifExists() && table.columns().stream().noneMatch(c -> c.name().equals(col))) {
                        dml.notice("00000", "column \"" + col + "\" of relation \"" + table.name()
                                + "\" does not exist, skipping");
                        yield null;
                    }
                    Dml.columnIndex(table, col, act.location());
                    yield new SchemaEditor.DropColumn(col, act.cascade());
                }
                case RENAME_COLUMN -> {
                    Dml.columnIndex(table, col, act.location());
                    yield new SchemaEditor.RenameColumn(col, act.newName().value());
                }
                case SET_DEFAULT, DROP_DEFAULT -> {
                    int i = Dml.columnIndex(table, col, act.location());
                    if (act.kind() == AlterTableAction.Kind.SET_DEFAULT) {
                        binder.assign(binder.bind(act.expression(), new Binder.Ctx(new Scope(), null, "DEFAULT")),
                                table.columns().get(i), act.expression().location().position());
                    }
                    yield new SchemaEditor.SetDefault(col, act.kind() == AlterTableAction.Kind.SET_DEFAULT
                            ? act.expression() : null);
                }
                case SET_NOT_NULL -> {
                    int i = Dml.columnIndex(table, col, act.location());
                    for (Object[] r : ctxRows(table)) {
                        if (r[i] == null) {
                            throw PgException.builder("23502", "column \"" + col + "\" of relation \""
                                    + table.name() + "\" contains null values").schemaName(table.schema())
                                    .tableName(table.name()).columnName(col).build();
                        }
                    }
                    yield new SchemaEditor.SetNotNull(col, true);
                }
                case ALTER_TYPE -> {
                    int i = Dml.columnIndex(table, col, act.location());
                    TableColumn old = table.columns().get(i);
                    PgType type = binder.resolveType(act.type());
                    checkNotPseudoType(col, type);
                    TableColumn now = new TableColumn(old.name(), type, -1, old.notNull(), old.defaultValue(),
                            old.identity());
                    Binder.Ctx tctx = binder.tableContext(table, null, null);
                    Expr source = act.expression() != null ? binder.bind(act.expression(), tctx)
                            : new Expr.Column(i, old.type(), old.name(), act.location());
                    Expr conv;
                    try {
                        conv = binder.assign(source, now, act.location().position());
                    } catch (PgException e) {
                        if (!e.sqlState().equals("42804") || act.expression() != null) {
                            throw e;
                        }
                        throw PgException.builder("42804", "column \"" + col + "\" cannot be cast automatically to type "
                                + Types.displayName(type)).hint("You might need to specify \"USING " + col + "::"
                                + Types.displayName(type) + "\".").build();
                    }
                    yield new SchemaEditor.AlterType(col, now, row -> conv.eval(row, ctx));
                }
                case DROP_NOT_NULL -> {
                    Dml.columnIndex(table, col, act.location());
                    yield new SchemaEditor.SetNotNull(col, false);
                }
                case ADD_CONSTRAINT -> {
                    addConstraint(editor, table, null, act.constraint());
                    yield null;
                }
                case DROP_CONSTRAINT -> {
                    if (act.ifExists() && table.constraints().stream().noneMatch(k -> k.name().equals(col))) {
                        dml.notice("00000", "constraint \"" + col + "\" of relation \"" + table.name()
                                + "\" does not exist, skipping");
                        yield null;
                    }
                    yield new SchemaEditor.DropConstraint(col);
                }
                case RENAME_TABLE -> new SchemaEditor.RenameTable(act.newName().value());
                case OWNER_TO -> null;
                default -> throw Binder.unsupported("ALTER TABLE " + act.kind().name().replace('_', ' '),
                        act.location());
            };
            if (change != null) {
                editor.alterTable(ctx.transaction(), table.schema(), table.name(), change);
            }
        }
        return QueryResult.command("ALTER TABLE");
    }

    /** The rows this transaction sees in a table (to check a new constraint against). */
    private List<Object[]> ctxRows(Table table) throws Exception {
        List<Object[]> out = new ArrayList<>();
        int[] proj = new int[table.columns().size()];
        java.util.Arrays.setAll(proj, i -> i);
        try (io.pgserve.engine.TableScan s = table.scan(new io.pgserve.engine.ScanRequest(proj, List.of(), -1,
                ctx.transaction(), false))) {
            Object[] r;
            while ((r = s.next()) != null) {
                out.add(r);
            }
        }
        return out;
    }

    private void addConstraint(SchemaEditor editor, Table table, String column, Constraint k) throws Exception {
        if (k.type() == Constraint.Type.NOT_NULL) {
            editor.alterTable(ctx.transaction(), table.schema(), table.name(),
                    new SchemaEditor.SetNotNull(column, true));
            return;
        }
        TableConstraint tc = constraint(table, column, k, List.of());
        if (tc.kind() == TableConstraint.Kind.CHECK && !k.notValid()) {
            Expr check = binder.bindCondition(tc.check(), binder.tableContext(table, null, null), "CHECK");
            for (Object[] r : ctxRows(table)) {
                if (Boolean.FALSE.equals(check.eval(r, ctx))) {
                    throw PgException.builder("23514", "check constraint \"" + tc.name() + "\" of relation \""
                            + table.name() + "\" is violated by some row").schemaName(table.schema())
                            .tableName(table.name()).constraintName(tc.name()).build();
                }
            }
        }
        if (tc.kind() == TableConstraint.Kind.PRIMARY_KEY) {
            for (String c : tc.columns()) {
                int i = Dml.columnIndex(table, c, NodeLocation.UNKNOWN);
                for (Object[] r : ctxRows(table)) {
                    if (r[i] == null) {
                        throw PgException.builder("23502", "column \"" + c + "\" of relation \"" + table.name()
                                + "\" contains null values").schemaName(table.schema()).tableName(table.name())
                                .columnName(c).build();
                    }
                }
            }
        }
        if (tc.kind() == TableConstraint.Kind.FOREIGN_KEY && !k.notValid()) {
            // every existing row must reference a parent row: check them as new rows
            Table probe = shapeWith(table, tc);
            Dml.Checks checks = dml.checks(probe);
            for (Object[] r : ctxRows(table)) {
                checks.checkRow(r, null);
            }
        }
        editor.alterTable(ctx.transaction(), table.schema(), table.name(), new SchemaEditor.AddConstraint(tc));
    }

    /** The table with only this (foreign key) constraint, for checking existing rows against it. */
    private static Table shapeWith(Table table, TableConstraint fk) {
        return new Table() {
            @Override
            public String schema() {
                return table.schema();
            }

            @Override
            public String name() {
                return table.name();
            }

            @Override
            public List<TableColumn> columns() {
                return table.columns().stream().map(c -> c.with(c.name(), false, c.defaultValue())).toList();
            }

            @Override
            public List<TableConstraint> constraints() {
                return List.of(fk);
            }

            @Override
            public io.pgserve.engine.TableScan scan(io.pgserve.engine.ScanRequest request) {
                throw new IllegalStateException();
            }
        };
    }

    private QueryResult createIndex(CreateIndex c) {
        Table table = binder.resolveTable(c.table().name(), c.table().location());
        List<String> cols = new ArrayList<>();
        for (IndexElement e : c.elements()) {
            if (!(e.expression() instanceof ColumnRef r) || r.star() || r.names().size() != 1) {
                throw Binder.unsupported("indexes on expressions", e.location());
            }
            String col = r.names().get(0).value();
            if (table.columns().stream().noneMatch(x -> x.name().equals(col))) {
                throw PgException.builder(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" does not exist")
                        .position(e.location().position()).build();
            }
            cols.add(col);
        }
        if (c.where() != null) {
            throw Binder.unsupported("partial indexes", c.where().location());
        }
        String name = c.name() != null ? c.name().value() : table.name() + "_" + String.join("_", cols) + "_idx";
        if (c.ifNotExists() && table.indexes().stream().anyMatch(ix -> ix.name().equals(name))) {
            dml.notice("42P07", "relation \"" + name + "\" already exists, skipping");
            return QueryResult.command("CREATE INDEX");
        }
        editor().createIndex(ctx.transaction(), table.schema(), table.name(), new TableIndex(name, cols, c.unique(),
                false));
        return QueryResult.command("CREATE INDEX");
    }

    private QueryResult comment(io.pgserve.sql.ast.Comment c) {
        List<Identifier> ids = c.name();
        switch (c.type()) {
            case TABLE -> {
                Table t = binder.resolveTable(ids, c.location());
                editor().comment(ctx.transaction(), t.schema(), t.name(), null, c.text());
            }
            case COLUMN -> {
                if (ids.size() < 2) {
                    throw PgException.builder(SqlState.SYNTAX_ERROR, "column name must be qualified")
                            .position(c.location().position()).build();
                }
                Table t = binder.resolveTable(ids.subList(0, ids.size() - 1), c.location());
                String col = ids.get(ids.size() - 1).value();
                Dml.columnIndex(t, col, c.location());
                editor().comment(ctx.transaction(), t.schema(), t.name(), col, c.text());
            }
            default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COMMENT ON " + c.type().sql()
                    + " is not supported yet");
        }
        return QueryResult.command("COMMENT");
    }
}
