package io.pgserve.engine.memdb;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.EnumType;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableConstraint;
import io.pgserve.engine.TableIndex;
import io.pgserve.engine.Transaction;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transactional in-memory database: schemas of tables made of MVCC row versions, READ COMMITTED transactions with
 * row locks (a second updater of a row waits for the first; a wait cycle is a 40P01 deadlock), primary keys, unique
 * constraints and indexes used by scans, sequences; CHECK and FOREIGN KEY constraints are stored here and enforced by
 * the engine.
 *
 * <pre>{@code
 * MemDb db = new MemDb();
 * PgServer.builder().handler(new SqlEngine(db)).build().start();
 * MemDb.Snapshot clean = db.snapshot();   // after the test schema is set up
 * ...                                     // a test changes data
 * db.restore(clean);                      // back to the committed state of the snapshot
 * }</pre>
 *
 * DDL is transactional as far as ROLLBACK (and ROLLBACK TO SAVEPOINT) undoes it; but other sessions see a CREATE,
 * DROP or ALTER at once, before it commits (there are no table locks).
 */
public final class MemDb implements Catalog, SchemaEditor {
    private final Map<String, Map<String, MemTable>> schemas = new ConcurrentHashMap<>();
    private final Map<String, Sequence> sequences = new ConcurrentHashMap<>();
    private final Map<String, View> views = new ConcurrentHashMap<>();
    /** The enum types, by "schema.name". */
    private final Map<String, EnumType> enumTypes = new ConcurrentHashMap<>();
    private final AtomicInteger nextOid = new AtomicInteger(16384);
    private final Object commitLock = new Object();
    private final Set<MemTransaction> active = ConcurrentHashMap.newKeySet();
    private final Map<Object, Map<String, Long>> currvals = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Object, Long> lastvals = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Object EMBEDDED = new Object();
    private volatile long lastCommitted;

    public MemDb() {
        schemas.put("public", new ConcurrentHashMap<>());
    }

    @Override
    public Table table(String schema, String name) {
        Map<String, MemTable> s = schemas.get(schema);
        return s == null ? null : s.get(name);
    }

