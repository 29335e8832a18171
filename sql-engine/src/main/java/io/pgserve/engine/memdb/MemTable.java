package io.pgserve.engine.memdb;

import io.pgserve.engine.ColumnFilter;
import io.pgserve.engine.ScanRequest;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableConstraint;
import io.pgserve.engine.TableIndex;
import io.pgserve.engine.TableScan;
import io.pgserve.engine.Transaction;
import io.pgserve.engine.WouldBlockException;
import io.pgserve.engine.internal.Casts;
import io.pgserve.engine.internal.Values;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A memdb table: an array of row versions (MVCC), with ordered indexes (primary key, unique constraints, CREATE
 * INDEX) that scans use for equality and range filters. Writers lock a row by setting its xmax; a second writer waits
 * for the first to end, then follows the row to its newest version and re-checks it (READ COMMITTED). Readers never
 * wait. Versions no snapshot can see any more are pruned when the array fills up, so memory follows the live rows.
 */
final class MemTable implements Table {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();

    /** Sorts below / above every value in an index key (for range bounds). */
    private static final Object LOW = new Object();
    private static final Object HIGH = new Object();

    /** Index keys: column by column, NULLs last (as a btree's default). */
    static final Comparator<Object[]> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.length && i < b.length; i++) {
            int c = compareKeyPart(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    };

    private static int compareKeyPart(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == LOW || b == HIGH) {
            return -1;
        }
        if (a == HIGH || b == LOW) {
            return 1;
        }
        if (a == null) {
            return 1;
        }
        if (b == null) {
            return -1;
        }
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compare(x, y); // the usual key (serial, int4): no trip through Values.compare
        }
        return Values.compare(a, b);
    }

    /** An index: key to every (not yet pruned) version that has it. */
    static final class Index {
        final String name;
        final int[] columns;
        final boolean unique;
        final boolean primary;
        /** Key to versions, in key order (range scans); changed under the index's monitor. */
        final ConcurrentSkipListMap<Object[], List<Version>> map = new ConcurrentSkipListMap<>(KEY_ORDER);
        /**
         * The same lists by hash, for equality lookups (a skip list of a million keys misses the cache at each of its
         * levels), while every key is made of integers, strings and NULLs only (see {@link HashKey}).
         */
        private final ConcurrentHashMap<HashKey, List<Version>> byHash = new ConcurrentHashMap<>();
        private volatile boolean hashed = true;

        Index(String name, int[] columns, boolean unique, boolean primary) {
            this.name = name;
            this.columns = columns;
            this.unique = unique;
            this.primary = primary;
        }

        /** The versions with this key, or null. */
        List<Version> get(Object[] key) {
            if (hashed) {
                HashKey h = HashKey.of(key);
                if (h != null) {
                    return byHash.get(h);
                }
            }
            return map.get(key);
        }

        /** The versions with this key, an empty list entered for it when there is none. */
        synchronized List<Version> listFor(Object[] key) {
            List<Version> list = get(key);
            if (list == null) {
                list = new CopyOnWriteArrayList<>();
                if (hashed) {
                    HashKey h = HashKey.of(key);
                    if (h == null) {
                        hashed = false; // from now on the skip list answers everything
                        byHash.clear();
                    } else {
                        byHash.put(h, list);
                    }
                }
                map.put(key, list);
            }
            return list;
        }

        synchronized void remove(Object[] key) {
            map.remove(key);
            if (hashed) {
                HashKey h = HashKey.of(key);
                if (h != null) {
                    byHash.remove(h);
                }
            }
        }

        /** Takes every key of another index (the same rows, its columns renumbered). */
        synchronized void putAll(Index from) {
            synchronized (from) {
                map.putAll(from.map);
                byHash.putAll(from.byHash);
                hashed = from.hashed;
            }
        }

        Object[] key(Object[] row) {
            Object[] k = new Object[columns.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = columns[i] < row.length ? row[columns[i]] : null; // a row of a rolled-back ALTER may differ
            }
            return k;
        }
    }

    /**
     * An index key for hashing whose equality agrees with {@link #KEY_ORDER}'s: integers (int2/int4/int8) by value,
     * strings by their characters, NULL equal to NULL.
     */
    static final class HashKey {
        private final Object[] parts;
        private final int hash;

        private HashKey(Object[] parts, int hash) {
            this.parts = parts;
            this.hash = hash;
        }

        /** The hash key of an index key, or null when a part is of another type. */
        static HashKey of(Object[] key) {
            int h = 1;
            for (Object o : key) {
                int e;
                if (o == null) {
                    e = 0;
                } else if (o instanceof Integer || o instanceof Long || o instanceof Short) {
                    e = Long.hashCode(((Number) o).longValue());
                } else if (o instanceof String str) {
                    e = str.hashCode();
                } else {
                    return null;
                }
                h = 31 * h + e;
            }
            return new HashKey(key, h);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof HashKey k) || k.hash != hash || k.parts.length != parts.length) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                Object a = parts[i];
                Object b = k.parts[i];
                if (a == null || b == null || a instanceof String || b instanceof String) {
                    if (!java.util.Objects.equals(a, b)) {
                        return false;
                    }
                } else if (((Number) a).longValue() != ((Number) b).longValue()) {
                    return false;
                }
            }
            return true;
        }
    }

    private final MemDb db;
    private final String schema;
    private volatile String name;
    private final int oid;
    private volatile List<TableColumn> columns;
    private volatile List<TableConstraint> constraints;
    private final List<Index> indexes = new CopyOnWriteArrayList<>();
    private volatile String comment;
    private final Map<String, String> columnComments = new ConcurrentHashMap<>();
    /**
     * Guards {@link #versions} and {@link #size}: held briefly by appends and by scans taking their view, for long by
     * pruning a large table and by DDL that rewrites every version, which set {@link #storageBusy} meanwhile.
     */
    private final java.util.concurrent.locks.ReentrantLock appendLock = new java.util.concurrent.locks.ReentrantLock();
    /** The append lock is held for long: a statement on a network thread moves to a worker instead of waiting. */
    private volatile boolean storageBusy;
    /** A table up to this many versions is pruned by a statement on a network thread; a larger one on a worker. */
    private static final int QUICK_PRUNE = 4096;
    private volatile Version[] versions = new Version[16];
    private volatile int size;
    /** Row versions looked at by scans (for tests proving that indexes are used). */
    final LongAdder visited = new LongAdder();

    MemTable(MemDb db, String schema, String name, int oid, List<TableColumn> columns,
             List<TableConstraint> constraints) {
        this.db = db;
        this.schema = schema;
        this.name = name;
        this.oid = oid;
        this.columns = List.copyOf(columns);
        this.constraints = List.of();
        for (TableConstraint c : constraints) {
            addConstraint(null, c);
        }
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
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
    public List<TableConstraint> constraints() {
        return constraints;
    }

    @Override
    public List<TableIndex> indexes() {
        List<TableIndex> out = new ArrayList<>();
        List<TableColumn> cols = columns;
        for (Index ix : indexes) {
            List<String> names = new ArrayList<>();
            for (int c : ix.columns) {
                names.add(cols.get(c).name());
            }
            out.add(new TableIndex(ix.name, names, ix.unique, ix.primary));
        }
        return out;
    }

    @Override
    public String comment() {
        return comment;
    }

    @Override
    public String columnComment(String column) {
        return columnComments.get(column);
    }

    void setComment(String column, String text) {
        if (column == null) {
            comment = text;
        } else if (text == null) {
            columnComments.remove(column);
        } else {
            columnComments.put(column, text);
        }
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

    int columnIndex(String column) {
        List<TableColumn> cols = columns;
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + name
                + "\" does not exist");
    }

    // ---------------------------------------------------------------- scans

    @Override
    public TableScan scan(ScanRequest request) {
        MemTransaction tx = tx(request.transaction());
        int[] proj = request.projection();
        List<ColumnFilter> filters = request.filters();
        long limit = request.limit();
        Iterator<Version> source = indexLookup(filters);
        if (source == null) {
            int end;
            Version[] all;
            lockStorage(tx); // the array and its size as one: a prune replaces both
            try {
                end = size;
                all = versions;
            } finally {
                appendLock.unlock();
            }
            source = new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < end;
                }

                @Override
                public Version next() {
                    return all[i++];
                }
            };
        }
        Iterator<Version> it = source;
        return new TableScan() {
            long returned;
            long seen;
            Version last;

            @Override
            public Object[] next() {
                if (limit >= 0 && returned >= limit) {
                    return null;
                }
                while (it.hasNext()) {
                    Version v = it.next();
                    seen++;
                    Object[] values = v.values;
                    if (!tx.isVisible(v) || !matches(values, filters)) {
                        continue;
                    }
                    last = v;
                    returned++;
                    Object[] out = new Object[proj.length];
                    for (int k = 0; k < proj.length; k++) {
                        out[k] = values[proj[k]];
                    }
                    return out;
                }
                return null;
            }

            @Override
            public Object rowId() {
                return last;
            }

            @Override
            public void close() {
                visited.add(seen);
                seen = 0;
            }
        };
    }

    /**
     * The versions an index gives for these filters (equalities on a prefix of its columns, then a range on the next
     * one), or null when no index helps. The caller still checks every filter.
     */
    private Iterator<Version> indexLookup(List<ColumnFilter> filters) {
        if (filters.isEmpty() || indexes.isEmpty()) {
            return null;
        }
        Index best = null;
        int bestScore = 0;
        for (Index ix : indexes) {
            int score = 0;
            for (int c : ix.columns) {
                if (find(filters, c, ColumnFilter.Op.EQ) != null) {
                    score += 2;
                    continue;
                }
                if (find(filters, c, null) != null) {
                    score += 1;
                }
                break;
            }
            if (score == ix.columns.length * 2 && ix.unique) {
                score += 1;
            }
            if (score > bestScore) {
                best = ix;
                bestScore = score;
            }
        }
        if (best == null) {
            return null;
        }
        int n = best.columns.length;
        Object[] low = new Object[n];
        Object[] high = new Object[n];
        int p = 0;
        for (; p < n; p++) {
            ColumnFilter eq = find(filters, best.columns[p], ColumnFilter.Op.EQ);
            if (eq == null) {
                break;
            }
            low[p] = eq.value();
            high[p] = eq.value();
        }
        if (p == n) {
            List<Version> exact = best.get(low);
            return exact == null ? java.util.Collections.emptyIterator() : exact.iterator();
        }
        Object lowPad = LOW;
        Object highPad = HIGH;
        boolean lowInclusive = true;
        boolean highInclusive = true;
        int col = best.columns[p];
        low[p] = LOW;
        high[p] = HIGH;
        for (ColumnFilter f : filters) {
            if (f.column() != col || f.value() == null) {
                continue;
            }
            switch (f.op()) {
                case GT -> {
                    low[p] = f.value();
                    lowPad = HIGH;
                    lowInclusive = false;
                }
                case GE -> low[p] = f.value();
                case LT -> {
                    high[p] = f.value();
                    highPad = LOW;
                    highInclusive = false;
                }
                case LE -> high[p] = f.value();
                default -> {
                }
            }
        }
        for (int i = p + 1; i < n; i++) {
            low[i] = lowPad;
            high[i] = highPad;
        }
        int order = KEY_ORDER.compare(low, high);
        if (order > 0 || order == 0 && (!lowInclusive || !highInclusive)) {
            return java.util.Collections.emptyIterator();
        }
        NavigableMap<Object[], List<Version>> range = best.map.subMap(low, lowInclusive, high, highInclusive);
        Iterator<List<Version>> lists = range.values().iterator();
        return new Iterator<>() {
            Iterator<Version> cur = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!cur.hasNext()) {
                    if (!lists.hasNext()) {
                        return false;
                    }
                    cur = lists.next().iterator();
                }
                return true;
            }

            @Override
            public Version next() {
                hasNext();
                return cur.next();
            }
        };
    }

    /** The filter on this column with this op (any range op when op is null), or null. */
    private static ColumnFilter find(List<ColumnFilter> filters, int column, ColumnFilter.Op op) {
        for (ColumnFilter f : filters) {
            if (f.column() != column || f.value() == null) {
                continue;
            }
            if (op != null ? f.op() == op : f.op() == ColumnFilter.Op.LT || f.op() == ColumnFilter.Op.LE
                    || f.op() == ColumnFilter.Op.GT || f.op() == ColumnFilter.Op.GE) {
                return f;
            }
        }
        return null;
    }

    private static boolean matches(Object[] row, List<ColumnFilter> filters) {
        for (ColumnFilter f : filters) {
            if (!f.test(row[f.column()])) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- storage and pruning

    private void append(MemTransaction tx, Version v) {
        lockStorage(tx);
        try {
            Version[] a = versions;
            if (size == a.length) {
                if (size > QUICK_PRUNE && tx != null && tx.mustNotWait()) {
                    throw WouldBlockException.INSTANCE; // pruning takes long: on a worker (the statement is undone)
                }
                storageBusy = size > QUICK_PRUNE;
                try {
                    a = prune(a, size);
                } finally {
                    storageBusy = false;
                }
            }
            a[size] = v;
            size = size + 1;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Takes the append lock. A statement that must not wait (on a network thread) spins for it while it is held
     * briefly, and moves to a worker ({@link WouldBlockException}) when it is held for long.
     */
    private void lockStorage(MemTransaction tx) {
        if (tx == null || !tx.mustNotWait()) {
            appendLock.lock();
            return;
        }
        while (!appendLock.tryLock()) {
            if (storageBusy) {
                throw WouldBlockException.INSTANCE;
            }
            Thread.onSpinWait();
        }
    }

    /** Takes the append lock for work over every version (DDL): statements on network threads do not wait for it. */
    private void lockStorageForLong() {
        appendLock.lock();
        storageBusy = true;
    }

    private void unlockStorageForLong() {
        storageBusy = false;
        appendLock.unlock();
    }

    /** Number of row versions stored (live or not yet pruned), for tests. */
    int storedVersions() {
        return size;
    }

    /**
     * Drops the versions no snapshot can see (their deleter committed before the oldest snapshot in use, or their
     * creator aborted) into a new array with room to grow; freezes the xmin of versions every snapshot sees. Runs
     * under the append lock; scans keep reading the array they started with.
     */
    private Version[] prune(Version[] a, int n) {
        long horizon = db.horizon();
        List<Version> dead = new ArrayList<>();
        Version[] keep = new Version[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            Version v = a[i];
            if (isDead(v, horizon)) {
                dead.add(v);
            } else {
                TxState xmin = v.xmin;
                if (xmin != TxState.FROZEN && xmin.status == TxState.COMMITTED && xmin.csn <= horizon) {
                    v.xmin = TxState.FROZEN;
                }
                keep[k++] = v;
            }
        }
        for (Index ix : indexes) {
            removeFromIndex(ix, dead);
        }
        Version[] out = new Version[Math.max(16, k * 2)];
        System.arraycopy(keep, 0, out, 0, k);
        versions = out;
        size = k;
        return out;
    }

    private static boolean isDead(Version v, long horizon) {
        TxState xmin = v.xmin;
        if (xmin.status == TxState.ABORTED) {
            return true;
        }
        TxState xmax = v.xmax;
        return xmax != null && xmax.status == TxState.COMMITTED && xmax.csn <= horizon
                && xmin.status == TxState.COMMITTED;
    }

    private static void removeFromIndex(Index ix, Collection<Version> dead) {
        if (dead.isEmpty()) {
            return;
        }
        synchronized (ix) {
            for (Version v : dead) {
                Object[] key = ix.key(v.values);
                List<Version> list = ix.map.get(key);
                if (list != null) {
                    list.remove(v);
                    if (list.isEmpty()) {
                        ix.remove(key);
                    }
                }
            }
        }
    }

    /** Takes a version out of every index (one whose statement was undone). */
    void unindex(Version v) {
        for (Index ix : indexes) {
            removeFromIndex(ix, List.of(v));
        }
    }

    /** Visits every stored version (under the append lock: for DDL that rewrites or indexes all rows). */
    private List<Version> allVersions() {
        lockStorageForLong();
        try {
            return new ArrayList<>(Arrays.asList(versions).subList(0, size));
        } finally {
            unlockStorageForLong();
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public Object[] insert(Transaction transaction, Object[] row) {
        MemTransaction tx = tx(transaction);
        Version v = new Version(row.clone(), tx.current(), tx.commandId());
        tx.created(this, v);
        claimKeys(tx, v, null, indexes);
        append(tx, v);
        return v.values.clone();
    }

    @Override
    public Object[] update(Transaction transaction, Object rowId, UnaryOperator<Object[]> change) {
        MemTransaction tx = tx(transaction);
        Version target = lock(tx, (Version) rowId);
        if (target == null) {
            return null;
        }
        Object[] next;
        try {
            next = change.apply(target.values.clone());
        } catch (RuntimeException e) {
            unlock(tx, target);
            throw e;
        }
        if (next == null) {
            unlock(tx, target);
            return null;
        }
        Version v = new Version(next, tx.current(), tx.commandId());
        tx.created(this, v);
        claimKeys(tx, v, target, indexes);
        target.next = v;
        append(tx, v);
        return next.clone();
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
                    tx.locked(v, x, v.next);
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
            tx.waitFor(waitFor);
        }
    }

    private static void unlock(MemTransaction tx, Version v) {
        synchronized (v) {
            if (v.xmax == tx.current()) {
                v.xmax = null;
            }
        }
    }

    /**
     * Enters a new version in the indexes, checking the unique ones first (23505 on a duplicate; a concurrent
     * writer of the same key is waited for).
     */
    private void claimKeys(MemTransaction tx, Version v, Version replaced, List<Index> which) {
        for (Index u : which) {
            Object[] key = u.key(v.values);
            boolean hasNull = false;
            for (Object o : key) {
                hasNull |= o == null;
            }
            boolean check = u.unique && !hasNull;
            while (true) {
                TxState waitFor = null;
                synchronized (u) {
                    List<Version> same = u.listFor(key);
                    if (check) {
                        for (Version o : same) {
                            if (o == replaced || o == v) {
                                continue;
                            }
                            TxState waiting = liveness(tx, o);
                            if (waiting == LIVE) {
                                throw duplicate(u, key, "already exists.");
                            }
                            if (waiting != null) {
                                waitFor = waiting;
                                break;
                            }
                        }
                    }
                    if (waitFor == null) {
                        if (!same.contains(v)) {
                            same.add(v);
                        }
                        break;
                    }
                }
                tx.waitFor(waitFor);
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

    /**
     * The key of a unique index that another live row has, for ON CONFLICT: the conflicting version, or null.
     * Waits for a concurrent inserter of the key to end first.
     */
    Version conflict(MemTransaction tx, Object[] row, Index u) {
        Object[] key = u.key(row);
        for (Object o : key) {
            if (o == null) {
                return null;
            }
        }
        while (true) {
            TxState waitFor = null;
            synchronized (u) {
                List<Version> same = u.get(key);
                if (same == null) {
                    return null;
                }
                for (Version o : same) {
                    TxState waiting = liveness(tx, o);
                    if (waiting == LIVE) {
                        return o;
                    }
                    if (waiting != null) {
                        waitFor = waiting;
                        break;
                    }
                }
                if (waitFor == null) {
                    return null;
                }
            }
            tx.waitFor(waitFor);
        }
    }

    @Override
    public Object conflictingRow(Transaction transaction, String constraint, Object[] row, boolean forUpdate) {
        MemTransaction tx = tx(transaction);
        Index u = index(constraint);
        if (u == null) {
            return null;
        }
        Version v = conflict(tx, row, u);
        if (v != null && forUpdate && v.xmin.owner == tx && v.cid == tx.commandId()) {
            throw PgException.builder("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time")
                    .hint("Ensure that no rows proposed for insertion within the same command have duplicate "
                            + "constrained values.").build();
        }
        return v;
    }

    PgException duplicate(Index u, Object[] key, String tail) {
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        List<TableColumn> cs = columns;
        for (int i = 0; i < key.length; i++) {
            TableColumn c = cs.get(u.columns[i]);
            cols.append(i > 0 ? ", " : "").append(c.name());
            vals.append(i > 0 ? ", " : "").append(key[i] == null ? "null"
                    : Casts.toText(key[i], c.type(), TYPES, CodecContext.DEFAULT));
        }
        return PgException.builder("23505", "duplicate key value violates unique constraint \"" + u.name + "\"")
                .detail("Key (" + cols + ")=(" + vals + ") " + tail).schemaName(schema).tableName(name)
                .constraintName(u.name).build();
    }

    // ---------------------------------------------------------------- DDL

    /**
     * The table's definition now (name, columns, constraints, indexes, comment and, with {@code values}, every row
     * version's values), as an action that puts it back: for rolling back DDL.
     */
    Runnable captureShape(boolean values) {
        String n = name;
        List<TableColumn> cols = columns;
        List<TableConstraint> cons = constraints;
        List<Index> ixs = List.copyOf(indexes);
        String cm = comment;
        Map<Version, Object[]> vals = null;
        if (values) {
            vals = new java.util.IdentityHashMap<>();
            for (Version v : allVersions()) {
                vals.put(v, v.values);
            }
        }
        Map<Version, Object[]> saved = vals;
        return () -> {
            lockStorageForLong();
            try {
                name = n;
                columns = cols;
                constraints = cons;
                indexes.clear();
                indexes.addAll(ixs);
                comment = cm;
                if (saved != null) {
                    saved.forEach((v, a) -> v.values = a);
                }
            } finally {
                unlockStorageForLong();
            }
        };
    }

    List<Index> indexList() {
        return indexes;
    }

    Index index(String indexName) {
        for (Index ix : indexes) {
            if (ix.name.equals(indexName)) {
                return ix;
            }
        }
        return null;
    }

    /** Adds an index over the existing rows (23505 "could not create unique index" on duplicates). */
    void addIndex(MemTransaction tx, String indexName, int[] cols, boolean unique, boolean primary) {
        Index ix = new Index(indexName, cols, unique, primary);
        long horizon = db.horizon();
        for (Version v : allVersions()) {
            if (isDead(v, horizon)) {
                continue;
            }
            if (tx != null && unique) {
                try {
                    claimKeys(tx, v, null, List.of(ix));
                } catch (PgException e) {
                    if (!"23505".equals(e.sqlState())) {
                        throw e;
                    }
                    throw PgException.builder("23505", "could not create unique index \"" + indexName + "\"")
                            .detail(e.detail().replace("already exists.", "is duplicated.")).schemaName(schema)
                            .tableName(name).constraintName(indexName).build();
                }
            } else {
                ix.listFor(ix.key(v.values)).add(v);
            }
        }
        indexes.add(ix);
    }

    void dropIndex(String indexName) {
        indexes.removeIf(ix -> ix.name.equals(indexName));
    }

    /** Adds a constraint's metadata; a key constraint gets its unique index (checked against the rows). */
    void addConstraint(MemTransaction tx, TableConstraint c) {
        if (c.isKey()) {
            int[] cols = c.columns().stream().mapToInt(this::columnIndex).toArray();
            addIndex(tx, c.name(), cols, true, c.kind() == TableConstraint.Kind.PRIMARY_KEY);
        }
        List<TableConstraint> list = new ArrayList<>(constraints);
        list.add(c);
        constraints = List.copyOf(list);
    }

    void dropConstraint(String constraintName) {
        List<TableConstraint> list = new ArrayList<>(constraints);
        list.removeIf(c -> c.name().equals(constraintName));
        constraints = List.copyOf(list);
        dropIndex(constraintName);
    }

    void replaceConstraints(List<TableConstraint> list) {
        constraints = List.copyOf(list);
    }

    void setColumns(List<TableColumn> cols) {
        columns = List.copyOf(cols);
    }

    /** ADD COLUMN: every stored version gets the new column's value. */
    void addColumn(TableColumn column, java.util.function.Supplier<Object> fill) {
        lockStorageForLong();
        try {
            for (int i = 0; i < size; i++) {
                Version v = versions[i];
                Object[] vals = Arrays.copyOf(v.values, v.values.length + 1);
                vals[vals.length - 1] = fill == null ? null : fill.get();
                v.values = vals;
            }
            List<TableColumn> cols = new ArrayList<>(columns);
            cols.add(column);
            columns = List.copyOf(cols);
        } finally {
            unlockStorageForLong();
        }
    }

    /** ALTER COLUMN TYPE: every version's value converted (all or none), and the indexes on it rebuilt. */
    void alterType(int col, TableColumn column, java.util.function.Function<Object[], Object> convert) {
        lockStorageForLong();
        try {
            long horizon = db.horizon();
            List<Version> all = new ArrayList<>(Arrays.asList(versions).subList(0, size));
            List<Object[]> converted = new ArrayList<>(all.size());
            for (Version v : all) {
                Object[] vals = v.values.clone();
                if (!isDead(v, horizon)) {
                    vals[col] = vals[col] == null ? null : convert.apply(v.values);
                }
                converted.add(vals);
            }
            for (int i = 0; i < all.size(); i++) {
                all.get(i).values = converted.get(i);
            }
            List<TableColumn> cols = new ArrayList<>(columns);
            cols.set(col, column);
            columns = List.copyOf(cols);
            List<Index> rebuilt = new ArrayList<>();
            for (Index ix : indexes) {
                boolean uses = Arrays.stream(ix.columns).anyMatch(c -> c == col);
                if (!uses) {
                    rebuilt.add(ix);
                    continue;
                }
                Index fresh = new Index(ix.name, ix.columns, ix.unique, ix.primary);
                for (Version v : all) {
                    if (!isDead(v, horizon)) {
                        fresh.listFor(fresh.key(v.values)).add(v);
                    }
                }
                rebuilt.add(fresh);
            }
            indexes.clear();
            indexes.addAll(rebuilt);
        } finally {
            unlockStorageForLong();
        }
    }

    /** DROP COLUMN: the column leaves every version; index column numbers shift. */
    void dropColumn(int col) {
        lockStorageForLong();
        try {
            for (int i = 0; i < size; i++) {
                Version v = versions[i];
                Object[] old = v.values;
                Object[] vals = new Object[old.length - 1];
                System.arraycopy(old, 0, vals, 0, col);
                System.arraycopy(old, col + 1, vals, col, old.length - col - 1);
                v.values = vals;
            }
            List<Index> kept = new ArrayList<>();
            for (Index ix : indexes) {
                boolean uses = false;
                int[] cs = ix.columns.clone();
                for (int k = 0; k < cs.length; k++) {
                    uses |= cs[k] == col;
                    if (cs[k] > col) {
                        cs[k]--;
                    }
                }
                if (!uses) {
                    Index moved = new Index(ix.name, cs, ix.unique, ix.primary);
                    moved.putAll(ix);
                    kept.add(moved);
                }
            }
            indexes.clear();
            indexes.addAll(kept);
            List<TableColumn> cols = new ArrayList<>(columns);
            cols.remove(col);
            columns = List.copyOf(cols);
        } finally {
            unlockStorageForLong();
        }
    }

    /** The rows this transaction sees (for ALTER TABLE's checks and snapshots). */
    List<Object[]> visibleRows(MemTransaction tx) {
        List<Object[]> out = new ArrayList<>();
        for (Version v : allVersions()) {
            if (tx == null ? isCommittedLive(v) : tx.isVisible(v)) {
                out.add(v.values);
            }
        }
        return out;
    }

    private static boolean isCommittedLive(Version v) {
        if (v.xmin.status != TxState.COMMITTED) {
            return false;
        }
        TxState x = v.xmax;
        return x == null || x.status != TxState.COMMITTED;
    }

    /** Loads rows as committed for every snapshot (restore). */
    void loadFrozen(List<Object[]> rows) {
        for (Object[] r : rows) {
            Version v = new Version(r, TxState.FROZEN, 0);
            for (Index ix : indexes) {
                ix.listFor(ix.key(r)).add(v);
            }
            append(null, v);
        }
    }

    static PgException undefined(String what) {
        return new PgException(SqlState.UNDEFINED_TABLE, what);
    }
}
