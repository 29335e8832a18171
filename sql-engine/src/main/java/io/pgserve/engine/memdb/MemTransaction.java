package io.pgserve.engine.memdb;

import io.pgserve.engine.Transaction;
import io.pgserve.engine.WouldBlockException;
import io.pgserve.server.PgException;

import java.util.ArrayList;
import java.util.List;

/**
 * A memdb transaction under READ COMMITTED: each statement sees the data committed before it started (a snapshot
 * is the commit sequence number at statement start) plus this transaction's own earlier changes. Savepoints are
 * subtransactions: rolling back to one aborts the states created since.
 */
final class MemTransaction implements Transaction {
    private final MemDb db;
    private final List<TxState> states = new ArrayList<>();
    private final List<String> savepointNames = new ArrayList<>();
    private final List<Integer> savepointStates = new ArrayList<>();
    /** How to undo this transaction's DDL, in the order it ran (run backwards on rollback). */
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Integer> savepointUndo = new ArrayList<>();
    private TxState current;
    private long snapshot;
    private int commandId;
    private boolean ended;

    /** The state this transaction waits for (a row lock or a unique key), for deadlock detection; else null. */
    private volatile TxState waitingFor;

    /**
     * The current statement must not wait (it runs on a network thread): {@link #waitFor} throws
     * {@link WouldBlockException} instead, and the statement's writes are logged for {@link #undoStatement()}.
     */
    private boolean noWait;
    /** The writes of a statement that must not wait: the versions it created, and the versions it locked. */
    private final List<Version> created = new ArrayList<>();
    private final List<MemTable> createdIn = new ArrayList<>();
    private final List<Locked> locked = new ArrayList<>();

    /** A version this statement locked (set its xmax), with its xmax and next before. */
    private record Locked(Version version, TxState xmax, Version next) {
    }

    /** A state that is aborted from the start: the creator of the versions a statement undid. */
    private static final TxState UNDONE = new TxState(null);

    static {
        UNDONE.finish(TxState.ABORTED);
    }

    MemTransaction(MemDb db) {
        this.db = db;
        this.current = newState();
        this.snapshot = db.register(this);
    }

    /** Whether this transaction waits for another one now (for tests). */
    boolean isWaiting() {
        return waitingFor != null;
    }

    long snapshot() {
        return snapshot;
    }

    /**
     * Waits for another transaction's state to end; 40P01 when that transaction (or one it waits for, and so on)
     * waits for this one.
     */
    void waitFor(TxState s) {
        if (noWait) {
            throw WouldBlockException.INSTANCE;
        }
        synchronized (MemTransaction.class) {
            TxState cur = s;
            for (int guard = 0; cur != null && cur.owner != null && guard < 10_000; guard++) {
                if (cur.owner == this) {
                    throw io.pgserve.server.PgException.builder("40P01", "deadlock detected")
                            .detail("Process waits for a row lock held by a transaction that waits for this one.")
                            .hint("See server log for query details.").build();
                }
                TxState next = cur.owner.waitingFor;
                if (next == null || cur.status != TxState.IN_PROGRESS) {
                    break;
                }
                cur = next;
            }
            waitingFor = s;
        }
        try {
            s.await();
        } finally {
            waitingFor = null;
        }
    }

    private TxState newState() {
        TxState s = new TxState(this);
        states.add(s);
        return s;
    }

    /** The state this transaction's writes are made under now. */
    TxState current() {
        return current;
    }

    int commandId() {
        return commandId;
    }

    @Override
    public void startStatement() {
        startStatement(true);
    }

    @Override
    public void startStatement(boolean mayWait) {
        snapshot = db.newSnapshot();
        commandId++;
        noWait = !mayWait;
        if (!created.isEmpty() || !locked.isEmpty()) {
            created.clear();
            createdIn.clear();
            locked.clear();
        }
    }

    /** Whether the current statement must not wait (it runs on a network thread). */
    boolean mustNotWait() {
        return noWait;
    }

