package io.pgserve.server;

import java.util.ArrayList;
import java.util.List;

/** The cancellation signal of one statement: set once, by a CancelRequest or a timeout, from any thread. */
public final class Cancellation {
    private final List<Runnable> callbacks = new ArrayList<>(0);
    private volatile boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    /** Sets the signal and runs the callbacks; does nothing the second time. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = new ArrayList<>(callbacks);
            callbacks.clear();
        }
        for (Runnable r : toRun) {
            r.run();
        }
    }

    /** Runs {@code callback} on cancellation, at once if already cancelled. */
    public void onCancel(Runnable callback) {
        synchronized (this) {
            if (!cancelled) {
                callbacks.add(callback);
                return;
            }
        }
        callback.run();
    }
}
