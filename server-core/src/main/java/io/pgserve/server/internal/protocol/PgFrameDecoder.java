package io.pgserve.server.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.pgserve.server.SqlState;
import io.pgserve.server.internal.protocol.frontend.Bind;
import io.pgserve.server.internal.protocol.frontend.CancelRequest;
import io.pgserve.server.internal.protocol.frontend.Close;
import io.pgserve.server.internal.protocol.frontend.CopyData;
import io.pgserve.server.internal.protocol.frontend.CopyDone;
import io.pgserve.server.internal.protocol.frontend.CopyFail;
import io.pgserve.server.internal.protocol.frontend.DecodeFailure;
import io.pgserve.server.internal.protocol.frontend.Describe;
import io.pgserve.server.internal.protocol.frontend.Execute;
import io.pgserve.server.internal.protocol.frontend.Flush;
import io.pgserve.server.internal.protocol.frontend.FrontendMessage;
import io.pgserve.server.internal.protocol.frontend.FunctionCall;
import io.pgserve.server.internal.protocol.frontend.GssEncRequest;
import io.pgserve.server.internal.protocol.frontend.Parse;
import io.pgserve.server.internal.protocol.frontend.PasswordMessage;
import io.pgserve.server.internal.protocol.frontend.Query;
import io.pgserve.server.internal.protocol.frontend.SslRequest;
import io.pgserve.server.internal.protocol.frontend.StartupMessage;
import io.pgserve.server.internal.protocol.frontend.Sync;
import io.pgserve.server.internal.protocol.frontend.Terminate;

import java.util.List;

/**
 * Frames the client's byte stream into {@link FrontendMessage}s.
 *
 * <pre>
 * STARTUP:  Int32 length (including itself), Int32 version or request code, body
 *           SSLRequest / GSSENCRequest keep the decoder in STARTUP (the startup packet follows);
 *           StartupMessage moves it to REGULAR; CancelRequest ends the connection's input.
 * REGULAR:  Byte1 type, Int32 length (including itself, not the type), body
 * DISCARD:  after a fatal framing error or a CancelRequest: every further byte is dropped.
 * </pre>
 *
 * Lengths are checked against the limits before any of the body is buffered, so a client that claims a 1 GiB
 * message gets an error without the server allocating for it.
 */
public final class PgFrameDecoder extends ByteToMessageDecoder {
    /** The newest minor protocol version pgserve speaks: 3.2, PostgreSQL 18's (longer cancel keys). */
    public static final int NEWEST_MINOR_VERSION = 2;
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    public static final int MAX_STARTUP_PACKET_LENGTH = 10_000;
    /** PostgreSQL's PQ_SMALL_MESSAGE_LIMIT, for messages that never carry data. */
    public static final int SMALL_MESSAGE_LIMIT = 10_000;

    private enum State { STARTUP, REGULAR, DISCARD }

    private final int maxMessageLength;
    private State state = State.STARTUP;
    private boolean sslRequested;
    private boolean gssRequested;

