package io.pgserve.server.testing;

import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A deterministic handler for record/replay tests; {@code offset} changes its answers, to provoke differences. */
final class TraceHandler implements QueryHandler {
    private final int offset;

    TraceHandler(int offset) {
        this.offset = offset;
    }

    @Override
    public QueryResult execute(Query query) {
        String sql = query.sql().trim().toLowerCase(Locale.ROOT);
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).trim();
        }
        if (sql.equals("select 1")) {
            return QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)),
                    List.<Object[]>of(new Object[] {1 + offset}));
        }
        if (sql.startsWith("select n from series(")) {
            int count = Integer.parseInt(sql.substring("select n from series(".length(), sql.indexOf(')')));
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < count + offset; i++) {
                rows.add(new Object[] {(long) i});
            }
            return QueryResult.rows(List.of(Column.of("n", PgType.INT8)), rows);
        }
        if (sql.startsWith("select echo(")) {
            Object p = query.parameters().isEmpty() ? null : query.parameters().get(0);
            return QueryResult.rows(List.of(Column.of("echo", PgType.TEXT)),
                    List.<Object[]>of(new Object[] {p == null ? null : p.toString()}));
        }
        if (sql.startsWith("insert")) {
            return QueryResult.command("INSERT", 1);
        }
        if (sql.equals("select missing")) {
            throw PgException.builder(SqlState.UNDEFINED_TABLE, "relation \"missing\" does not exist")
                    .position(8).build();
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "trace handler does not know: " + query.sql());
    }
}
