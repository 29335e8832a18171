package io.pgserve.server.internal.session;

import io.pgserve.server.types.TypeRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The server-wide statement cache ({@link SqlCache}, consulted for every Query and Parse message): a hit on a hot
 * statement, against a miss (split, lex and parameter inference of the same text). Results are lookups per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatementCacheBenchmark {
    @Param({"SELECT 1", "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2"})
    public String sql;

    private SqlCache cache;
    private byte[] bytes;
    private int miss;

    @Setup
    public void setUp() {
        cache = new SqlCache(TypeRegistry.builtin());
        cache.analyse(sql);
        bytes = sql.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A hit with the very String cached (hash code cached, equals by identity): the lower bound. */
    @Benchmark
    public Object hit() {
        return cache.analyse(sql);
    }

    /**
     * A hit as the server sees it: a new String decoded from the message bytes each time, so the key's hash code is
     * computed and equals compares the text.
     */
    @Benchmark
    public Object hitFromWire() {
        return cache.analyse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A miss: a text never seen (a different trailing comment each time; the cache clears itself when full). */
    @Benchmark
    public Object miss() {
        return cache.analyse(sql + " -- " + (miss++));
    }
}
