package io.pgserve.server.internal.trace;

import io.netty.buffer.ByteBuf;

/**
 * Frames one direction of the byte stream into messages, for tracing only: it reads a {@link ByteBuf} by absolute
 * index and never moves its indexes, retains it or releases it, and it copies only the bodies it will print (into
 * plain arrays — the tracer holds no buffer of its own), counting past the others. A message split across reads or
 * writes is reassembled; one read holding many messages yields them all.
 */
final class TraceFramer {
    /** What the framer found. */
    interface Listener {
        /** A startup-phase packet (frontend): {@code body} begins with the Int32 code. */
        void startupPacket(byte[] body);

        /** A typed message; {@code body} is null when it was not kept, {@code length} is the body's size. */
        void message(char type, byte[] body, int length);

        /** The one-byte answer to SSLRequest or GSSENCRequest (backend). */
        void singleByte(byte answer);

        /** Bytes that cannot be framed (a bad length); the framer ignores the rest of the stream. */
        void garbage(String why);
    }

    /** Decides which bodies are kept. */
    interface BodyPolicy {
        boolean keep(char type, int length);
    }

    private final Listener listener;
    private final BodyPolicy policy;
    private boolean startupPhase;
    private boolean done;
    private int singleBytesExpected;
    private final byte[] header = new byte[5];
    private int headerLength;
    private byte[] body;
    private int bodyFilled;
    private char bodyType;
    private boolean bodyIsStartup;
    private int skip;

    TraceFramer(boolean startupPhase, BodyPolicy policy, Listener listener) {
        this.startupPhase = startupPhase;
        this.policy = policy;
        this.listener = listener;
    }

    /** The next byte of this stream is a one-byte answer to an SSLRequest/GSSENCRequest. */
    void expectSingleByte() {
        singleBytesExpected++;
    }

    /** After the startup packet: typed messages from now on. */
    void endStartupPhase() {
        startupPhase = false;
    }

    /** After a CancelRequest, or on a framing error: the rest is not traced. */
    void stop() {
        done = true;
        body = null;
    }

    boolean stopped() {
        return done;
    }

    void feed(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end && !done) {
            if (skip > 0) {
                int n = Math.min(skip, end - i);
                skip -= n;
                i += n;
                continue;
            }
            if (body != null) {
                int n = Math.min(body.length - bodyFilled, end - i);
                buf.getBytes(i, body, bodyFilled, n);
                bodyFilled += n;
                i += n;
                if (bodyFilled == body.length) {
                    byte[] complete = body;
                    body = null;
                    if (bodyIsStartup) {
                        listener.startupPacket(complete);
                    } else {
                        listener.message(bodyType, complete, complete.length);
                    }
                }
                continue;
            }
            if (headerLength == 0 && singleBytesExpected > 0) {
                singleBytesExpected--;
                listener.singleByte(buf.getByte(i++));
                continue;
            }
            int need = startupPhase ? 4 : 5;
            int n = Math.min(need - headerLength, end - i);
            buf.getBytes(i, header, headerLength, n);
            headerLength += n;
            i += n;
            if (headerLength < need) {
                continue;
            }
            headerLength = 0;
            if (startupPhase) {
                int length = readInt(0);
                if (length < 8 || length > 10_000) {
                    listener.garbage("invalid startup packet length " + length);
                    stop();
                    return;
                }
                bodyIsStartup = true;
                body = new byte[length - 4];
                bodyFilled = 0;
                continue;
            }
            char type = (char) (header[0] & 0xff);
            int length = readInt(1);
            if (length < 4) {
                listener.garbage("invalid length " + length + " of message type '" + type + "'");
                stop();
                return;
            }
            int size = length - 4;
            if (size == 0) {
                listener.message(type, new byte[0], 0);
            } else if (!policy.keep(type, size)) {
                listener.message(type, null, size);
                skip = size;
            } else {
                bodyIsStartup = false;
                bodyType = type;
                body = new byte[size];
                bodyFilled = 0;
            }
        }
    }

    private int readInt(int at) {
        return ((header[at] & 0xff) << 24) | ((header[at + 1] & 0xff) << 16) | ((header[at + 2] & 0xff) << 8)
                | (header[at + 3] & 0xff);
    }
}
