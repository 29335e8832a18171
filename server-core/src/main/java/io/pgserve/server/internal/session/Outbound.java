package io.pgserve.server.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.pgserve.server.internal.protocol.backend.BackendMessage;

/**
 * The one place that decides when bytes reach the socket. Messages are encoded into a single pending buffer;
 * {@link #flush()} (called at ReadyForQuery, at the client's Flush, and when the channel stops being writable)
 * writes it with one system call. Network-thread only, except {@link #writeChunk} callers which hand over
 * finished buffers from the row pump.
 */
final class Outbound {
    private static final int CHUNK = 16 * 1024;

    private final ChannelHandlerContext ctx;
    private final long maxBytes;
    private final java.util.function.LongConsumer overflow;
    private ByteBuf pending;
    private boolean closed;

    /**
     * @param maxBytes the most bytes that may wait in the channel for the client to read
     * @param overflow told the number of waiting bytes when a write takes them past {@code maxBytes}
     */
    Outbound(ChannelHandlerContext ctx, long maxBytes, java.util.function.LongConsumer overflow) {
        this.ctx = ctx;
        this.maxBytes = maxBytes;
        this.overflow = overflow;
    }

    /** Encodes {@code message} into the pending buffer (written out, not flushed, once it grows past 16 KiB). */
    void send(BackendMessage message) {
        if (closed) {
            return;
        }
        if (pending == null) {
            pending = ctx.alloc().ioBuffer(512);
        }
        message.encode(pending);
        if (pending.readableBytes() >= CHUNK) {
            writePending();
        }
    }

    /**
     * The pending buffer itself, for a writer on the network thread that appends whole messages to it (the row pump
     * of a non-blocking handler), so that its rows travel with the replies around them; {@code capacity} is the size
     * to start a new buffer with. Null once closed. Follow each message with {@link #writeIfFull()}.
     */
    ByteBuf buffer(int capacity) {
        if (closed) {
            return null;
        }
        if (pending == null) {
            pending = ctx.alloc().ioBuffer(Math.max(512, capacity));
        }
        return pending;
    }

    /** After appending to {@link #buffer}: writes (without flushing) once 16 KiB are pending. True if it wrote. */
    boolean writeIfFull() {
        if (pending != null && pending.readableBytes() >= CHUNK) {
            writePending();
            return true;
        }
        return false;
    }

    /** Passes the pending buffer to the channel without flushing. */
    void writePending() {
        if (pending != null) {
            ByteBuf b = pending;
            pending = null;
            ctx.write(b, ctx.voidPromise());
            checkBacklog();
        }
    }

    /** Past the limit of bytes waiting for a client that does not read: tell the session (once). */
    private void checkBacklog() {
        if (ctx.channel().isWritable() || closed) {
            return;
        }
        io.netty.channel.ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        long waiting = buffer == null ? 0 : buffer.totalPendingWriteBytes();
        if (waiting > maxBytes) {
            closed = true;
            overflow.accept(waiting);
        }
    }

    /** Writes and flushes everything pending. */
    void flush() {
        if (closed) {
            return;
        }
        writePending();
        ctx.flush();
    }

    /** Writes what is pending, then drops every later message (after a FATAL error the session says nothing more). */
    void closeAfterPending() {
        writePending();
        closed = true;
    }

    /** Drops what was not written (the connection is closing). */
    void discard() {
        closed = true;
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
