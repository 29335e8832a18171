package io.pgserve.server.internal.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a session's worker tasks one at a time, in the order given, on the server's shared executor. The session
 * never has two handler calls under way, except at its end: a client that vanishes while its statement runs must
 * not get the handler's {@code close()} (or a COPY sink's {@code abort()}) while that call is still running on
 * another thread. Queued here, the cleanup runs after it.
 *
 * <pre>{@code
 * Executor worker = new SerialExecutor(sharedPool);
 * worker.execute(() -> handler.execute(query)); // may block
 * worker.execute(handler::close);               // runs once execute has returned
 * }</pre>
 */
final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** Tasks queued and not yet finished; the one that raises it from 0 starts a drain on the delegate. */
    private final AtomicInteger pending = new AtomicInteger();

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    /** Queues {@code task}; throws the delegate's RejectedExecutionException when it is shut down and idle. */
    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (pending.getAndIncrement() == 0) {
            try {
                delegate.execute(this::drain);
            } catch (RuntimeException rejected) {
                queue.remove(task);
                pending.decrementAndGet();
                throw rejected;
            }
        }
    }

    /** No task queued or running. Exact when the caller is the only thread that queues tasks (the event loop). */
    boolean isIdle() {
        return pending.get() == 0;
    }

    private void drain() {
        do {
            Runnable task = queue.poll();
            try {
                task.run();
            } catch (Throwable t) {
                log.error("Unexpected failure in a session task", t);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
