package io.pgserve.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.internal.protocol.PgFrameDecoder;
import io.pgserve.server.internal.protocol.frontend.CopyData;
import io.pgserve.server.internal.protocol.frontend.DecodeFailure;
import io.pgserve.server.internal.protocol.frontend.FrontendMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arbitrary bytes into {@link PgFrameDecoder}: only {@link FrontendMessage}s (a {@link DecodeFailure} for what is
 * malformed) come out, never an exception, nothing after a fatal failure, and every buffer is released.
 */
class FrameDecoderFuzzTest {
    private static final int MAX_MESSAGE = 4096;
    private static final byte[] STARTUP = FrontendEncoder.startup(Map.of("user", "alice"));

    /** The startup phase: SSLRequest, GSSENCRequest, CancelRequest, StartupMessage, or garbage. */
    @FuzzTest(maxDuration = "60s")
    void startupPackets(FuzzedDataProvider data) {
        run(data, new byte[0]);
    }

    /** After a valid startup packet: regular messages, whole, split anywhere, or garbage. */
    @FuzzTest(maxDuration = "60s")
    void regularMessages(FuzzedDataProvider data) {
        run(data, STARTUP);
    }

    /**
     * One message of a valid type with a correct length and an arbitrary body: every frontend message body's
     * decoder, through the framing that maps its failures.
     */
    @FuzzTest(maxDuration = "60s")
    void messageBodies(FuzzedDataProvider data) {
        char type = data.pickValue(new Character[] {'Q', 'P', 'B', 'D', 'E', 'S', 'H', 'C', 'X', 'p', 'd', 'c', 'f',
                'F'});
        byte[] body = data.consumeBytes(MAX_MESSAGE - 4);
        List<ByteBuf> inputs = new ArrayList<>();
        List<FrontendMessage> out = decode(List.of(STARTUP, FrontendEncoder.message(type, body)), inputs);
        assertEquals(2, out.size(), () -> "decoded " + out);
        FrontendMessage m = out.get(1);
        if (m instanceof DecodeFailure f) {
            assertFalse(f.fatal(), "a well-framed message is never a fatal framing error");
            assertEquals((byte) type, f.messageType());
        }
        out.forEach(ReferenceCountUtil::release);
        assertReleased(inputs);
    }

    private static void run(FuzzedDataProvider data, byte[] prefix) {
        List<byte[]> chunks = new ArrayList<>();
        if (prefix.length > 0) {
            chunks.add(prefix);
        }
        while (data.remainingBytes() > 0) {
            int n = data.consumeInt(0, 64);
            chunks.add(data.consumeBytes(n == 0 ? Integer.MAX_VALUE : n));
        }
        List<ByteBuf> inputs = new ArrayList<>();
        List<FrontendMessage> out = decode(chunks, inputs);
        out.forEach(ReferenceCountUtil::release);
        assertReleased(inputs);
    }

    /** Once the messages are released (a CopyData holds a slice of its input), no input buffer is left. */
    private static void assertReleased(List<ByteBuf> inputs) {
        for (ByteBuf b : inputs) {
            assertEquals(0, b.refCnt(), () -> "input buffer not released: " + b);
        }
    }

    /** Feeds the chunks one write at a time (the buffers go to {@code inputs}); checks the outputs. */
    static List<FrontendMessage> decode(List<byte[]> chunks, List<ByteBuf> inputs) {
        EmbeddedChannel channel = new EmbeddedChannel(new PgFrameDecoder(MAX_MESSAGE));
        List<FrontendMessage> out = new ArrayList<>();
        try {
            for (byte[] chunk : chunks) {
                ByteBuf b = Unpooled.buffer(chunk.length).writeBytes(chunk);
                inputs.add(b);
                channel.writeInbound(b);
                collect(channel, out);
            }
            channel.finish();
            collect(channel, out);
        } catch (RuntimeException e) {
            out.forEach(ReferenceCountUtil::release);
            throw e;
        } finally {
            channel.finishAndReleaseAll();
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof DecodeFailure f && f.fatal()) {
                int at = i;
                assertEquals(out.size() - 1, at, () -> "messages after a fatal failure: " + out);
            }
            if (out.get(i) instanceof CopyData c) {
                assertTrue(c.refCnt() > 0);
            }
        }
        return out;
    }

    private static void collect(EmbeddedChannel channel, List<FrontendMessage> out) {
        Object o;
        while ((o = channel.readInbound()) != null) {
            if (!(o instanceof FrontendMessage m)) {
                ReferenceCountUtil.release(o);
                throw new AssertionError("not a FrontendMessage: " + o);
            }
            out.add(m);
        }
    }
}
