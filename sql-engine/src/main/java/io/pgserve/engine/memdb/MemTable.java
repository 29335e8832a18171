package io.pgserve.engine.memdb;

import io.pgserve.engine.ColumnFilter;
import io.pgserve.engine.ScanRequest;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableScan;
import io.pgserve.engine.Transaction;
import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.engine.internal.Casts;
import io.pgserve.engine.internal.Values;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A memdb table: an append-only array of row versions (MVCC), with a hash index per unique constraint. Writers lock
 * a row by setting its xmax; a second writer waits for the first to end, then follows the row to its newest version
 * and re-checks it (READ COMMITTED). Readers never wait.
 */
final class MemTable implements Table {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();

    /** A unique constraint (or the primary key) and its index: key to every version that ever had it. */
    private record Unique(String name, int[] columns, Map<Values.RowKey, List<Version>> index) {
    }

    private final String schema;
    private final String name;
    private final int oid;
    private final List<TableColumn> columns;
    private final List<Unique> uniques = new ArrayList<>();
    private final boolean hasPrimaryKey;
    private final Object appendLock = new Object();
    private volatile Version[] versions = new Version[16];
    private volatile int size;

    MemTable(String schema, String name, int oid, List<TableColumn> columns, List<Integer> primaryKey,
             String primaryKeyName, List<List<Integer>> uniqueKeys, List<String> uniqueNames) {
        this.schema = schema;
        this.name = name;
        this.oid = oid;
        this.columns = List.copyOf(columns);
        this.hasPrimaryKey = !primaryKey.isEmpty();
        if (!primaryKey.isEmpty()) {
            uniques.add(new Unique(primaryKeyName, primaryKey.stream().mapToInt(i -> i).toArray(),
                    new ConcurrentHashMap<>()));
        }
        for (int i = 0; i < uniqueKeys.size(); i++) {
            uniques.add(new Unique(uniqueNames.get(i), uniqueKeys.get(i).stream().mapToInt(k -> k).toArray(),
                    new ConcurrentHashMap<>()));
        }
    }

