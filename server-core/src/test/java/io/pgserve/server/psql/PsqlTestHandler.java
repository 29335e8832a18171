package io.pgserve.server.psql;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements the psql tests run. Matching is on the statement text, lower-cased and trimmed.
 * <ul>
 *   <li>{@code select <integer>}: one int4 column "?column?";</li>
 *   <li>{@code select current_user}: the session's user;</li>
 *   <li>{@code select * from typed}: int4, int8, text, bool, float8, numeric, date and text columns, three rows;</li>
 *   <li>{@code select n from big}: 100,000 int4 rows, streamed;</li>
 *   <li>anything mentioning {@code nope}: 42P01 "relation "nope" does not exist" at the word;</li>
 *   <li>{@code select boom()}: a plain RuntimeException (XX000);</li>
 *   <li>{@code select warn()}: a WARNING and a NOTICE, then one int4 row "w" = 5.</li>
 * </ul>
 */
final class PsqlTestHandler implements QueryHandler {
    static final int BIG_ROWS = 100_000;
    private static final Pattern SELECT_INT = Pattern.compile("select\\s+(-?\\d+)");

    static final List<Column> TYPED_COLUMNS = List.of(
            Column.of("i", PgType.INT4), Column.of("l", PgType.INT8), Column.of("t", PgType.TEXT),
            Column.of("b", PgType.BOOL), Column.of("f", PgType.FLOAT8), Column.of("n", PgType.NUMERIC),
            Column.of("d", PgType.DATE), Column.of("z", PgType.TEXT));

    @Override
    public QueryResult execute(Query query) {
        String sql = query.sql().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int nope = query.sql().toLowerCase(Locale.ROOT).indexOf("nope");
        if (nope >= 0) {
            throw PgException.builder(SqlState.UNDEFINED_TABLE, "relation \"nope\" does not exist")
                    .position(nope + 1).build();
        }
        Matcher m = SELECT_INT.matcher(sql);
        if (m.matches()) {
            return QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)),
                    List.<Object[]>of(new Object[] {Integer.parseInt(m.group(1))}));
        }
        switch (sql) {
            case "select current_user":
                return QueryResult.rows(List.of(Column.of("current_user", PgType.NAME)),
                        List.<Object[]>of(new Object[] {query.session().user()}));
            case "select * from typed": {
                List<Object[]> rows = new ArrayList<>();
                rows.add(new Object[] {1, 9_000_000_000L, "hello", true, 1.5d, new BigDecimal("12.340"),
                        LocalDate.of(2024, 2, 29), null});
                rows.add(new Object[] {Integer.MIN_VALUE, Long.MIN_VALUE, "héllo wörld", false, 1e20d,
                        new BigDecimal("0.000000001"), LocalDate.of(1, 1, 1), "z"});
                rows.add(new Object[] {null, null, null, null, null, null, null, null});
                return QueryResult.rows(TYPED_COLUMNS, rows);
            }
            case "select n from big":
                return QueryResult.rows(List.of(Column.of("n", PgType.INT4)), new RowStream() {
                    int next = 1;

                    @Override
                    public Object[] next() {
                        return next <= BIG_ROWS ? new Object[] {next++} : null;
                    }
                });
            case "select boom()":
                throw new IllegalStateException("boom: the handler failed");
            case "select warn()":
                query.session().sendNotice(PgException.builder(SqlState.WARNING, "careful")
                        .severity(PgException.Severity.WARNING).build());
                query.session().sendNotice(PgException.builder("00000", "hello 1")
                        .severity(PgException.Severity.NOTICE).build());
                return QueryResult.rows(List.of(Column.of("w", PgType.INT4)), List.<Object[]>of(new Object[] {5}));
            default:
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "not supported by the test handler: " + sql);
        }
    }
}
