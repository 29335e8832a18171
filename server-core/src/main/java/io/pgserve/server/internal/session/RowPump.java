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
 * <p>On a worker thread it encodes rows into 16 KiB chunks of its own and writes each chunk to the channel. On the
 * network thread (a non-blocking handler, the session's own results) it runs at once, without a task switch, and
 * appends the rows to the session's pending output, so that a short result leaves in one buffer with the replies
 * around it. When the channel stops being writable it flushes and parks; the connection resumes it from
 * {@code channelWritabilityChanged}. So a result of any size needs only the outbound buffer's worth of memory.
 */
final class RowPump implements Runnable {
    private static final int CHUNK = 16 * 1024;

    /** How a run of the pump ended. */
    enum Outcome { DONE, SUSPENDED }

    private final ChannelHandlerContext ctx;
    private final PgConnection connection;
    /** The session's pending output, which a pump on the network thread appends to. */
    private final Outbound out;
    private final RowStream rows;
    private final RowWriter writer;
    private final Cancellation cancellation;
    private final Executor executor;

    private long maxRows;
    private long sent;
    private long sentThisRun;
    private CompletableFuture<Outcome> done;
    private boolean closed;

    RowPump(ChannelHandlerContext ctx, PgConnection connection, Outbound out, RowStream rows, RowWriter writer,
            Cancellation cancellation, Executor executor) {
        this.ctx = ctx;
        this.connection = connection;
        this.out = out;
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

    /** Whether the pump runs on the network thread (then it writes into the session's pending output). */
    boolean onEventLoop() {
        return executor == ctx.executor();
    }

    /**
     * Continues on the pump's executor (called on the network thread when the channel is writable again); at once
     * when that is the network thread and we are on it.
     */
    void resume() {
        if (onEventLoop() && ctx.executor().inEventLoop()) {
            run();
            return;
        }
        try {
            executor.execute(this);
        } catch (RuntimeException e) {
            finish(e);
        }
    }

    @Override
    public void run() {
        connection.enterContext();
        boolean shared = onEventLoop();
        ByteBuf chunk = null;
        ByteBuf target = null;
        int mark = -1;
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
                target = shared ? out.buffer(CHUNK + 1024) : null;
                if (target == null) {
                    if (chunk == null) {
                        chunk = ctx.alloc().ioBuffer(CHUNK + 1024);
                    }
                    target = chunk;
                }
                mark = target.writerIndex();
                writer.write(row, target);
                mark = -1;
                sent++;
                sentThisRun++;
                boolean written;
                if (target == chunk) {
                    written = chunk.readableBytes() >= CHUNK;
                    if (written) {
                        write(chunk);
                        chunk = null;
                    }
                } else {
                    written = out.writeIfFull();
                }
                if (written && !ctx.channel().isWritable()) {
                    ctx.flush();
                    if (shared) {
                        if (!ctx.channel().isWritable()) {
                            connection.park(this); // resumed by channelWritabilityChanged
                            return;
                        }
                    } else {
                        connection.parkUntilWritable(this);
                        return;
                    }
                }
            }
        } catch (Throwable t) {
            if (mark >= 0 && target != chunk) {
                target.writerIndex(mark); // the session's output keeps the rows before, not half a row
            }
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
