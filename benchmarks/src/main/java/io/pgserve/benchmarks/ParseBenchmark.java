package io.pgserve.benchmarks;

import io.pgserve.sql.SqlParser;
import io.pgserve.sql.SqlParserCache;
import io.pgserve.sql.SqlSplitter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SQL parsing throughput on one core: a typical OLTP statement, a catalog query as psql's \d sends, and a cache hit.
 * Results are statements per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
    private static final List<String> STATEMENTS = List.of(
            "SELECT id, name, email FROM app.customers WHERE id = $1",
            "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
            "INSERT INTO orders (customer_id, amount, tags) VALUES ($1, $2, $3) RETURNING id",
            "SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE c.relname OPERATOR(pg_catalog.~) '^(customers)$' COLLATE "
                    + "pg_catalog.default AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 2, 3");

    @Param({"0", "1", "2", "3"})
    public int statement;

    private String sql;
    private SqlParserCache cache;

    @org.openjdk.jmh.annotations.Setup
    public void setUp() {
        sql = STATEMENTS.get(statement);
        cache = SqlParserCache.create(16);
        cache.parse(sql);
    }

    @Benchmark
    public Object parse() {
        return SqlParser.parse(sql);
    }

    @Benchmark
    public Object split() {
        return SqlSplitter.split(sql);
    }

    @Benchmark
    public Object cacheHit() {
        return cache.parse(sql);
    }
}
