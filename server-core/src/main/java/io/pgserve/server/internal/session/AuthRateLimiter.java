package io.pgserve.server.internal.session;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per client address in fixed windows: once an address reaches the limit within a
 * window, it is refused until the window ends. Memory is bounded: expired windows are dropped when the table grows.
 * Thread-safe.
 */
final class AuthRateLimiter {
    /** Past this many addresses, expired windows are swept out before a new one is added. */
    private static final int SWEEP_AT = 10_000;

    private record Window(long start, int failures) {
    }

    private final int limit;
    private final long windowNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    AuthRateLimiter(int limit, java.time.Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    boolean enabled() {
        return limit > 0;
    }

    /** True when {@code address} has used up its failures in the current window. */
    boolean blocked(String address) {
        if (!enabled()) {
            return false;
        }
        Window w = windows.get(address);
        if (w == null) {
            return false;
        }
        if (System.nanoTime() - w.start >= windowNanos) {
            windows.remove(address, w);
            return false;
        }
        return w.failures >= limit;
    }

    /** Records a failed authentication from {@code address}. */
    void failed(String address) {
        if (!enabled()) {
            return;
        }
        long now = System.nanoTime();
        if (windows.size() >= SWEEP_AT) {
            windows.values().removeIf(w -> now - w.start >= windowNanos);
        }
        windows.compute(address, (a, w) -> w == null || now - w.start >= windowNanos
                ? new Window(now, 1) : new Window(w.start, w.failures + 1));
    }

    /** The number of addresses tracked (tests). */
    int size() {
        return windows.size();
    }
}
