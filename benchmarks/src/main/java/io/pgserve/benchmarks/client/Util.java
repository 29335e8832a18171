package io.pgserve.benchmarks.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/** Helpers for the end-to-end clients run by {@code bench/run.sh}. */
final class Util {
    private Util() {
    }

    /** pgjdbc connection properties: user, password (empty for none), no SSL. */
    static Properties props(String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("sslmode", "disable");
        p.setProperty("gssEncMode", "disable");
        return p;
    }

    /** Bytes this process has read through read(2)-like calls (sockets included), from /proc/self/io. */
    static long readBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("rchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no byte count
        }
        return -1;
    }

    /** The q-quantile (0..1) of sorted values, nearest rank. */
    static long quantile(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static long[] sorted(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s;
    }
}
