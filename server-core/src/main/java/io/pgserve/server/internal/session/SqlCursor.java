package io.pgserve.server.internal.session;

import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.sql.RawStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * A cursor of DECLARE ... CURSOR FOR query, over the handler's row stream. Its position follows PostgreSQL: 0 before
 * the first row, k on row k, n + 1 after the last. A SCROLL cursor keeps the rows it has read so that it can move
 * back; a plain one reads forward only. FETCH results stream: rows are pulled as the client takes them.
 */
final class SqlCursor {
    final String name;
    final RawStatement query;
    final boolean scroll;
    final boolean hold;
    /** DECLARE ... BINARY CURSOR: FETCH returns values in binary format. */
    final boolean binary;
    /** Declared inside the transaction block still open (a rollback removes it even WITH HOLD). */
    boolean declaredInBlock;

    private List<Column> columns;
    private RowStream source;
    private final List<Object[]> seen;
    private boolean exhausted;
    private long position;

    SqlCursor(String name, RawStatement query, boolean scroll, boolean hold, boolean binary) {
        this.name = name;
        this.query = query;
        this.scroll = scroll;
        this.hold = hold;
        this.binary = binary;
        this.seen = scroll ? new ArrayList<>() : null;
    }

    boolean isOpen() {
        return source != null;
    }

    /** Takes the query's result, on the first FETCH or MOVE. */
    void open(QueryResult result) {
        if (!(result instanceof QueryResult.Rows rows)) {
            throw new PgException("42P11", "cursor \"" + name + "\" query does not return rows");
        }
        this.columns = rows.columns();
        this.source = rows.rows();
    }

    List<Column> columns() {
        return columns;
    }

    /** The rows of a FETCH, pulled lazily as the client takes them; the cursor moves as they are read. */
    RowStream fetch(SqlCommands.Direction direction, long count) {
        check(direction, count);
        switch (direction) {
            case NEXT:
                return run(true, 1);
            case PRIOR:
                return run(false, 1);
            case FORWARD:
                return run(true, count);
            case BACKWARD:
                return run(false, count);
            default:
                return single(direction, count);
        }
    }

    /** MOVE: like FETCH without the rows; returns how many rows it went over. May block. */
    long move(SqlCommands.Direction direction, long count) {
        RowStream rows = fetch(direction, count);
        long n = 0;
        try {
            while (rows.next() != null) {
                n++;
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PgException("XX000", String.valueOf(e.getMessage()), e);
        }
        return n;
    }

    private void check(SqlCommands.Direction d, long count) {
        boolean backward = d == SqlCommands.Direction.PRIOR || d == SqlCommands.Direction.BACKWARD
                || d == SqlCommands.Direction.FIRST || d == SqlCommands.Direction.LAST
                || (d == SqlCommands.Direction.RELATIVE && count < 1)
                || (d == SqlCommands.Direction.ABSOLUTE && (count < 1 || count <= position));
        if (backward && !scroll) {
            throw PgException.builder("55000", "cursor can only scan forward")
                    .hint("Declare it with SCROLL option to enable backward scan.").build();
        }
    }

    /** Steps forward or backward up to {@code count} rows, returning each row passed. */
    private RowStream run(boolean forward, long count) {
        return new RowStream() {
            long remaining = count;

            @Override
            public Object[] next() throws Exception {
                if (remaining <= 0) {
                    return null;
                }
                long target = forward ? position + 1 : position - 1;
                if (target < 1) {
                    position = 0;
                    return null;
                }
                Object[] row = row(target);
                if (row == null) {
                    position = afterEnd(target);
                    return null;
                }
                position = target;
                remaining--;
                return row;
            }
        };
    }

    /** FIRST, LAST, ABSOLUTE n, RELATIVE n: at most one row, and the cursor goes there. */
    private RowStream single(SqlCommands.Direction direction, long count) {
        return new RowStream() {
            boolean done;

            @Override
            public Object[] next() throws Exception {
                if (done) {
                    return null;
                }
                done = true;
                long target;
                switch (direction) {
                    case FIRST: target = 1; break;
                    case LAST: target = total(); break;
                    case ABSOLUTE: target = count >= 0 ? count : total() + 1 + count; break;
                    default: target = position + count;
                }
                if (target < 1) {
                    position = 0;
                    return null;
                }
                Object[] row = row(target);
                position = row == null ? afterEnd(target) : target;
                return row;
            }
        };
    }

    /** Row {@code k} (1-based), or null past the end. A forward-only cursor reads only the next row. */
    private Object[] row(long k) throws Exception {
        if (!scroll) {
            if (exhausted) {
                return null;
            }
            Object[] r = source.next();
            if (r == null) {
                exhausted = true;
            }
            return r;
        }
        while (seen.size() < k && !exhausted) {
            Object[] r = source.next();
            if (r == null) {
                exhausted = true;
            } else {
                seen.add(r);
            }
        }
        return k <= seen.size() ? seen.get((int) (k - 1)) : null;
    }

    private long afterEnd(long target) throws Exception {
        return scroll ? total() + 1 : target;
    }

    /** The number of rows (reads them all: scroll cursors only). */
    private long total() throws Exception {
        row(Long.MAX_VALUE);
        return seen.size();
    }

    void close() {
        if (source != null) {
            try {
                source.close();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SqlCursor.class).warn("Closing cursor {} failed", name, e);
            }
        }
    }
}
