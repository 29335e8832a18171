package io.pgserve.server.copy;

import io.pgserve.server.Column;
import io.pgserve.server.CopyInSink;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.StatementKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A handler with one table, {@code items(id int4, name text, price numeric)}, that COPY fills and reads, plus
 * {@code big} (COPY TO: N generated rows) and {@code sink} (COPY FROM: rows counted, not kept).
 */
final class CopyTableHandler implements QueryHandler {
    static final List<Column> ITEMS = List.of(Column.of("id", PgType.INT4), Column.of("name", PgType.TEXT),
            Column.of("price", PgType.NUMERIC));
    static final List<Column> BIG = List.of(Column.of("n", PgType.INT8), Column.of("label", PgType.TEXT),
            Column.of("x", PgType.FLOAT8));

    final List<Object[]> items = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong sunk = new AtomicLong();
    final AtomicLong bigPulled = new AtomicLong();

    @Override
    public QueryResult execute(Query query) {
        if (query.kind() != StatementKind.COPY) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "only COPY here");
        }
        CopyCommand copy = CopyCommand.parse(query.sql());
        String table = copy.query() != null ? "items" : copy.table();
        if (copy.isFrom()) {
            if (table.equals("sink")) {
                return QueryResult.copyIn(BIG, copy.options(), values -> sunk.incrementAndGet());
            }
            List<Object[]> added = new ArrayList<>();
            return QueryResult.copyIn(ITEMS, copy.options(), new CopyInSink() {
                @Override
                public void row(Object[] values) {
                    added.add(values);
                }

                @Override
                public QueryResult.Command finish(long rows) {
                    items.addAll(added); // all or nothing, like a transaction
                    return QueryResult.command("COPY", rows);
                }
            });
        }
        if (table.equals("big")) {
            long n = 1_000_000;
            return QueryResult.copyOut(BIG, copy.options(), new RowStream() {
                long i;

                @Override
                public Object[] next() {
                    if (i >= n) {
                        return null;
                    }
                    bigPulled.incrementAndGet();
                    long v = i++;
                    return new Object[] {v, "label number " + v, v / 3.0};
                }
            });
        }
        return QueryResult.copyOut(ITEMS, copy.options(), RowStream.of(new ArrayList<>(items)));
    }

    static Object[] item(int id, String name, String price) {
        return new Object[] {id, name, price == null ? null : new BigDecimal(price)};
    }
}
