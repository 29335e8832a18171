package io.pgserve.examples;

import io.pgserve.server.Column;
import io.pgserve.server.Description;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The benchmark handler: answers {@code SELECT 1} (with or without a trailing semicolon, any case) on the network
 * thread, without a thread switch, and reports 0A000 for anything else. The server itself answers SET, SHOW, BEGIN...
 */
public final class Select1Handler implements QueryHandler {
    private static final List<Column> COLUMNS = List.of(Column.of("?column?", PgType.INT4));
    private static final Object[] ROW = {1};

    static boolean isSelect1(String sql) {
        String s = sql.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s.length() >= 8 && s.regionMatches(true, 0, "select", 0, 6) && s.endsWith("1")
                && s.substring(6, s.length() - 1).isBlank();
    }

    @Override
    public QueryResult execute(Query query) {
        if (isSelect1(query.sql())) {
            return QueryResult.rows(COLUMNS, List.<Object[]>of(ROW));
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "the select1 example only answers SELECT 1");
    }

    @Override
    public CompletionStage<QueryResult> executeAsync(Query query) {
        try {
            return CompletableFuture.completedFuture(execute(query));
        } catch (PgException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Description describe(Query query) {
        return isSelect1(query.sql()) ? Description.rows(List.of(), COLUMNS) : null;
    }

    @Override
    public boolean isBlocking() {
        return false;
    }
}
