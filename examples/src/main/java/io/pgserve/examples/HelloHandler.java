package io.pgserve.examples;

import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smallest useful handler: answers {@code SELECT} of integer and string literals ({@code SELECT 1},
 * {@code SELECT 1, 'a'}) and reports 0A000 for anything else. SET, SHOW, BEGIN and friends are answered by the
 * server itself.
 */
public final class HelloHandler implements QueryHandler {
    private static final Pattern SELECT = Pattern.compile("(?is)select\\s+(.+)");
    private static final Pattern LITERAL = Pattern.compile("\\s*(-?\\d+|'(?:[^']|'')*')\\s*(?:,|$)");

    @Override
    public QueryResult execute(Query query) {
        Matcher m = SELECT.matcher(query.sql());
        if (m.matches()) {
            List<Column> columns = new ArrayList<>();
            List<Object> row = new ArrayList<>();
            Matcher lit = LITERAL.matcher(m.group(1));
            int end = 0;
            while (lit.lookingAt()) {
                String v = lit.group(1);
                if (v.startsWith("'")) {
                    columns.add(Column.of("?column?", PgType.TEXT));
                    row.add(v.substring(1, v.length() - 1).replace("''", "'"));
                } else {
                    columns.add(Column.of("?column?", PgType.INT4));
                    row.add(Integer.parseInt(v));
                }
                end = lit.end();
                lit.region(end, m.group(1).length());
            }
            if (end == m.group(1).length() && !columns.isEmpty()) {
                return QueryResult.rows(columns, List.<Object[]>of(row.toArray()));
            }
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "the hello example only answers SELECT of literals");
    }
}
