package io.pgserve.sql;

import io.pgserve.sql.ast.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded cache of parsed statements by SQL text, for a server that sees the same statement texts again and
 * again (prepared statements of every connection pool, catalog queries of every driver). Thread-safe; the least
 * recently used text is evicted first. Parsing happens outside the lock, so two threads that miss on the same text
 * at the same time both parse it (the trees are equal, either may be kept). Syntax errors are not cached.
 *
 * <pre>{@code
 * Statement st = SqlParser.cached().parse("SELECT * FROM t WHERE id = $1");
 * SqlParserCache mine = SqlParserCache.create(10_000);
 * }</pre>
 *
 * <p>The trees are immutable, so a cached tree can be handed to any number of threads.
 */
public final class SqlParserCache {
    /** The size of {@link SqlParser#cached()}. */
    public static final int DEFAULT_MAX_ENTRIES = 2048;

    private final int maxEntries;
    private final Map<String, List<Statement>> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private SqlParserCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Statement>> eldest) {
                return size() > SqlParserCache.this.maxEntries;
            }
        };
    }

    /** A new cache holding at most {@code maxEntries} SQL texts. */
    public static SqlParserCache create(int maxEntries) {
        return new SqlParserCache(maxEntries);
    }

    /** {@link SqlParser#parse(String)}, from the cache when the text was parsed before. */
    public Statement parse(String sql) {
        List<Statement> all = parseAll(sql);
        if (all.size() != 1) {
            // Let the parser give its error for an empty string or several statements.
            return SqlParser.parse(sql);
        }
        return all.get(0);
    }

    /** {@link SqlParser#parseAll(String)}, from the cache when the text was parsed before. */
    public List<Statement> parseAll(String sql) {
        List<Statement> cached;
        synchronized (entries) {
            cached = entries.get(sql);
        }
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        List<Statement> parsed = List.copyOf(SqlParser.parseAll(sql));
        synchronized (entries) {
            entries.put(sql, parsed);
        }
        return parsed;
    }

    /** The number of texts held. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The most texts held. */
    public int maxEntries() {
        return maxEntries;
    }

    /** Lookups answered from the cache. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that parsed. */
    public long misses() {
        return misses.sum();
    }

    /** Empties the cache (the counters are kept). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