    /** The primary key and unique constraints, for the schema model. */
    List<SchemaModel.Constraint> constraints() {
        List<SchemaModel.Constraint> out = new ArrayList<>();
        for (int i = 0; i < uniques.size(); i++) {
            Unique u = uniques.get(i);
            List<String> names = new ArrayList<>();
            for (int c : u.columns()) {
                names.add(columns.get(c).name());
            }
            out.add(i == 0 && hasPrimaryKey ? SchemaModel.Constraint.primaryKey(u.name(), names)
                    : SchemaModel.Constraint.unique(u.name(), names));
        }
        return out;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int oid() {
        return oid;
    }

    @Override
    public List<TableColumn> columns() {
        return columns;
    }

    @Override
    public boolean supportsFilter(ColumnFilter filter) {
        return true;
    }

    private static MemTransaction tx(Transaction t) {
        if (t instanceof MemTransaction m) {
            return m;
        }
        throw new IllegalStateException("not a memdb transaction: " + t);
    }

    @Override
    public TableScan scan(ScanRequest request) {
        MemTransaction tx = tx(request.transaction());
        int end = size;
        Version[] all = versions;
        int[] proj = request.projection();
        List<ColumnFilter> filters = request.filters();
        long limit = request.limit();
        return new TableScan() {
            int i;
            long returned;
            Version last;

            @Override
            public Object[] next() {
                if (limit >= 0 && returned >= limit) {
                    return null;
                }
                while (i < end) {
                    Version v = all[i++];
                    if (!tx.isVisible(v) || !matches(v.values, filters)) {
                        continue;
                    }
                    last = v;
                    returned++;
                    Object[] out = new Object[proj.length];
                    for (int k = 0; k < proj.length; k++) {
                        out[k] = v.values[proj[k]];
                    }
                    return out;
                }
                return null;
            }

            @Override
            public Object rowId() {
                return last;
            }
        };
    }

    private static boolean matches(Object[] row, List<ColumnFilter> filters) {
        for (ColumnFilter f : filters) {
            Object v = row[f.column()];
            switch (f.op()) {
                case IS_NULL -> {
                    if (v != null) {
                        return false;
                    }
                }
                case IS_NOT_NULL -> {
                    if (v == null) {
                        return false;
                    }
                }
                default -> {
                    if (v == null || !f.op().test(Values.compare(v, f.value()))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void append(Version v) {
        synchronized (appendLock) {
            Version[] a = versions;
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
                versions = a;
            }
            a[size] = v;
            size = size + 1;
        }
    }

    @Override
    public Object[] insert(Transaction transaction, Object[] row) {
        MemTransaction tx = tx(transaction);
        Version v = new Version(row.clone(), tx.current(), tx.commandId());
        claimKeys(tx, v, null);
        append(v);
        return v.values.clone();
    }

    @Override
    public Object[] update(Transaction transaction, Object rowId, UnaryOperator<Object[]> change) {
        MemTransaction tx = tx(transaction);
        Version target = lock(tx, (Version) rowId);
        while (target != null) {
            Object[] next = change.apply(target.values.clone());
            if (next == null) {
                unlock(tx, target);
                return null;
            }
            Version v = new Version(next, tx.current(), tx.commandId());
            claimKeys(tx, v, target);
            target.next = v;
            append(v);
            return next.clone();
        }
        return null;
    }

    @Override
    public Object[] delete(Transaction transaction, Object rowId, Predicate<Object[]> recheck) {
        MemTransaction tx = tx(transaction);
        Version target = lock(tx, (Version) rowId);
        if (target == null) {
            return null;
        }
        if (!recheck.test(target.values.clone())) {
            unlock(tx, target);
            return null;
        }
        return target.values.clone();
    }

    /**
     * Locks the newest version of a row for this transaction (sets its xmax), waiting for a concurrent writer to
     * end. Returns the locked version, or null when the row was deleted, or already changed by this transaction.
     */
    private Version lock(MemTransaction tx, Version v) {
        while (true) {
            TxState waitFor;
            synchronized (v) {
                TxState x = v.xmax;
                if (x == null || x.status == TxState.ABORTED) {
                    v.xmax = tx.current();
                    return v;
                }
                if (x.owner == tx) {
                    return null; // already updated or deleted by this transaction
                }
                if (x.status == TxState.COMMITTED) {
                    Version n = v.next;
                    if (n == null) {
                        return null; // deleted
                    }
                    v = n;
                    continue;
                }
                waitFor = x;
            }
            waitFor.await();
        }
    }

    private static void unlock(MemTransaction tx, Version v) {
        synchronized (v) {
            if (v.xmax == tx.current()) {
                v.xmax = null;
            }
        }
    }

    /** Checks the unique constraints for a new version and enters it in their indexes (23505 on a duplicate). */
    private void claimKeys(MemTransaction tx, Version v, Version replaced) {
        for (Unique u : uniques) {
            Object[] key = new Object[u.columns().length];
            boolean hasNull = false;
            for (int i = 0; i < key.length; i++) {
                key[i] = v.values[u.columns()[i]];
                hasNull |= key[i] == null;
            }
            if (hasNull) {
                continue;
            }
            Values.RowKey k = Values.RowKey.of(key);
            while (true) {
                TxState waitFor = null;
                synchronized (u) {
                    List<Version> same = u.index().computeIfAbsent(k, x -> new ArrayList<>());
                    same.removeIf(o -> o.xmin.status == TxState.ABORTED
                            || o.xmax != null && o.xmax.status == TxState.COMMITTED);
                    for (Version o : same) {
                        if (o == replaced) {
                            continue;
                        }
                        TxState waiting = liveness(tx, o);
                        if (waiting == LIVE) {
                            throw duplicate(u, key);
                        }
                        if (waiting != null) {
                            waitFor = waiting;
                            break;
                        }
                    }
                    if (waitFor == null) {
                        same.add(v);
                        break;
                    }
                }
                waitFor.await();
            }
        }
    }

    private static final TxState LIVE = new TxState(null);

    /** For a unique check: LIVE, null (dead), or the transaction state to wait for. */
    private static TxState liveness(MemTransaction tx, Version o) {
        TxState xmin = o.xmin;
        if (xmin.status == TxState.ABORTED) {
            return null;
        }
        if (xmin.owner != tx && xmin.status == TxState.IN_PROGRESS) {
            return xmin;
        }
        TxState xmax = o.xmax;
        if (xmax == null || xmax.status == TxState.ABORTED) {
            return LIVE;
        }
        if (xmax.owner == tx || xmax.status == TxState.COMMITTED) {
            return null; // deleted (or replaced) by this transaction, or by a committed one
        }
        return xmax;
    }

    private PgException duplicate(Unique u, Object[] key) {
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < key.length; i++) {
            TableColumn c = columns.get(u.columns()[i]);
            cols.append(i > 0 ? ", " : "").append(c.name());
            vals.append(i > 0 ? ", " : "").append(Casts.toText(key[i], c.type(), TYPES, CodecContext.DEFAULT));
        }
        return PgException.builder("23505", "duplicate key value violates unique constraint \"" + u.name() + "\"")
                .detail("Key (" + cols + ")=(" + vals + ") already exists.").schemaName(schema).tableName(name)
                .constraintName(u.name()).build();
    }

    static PgException undefined(String what) {
        return new PgException(SqlState.UNDEFINED_TABLE, what);
    }
}