    /** @param maxMessageLength the largest regular message accepted (Query, Parse, Bind, CopyData...), in bytes */
    public PgFrameDecoder(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case STARTUP:
                decodeStartup(in, out);
                break;
            case REGULAR:
                decodeRegular(in, out);
                break;
            default:
                in.skipBytes(in.readableBytes());
        }
    }

    private void decodeStartup(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
            fail(in, out, new ProtocolException("invalid length of startup packet"), (byte) 0);
            return;
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(4);
        int code = in.readInt();
        ByteBuf body = in.readSlice(length - 8);
        if (code == SslRequest.CODE || code == GssEncRequest.CODE) {
            boolean ssl = code == SslRequest.CODE;
            if ((ssl && sslRequested) || (!ssl && gssRequested)) {
                // Asked twice: PostgreSQL reads the second request as a startup packet of protocol 1234.5679.
                fail(in, out, new ProtocolException(SqlState.FEATURE_NOT_SUPPORTED, String.format(
                        "unsupported frontend protocol %d.%d: server supports 3.0 to 3.%d", code >>> 16,
                        code & 0xffff, NEWEST_MINOR_VERSION)), (byte) 0);
                return;
            }
            sslRequested |= ssl;
            gssRequested |= !ssl;
            out.add(ssl ? SslRequest.INSTANCE : GssEncRequest.INSTANCE);
            if (in.isReadable()) {
                // The client must wait for our one-byte answer; bytes already here were not encrypted
                // (CVE-2021-23214), so PostgreSQL refuses them.
                fail(in, out, new ProtocolException(SqlState.PROTOCOL_VIOLATION, ssl
                        ? "received unencrypted data after SSL request"
                        : "received unencrypted data after GSSAPI encryption request",
                        "This could be either a client-software bug or evidence of an attempted "
                                + "man-in-the-middle attack."), (byte) 0);
            }
        } else if (code == CancelRequest.CODE) {
            if (length != 16 && !(length > 16 && length <= 16 + 256)) {
                fail(in, out, new ProtocolException("invalid length of startup packet"), (byte) 0);
                return;
            }
            out.add(CancelRequest.decode(body));
            state = State.DISCARD;
        } else {
            try {
                out.add(StartupMessage.decode(code, body));
                state = State.REGULAR;
            } catch (ProtocolException e) {
                fail(in, out, e, (byte) 0);
            }
        }
    }

    private void decodeRegular(ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        int start = in.readerIndex();
        byte type = in.getByte(start);
        int limit = limitFor(type);
        if (limit < 0) {
            // Judged on the type byte alone, as PostgreSQL does: no need to wait for a length.
            fail(in, out, new ProtocolException("invalid frontend message type " + (type & 0xff)), type);
            return;
        }
        if (in.readableBytes() < 5) {
            return;
        }
        int length = in.getInt(start + 1);
        if (length < 4 || length > limit) {
            fail(in, out, new ProtocolException("invalid message length"), type);
            return;
        }
        if (in.readableBytes() < 1 + length) {
            return;
        }
        in.skipBytes(5);
        ByteBuf body = in.readSlice(length - 4);
        try {
            FrontendMessage message = decodeBody(type, body);
            if (body.isReadable() && !(message instanceof CopyData)) {
                throw new ProtocolException("invalid message format");
            }
            out.add(message);
        } catch (ProtocolException e) {
            out.add(new DecodeFailure(e, false, type));
        } catch (IndexOutOfBoundsException e) {
            out.add(new DecodeFailure(new ProtocolException("insufficient data left in message"), false, type));
        }
    }

    private int limitFor(byte type) {
        switch (type) {
            case 'Q': case 'P': case 'B': case 'd': case 'p': case 'F': case 'f':
                return maxMessageLength;
            case 'D': case 'E': case 'S': case 'H': case 'C': case 'X': case 'c':
                return SMALL_MESSAGE_LIMIT;
            default:
                return -1;
        }
    }

    private static FrontendMessage decodeBody(byte type, ByteBuf body) {
        switch (type) {
            case 'Q': return Query.decode(body);
            case 'P': return Parse.decode(body);
            case 'B': return Bind.decode(body);
            case 'D': return Describe.decode(body);
            case 'E': return Execute.decode(body);
            case 'S': return Sync.INSTANCE;
            case 'H': return Flush.INSTANCE;
            case 'C': return Close.decode(body);
            case 'X': return Terminate.INSTANCE;
            case 'p': return PasswordMessage.decode(body);
            case 'd': return new CopyData(body.retainedSlice());
            case 'c': return CopyDone.INSTANCE;
            case 'f': return CopyFail.decode(body);
            case 'F': {
                FunctionCall call = FunctionCall.decode(body);
                body.skipBytes(body.readableBytes());
                return call;
            }
            default: throw new IllegalStateException("unreachable: " + type);
        }
    }

    private void fail(ByteBuf in, List<Object> out, ProtocolException e, byte type) {
        state = State.DISCARD;
        // Whatever follows is dropped; consuming it here also tells ByteToMessageDecoder that we made progress.
        in.skipBytes(in.readableBytes());
        out.add(new DecodeFailure(e, true, type));
    }
}