    /** A version the current statement created, once it may be in {@code table}'s indexes. */
    void created(MemTable table, Version v) {
        if (noWait) {
            created.add(v);
            createdIn.add(table);
        }
    }

    /** A version the current statement locked; {@code xmax} and {@code next} were its fields before. */
    void locked(Version v, TxState xmax, Version next) {
        if (noWait) {
            locked.add(new Locked(v, xmax, next));
        }
    }

    /**
     * Undoes the writes of the current statement (one that must not wait): the versions it created are made
     * invisible (their creator aborted) and leave the indexes; the versions it locked get their xmax back.
     */
    @Override
    public void undoStatement() {
        for (int i = locked.size() - 1; i >= 0; i--) {
            Locked l = locked.get(i);
            synchronized (l.version()) {
                if (l.version().xmax != null && l.version().xmax.owner == this) {
                    l.version().xmax = l.xmax();
                    l.version().next = l.next();
                }
            }
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            Version v = created.get(i);
            v.xmin = UNDONE;
            createdIn.get(i).unindex(v);
        }
        created.clear();
        createdIn.clear();
        locked.clear();
    }

    /** Whether a version whose xmin/xmax is {@code s} counts as written, from this transaction's view. */
    boolean sees(TxState s, int cid, boolean forDelete) {
        if (s.owner == this) {
            return s.status != TxState.ABORTED && (forDelete || cid < commandId);
        }
        return s.status == TxState.COMMITTED && s.csn <= snapshot;
    }

    boolean isVisible(Version v) {
        if (!sees(v.xmin, v.cid, false)) {
            return false;
        }
        TxState x = v.xmax;
        return x == null || !sees(x, 0, true);
    }

    @Override
    public void commit() {
        if (ended) {
            return;
        }
        ended = true;
        db.commit(states);
        db.unregister(this);
    }

    @Override
    public void rollback() {
        if (ended) {
            return;
        }
        ended = true;
        for (TxState s : states) {
            if (s.status == TxState.IN_PROGRESS) {
                s.finish(TxState.ABORTED);
            }
        }
        runUndo(0);
        db.unregister(this);
    }

    /** Registers how to undo a DDL change when this transaction (or the savepoint level) rolls back. */
    void onRollback(Runnable action) {
        undo.add(action);
    }

    private void runUndo(int downTo) {
        while (undo.size() > downTo) {
            undo.remove(undo.size() - 1).run();
        }
    }

    @Override
    public void savepoint(String name) {
        savepointNames.add(name);
        savepointUndo.add(undo.size());
        current = newState();
        savepointStates.add(states.size() - 1);
    }

    private int find(String name) {
        int i = savepointNames.lastIndexOf(name);
        if (i < 0) {
            throw new PgException("3B001", "savepoint \"" + name + "\" does not exist");
        }
        return i;
    }

    @Override
    public void rollbackToSavepoint(String name) {
        int i = find(name);
        int first = savepointStates.get(i);
        for (int k = first; k < states.size(); k++) {
            TxState s = states.get(k);
            if (s.status == TxState.IN_PROGRESS) {
                s.finish(TxState.ABORTED);
            }
        }
        while (savepointNames.size() > i + 1) {
            savepointNames.remove(savepointNames.size() - 1);
            savepointStates.remove(savepointStates.size() - 1);
            savepointUndo.remove(savepointUndo.size() - 1);
        }
        runUndo(savepointUndo.get(i));
        current = newState();
        savepointStates.set(i, states.size() - 1);
    }

    @Override
    public void releaseSavepoint(String name) {
        int i = find(name);
        while (savepointNames.size() > i) {
            savepointNames.remove(savepointNames.size() - 1);
            savepointStates.remove(savepointStates.size() - 1);
            savepointUndo.remove(savepointUndo.size() - 1);
        }
        // later writes keep their (still running) states; new writes go to a fresh state of the outer level
        current = newState();
    }
}
