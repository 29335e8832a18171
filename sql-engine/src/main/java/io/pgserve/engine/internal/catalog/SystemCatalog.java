package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.ColumnFilter;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.ScanRequest;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableConstraint;
import io.pgserve.engine.TableIndex;
import io.pgserve.engine.TableScan;
import io.pgserve.engine.Transaction;
import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.engine.internal.Binder;
import io.pgserve.engine.internal.Plan;
import io.pgserve.server.SessionContext;
import io.pgserve.server.types.TypeRegistry;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One session's view of a catalog with PostgreSQL's system schemas in front: {@code pg_catalog} and
 * {@code information_schema} relations are generated from the {@link SchemaModel} (a snapshot per statement), every
 * other name goes to the user's catalog. SPI tables without an OID get the one pg_class shows for them, so
 * RowDescription and pg_attribute agree.
 */
public final class SystemCatalog implements Catalog {
    private final Catalog user;
    private final Supplier<SchemaModel> model;
    private final OidAllocator oids;
    private final TypeRegistry types;
    private final FunctionRegistry functions;
    private final SessionContext session;
    private final Supplier<Collection<SessionContext>> sessions;
    private final Runnable onClose;
    private final Map<Table, Table> wrappers = new IdentityHashMap<>();
    private List<String> searchPath = List.of("pg_catalog", "public");
    private CatalogSnapshot snapshot;

    /**
     * @param model    the schema model, read once per statement
     * @param sessions the live sessions (pg_stat_activity)
     * @param onClose  run when the session ends
     */
    public SystemCatalog(Catalog user, Supplier<SchemaModel> model, OidAllocator oids, TypeRegistry types,
                         FunctionRegistry functions, SessionContext session,
                         Supplier<Collection<SessionContext>> sessions, Runnable onClose) {
        this.user = Objects.requireNonNull(user, "user");
        this.model = Objects.requireNonNull(model, "model");
        this.oids = oids;
        this.types = types;
        this.functions = functions;
        this.session = session;
        this.sessions = sessions;
        this.onClose = onClose;
    }

    /** The session ended. */
    public void close() {
        onClose.run();
    }

    /** Whether a schema is one this catalog generates. */
    public static boolean isSystemSchema(String schema) {
        return schema.equals("pg_catalog") || schema.equals("information_schema");
    }

    /** The names of the relations of pg_catalog and information_schema that exist here. */
    public static java.util.Set<String> relationNames() {
        java.util.Set<String> out = new java.util.HashSet<>();
        SystemRelations.all().forEach(d -> out.add(d.name()));
        return out;
    }

    /** A statement starts: the next catalog read takes a new snapshot, with this search path for visibility. */
    public synchronized void statementStarted(List<String> searchPath) {
        this.searchPath = List.copyOf(searchPath);
        this.snapshot = null;
    }

    /** The catalog as of the current statement. */
    synchronized CatalogSnapshot snapshot() {
        if (snapshot == null) {
            snapshot = new CatalogSnapshot(withViews(model.get()), oids, types, session, searchPath, sessions.get());
        }
        return snapshot;
    }

    /**
     * The model plus the catalog's {@link Catalog#views views} it does not describe itself, their column types
     * found by binding their queries (a view that no longer binds is left out).
     */
    private SchemaModel withViews(SchemaModel m) {
        List<SchemaModel.Relation> added = new java.util.ArrayList<>();
        for (String schema : user.schemas()) {
            for (Catalog.View v : user.views(schema)) {
                if (m.relations().stream().anyMatch(r -> r.schema().equals(schema) && r.name().equals(v.name()))) {
                    continue;
                }
                try {
                    Plan plan = new Binder(this, functions, types, io.pgserve.server.types.CodecContext.DEFAULT,
                            searchPath, List.of()).bindQuery(v.query());
                    SchemaModel.Builder b = SchemaModel.Relation.view(schema, v.name(),
                            ViewText.of(v, this, searchPath, false));
                    for (int i = 0; i < plan.columns().size(); i++) {
                        String name = i < v.columns().size() ? v.columns().get(i) : plan.columns().get(i).name();
                        b.column(SchemaModel.Column.of(name, plan.columns().get(i).type()));
                    }
                    added.add(b.build());
                } catch (RuntimeException e) {
                    // a view whose tables changed since: PostgreSQL would not have let that happen; show nothing
                }
            }
        }
        if (added.isEmpty()) {
            return m;
        }
        List<SchemaModel.Relation> all = new java.util.ArrayList<>(m.relations());
        all.addAll(added);
        return SchemaModel.of(m.schemas(), all);
    }

