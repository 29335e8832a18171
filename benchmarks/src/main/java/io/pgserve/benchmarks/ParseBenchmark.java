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
 *
 * <p>{@code parseWithLiterals} and {@code shapeHit} take the same statements with the values written into the text
 * (as psycopg2 and pgbench in simple mode send them), different values at every call: a full parse each time,
 * against {@link SqlParserCache}'s shape hit (the cached tree of the same statement rebuilt with the new values).
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

    /** The same statements with literal values; %d is replaced by a number that changes at every call. */
    private static final List<String> WITH_LITERALS = List.of(
            "SELECT id, name, email FROM app.customers WHERE id = %d",
            "UPDATE pgbench_accounts SET abalance = abalance + %d WHERE aid = %d",
            "INSERT INTO orders (customer_id, amount, tags) VALUES (%d, 19.%d, 'new,priority') RETURNING id",
            "SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE c.relname OPERATOR(pg_catalog.~) '^(customers%d)$' COLLATE "
                    + "pg_catalog.default AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 2, %d");

    @Param({"0", "1", "2", "3"})
    public int statement;

    private String sql;
    private SqlParserCache cache;
    private String[] literalTexts;
    private int next;

    @org.openjdk.jmh.annotations.Setup
    public void setUp() {
        sql = STATEMENTS.get(statement);
        cache = SqlParserCache.create(16);
        cache.parse(sql);
        java.util.Random random = new java.util.Random(statement);
        literalTexts = new String[4096];
        for (int i = 0; i < literalTexts.length; i++) {
            String text = WITH_LITERALS.get(statement);
            while (text.contains("%d")) {
                text = text.replaceFirst("%d", Integer.toString(1 + random.nextInt(10_000_000)));
            }
            literalTexts[i] = text;
        }
        // A shape's template is made at its second text.
        cache.parse(literalTexts[0]);
        cache.parse(literalTexts[1]);
    }

    /** A new String each time (as from the wire: its hash is not cached yet). */
    private String nextLiteralText() {
        next = (next + 1) & (literalTexts.length - 1);
        return new String(literalTexts[next]);
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

    @Benchmark
    public Object parseWithLiterals() {
        return SqlParser.parse(nextLiteralText());
    }

    @Benchmark
    public Object shapeHit() {
        return cache.parse(nextLiteralText());
    }
}
