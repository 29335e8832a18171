package io.pgserve.benchmarks.client;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens N authenticated connections (THREADS at a time), prints {@code READY open=N seconds=S}, then holds them
 * idle until stdin closes or HOLD seconds pass, and closes them. On failure prints {@code FAILED open=K: reason}.
 *
 * <pre>java -cp pgserve-benchmarks.jar io.pgserve.benchmarks.client.IdleConnections URL USER PASSWORD N THREADS HOLD</pre>
 */
public final class IdleConnections {
    private IdleConnections() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: IdleConnections URL USER PASSWORD N THREADS HOLD_SECONDS");
            System.exit(2);
        }
        String url = args[0];
        int n = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        long hold = Long.parseLong(args[5]);
        List<Connection> open = Collections.synchronizedList(new ArrayList<>(n));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(pool.submit(() -> {
                while (next.getAndIncrement() < n) {
                    open.add(DriverManager.getConnection(url, Util.props(args[1], args[2])));
                }
                return null;
            }));
        }
        String failure = null;
        for (Future<?> f : tasks) {
            try {
                f.get();
            } catch (Exception e) {
                failure = String.valueOf(e.getCause() != null ? e.getCause() : e).replace('\n', ' ');
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failure != null) {
            System.out.printf("FAILED open=%d: %s%n", open.size(), failure);
        } else {
            System.out.printf("READY open=%d seconds=%.2f%n", open.size(), seconds);
        }
        System.out.flush();
        // Hold until stdin closes (the script ends us) or the time is up.
        Thread waiter = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading
                }
            } catch (Exception e) {
                // closed
            }
        });
        waiter.setDaemon(true);
        waiter.start();
        waiter.join(TimeUnit.SECONDS.toMillis(hold));
        for (Connection c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // going away anyway
            }
        }
        System.exit(failure == null ? 0 : 1);
    }
}
