package io.pgserve.server.extended;

import io.pgserve.server.Column;
import io.pgserve.server.Description;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.server.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
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

    /** The type of an explicit cast right after {@code $n} ({@code $1::jsonb}), or null. */
    private static PgType castOf(List<SqlToken> tokens, int n, TypeRegistry types) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).type() == SqlToken.Type.PARAMETER && tokens.get(i).text().equals("$" + n)
                    && tokens.get(i + 1).is("::")) {
                String name = tokens.get(i + 2).text();
                if (i + 4 < tokens.size() && tokens.get(i + 3).is("[") && tokens.get(i + 4).is("]")) {
                    name += "[]";
                }
                return types.byName(name).orElse(null);
            }
        }
        return null;
    }

    /** A cast through text, as PostgreSQL casts a varchar parameter to jsonb: the text form read as the new type. */
    private static Object convert(Object value, PgType from, PgType to, TypeRegistry types) {
        ByteBuf text = Unpooled.buffer();
        try {
            types.codec(from).encodeText(value, text, CodecContext.DEFAULT);
            return types.codec(to).decodeText(text, CodecContext.DEFAULT);
        } finally {
            text.release();
        }
    }

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
            Object[] row = query.parameters().toArray();
            for (int i = 0; i < row.length; i++) {
                PgType bound = query.parameterTypes().get(i);
                PgType cast = castOf(tokens, i + 1, query.session().types());
                if (cast != null && !cast.equals(bound) && row[i] != null) {
                    row[i] = convert(row[i], bound, cast, query.session().types());
                }
                columns.add(Column.of("?column?", cast != null ? cast : bound));
            }
            return QueryResult.rows(columns, List.<Object[]>of(row));
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
