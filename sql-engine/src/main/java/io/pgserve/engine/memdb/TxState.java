package io.pgserve.engine.memdb;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

import java.util.concurrent.CountDownLatch;

/**
 * The state of a transaction or of one savepoint level of it (a subtransaction): row versions point to the state
 * that created (xmin) or deleted/locked (xmax) them.
 */
final class TxState {
    static final int IN_PROGRESS = 0;
    static final int COMMITTED = 1;
    static final int ABORTED = 2;

    /** The state of rows every snapshot sees (restored snapshots, frozen rows). */
    static final TxState FROZEN = new TxState(null);

    static {
        FROZEN.csn = 0;
        FROZEN.finish(COMMITTED);
    }

    final MemTransaction owner;
    /** The commit sequence number, set before {@link #status} becomes COMMITTED. */
    volatile long csn;
    volatile int status = IN_PROGRESS;
    private final CountDownLatch done = new CountDownLatch(1);

    TxState(MemTransaction owner) {
        this.owner = owner;
    }

    void finish(int newStatus) {
        status = newStatus;
        done.countDown();
    }

    /** Waits until this (sub)transaction commits or aborts; a cancel (interrupt) ends the wait with 57014. */
    void await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }
}
