package io.pgserve.server;

import java.util.Iterator;
import java.util.List;

/**
 * The rows of a result, pulled by the server one at a time while the client keeps up: a result of any size streams
 * in bounded memory, because {@link #next()} is called only while the connection can take more bytes.
 * Each row is an array with one Java value per column ({@code null} for SQL NULL).
 *
 * <pre>{@code
 * RowStream rows = new RowStream() {
 *     long i;
 *     public Object[] next() { return i < 10_000_000 ? new Object[] {i++} : null; }
 * };
 * }</pre>
 *
 * {@code next()} runs on a worker thread and may block (unless the handler declares itself non-blocking).
 * {@link #close()} is always called once, when the rows are exhausted, the statement is cancelled or fails, or the
 * connection goes away.
 */
public interface RowStream extends AutoCloseable {
    /** The next row, or {@code null} when there are no more. */
    Object[] next() throws Exception;

    /** Releases what the stream holds (a cursor, a file). Failures are logged, not reported to the client. */
    @Override
    default void close() {
    }

    /** A stream over rows already in memory. */
    static RowStream of(List<Object[]> rows) {
        return of(rows.iterator());
    }

    /** A stream over an iterator of rows. */
    static RowStream of(Iterator<Object[]> rows) {
        return () -> rows.hasNext() ? rows.next() : null;
    }
}
