package io.pgserve.engine.internal;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's advisory locks (pg_advisory_lock and its kin) of one engine, shared by all its sessions. A lock is
 * taken in share or exclusive mode, at session level (re-entrant, counted, held until unlocked or the session ends) or
 * at transaction level (held until the transaction ends). A session's own locks never block it; a blocking request
 * waits until it is granted, the statement is cancelled, or it closes a wait cycle with other sessions (40P01, found
 * after waiting one second as PostgreSQL's default deadlock_timeout).
 */
public final class AdvisoryLocks {
    /** PostgreSQL's deadlock_timeout default: how long a waiter waits before looking for a wait cycle. */
    private static final long DEADLOCK_CHECK_NANOS = 1_000_000_000L;

    /** A lock's key, as PostgreSQL's lock tag: a bigint split into halves (space 1), or two ints (space 2). */
    public record Key(long key1, long key2, int space) {
        public static Key of(long key) {
            return new Key(key >>> 32, key & 0xffffffffL, 1);
        }

        public static Key of(int key1, int key2) {
            return new Key(key1 & 0xffffffffL, key2 & 0xffffffffL, 2);
        }

        @Override
        public String toString() {
            return "advisory lock [" + key1 + "," + key2 + "," + space + "]";
        }
    }

    public enum Mode {
        SHARE("ShareLock"), EXCLUSIVE("ExclusiveLock");

        final String pgName;

        Mode(String pgName) {
            this.pgName = pgName;
        }
    }

    private record Grant(Key key, Mode mode) {
    }

    /** What one holder holds of one key: counts by mode and level. */
    private static final class Counts {
        final int[] session = new int[2];
        final int[] xact = new int[2];

        boolean holds(Mode m) {
            return session[m.ordinal()] + xact[m.ordinal()] > 0;
        }

        boolean empty() {
            return !holds(Mode.SHARE) && !holds(Mode.EXCLUSIVE);
        }
    }

    /** One session's handle on the locks (identified in messages by its process id). */
    public final class Holder {
        private final int processId;
        /** The keys this holder holds something of. Guarded by the table. */
        private final Set<Key> keys = new HashSet<>();
        /** The transaction-level grants in order, so that a rollback to a savepoint undoes the later ones. */
        private final List<Grant> xactGrants = new ArrayList<>();
        /** The request this holder waits for, or null. Guarded by the table. */
        private Key waitingKey;
        private Mode waitingMode;

        private Holder(int processId) {
            this.processId = processId;
        }

        /**
         * Takes the lock, waiting while another session holds a conflicting one; {@code checkCancelled} throws
         * (57014) when the statement is cancelled.
         */
        public void lock(Key key, Mode mode, boolean xact, Runnable checkCancelled) {
            acquire(this, key, mode, xact, checkCancelled);
        }

        /** Takes the lock if no other session holds a conflicting one; false otherwise. */
        public boolean tryLock(Key key, Mode mode, boolean xact) {
            return tryAcquire(this, key, mode, xact);
        }

        /** Releases one session-level hold; false when this session holds none (the caller warns). */
        public boolean unlock(Key key, Mode mode) {
            return release(this, key, mode);
        }

        /** Releases every session-level lock (pg_advisory_unlock_all). */
        public void unlockAllSession() {
            releaseLevel(this, true);
        }

        /** A mark of the transaction-level locks held now (at a SAVEPOINT), for {@link #releaseTransactionLocksSince}. */
        public int transactionMark() {
            synchronized (AdvisoryLocks.this) {
                return xactGrants.size();
            }
        }

        /** Releases the transaction-level locks taken after {@code mark}: ROLLBACK TO SAVEPOINT. */
        public void releaseTransactionLocksSince(int mark) {
            releaseGrantsSince(this, mark);
        }

        /** Releases every transaction-level lock: the transaction ended. */
        public void releaseTransactionLocks() {
            releaseLevel(this, false);
        }

        /** Releases everything: the session ended. */
        public void releaseAll() {
            releaseLevel(this, true);
            releaseLevel(this, false);
        }
    }

    private final Map<Key, Map<Holder, Counts>> locks = new HashMap<>();

    /** A new holder for a session. */
    public Holder holder(int processId) {
        return new Holder(processId);
    }

    private synchronized boolean grantable(Holder h, Key key, Mode mode) {
        Map<Holder, Counts> holders = locks.get(key);
        return holders == null || blockers(holders, h, mode).isEmpty();
    }

    private static List<Holder> blockers(Map<Holder, Counts> holders, Holder h, Mode mode) {
        List<Holder> out = new ArrayList<>();
        for (Map.Entry<Holder, Counts> e : holders.entrySet()) {
            if (e.getKey() != h && (e.getValue().holds(Mode.EXCLUSIVE)
                    || mode == Mode.EXCLUSIVE && e.getValue().holds(Mode.SHARE))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private void grant(Holder h, Key key, Mode mode, boolean xact) {
        Counts c = locks.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(h, x -> new Counts());
        (xact ? c.xact : c.session)[mode.ordinal()]++;
        h.keys.add(key);
        if (xact) {
            h.xactGrants.add(new Grant(key, mode));
        }
    }

    private synchronized boolean tryAcquire(Holder h, Key key, Mode mode, boolean xact) {
        if (!grantable(h, key, mode)) {
            return false;
        }
        grant(h, key, mode, xact);
        return true;
    }

    private synchronized void acquire(Holder h, Key key, Mode mode, boolean xact, Runnable checkCancelled) {
        if (grantable(h, key, mode)) {
            grant(h, key, mode, xact);
            return;
        }
        long start = System.nanoTime();
        boolean checked = false;
        h.waitingKey = key;
        h.waitingMode = mode;
        try {
            while (!grantable(h, key, mode)) {
                checkCancelled.run();
                if (!checked && System.nanoTime() - start >= DEADLOCK_CHECK_NANOS) {
                    checked = true;
                    checkDeadlock(h);
                }
                try {
                    wait(50); // woken by a release; the timeout lets a cancel be seen
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                }
            }
            grant(h, key, mode, xact);
        } finally {
            h.waitingKey = null;
            h.waitingMode = null;
        }
    }

    /** 40P01 when the wait of {@code h} closes a cycle of waiting sessions. */
    private void checkDeadlock(Holder h) {
        List<Holder> path = new ArrayList<>();
        if (!cycle(h, h, path, new LinkedHashSet<>())) {
            return;
        }
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            Holder w = path.get(i);
            Holder b = path.get((i + 1) % path.size());
            if (i > 0) {
                detail.append('\n');
            }
            detail.append("Process ").append(w.processId).append(" waits for ").append(w.waitingMode.pgName)
                    .append(" on ").append(w.waitingKey).append("; blocked by process ").append(b.processId)
                    .append('.');
        }
        throw PgException.builder("40P01", "deadlock detected").detail(detail.toString())
                .hint("See server log for query details.").build();
    }

    /** Whether following who blocks whom from {@code at} leads back to {@code start}; the path is filled. */
    private boolean cycle(Holder start, Holder at, List<Holder> path, Set<Holder> seen) {
        if (at.waitingKey == null || !seen.add(at)) {
            return false;
        }
        path.add(at);
        Map<Holder, Counts> holders = locks.get(at.waitingKey);
        if (holders != null) {
            for (Holder b : blockers(holders, at, at.waitingMode)) {
                if (b == start || cycle(start, b, path, seen)) {
                    return true;
                }
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private synchronized boolean release(Holder h, Key key, Mode mode) {
        Map<Holder, Counts> holders = locks.get(key);
        Counts c = holders == null ? null : holders.get(h);
        if (c == null || c.session[mode.ordinal()] == 0) {
            return false;
        }
        c.session[mode.ordinal()]--;
        forgetIfEmpty(h, key, holders, c);
        notifyAll();
        return true;
    }

    private synchronized void releaseGrantsSince(Holder h, int mark) {
        while (h.xactGrants.size() > mark) {
            Grant g = h.xactGrants.remove(h.xactGrants.size() - 1);
            Map<Holder, Counts> holders = locks.get(g.key());
            Counts c = holders.get(h);
            c.xact[g.mode().ordinal()]--;
            forgetIfEmpty(h, g.key(), holders, c);
        }
        notifyAll();
    }

    private synchronized void releaseLevel(Holder h, boolean session) {
        if (!session) {
            h.xactGrants.clear();
        }
        if (h.keys.isEmpty()) {
            return;
        }
        for (Key key : new ArrayList<>(h.keys)) {
            Map<Holder, Counts> holders = locks.get(key);
            Counts c = holders.get(h);
            int[] level = session ? c.session : c.xact;
            level[0] = 0;
            level[1] = 0;
            forgetIfEmpty(h, key, holders, c);
        }
        notifyAll();
    }

    private void forgetIfEmpty(Holder h, Key key, Map<Holder, Counts> holders, Counts c) {
        if (c.empty()) {
            holders.remove(h);
            h.keys.remove(key);
            if (holders.isEmpty()) {
                locks.remove(key);
            }
        }
    }
}
