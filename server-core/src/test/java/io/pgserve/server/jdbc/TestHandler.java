package io.pgserve.server.jdbc;

import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A handler for the integration tests: a handful of fixed statements, chosen by their text.
 * <ul>
 * <li>{@code select 1} — one int4 row</li>
 * <li>{@code select types} — one row of several types, NULL included</li>
 * <li>{@code select n from series(N)} — N int8 rows, streamed; {@link #pulled} counts rows taken</li>
 * <li>{@code select sleep(MS)} — sleeps, interruptibly, then returns one row</li>
 * <li>{@code select missing} — 42P01 with a position; {@code select boom} — a RuntimeException</li>
 * <li>{@code insert ...} — INSERT 0 1; {@code select echo($1)} — the bound parameter as text</li>
 * </ul>
 */
final class TestHandler implements QueryHandler {
    static final AtomicLong pulled = new AtomicLong();

    @Override
    public QueryResult execute(Query query) throws Exception {
        String sql = query.sql().trim().toLowerCase(Locale.ROOT);
        if (sql.equals("select 1")) {
            return QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)), List.<Object[]>of(new Object[] {1}));
        }
        if (sql.equals("select types")) {
            return QueryResult.rows(List.of(Column.of("i", PgType.INT4), Column.of("l", PgType.INT8),
                    Column.of("t", PgType.TEXT), Column.of("b", PgType.BOOL), Column.of("d", PgType.FLOAT8),
                    Column.of("n", PgType.NUMERIC), Column.of("day", PgType.DATE), Column.of("nothing", PgType.TEXT)),
                    List.<Object[]>of(new Object[] {42, 9_000_000_000L, "héllo", true, 1.5,
                            new BigDecimal("123.456"), LocalDate.of(2024, 2, 29), null}));
        }
        if (sql.startsWith("select n from series(")) {
            long count = Long.parseLong(sql.substring("select n from series(".length(), sql.indexOf(')')));
            return QueryResult.rows(List.of(Column.of("n", PgType.INT8)), new RowStream() {
                long i;

                @Override
                public Object[] next() {
                    if (i >= count) {
                        return null;
                    }
                    pulled.incrementAndGet();
                    return new Object[] {i++};
                }
            });
        }
        if (sql.startsWith("select sleep(")) {
            long ms = Long.parseLong(sql.substring("select sleep(".length(), sql.indexOf(')')));
            Thread.sleep(ms);
            return QueryResult.rows(List.of(Column.of("slept", PgType.INT8)), List.<Object[]>of(new Object[] {ms}));
        }
        if (sql.equals("select missing")) {
            throw PgException.builder(SqlState.UNDEFINED_TABLE, "relation \"missing\" does not exist")
                    .position(8).build();
        }
        if (sql.equals("select boom")) {
            throw new IllegalStateException("boom");
        }
        if (sql.startsWith("insert")) {
            return QueryResult.command("INSERT", 1);
        }
        if (sql.startsWith("select echo(")) {
            Object p = query.parameters().isEmpty() ? null : query.parameters().get(0);
            return QueryResult.rows(List.of(Column.of("echo", PgType.TEXT)),
                    List.<Object[]>of(new Object[] {p == null ? null : p.toString()}));
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "test handler does not know: " + query.sql());
    }
}
