package io.pgserve.server;

/**
 * Where the rows of a {@code COPY ... FROM STDIN} go (see {@link QueryResult#copyIn}). Called on a worker thread, one
 * call at a time; may block (the server reads no further from the client meanwhile).
 *
 * <pre>{@code
 * return QueryResult.copyIn(columns, CopyCommand.parse(query.sql()).options(), new CopyInSink() {
 *     public void row(Object[] values) { table.insert(values); }
 *     public QueryResult.Command finish(long rows) { table.commit(); return QueryResult.command("COPY", rows); }
 * });
 * }</pre>
 */
public interface CopyInSink {
    /** One row, a Java value per column (null for NULL). Throw a {@link PgException} to fail the COPY. */
    void row(Object[] values) throws Exception;

    /**
     * Whether this sink takes the client's bytes as they come ({@link #data}) instead of parsed rows. By default
     * the server parses the data in the COPY's format and calls {@link #row}.
     */
    default boolean wantsRawData() {
        return false;
    }

    /**
     * The client's COPY data as sent, for a sink that {@link #wantsRawData()}: chunks in order, split anywhere.
     * The buffer is only valid during the call (copy what you keep). The row count given to {@link #finish} is then
     * the number of chunks unless the sink counts rows itself.
     */
    default void data(io.netty.buffer.ByteBuf chunk) throws Exception {
        throw new UnsupportedOperationException("a sink that wants raw data implements data()");
    }

    /** The client sent CopyDone and every row was taken. The result is what the client is told. */
    default QueryResult.Command finish(long rows) throws Exception {
        return QueryResult.command("COPY", rows);
    }

    /** The COPY failed (CopyFail from the client, bad data, a dropped connection): undo what it did. */
    default void abort(Throwable cause) {
    }
}
