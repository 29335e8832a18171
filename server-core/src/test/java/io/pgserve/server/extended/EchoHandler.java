package io.pgserve.server.extended;

import io.pgserve.server.Column;
import io.pgserve.server.Description;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlToken;
import io.pgserve.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;

/**
 * A handler for the type and extended-protocol tests:
 * <ul>
 * <li>a SELECT with parameters returns one row of its parameters, each column typed as the parameter was bound
 * ({@code SELECT $1::date, $2} → a date column and a text column);</li>
 * <li>{@code SELECT n FROM generate(N)} streams N int4 rows;</li>
 * <li>a SELECT of integer and string literals returns them ({@code SELECT 1, 'a'}), as pgbench's simple mode
 * sends;</li>
 * <li>INSERT returns {@code INSERT 0 1}; anything else is 0A000.</li>
 * </ul>
 */
public final class EchoHandler implements QueryHandler {

    @Override
    public Description describe(Query query) {
        if (query.kind() == StatementKind.INSERT) {
            return Description.command(query.parameterTypes());
        }
        return null;
    }

    @Override
    public QueryResult execute(Query query) {
        String sql = query.sql();
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        if (query.kind() == StatementKind.INSERT) {
            return QueryResult.command("INSERT", 1);
        }
        if (query.kind() != StatementKind.SELECT) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "echo handler: " + sql);
        }
        if (tokens.size() >= 6 && tokens.get(2).isWord("from") && tokens.get(3).isWord("generate")) {
            long n = Long.parseLong(tokens.get(5).text());
            return QueryResult.rows(List.of(Column.of("n", PgType.INT4)), new RowStream() {
                int i;

                @Override
                public Object[] next() {
                    return i < n ? new Object[] {i++} : null;
                }
            });
        }
        if (!query.parameters().isEmpty()) {
            List<Column> columns = new ArrayList<>();
            for (PgType t : query.parameterTypes()) {
                columns.add(Column.of("?column?", t));
            }
            return QueryResult.rows(columns, List.<Object[]>of(query.parameters().toArray()));
        }
        List<Column> columns = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        for (int i = 1; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.type() == SqlToken.Type.NUMBER) {
                long v = Long.parseLong(t.text());
                boolean small = v == (int) v;
                columns.add(Column.of("?column?", small ? PgType.INT4 : PgType.INT8));
                row.add(small ? (Object) (int) v : (Object) v);
            } else if (t.type() == SqlToken.Type.STRING) {
                columns.add(Column.of("?column?", PgType.TEXT));
                row.add(t.text());
            } else if (!t.is(",")) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "echo handler: " + sql);
            }
        }
        return QueryResult.rows(columns, List.<Object[]>of(row.toArray()));
    }
}
