package io.pgserve.benchmarks.client;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;

/**
 * Round-trip latency of a server-side prepared {@code SELECT 1} on one connection: WARMUP untimed iterations, then
 * ITERATIONS timed ones. Prints {@code p50_us=... p99_us=... p999_us=... mean_us=...}.
 *
 * <pre>java -cp pgserve-benchmarks.jar io.pgserve.benchmarks.client.Latency URL USER PASSWORD ITERATIONS [WARMUP]</pre>
 */
public final class Latency {
    private Latency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: Latency URL USER PASSWORD ITERATIONS [WARMUP]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
        Properties p = Util.props(args[1], args[2]);
        p.setProperty("prepareThreshold", "1"); // a named server-side statement from the first execution
        try (Connection c = DriverManager.getConnection(args[0], p);
             PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            long sink = 0;
            for (int i = 0; i < warmup; i++) {
                sink += once(ps);
            }
            long[] t = new long[n];
            long total0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                sink += once(ps);
                t[i] = System.nanoTime() - t0;
            }
            long total = System.nanoTime() - total0;
            long[] s = Util.sorted(t);
            System.out.printf("p50_us=%.1f p99_us=%.1f p999_us=%.1f mean_us=%.1f n=%d sink=%d%n",
                    Util.quantile(s, 0.50) / 1e3, Util.quantile(s, 0.99) / 1e3, Util.quantile(s, 0.999) / 1e3,
                    total / 1e3 / n, n, sink);
        }
    }

    private static int once(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