    private MemTable memTable(String schema, String name) {
        Map<String, MemTable> s = schemas.get(schema);
        MemTable t = s == null ? null : s.get(name);
        if (t == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return t;
    }

    @Override
    public boolean schemaExists(String schema) {
        return schemas.containsKey(schema);
    }

    @Override
    public List<String> schemas() {
        List<String> out = new ArrayList<>(schemas.keySet());
        Collections.sort(out);
        return out;
    }

    @Override
    public List<Table> tables(String schema) {
        Map<String, MemTable> s = schemas.get(schema);
        return s == null ? List.of() : List.copyOf(s.values());
    }

    @Override
    public View view(String schema, String name) {
        return views.get(schema + "." + name);
    }

    @Override
    public List<View> views(String schema) {
        return views.values().stream().filter(v -> v.schema().equals(schema)).sorted(
                java.util.Comparator.comparing(View::name)).toList();
    }

    @Override
    public void createView(Transaction transaction, View view, boolean orReplace) {
        String key = view.schema() + "." + view.name();
        synchronized (views) {
            if (views.containsKey(key) ? !orReplace : relationExists(view.schema(), view.name())) {
                throw new PgException("42P07", "relation \"" + view.name() + "\" already exists");
            }
            View old = views.put(key, view);
            undo(transaction, () -> {
                if (old == null) {
                    views.remove(key);
                } else {
                    views.put(key, old);
                }
            });
        }
    }

    @Override
    public boolean dropView(Transaction transaction, String schema, String name, boolean cascade) {
        String key = schema + "." + name;
        if (!views.containsKey(key)) {
            return false;
        }
        dropDependentViews(transaction, key, "view " + name, cascade);
        View old = views.remove(key);
        undo(transaction, () -> views.put(key, old));
        return true;
    }

    /** The views that read {@code key} ("schema.name"): 2BP01 without cascade, else dropped (recursively). */
    private void dropDependentViews(Transaction transaction, String key, String what, boolean cascade) {
        List<View> deps = views.values().stream().filter(v -> v.dependsOn().contains(key)).toList();
        if (deps.isEmpty()) {
            return;
        }
        if (!cascade) {
            StringBuilder detail = new StringBuilder();
            for (View v : deps) {
                detail.append(detail.length() > 0 ? "\n" : "").append("view ").append(v.name())
                        .append(" depends on ").append(what);
            }
            throw PgException.builder("2BP01", "cannot drop " + what + " because other objects depend on it")
                    .detail(detail.toString()).hint("Use DROP ... CASCADE to drop the dependent objects too.")
                    .build();
        }
        for (View v : deps) {
            dropView(transaction, v.schema(), v.name(), true);
        }
    }

    /** Memdb never blocks: where a statement would wait for another transaction, see {@link MemTransaction}. */
    @Override
    public boolean isBlocking() {
        return false;
    }

    @Override
    public Transaction begin() {
        return new MemTransaction(this);
    }

    @Override
    public SchemaEditor schemaEditor() {
        return this;
    }

    // ---------------------------------------------------------------- transactions and snapshots

    long lastCommitted() {
        return lastCommitted;
    }

    /** Registers a new transaction and returns its first snapshot. */
    long register(MemTransaction tx) {
        synchronized (commitLock) {
            active.add(tx);
            return lastCommitted;
        }
    }

    long newSnapshot() {
        synchronized (commitLock) {
            return lastCommitted;
        }
    }

    void unregister(MemTransaction tx) {
        active.remove(tx);
    }

    /** How many transactions wait for a row lock or a key now (for tests). */
    int waitingTransactions() {
        return (int) active.stream().filter(MemTransaction::isWaiting).count();
    }

    /** The oldest snapshot any running transaction may still use: versions deleted before it are garbage. */
    long horizon() {
        synchronized (commitLock) {
            long h = lastCommitted;
            for (MemTransaction t : active) {
                h = Math.min(h, t.snapshot());
            }
            return h;
        }
    }

    /** Commits a transaction's states atomically: a snapshot sees all of them or none. */
    void commit(List<TxState> states) {
        synchronized (commitLock) {
            long csn = lastCommitted + 1;
            for (TxState s : states) {
                if (s.status == TxState.IN_PROGRESS) {
                    s.csn = csn;
                    s.status = TxState.COMMITTED;
                }
            }
            lastCommitted = csn;
        }
        for (TxState s : states) {
            s.finish(s.status);
        }
    }

    /** Registers how to undo a DDL change if the transaction rolls back (DDL is transactional this way). */
    private static void undo(Transaction t, Runnable action) {
        if (t instanceof MemTransaction m) {
            m.onRollback(action);
        }
    }

    /** Every table's constraints now, as an action that puts them back. */
    private Runnable captureConstraints() {
        List<Runnable> all = new ArrayList<>();
        for (Map<String, MemTable> s : schemas.values()) {
            for (MemTable t : s.values()) {
                List<TableConstraint> cons = t.constraints();
                all.add(() -> t.replaceConstraints(cons));
            }
        }
        return () -> all.forEach(Runnable::run);
    }

    private static MemTransaction mem(Transaction t) {
        return t instanceof MemTransaction m ? m : null;
    }

    // ---------------------------------------------------------------- snapshot / restore

    /**
     * The committed state of a database at one moment: schemas, tables (definitions, indexes, comments and rows) and
     * sequences. Opaque and immutable; restore it with {@link MemDb#restore}, as often as needed.
     */
    public static final class Snapshot {
        private final List<String> schemas;
        private final List<TableImage> tables;
        private final Map<String, Sequence> sequences;
        private final Map<String, View> views;
        private final int nextOid;
        /** The enum types, and each value's label (values added later are removed, renamed ones renamed back). */
        private final Map<String, EnumType> enumTypes;
        private final Map<EnumType.Value, String> enumLabels;

        private Snapshot(List<String> schemas, List<TableImage> tables, Map<String, Sequence> sequences,
                         Map<String, View> views, int nextOid, Map<String, EnumType> enumTypes) {
            this.enumTypes = enumTypes;
            this.enumLabels = new java.util.IdentityHashMap<>();
            enumTypes.values().forEach(t -> t.values().forEach(v -> enumLabels.put(v, v.label())));
            this.views = views;
            this.schemas = schemas;
            this.tables = tables;
            this.sequences = sequences;
            this.nextOid = nextOid;
        }
    }

    private record TableImage(String schema, String name, int oid, List<TableColumn> columns,
                              List<TableConstraint> constraints, List<TableIndex> indexes, String comment,
                              Map<String, String> columnComments, List<Object[]> rows) {
    }

    /**
     * Takes a snapshot of the committed state (uncommitted changes of running transactions are not in it). Costs a
     * copy of the references to the live rows (row values are shared: they are never changed in place).
     */
    public Snapshot snapshot() {
        List<TableImage> images = new ArrayList<>();
        for (Map.Entry<String, Map<String, MemTable>> s : schemas.entrySet()) {
            for (MemTable t : s.getValue().values()) {
                Map<String, String> cc = new LinkedHashMap<>();
                for (TableColumn c : t.columns()) {
                    if (t.columnComment(c.name()) != null) {
                        cc.put(c.name(), t.columnComment(c.name()));
                    }
                }
                images.add(new TableImage(t.schema(), t.name(), t.oid(), t.columns(), t.constraints(), t.indexes(),
                        t.comment(), cc, t.visibleRows(null)));
            }
        }
        Map<String, Sequence> seqs = new LinkedHashMap<>();
        sequences.forEach((k, v) -> seqs.put(k, v.copy()));
        return new Snapshot(List.copyOf(schemas.keySet()), images, seqs, Map.copyOf(views), nextOid.get(),
                Map.copyOf(enumTypes));
    }

    /**
     * Replaces the whole database by a snapshot's state. Meant for tests between runs: transactions still running
     * keep their old tables (their later writes are lost); sessions' currval state is kept.
     */
    public void restore(Snapshot snapshot) {
        Map<String, Map<String, MemTable>> fresh = new LinkedHashMap<>();
        for (String s : snapshot.schemas) {
            fresh.put(s, new ConcurrentHashMap<>());
        }
        for (TableImage img : snapshot.tables) {
            List<TableConstraint> keys = img.constraints().stream().filter(TableConstraint::isKey).toList();
            MemTable t = new MemTable(this, img.schema(), img.name(), img.oid(), img.columns(), keys);
            List<TableConstraint> all = new ArrayList<>(img.constraints());
            t.replaceConstraints(all);
            for (TableIndex ix : img.indexes()) {
                if (t.index(ix.name()) == null) {
                    t.addIndex(null, ix.name(), ix.columns().stream().mapToInt(t::columnIndex).toArray(),
                            ix.unique(), ix.primary());
                }
            }
            t.setComment(null, img.comment());
            img.columnComments().forEach((c, text) -> t.setComment(c, text));
            t.loadFrozen(img.rows());
            fresh.get(img.schema()).put(img.name(), t);
        }
        synchronized (commitLock) {
            schemas.keySet().retainAll(fresh.keySet());
            schemas.putAll(fresh);
            sequences.clear();
            snapshot.sequences.forEach((k, v) -> sequences.put(k, v.copy()));
            views.clear();
            views.putAll(snapshot.views);
            enumTypes.clear();
            enumTypes.putAll(snapshot.enumTypes);
            for (EnumType t : snapshot.enumTypes.values()) {
                for (EnumType.Value v : t.values()) {
                    String label = snapshot.enumLabels.get(v);
                    if (label == null) {
                        t.remove(v);
                    } else if (!label.equals(v.label())) {
                        t.rename(v.label(), label);
                    }
                }
            }
            nextOid.set(snapshot.nextOid);
        }
    }

    // ---------------------------------------------------------------- schemas

    @Override
    public void createSchema(Transaction transaction, String name) {
        if (schemas.putIfAbsent(name, new ConcurrentHashMap<>()) != null) {
            throw new PgException("42P06", "schema \"" + name + "\" already exists");
        }
        undo(transaction, () -> schemas.remove(name));
    }

    /** Creates a schema if it does not exist (for embedding). */
    public void createSchema(String name) {
        schemas.putIfAbsent(name, new ConcurrentHashMap<>());
    }

    @Override
    public void dropSchema(Transaction transaction, String name, boolean cascade) {
        Map<String, MemTable> s = schemas.get(name);
        if (s == null) {
            throw new PgException("3F000", "schema \"" + name + "\" does not exist");
        }
        boolean hasSequences = sequences.keySet().stream().anyMatch(k -> k.startsWith(name + "."));
        List<EnumType> types = enumTypes(name);
        if (!cascade && (!s.isEmpty() || hasSequences || !views(name).isEmpty() || !types.isEmpty())) {
            // its types and tables in the order they were made (PostgreSQL lists every dependent object)
            java.util.TreeMap<Integer, String> made = new java.util.TreeMap<>();
            types.forEach(t -> made.put(t.type().oid(), "type " + t));
            s.values().forEach(t -> made.put(t.oid(), "table " + name + "." + t.name()));
            String first = !made.isEmpty() ? String.join(" depends on schema " + name + "\n", made.values())
                    : "sequence " + sequences.keySet().stream().filter(k -> k.startsWith(name + ".")).findFirst()
                    .orElse("");
            throw PgException.builder("2BP01", "cannot drop schema " + name + " because other objects depend on it")
                    .detail(first + " depends on schema " + name)
                    .hint("Use DROP ... CASCADE to drop the dependent objects too.").build();
        }
        for (View v : views(name)) {
            dropView(transaction, name, v.name(), true);
        }
        for (String t : new ArrayList<>(s.keySet())) {
            dropTable(transaction, name, t, true);
        }
        Map<String, Sequence> gone = new LinkedHashMap<>();
        sequences.forEach((k, v) -> {
            if (k.startsWith(name + ".")) {
                gone.put(k, v);
            }
        });
        sequences.keySet().removeAll(gone.keySet());
        Map<String, EnumType> goneTypes = new LinkedHashMap<>();
        enumTypes.forEach((k, v) -> {
            if (v.schema().equals(name)) {
                goneTypes.put(k, v);
            }
        });
        enumTypes.keySet().removeAll(goneTypes.keySet());
        schemas.remove(name);
        undo(transaction, () -> {
            schemas.put(name, s);
            sequences.putAll(gone);
            enumTypes.putAll(goneTypes);
        });
    }

    // ---------------------------------------------------------------- tables

    @Override
    public void createTable(Transaction transaction, TableDefinition d) {
        Map<String, MemTable> s = schemas.get(d.schema());
        if (s == null) {
            throw new PgException("3F000", "schema \"" + d.schema() + "\" does not exist");
        }
        if (enumTypes.containsKey(d.schema() + "." + d.name())) {
            throw PgException.builder("42710", "type \"" + d.name() + "\" already exists")
                    .hint("A relation has an associated type of the same name, so you must use a name that doesn't "
                            + "conflict with any existing type.").build();
        }
        MemTable t = new MemTable(this, d.schema(), d.name(), nextOid.getAndIncrement(), d.columns(),
                d.constraints());
        if (relationExists(d.schema(), d.name()) || s.putIfAbsent(d.name(), t) != null) {
            throw new PgException("42P07", "relation \"" + d.name() + "\" already exists");
        }
        undo(transaction, () -> s.remove(d.name(), t));
    }

    /** Whether a table, index or sequence of this name exists in the schema (they share one namespace). */
    private boolean relationExists(String schema, String name) {
        Map<String, MemTable> s = schemas.get(schema);
        if (s == null) {
            return false;
        }
        if (s.containsKey(name) || sequences.containsKey(schema + "." + name) || views.containsKey(schema + "." + name)) {
            return true;
        }
        for (MemTable t : s.values()) {
            if (t.index(name) != null) {
                return true;
            }
        }
        return false;
    }

    /** The foreign keys of other tables (or this one) that reference {@code schema.name}. */
    private List<Map.Entry<MemTable, TableConstraint>> referencing(String schema, String name) {
        List<Map.Entry<MemTable, TableConstraint>> out = new ArrayList<>();
        for (Map<String, MemTable> s : schemas.values()) {
            for (MemTable t : s.values()) {
                for (TableConstraint c : t.constraints()) {
                    if (c.kind() == TableConstraint.Kind.FOREIGN_KEY && schema.equals(c.referencedSchema())
                            && name.equals(c.referencedTable())) {
                        out.add(Map.entry(t, c));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void dropTable(Transaction transaction, String schema, String name, boolean cascade) {
        Map<String, MemTable> s = schemas.get(schema);
        MemTable t = s == null ? null : s.get(name);
        if (t == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "table \"" + name + "\" does not exist");
        }
        List<Map.Entry<MemTable, TableConstraint>> deps = referencing(schema, name);
        deps.removeIf(e -> e.getKey() == t);
        if (!deps.isEmpty() && !cascade) {
            StringBuilder detail = new StringBuilder();
            for (Map.Entry<MemTable, TableConstraint> e : deps) {
                detail.append(detail.length() > 0 ? "\n" : "").append("constraint ").append(e.getValue().name())
                        .append(" on table ").append(e.getKey().name()).append(" depends on table ").append(name);
            }
            throw PgException.builder("2BP01", "cannot drop table " + name + " because other objects depend on it")
                    .detail(detail.toString())
                    .hint("Use DROP ... CASCADE to drop the dependent objects too.").build();
        }
        dropDependentViews(transaction, schema + "." + name, "table " + name, cascade);
        undo(transaction, captureConstraints());
        for (Map.Entry<MemTable, TableConstraint> e : deps) {
            e.getKey().dropConstraint(e.getValue().name());
        }
        s.remove(name);
        // the sequences of its serial and identity columns
        Map<String, Sequence> gone = new LinkedHashMap<>();
        for (TableColumn c : t.columns()) {
            String seq = ownedSequence(c);
            if (seq != null && sequences.containsKey(seq)) {
                gone.put(seq, sequences.remove(seq));
            }
        }
        undo(transaction, () -> {
            s.put(name, t);
            sequences.putAll(gone);
        });
    }

    static String ownedSequence(TableColumn c) {
        return io.pgserve.engine.internal.Ddl.ownedSequence(c);
    }

    @Override
    public void alterTable(Transaction transaction, String schema, String name, TableChange change) {
        MemTable t = memTable(schema, name);
        Runnable shape = t.captureShape(change instanceof AddColumn || change instanceof DropColumn
                || change instanceof AlterType);
        Runnable others = captureConstraints();
        undo(transaction, () -> {
            Map<String, MemTable> s = schemas.get(schema);
            if (s != null && !t.name().equals(name)) {
                s.remove(t.name(), t);
                s.put(name, t);
            }
            shape.run();
            others.run();
        });
        if (change instanceof AddColumn a) {
            for (TableColumn c : t.columns()) {
                if (c.name().equals(a.column().name())) {
                    throw new PgException("42701", "column \"" + c.name() + "\" of relation \"" + name
                            + "\" already exists");
                }
            }
            t.addColumn(a.column(), a.fill());
        } else if (change instanceof DropColumn d) {
            int col = t.columnIndex(d.column());
            List<TableConstraint> kept = new ArrayList<>();
            for (TableConstraint c : t.constraints()) {
                if (c.columns().contains(d.column())) {
                    if (!d.cascade() && c.columns().size() > 1) {
                        throw PgException.builder("2BP01", "cannot drop column " + d.column() + " of table "
                                + name + " because other objects depend on it")
                                .detail("constraint " + c.name() + " on table " + name + " depends on column "
                                        + d.column() + " of table " + name)
                                .hint("Use DROP ... CASCADE to drop the dependent objects too.").build();
                    }
                    continue;
                }
                kept.add(c);
            }
            for (Map.Entry<MemTable, TableConstraint> e : referencing(schema, name)) {
                if (e.getValue().referencedColumns().contains(d.column())) {
                    if (!d.cascade()) {
                        throw PgException.builder("2BP01", "cannot drop column " + d.column() + " of table "
                                + name + " because other objects depend on it")
                                .detail("constraint " + e.getValue().name() + " on table " + e.getKey().name()
                                        + " depends on index " + name + "_pkey")
                                .hint("Use DROP ... CASCADE to drop the dependent objects too.").build();
                    }
                    e.getKey().dropConstraint(e.getValue().name());
                }
            }
            t.replaceConstraints(kept);
            t.dropColumn(col);
        } else if (change instanceof RenameColumn r) {
            int col = t.columnIndex(r.column());
            for (TableColumn c : t.columns()) {
                if (c.name().equals(r.newName())) {
                    throw new PgException("42701", "column \"" + r.newName() + "\" of relation \"" + name
                            + "\" already exists");
                }
            }
            List<TableColumn> cols = new ArrayList<>(t.columns());
            TableColumn c = cols.get(col);
            cols.set(col, c.with(r.newName(), c.notNull(), c.defaultValue()));
            t.setColumns(cols);
            ownerRenamed(transaction, schema, name, r.column(), name, r.newName());
            t.replaceConstraints(t.constraints().stream().map(k -> renameIn(k, r.column(), r.newName(), false))
                    .toList());
            for (Map.Entry<MemTable, TableConstraint> e : referencing(schema, name)) {
                MemTable child = e.getKey();
                child.replaceConstraints(child.constraints().stream()
                        .map(k -> k == e.getValue() ? renameIn(k, r.column(), r.newName(), true) : k).toList());
            }
        } else if (change instanceof SetDefault sd) {
            int col = t.columnIndex(sd.column());
            List<TableColumn> cols = new ArrayList<>(t.columns());
            TableColumn c = cols.get(col);
            cols.set(col, c.with(c.name(), c.notNull(), sd.defaultValue()));
            t.setColumns(cols);
        } else if (change instanceof AlterType at) {
            t.alterType(t.columnIndex(at.name()), at.column(), at.convert());
        } else if (change instanceof SetNotNull nn) {
            int col = t.columnIndex(nn.column());
            List<TableColumn> cols = new ArrayList<>(t.columns());
            TableColumn c = cols.get(col);
            if (!nn.notNull()) {
                for (TableConstraint k : t.constraints()) {
                    if (k.kind() == TableConstraint.Kind.PRIMARY_KEY && k.columns().contains(c.name())) {
                        throw new PgException("42P16", "column \"" + c.name() + "\" is in a primary key");
                    }
                }
            }
            cols.set(col, c.with(c.name(), nn.notNull(), c.defaultValue()));
            t.setColumns(cols);
        } else if (change instanceof AddConstraint ac) {
            TableConstraint c = ac.constraint();
            for (TableConstraint k : t.constraints()) {
                if (k.name().equals(c.name())) {
                    throw new PgException("42710", "constraint \"" + c.name() + "\" for relation \"" + name
                            + "\" already exists");
                }
            }
            if (c.isKey() && relationExists(schema, c.name())) {
                throw new PgException("42P07", "relation \"" + c.name() + "\" already exists");
            }
            if (c.kind() == TableConstraint.Kind.PRIMARY_KEY) {
                for (TableConstraint k : t.constraints()) {
                    if (k.kind() == TableConstraint.Kind.PRIMARY_KEY) {
                        throw new PgException("42P16", "multiple primary keys for table \"" + name
                                + "\" are not allowed");
                    }
                }
                List<TableColumn> cols = new ArrayList<>(t.columns());
                for (String cn : c.columns()) {
                    int i = t.columnIndex(cn);
                    TableColumn tc = cols.get(i);
                    cols.set(i, tc.with(tc.name(), true, tc.defaultValue()));
                }
                t.setColumns(cols);
            }
            t.addConstraint(mem(transaction), c);
        } else if (change instanceof DropConstraint dc) {
            TableConstraint found = null;
            for (TableConstraint k : t.constraints()) {
                if (k.name().equals(dc.name())) {
                    found = k;
                }
            }
            if (found == null) {
                throw new PgException("42704", "constraint \"" + dc.name() + "\" of relation \"" + name
                        + "\" does not exist");
            }
            if (found.isKey()) {
                for (Map.Entry<MemTable, TableConstraint> e : referencing(schema, name)) {
                    if (e.getValue().referencedColumns().equals(found.columns())) {
                        throw PgException.builder("2BP01", "cannot drop constraint " + dc.name() + " on table "
                                + name + " because other objects depend on it")
                                .detail("constraint " + e.getValue().name() + " on table " + e.getKey().name()
                                        + " depends on index " + dc.name())
                                .hint("Use DROP ... CASCADE to drop the dependent objects too.").build();
                    }
                }
            }
            t.dropConstraint(dc.name());
        } else if (change instanceof RenameTable rt) {
            if (relationExists(schema, rt.newName())) {
                throw new PgException("42P07", "relation \"" + rt.newName() + "\" already exists");
            }
            Map<String, MemTable> s = schemas.get(schema);
            s.remove(name);
            t.rename(rt.newName());
            s.put(rt.newName(), t);
            ownerRenamed(transaction, schema, name, null, rt.newName(), null);
            for (Map.Entry<MemTable, TableConstraint> e : referencing(schema, name)) {
                MemTable child = e.getKey();
                TableConstraint k = e.getValue();
                child.replaceConstraints(child.constraints().stream().map(x -> x != k ? x
                        : TableConstraint.foreignKey(k.name(), k.columns(), k.referencedSchema(), rt.newName(),
                        k.referencedColumns(), k.onDelete(), k.onUpdate())).toList());
            }
        }
    }

    /**
     * The sequences a renamed table or column ({@code column} null: every column of the table) owns stay owned by it
     * (PostgreSQL's ownership is by OID).
     */
    private void ownerRenamed(Transaction transaction, String schema, String table, String column, String newTable,
                              String newColumn) {
        for (Map.Entry<String, Sequence> e : sequences.entrySet()) {
            Sequence seq = e.getValue();
            SequenceOptions o = seq.options;
            if (e.getKey().startsWith(schema + ".") && table.equals(o.ownedByTable())
                    && (column == null || column.equals(o.ownedByColumn()))) {
                seq.options = o.ownedBy(newTable, column == null ? o.ownedByColumn() : newColumn);
                undo(transaction, () -> seq.options = o);
            }
        }
    }

    private static TableConstraint renameIn(TableConstraint k, String from, String to, boolean referenced) {
        List<String> cols = new ArrayList<>(referenced ? k.referencedColumns() : k.columns());
        cols.replaceAll(c -> c.equals(from) ? to : c);
        if (referenced) {
            return new TableConstraint(k.name(), k.kind(), k.columns(), k.check(), k.checkText(),
                    k.referencedSchema(), k.referencedTable(), cols, k.onDelete(), k.onUpdate());
        }
        return new TableConstraint(k.name(), k.kind(), cols, k.check(), k.checkText(), k.referencedSchema(),
                k.referencedTable(), k.referencedColumns(), k.onDelete(), k.onUpdate());
    }

    // ---------------------------------------------------------------- indexes

    @Override
    public void createIndex(Transaction transaction, String schema, String table, TableIndex index) {
        MemTable t = memTable(schema, table);
        if (relationExists(schema, index.name())) {
            throw new PgException("42P07", "relation \"" + index.name() + "\" already exists");
        }
        t.addIndex(mem(transaction), index.name(), index.columns().stream().mapToInt(t::columnIndex).toArray(),
                index.unique(), false);
        undo(transaction, () -> t.dropIndex(index.name()));
    }

    @Override
    public boolean dropIndex(Transaction transaction, String schema, String name) {
        Map<String, MemTable> s = schemas.get(schema);
        if (s == null) {
            return false;
        }
        for (MemTable t : s.values()) {
            MemTable.Index ix = t.index(name);
            if (ix != null) {
                for (TableConstraint c : t.constraints()) {
                    if (c.name().equals(name)) {
                        throw PgException.builder("2BP01", "cannot drop index " + name + " because constraint "
                                + name + " on table " + t.name() + " requires it")
                                .hint("You can drop constraint " + name + " on table " + t.name() + " instead.")
                                .build();
                    }
                }
                undo(transaction, t.captureShape(false));
                t.dropIndex(name);
                return true;
            }
        }
        return false;
    }

    /** Row versions scanned in a table so far (for tests that prove an index was used). */
    long rowsVisited(String schema, String table) {
        return memTable(schema, table).visited.sum();
    }

    /** Row versions stored in a table, live or waiting to be pruned (for tests of pruning). */
    int storedVersions(String schema, String table) {
        return memTable(schema, table).storedVersions();
    }

    // ---------------------------------------------------------------- enum types

    @Override
    public EnumType enumType(String schema, String name) {
        return enumTypes.get(schema + "." + name);
    }

    @Override
    public List<EnumType> enumTypes(String schema) {
        return enumTypes.values().stream().filter(t -> t.schema().equals(schema))
                .sorted(java.util.Comparator.comparing(EnumType::name)).toList();
    }

    @Override
    public EnumType createEnumType(Transaction transaction, String schema, String name, List<String> labels) {
        if (!schemas.containsKey(schema)) {
            throw new PgException("3F000", "schema \"" + schema + "\" does not exist");
        }
        String key = schema + "." + name;
        synchronized (enumTypes) {
            Map<String, MemTable> tables = schemas.get(schema);
            if (enumTypes.containsKey(key) || tables != null && tables.containsKey(name)
                    || views.containsKey(key) || sequences.containsKey(key)) {
                throw new PgException("42710", "type \"" + name + "\" already exists");
            }
            int arrayOid = nextOid.getAndIncrement(); // PostgreSQL assigns the array type's OID first
            EnumType type = new EnumType(schema, name, nextOid.getAndIncrement(), arrayOid);
            for (String label : labels) {
                if (type.value(label) != null) {
                    throw PgException.builder("23505", "duplicate key value violates unique constraint "
                            + "\"pg_enum_typid_label_index\"").detail("Key (enumtypid, enumlabel)=("
                            + type.type().oid() + ", " + label + ") already exists.").build();
                }
                type.add(label, nextOid.getAndIncrement(), null, false);
            }
            enumTypes.put(key, type);
            undo(transaction, () -> enumTypes.remove(key, type));
            return type;
        }
    }

    /** Drops the type; the engine has dropped (or refused to drop) the columns that use it. */
    @Override
    public boolean dropEnumType(Transaction transaction, String schema, String name, boolean cascade) {
        String key = schema + "." + name;
        EnumType old = enumTypes.remove(key);
        if (old == null) {
            return false;
        }
        undo(transaction, () -> enumTypes.put(key, old));
        return true;
    }

    @Override
    public boolean addEnumValue(Transaction transaction, EnumType type, String label, String neighbor, boolean after,
                                boolean ifNotExists) {
        synchronized (type) {
            if (ifNotExists && type.value(label) != null) {
                return false;
            }
            EnumType.Value v = type.add(label, nextOid.getAndIncrement(), neighbor, after);
            undo(transaction, () -> type.remove(v));
            return true;
        }
    }

    @Override
    public void renameEnumValue(Transaction transaction, EnumType type, String from, String to) {
        type.rename(from, to);
        undo(transaction, () -> type.rename(to, from));
    }

    // ---------------------------------------------------------------- sequences

    /** A sequence: its options, last value and whether nextval was called since the last setval. */
    private static final class Sequence {
        final String name;
        /** Replaced only when the owning column is renamed. */
        volatile SequenceOptions options;
        long last;
        boolean called;

        Sequence(String name, SequenceOptions options) {
            this.name = name;
            this.options = options;
            this.last = options.start();
        }

        synchronized Sequence copy() {
            Sequence s = new Sequence(name, options);
            s.last = last;
            s.called = called;
            return s;
        }

        synchronized long next() {
            if (!called) {
                called = true;
                return last;
            }
            long inc = options.increment();
            long n;
            boolean over;
            try {
                n = Math.addExact(last, inc);
                over = inc > 0 ? n > options.maxValue() : n < options.minValue();
            } catch (ArithmeticException e) {
                n = 0;
                over = true;
            }
            if (over) {
                if (!options.cycle()) {
                    throw new PgException("2200H", "nextval: reached " + (inc > 0 ? "maximum" : "minimum")
                            + " value of sequence \"" + name + "\" (" + (inc > 0 ? options.maxValue()
                            : options.minValue()) + ")");
                }
                n = inc > 0 ? options.minValue() : options.maxValue();
            }
            last = n;
            return n;
        }

        synchronized void set(long value, boolean isCalled) {
            if (value < options.minValue() || value > options.maxValue()) {
                throw new PgException("22003", "setval: value " + value + " is out of bounds for sequence \"" + name
                        + "\" (" + options.minValue() + ".." + options.maxValue() + ")");
            }
            last = value;
            called = isCalled;
        }
    }

    private Sequence seq(String schema, String name) {
        Sequence s = sequences.get(schema + "." + name);
        if (s == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return s;
    }

    @Override
    public void createSequence(Transaction transaction, String schema, String name, SequenceOptions options) {
        if (!schemas.containsKey(schema)) {
            throw new PgException("3F000", "schema \"" + schema + "\" does not exist");
        }
        if (relationExists(schema, name)) {
            throw new PgException("42P07", "relation \"" + name + "\" already exists");
        }
        sequences.put(schema + "." + name, new Sequence(name, options));
        undo(transaction, () -> sequences.remove(schema + "." + name));
    }

    @Override
    public boolean dropSequence(Transaction transaction, String schema, String name) {
        Sequence old = sequences.remove(schema + "." + name);
        if (old != null) {
            undo(transaction, () -> sequences.put(schema + "." + name, old));
        }
        return old != null;
    }

    @Override
    public SequenceOptions sequence(String schema, String name) {
        Sequence s = sequences.get(schema + "." + name);
        return s == null ? null : s.options;
    }

    @Override
    public List<String> sequences(String schema) {
        List<String> out = new ArrayList<>();
        for (String k : sequences.keySet()) {
            if (k.startsWith(schema + ".")) {
                out.add(k.substring(schema.length() + 1));
            }
        }
        Collections.sort(out);
        return out;
    }

    private static Object key(Object session) {
        return session == null ? EMBEDDED : session;
    }

    @Override
    public long nextval(Object session, String schema, String name) {
        long v = seq(schema, name).next();
        currvals.computeIfAbsent(key(session), k -> new ConcurrentHashMap<>()).put(schema + "." + name, v);
        lastvals.put(key(session), v);
        return v;
    }

    @Override
    public long currval(Object session, String schema, String name) {
        seq(schema, name);
        Map<String, Long> m = currvals.get(key(session));
        Long v = m == null ? null : m.get(schema + "." + name);
        if (v == null) {
            throw new PgException("55000", "currval of sequence \"" + name + "\" is not yet defined in this session");
        }
        return v;
    }

    @Override
    public long setval(Object session, String schema, String name, long value, boolean isCalled) {
        seq(schema, name).set(value, isCalled);
        return value;
    }

    @Override
    public long lastval(Object session) {
        Long v = lastvals.get(key(session));
        if (v == null) {
            throw new PgException("55000", "lastval is not yet defined in this session");
        }
        return v;
    }

    @Override
    public void comment(Transaction transaction, String schema, String table, String column, String text) {
        MemTable t = memTable(schema, table);
        if (column != null) {
            t.columnIndex(column);
        }
        String old = column == null ? t.comment() : t.columnComment(column);
        t.setComment(column, text);
        undo(transaction, () -> t.setComment(column, old));
    }
}