    /**
     * pg_get_viewdef(view, true): a view of the user's catalog deparsed pretty; for one the model describes itself,
     * its definition as given, printed again pretty. Null when no view has that OID.
     */
    synchronized String prettyViewDefinition(CatalogSnapshot.Rel r) {
        View v = r.relkind() == 'v' ? user.view(r.ns().name(), r.name()) : null;
        if (v != null) {
            return ViewText.of(v, this, searchPath, true);
        }
        if (r.model() == null || r.model().viewDefinition() == null) {
            return null;
        }
        List<String> names = new java.util.ArrayList<>();
        r.columns().forEach(c -> names.add(c.name()));
        return ViewText.pretty(r.model().viewDefinition(), names, snapshot());
    }

    @Override
    public View view(String schema, String name) {
        return isSystemSchema(schema) ? null : user.view(schema, name);
    }

    @Override
    public List<View> views(String schema) {
        return isSystemSchema(schema) ? List.of() : user.views(schema);
    }

    FunctionRegistry functions() {
        return functions;
    }

    TypeRegistry types() {
        return types;
    }

    @Override
    public Table table(String schema, String name) {
        if (isSystemSchema(schema)) {
            SystemRelations.Def def = SystemRelations.get(schema, name);
            return def == null ? null : new SystemTable(def);
        }
        return numbered(user.table(schema, name));
    }

    /** The table itself, or for one without an OID the same wrapper every time (identity matters to callers). */
    private Table numbered(Table t) {
        if (t == null || t.oid() != 0) {
            return t;
        }
        synchronized (wrappers) {
            return wrappers.computeIfAbsent(t, x -> new NumberedTable(x, oids.oid("rel:" + x.schema() + "."
                    + x.name())));
        }
    }

    @Override
    public List<String> schemas() {
        return user.schemas();
    }

    @Override
    public List<Table> tables(String schema) {
        if (isSystemSchema(schema)) {
            return List.of();
        }
        List<Table> out = new java.util.ArrayList<>();
        for (Table t : user.tables(schema)) {
            out.add(numbered(t));
        }
        return out;
    }

    @Override
    public boolean schemaExists(String schema) {
        return isSystemSchema(schema) || schema.equals("pg_toast") || user.schemaExists(schema);
    }

    @Override
    public Transaction begin() {
        return user.begin();
    }

    @Override
    public SchemaEditor schemaEditor() {
        return user.schemaEditor();
    }

    @Override
    public SchemaModel schemaModel() {
        return model.get();
    }

    /** A system relation: its rows generated from this statement's snapshot. */
    private final class SystemTable implements Table {
        private final SystemRelations.Def def;

        SystemTable(SystemRelations.Def def) {
            this.def = def;
        }

        @Override
        public String schema() {
            return def.schema();
        }

        @Override
        public String name() {
            return def.name();
        }

        @Override
        public List<TableColumn> columns() {
            return def.columns();
        }

        @Override
        public int oid() {
            return def.oid();
        }

        @Override
        public TableScan scan(ScanRequest request) {
            List<Object[]> rows = SystemTables.rows(def, snapshot(), functions);
            int[] projection = request.projection();
            return new TableScan() {
                private int next;

                @Override
                public Object[] next() {
                    if (next >= rows.size() || request.limit() >= 0 && next >= request.limit()) {
                        return null;
                    }
                    Object[] row = rows.get(next++);
                    Object[] out = new Object[projection.length];
                    for (int i = 0; i < projection.length; i++) {
                        out[i] = row[projection[i]];
                    }
                    return out;
                }
            };
        }
    }

    /** An SPI table without an OID of its own, shown with the OID pg_class gives it. */
    private static final class NumberedTable implements Table {
        private final Table table;
        private final int oid;

        NumberedTable(Table table, int oid) {
            this.table = table;
            this.oid = oid;
        }

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
            return table.columns();
        }

        @Override
        public TableScan scan(ScanRequest request) throws Exception {
            return table.scan(request);
        }

        @Override
        public boolean supportsFilter(ColumnFilter filter) {
            return table.supportsFilter(filter);
        }

        @Override
        public int oid() {
            return oid;
        }

        @Override
        public List<TableConstraint> constraints() {
            return table.constraints();
        }

        @Override
        public List<TableIndex> indexes() {
            return table.indexes();
        }

        @Override
        public String comment() {
            return table.comment();
        }

        @Override
        public String columnComment(String column) {
            return table.columnComment(column);
        }

        @Override
        public Object conflictingRow(Transaction transaction, String constraint, Object[] row, boolean forUpdate) {
            return table.conflictingRow(transaction, constraint, row, forUpdate);
        }

        @Override
        public Object[] insert(Transaction transaction, Object[] row) throws Exception {
            return table.insert(transaction, row);
        }

        @Override
        public Object[] update(Transaction transaction, Object rowId, UnaryOperator<Object[]> change)
                throws Exception {
            return table.update(transaction, rowId, change);
        }

        @Override
        public Object[] delete(Transaction transaction, Object rowId, Predicate<Object[]> recheck) throws Exception {
            return table.delete(transaction, rowId, recheck);
        }
    }
}
