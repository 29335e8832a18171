package io.pgserve.engine;

/**
 * The rows of one {@link Table#scan}, pulled one at a time. {@link #close()} is always called once.
 */
public interface TableScan extends AutoCloseable {
    /** The next row (one value per column of the request's projection), or null at the end. */
    Object[] next() throws Exception;

    /** For a scan {@link ScanRequest#forUpdate() for update}: an identifier of the row last returned by next(). */
    default Object rowId() {
        throw new UnsupportedOperationException("this scan does not identify rows");
    }

    @Override
    default void close() {
    }
}
