package io.pgserve.server.internal.session;

import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.RawStatement;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlSplitter;
import io.pgserve.sql.SqlToken;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL text already split into statements, with the parameter count and inferred parameter types of a single
 * statement: a hot statement (a client re-sending the same Parse or Query) is lexed once. Bounded; shared by the
 * server's sessions. Lexical errors are not cached.
 */
final class SqlCache {
    /** One SQL string, analysed. {@code inferred} is for single statements (what Parse accepts). */
    record Analysed(List<RawStatement> statements, int parameterCount, PgType[] inferred) {
    }

    private static final int MAX_ENTRIES = 4096;
    private static final int MAX_SQL_LENGTH = 16 * 1024;

    private final Map<String, Analysed> entries = new ConcurrentHashMap<>();
    private final TypeRegistry types;

    SqlCache(TypeRegistry types) {
        this.types = types;
    }

    /** The analysis of {@code sql}, from the cache or made now (and cached unless the text is long). */
    Analysed analyse(String sql) {
        Analysed a = entries.get(sql);
        if (a != null) {
            return a;
        }
        List<RawStatement> statements = SqlSplitter.split(sql);
        int count = 0;
        PgType[] inferred = ParameterTypes.none();
        if (statements.size() == 1) {
            List<SqlToken> tokens = SqlLexer.tokenize(statements.get(0).sql());
            count = ParameterTypes.count(tokens);
            inferred = ParameterTypes.infer(tokens, count, types);
        }
        a = new Analysed(List.copyOf(statements), count, inferred);
        if (sql.length() <= MAX_SQL_LENGTH) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // crude but bounded; a working set larger than the cache just re-lexes
            }
            entries.put(sql, a);
        }
        return a;
    }
}
