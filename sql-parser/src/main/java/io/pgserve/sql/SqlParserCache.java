package io.pgserve.sql;

import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.internal.ShapeTemplate;
import io.pgserve.sql.internal.SqlShape;
import io.pgserve.sql.internal.grammar.PostgreSqlLexer;
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
 *
 * <p>Texts that differ only in their literal values (clients that write values into the SQL, such as psycopg2 or
 * pgbench in simple mode) are not parsed each time either: on a text miss, a fast scan finds the text's
 * <em>shape</em> (the text with its numbers and strings replaced by placeholders), and when a text of that shape was
 * parsed before, its statements are rebuilt with the new literal values and with every node location moved to where
 * a fresh parse would put it (so error positions stay right). A shape is used only if each of its literals is one
 * literal node of the tree ({@code 42}, {@code -42}, {@code 'x'}, {@code E'x'}, {@code $$x$$}, {@code U&'x'},
 * {@code B'1'}, ...); texts whose literals the parser uses otherwise (array bounds, {@code float(24)}, the text of a
 * statement the grammar does not cover, ...) are parsed every time. A shape's template is made when a second text of
 * that shape is parsed (so one-off shapes cost no more than a scan), and it is checked against one more parse
 * before use. Rebuilt results are counted by {@link #shapeHits()} and are not added to the texts held, so one-off
 * texts do not push out the others. Shapes are bounded by {@code maxEntries} as well.
 */
public final class SqlParserCache {
    /** The size of {@link SqlParser#cached()}. */
    public static final int DEFAULT_MAX_ENTRIES = 2048;

    private final int maxEntries;
    private final Map<String, List<Statement>> entries;
    /** By shape key: a ShapeTemplate, NOT_TEMPLATABLE, or SEEN_ONCE (one text of that shape parsed so far). */
    private final Map<String, Object> shapes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder shapeHits = new LongAdder();
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
        this.shapes = new LinkedHashMap<>(Math.min(maxEntries, 1024) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > SqlParserCache.this.maxEntries;
            }
        };
    }

    private static final Object NOT_TEMPLATABLE = new Object();
    private static final Object SEEN_ONCE = new Object();

    /** The values AstBuilder gives literal nodes. */
    private static final ShapeTemplate.LiteralDecoder LITERALS = new ShapeTemplate.LiteralDecoder() {
        @Override
        public String string(String text) {
            return SqlLexer.valueOf(text.startsWith("$") ? PostgreSqlLexer.DOLLAR_QUOTE : PostgreSqlLexer.SCONST, text);
        }

        @Override
        public String unicodeString(String text) {
            return SqlLexer.unicodeEscapes(SqlLexer.quoted(text.substring(2)), '\\');
        }

        @Override
        public String bitString(String text) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(2, text.length() - 1);
        }
    };

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
        SqlShape shape = SqlShape.scan(sql);
        if (shape != null && shape.literalCount() == 0) {
            // Its shape is the text itself: the text entry is all there is to keep.
            shape = null;
        }
        Object template = null;
        if (shape != null) {
            synchronized (shapes) {
                template = shapes.get(shape.key());
            }
            if (template instanceof ShapeTemplate t) {
                List<Statement> made;
                try {
                    made = t.instantiate(shape);
                } catch (StackOverflowError e) {
                    made = null;
                }
                if (made != null) {
                    shapeHits.increment();
                    return made;
                }
            }
        }
        misses.increment();
        List<Statement> parsed = List.copyOf(SqlParser.parseAll(sql));
        synchronized (entries) {
            entries.put(sql, parsed);
        }
        if (shape != null && template == null) {
            // A shape seen once may never come back (IN lists of every length, ad-hoc queries): only remember it.
            synchronized (shapes) {
                shapes.putIfAbsent(shape.key(), SEEN_ONCE);
            }
        } else if (shape != null && template == SEEN_ONCE) {
            // Seen again with other values: worth a template (checked with one more parse, once per shape).
            ShapeTemplate t;
            try {
                t = ShapeTemplate.compile(shape, parsed, LITERALS, SqlParser::parseAll);
            } catch (RuntimeException | StackOverflowError e) {
                // Never let the cache fail a text the parser accepted.
                t = null;
            }
            synchronized (shapes) {
                shapes.put(shape.key(), t == null ? NOT_TEMPLATABLE : t);
            }
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

    /**
     * Lookups answered by rebuilding the statements of an earlier text of the same shape with this text's literal
     * values (no parse).
     */
    public long shapeHits() {
        return shapeHits.sum();
    }

    /** The number of shapes held (templates, and shapes known not to be templatable). */
    public int shapeCount() {
        synchronized (shapes) {
            return shapes.size();
        }
    }

    /** Lookups that parsed. */
    public long misses() {
        return misses.sum();
    }

    /** Empties the cache, shapes included (the counters are kept). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
        synchronized (shapes) {
            shapes.clear();
        }
    }
}
