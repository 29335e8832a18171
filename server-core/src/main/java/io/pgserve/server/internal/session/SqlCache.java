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
    /**
     * One SQL string, analysed. The parameter count and inferred types are for single statements (what Parse
     * accepts), worked out on first use: a simple Query has no parameters and does not lex its statement again.
     */
    static final class Analysed {
        private final List<RawStatement> statements;
        private final TypeRegistry types;
        private volatile PgType[] inferred;

        Analysed(List<RawStatement> statements, TypeRegistry types) {
            this.statements = statements;
            this.types = types;
        }

        List<RawStatement> statements() {
            return statements;
        }

        int parameterCount() {
            return inferred().length;
        }

        /** The inferred type of each parameter, one per parameter ($1 first). */
        PgType[] inferred() {
            PgType[] a = inferred;
            if (a == null) {
                a = ParameterTypes.none();
                if (statements.size() == 1) {
                    List<SqlToken> tokens = SqlLexer.tokenize(statements.get(0).sql());
                    a = ParameterTypes.infer(tokens, ParameterTypes.count(tokens), types);
                }
                inferred = a;
            }
            return a;
        }
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
        a = new Analysed(List.copyOf(SqlSplitter.split(sql)), types);
        if (sql.length() <= MAX_SQL_LENGTH) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // crude but bounded; a working set larger than the cache just re-lexes
            }
            entries.put(sql, a);
        }
        return a;
    }
}
