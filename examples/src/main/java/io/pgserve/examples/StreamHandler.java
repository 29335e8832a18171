package io.pgserve.examples;

import io.pgserve.server.Column;
import io.pgserve.server.Description;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.server.SqlState;
import io.pgserve.server.copy.CopyCommand;
import io.pgserve.server.types.PgType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The streaming benchmark handler: any {@code SELECT} or {@code COPY (...) TO STDOUT} mentioning
 * {@code generate_series(1, N)} streams N rows (default 1,000,000) of
 * {@code (i int4, substr(md5(i::text), 1, 20) text, i / 3.0::float8 float8)} — the same values as that query gives on
 * PostgreSQL — generated one at a time as the client keeps up, so memory stays flat. {@code SELECT 1} answers one row.
 * Runs on the network thread (the rows are computed, never waited for).
 */
public final class StreamHandler implements QueryHandler {
    private static final Pattern SERIES = Pattern.compile("(?i)generate_series\\s*\\(\\s*1\\s*,\\s*(\\d+)\\s*\\)");
    private static final List<Column> COLUMNS = List.of(Column.of("i", PgType.INT4), Column.of("md5", PgType.TEXT),
            Column.of("third", PgType.FLOAT8));
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public QueryResult execute(Query query) {
        String sql = query.sql().strip();
        if (Select1Handler.isSelect1(sql)) {
            return QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)), List.<Object[]>of(new Object[] {1}));
        }
        if (sql.regionMatches(true, 0, "copy", 0, 4)) {
            CopyCommand copy = CopyCommand.parse(sql);
            if (copy.isFrom() || copy.query() == null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "the stream example only does COPY (query) TO");
            }
            return QueryResult.copyOut(COLUMNS, copy.options(), rows(count(copy.query())));
        }
        if (sql.regionMatches(true, 0, "select", 0, 6)) {
            return QueryResult.rows(COLUMNS, rows(count(sql)));
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "the stream example only answers SELECT and COPY TO");
    }

    @Override
    public CompletionStage<QueryResult> executeAsync(Query query) {
        try {
            return CompletableFuture.completedFuture(execute(query));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Description describe(Query query) {
        String sql = query.sql().strip();
        if (Select1Handler.isSelect1(sql)) {
            return Description.rows(List.of(), List.of(Column.of("?column?", PgType.INT4)));
        }
        return sql.regionMatches(true, 0, "select", 0, 6) ? Description.rows(List.of(), COLUMNS) : null;
    }

    @Override
    public boolean isBlocking() {
        return false;
    }

    private static long count(String sql) {
        Matcher m = SERIES.matcher(sql);
        return m.find() ? Long.parseLong(m.group(1)) : 1_000_000L;
    }

    private static RowStream rows(long n) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new RowStream() {
            long i;
            final char[] hex = new char[20];

            @Override
            public Object[] next() {
                if (i >= n) {
                    return null;
                }
                i++;
                byte[] d = md5.digest(Long.toString(i).getBytes(StandardCharsets.US_ASCII));
                for (int k = 0; k < 10; k++) {
                    hex[2 * k] = HEX[(d[k] >> 4) & 0xf];
                    hex[2 * k + 1] = HEX[d[k] & 0xf];
                }
                return new Object[] {(int) i, new String(hex), i / 3.0};
            }
        };
    }
}
