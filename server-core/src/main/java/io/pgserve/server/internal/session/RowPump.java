package io.pgserve.server.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.pgserve.server.Cancellation;
import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.RowStream;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Streams a {@link RowStream} to the client as DataRow messages, pulling rows only while the channel is writable.
 *
 * <p>It runs on a worker thread (or on the network thread for a non-blocking handler), encodes rows into 16 KiB
 * chunks and writes each chunk to the channel. When the channel stops being writable it flushes and parks; the
 * connection resumes it from {@code channelWritabilityChanged}. So a result of any size needs only the outbound
 * buffer's worth of memory.
 */
final class RowPump implements Runnable {
    private static final int CHUNK = 16 * 1024;

    /** How a run of the pump ended. */
    enum Outcome { DONE, SUSPENDED }

    private final ChannelHandlerContext ctx;
    private final PgConnection connection;
    private final RowStream rows;
    private final List<Column> columns;
    private final boolean[] binary;
    private final Cancellation cancellation;
    private final Executor executor;
    private final Codec[] codecs;
    private final CodecContext codecContext;

    private long maxRows;
    private long sent;
    private long sentThisRun;
    private CompletableFuture<Outcome> done;
    private boolean closed;

    RowPump(ChannelHandlerContext ctx, PgConnection connection, RowStream rows, List<Column> columns,
            boolean[] binary, Cancellation cancellation, Executor executor, TypeRegistry types,
            CodecContext codecContext) {
        this.ctx = ctx;
        this.connection = connection;
        this.rows = rows;
        this.columns = columns;
        this.binary = binary;
        this.cancellation = cancellation;
        this.executor = executor;
        this.codecContext = codecContext;
        this.codecs = new Codec[columns.size()];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = types.codec(columns.get(i).type());
        }
    }

    /** The cancellation signal of the statement whose rows this is. */
    Cancellation cancellation() {
        return cancellation;
    }

    /** Rows sent so far, over all runs. */
    long sent() {
        return sent;
    }

    /** Rows sent by the latest run (the count in a portal's CommandComplete is per Execute). */
    long sentThisRun() {
        return sentThisRun;
    }

    /**
     * Sends up to {@code limit} rows (0 = all). The future completes, on any thread, with DONE when the stream is
     * exhausted (and closed), SUSPENDED when the limit was reached first, or exceptionally.
     */
    CompletableFuture<Outcome> start(long limit) {
        this.maxRows = limit;
        this.sentThisRun = 0;
        this.done = new CompletableFuture<>();
        resume();
        return done;
    }

    /** Continues on the pump's executor (called on the network thread when the channel is writable again). */
    void resume() {
        try {
            executor.execute(this);
        } catch (RuntimeException e) {
            finish(e);
        }
    }

    @Override
    public void run() {
        connection.enterContext();
        ByteBuf chunk = null;
        try {
            while (true) {
                if (cancellation.isCancelled()) {
                    release(chunk);
                    chunk = null;
                    finish(connection.cancellationError());
                    return;
                }
                if (!ctx.channel().isActive()) {
                    release(chunk);
                    chunk = null;
                    finish(new PgException(SqlState.CONNECTION_FAILURE, "connection closed while sending rows"));
                    return;
                }
                if (maxRows > 0 && sentThisRun >= maxRows) {
                    write(chunk);
                    chunk = null;
                    complete(Outcome.SUSPENDED, null);
                    return;
                }
                Object[] row = rows.next();
                if (row == null) {
                    write(chunk);
                    chunk = null;
                    close();
                    complete(Outcome.DONE, null);
                    return;
                }
                if (chunk == null) {
                    chunk = ctx.alloc().ioBuffer(CHUNK + 1024);
                }
                encodeDataRow(row, chunk);
                sent++;
                sentThisRun++;
                if (chunk.readableBytes() >= CHUNK) {
                    write(chunk);
                    chunk = null;
                    if (!ctx.channel().isWritable()) {
                        ctx.flush();
                        connection.parkUntilWritable(this);
                        return;
                    }
                }
            }
        } catch (Throwable t) {
            release(chunk);
            finish(t);
        } finally {
            connection.leaveContext();
        }
    }

    private void write(ByteBuf chunk) {
        if (chunk != null) {
            if (chunk.isReadable()) {
                ctx.write(chunk, ctx.voidPromise());
            } else {
                chunk.release();
            }
        }
    }

    private static void release(ByteBuf chunk) {
        if (chunk != null) {
            chunk.release();
        }
    }

    /** Ends the pump with an error (closing the stream). */
    void finish(Throwable error) {
        close();
        if (done != null) {
            complete(null, error);
        }
    }

    /**
     * Completes the run's future through the event loop's task queue, so that the chunks this thread wrote before
     * (queued as write tasks) reach the channel before whatever the session sends next.
     */
    private void complete(Outcome outcome, Throwable error) {
        CompletableFuture<Outcome> f = done;
        Runnable r = () -> {
            if (error != null) {
                f.completeExceptionally(error);
            } else {
                f.complete(outcome);
            }
        };
        if (ctx.executor().inEventLoop()) {
            r.run();
        } else {
            ctx.executor().execute(r);
        }
    }

    /** Closes the row stream once. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(RowPump.class).warn("Closing a row stream failed", e);
        }
    }

    private void encodeDataRow(Object[] row, ByteBuf out) {
        int n = columns.size();
        if (row.length != n) {
            throw new PgException(SqlState.INTERNAL_ERROR,
                    "handler returned a row of " + row.length + " values for " + n + " columns");
        }
        int start = out.writerIndex();
        out.writeByte('D');
        out.writeInt(0);
        out.writeShort(n);
        for (int i = 0; i < n; i++) {
            Object value = row[i];
            if (value == null) {
                out.writeInt(-1);
                continue;
            }
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            Codec codec = codecs[i];
            if (codec == null) {
                // A type the registry does not know (never offered in binary): its value's text.
                ByteBufUtil.writeUtf8(out, value.toString());
            } else if (binary[i]) {
                codec.encodeBinary(value, out, codecContext);
            } else {
                codec.encodeText(value, out, codecContext);
            }
            out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
        }
        out.setInt(start + 1, out.writerIndex() - start - 1);
    }
}
