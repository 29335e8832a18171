package io.pgserve.server.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.pgserve.server.Cancellation;
import io.pgserve.server.PgException;
import io.pgserve.server.RowStream;
import io.pgserve.server.SqlState;

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
    private final RowWriter writer;
    private final Cancellation cancellation;
    private final Executor executor;

    private long maxRows;
    private long sent;
    private long sentThisRun;
    private CompletableFuture<Outcome> done;
    private boolean closed;

    RowPump(ChannelHandlerContext ctx, PgConnection connection, RowStream rows, RowWriter writer,
            Cancellation cancellation, Executor executor) {
        this.ctx = ctx;
        this.connection = connection;
        this.rows = rows;
        this.writer = writer;
        this.cancellation = cancellation;
        this.executor = executor;
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
                writer.write(row, chunk);
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
}
