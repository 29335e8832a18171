package io.pgserve.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pgserve.sql.ast.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SqlParserCacheTest {

    @Test
    void hitsReturnTheSameTree() {
        SqlParserCache cache = SqlParserCache.create(10);
        Statement a = cache.parse("SELECT * FROM t WHERE id = $1");
        Statement b = cache.parse("SELECT * FROM t WHERE id = $1");
        assertSame(a, b);
        assertEquals(1, cache.hits());
        assertEquals(1, cache.misses());
        assertEquals(2, cache.parseAll("BEGIN; SELECT 1").size());
    }

    @Test
    void boundedLeastRecentlyUsed() {
        SqlParserCache cache = SqlParserCache.create(2);
        // Texts of different shapes (texts that differ only in literals would be shape hits, see ShapeCacheTest).
        Statement one = cache.parse("SELECT a");
        cache.parse("SELECT b");
        cache.parse("SELECT a");
        cache.parse("SELECT c");
        assertEquals(2, cache.size());
        assertSame(one, cache.parse("SELECT a"));
        long misses = cache.misses();
        cache.parse("SELECT b");
        assertEquals(misses + 1, cache.misses());
    }

    @Test
    void errorsAreNotCached() {
        SqlParserCache cache = SqlParserCache.create(2);
        assertThrows(SqlParseException.class, () -> cache.parse("SELECT * FORM t"));
        assertThrows(SqlParseException.class, () -> cache.parse("SELECT 1; SELECT 2"));
        assertThrows(SqlParseException.class, () -> cache.parse(""));
        // The texts parseAll accepts are kept (for parseAll), the syntax error is not.
        assertEquals(2, cache.size());
    }

    @Test
    void threads() throws Exception {
        SqlParserCache cache = SqlParserCache.create(50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String sql = "SELECT c" + (i % 100) + " FROM t";
                        assertEquals(SqlParser.parse(sql), cache.parse(sql));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(50, cache.size());
        assertEquals(4000, cache.hits() + cache.misses());
    }

    @Test
    void sharedCache() {
        assertSame(SqlParser.cached(), SqlParser.cached());
        assertEquals(SqlParserCache.DEFAULT_MAX_ENTRIES, SqlParser.cached().maxEntries());
    }
}
