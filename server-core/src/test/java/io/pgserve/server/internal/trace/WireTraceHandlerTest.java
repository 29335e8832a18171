package io.pgserve.server.internal.trace;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireTraceHandlerTest {
    private final List<String> lines = new ArrayList<>();
    private final List<ByteBuf> passed = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private WireTraceHandler handler(TraceSettings.SessionFilter filter, boolean fullRows) {
        return new WireTraceHandler(new TraceSettings(lines::add, filter, false, fullRows, 1 << 20,
                ids::incrementAndGet));
    }

    /** The client's messages, written as trace lines and turned into bytes by the replay encoder. */
    private static final List<String> FRONTEND = List.of(
            "Startup protocol=3.0 {'user': 'alice', 'database': 'shop', 'application_name': \"it's me\"}",
            "Query select 1;\nselect 'two'",
            "Parse stmt='s1' paramoids=[23, 0] sql=select $1, $2",
            "Bind portal='' stmt='s1' paramfmts=[1, 0] params=['0x0000002a', None] resultfmts=[1]",
            "Bind portal='p' stmt='s1' paramfmts=[0] params=['héllo\\n', 0xff00] resultfmts=[]",
            "Describe P 'p'",
            "Execute portal='p' maxrows=10",
            "Close S 's1'",
            "Flush",
            "Sync",
            "CopyData 8 bytes b'10\\tten\\n\\x00'",
            "CopyDone",
            "CopyFail no more",
            "Query ",
            "Terminate");

    private static byte[] sslRequest() {
        return new byte[] {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};
    }

    private static byte[] frontendBytes(boolean withSsl) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (withSsl) {
            out.writeBytes(sslRequest());
        }
        for (String line : FRONTEND) {
            out.writeBytes(TraceEncoder.encode(line).bytes());
        }
        return out.toByteArray();
    }

    private static byte[] typed(char type, byte[] body) {
        byte[] m = new byte[5 + body.length];
        m[0] = (byte) type;
        int len = body.length + 4;
        m[1] = (byte) (len >>> 24);
        m[2] = (byte) (len >>> 16);
        m[3] = (byte) (len >>> 8);
        m[4] = (byte) len;
        System.arraycopy(body, 0, m, 5, body.length);
        return m;
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            } else if (p instanceof Integer i) {
                out.write(i >>> 24);
                out.write(i >>> 16);
                out.write(i >>> 8);
                out.write(i);
            } else if (p instanceof Short s) {
                out.write(s >>> 8);
                out.write(s);
            } else if (p instanceof Byte b) {
                out.write(b);
            } else if (p instanceof Character c) {
                out.write(c);
            } else if (p instanceof byte[] b) {
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    private static byte[] dataRow(String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return typed('D', bytes((short) 1, v.length, v));
    }

    private static byte[] backendBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('N');
        out.writeBytes(typed('R', bytes(0)));
        out.writeBytes(typed('S', bytes("server_version", "16.6")));
        out.writeBytes(typed('K', bytes(1234, 5678)));
        out.writeBytes(typed('Z', bytes('I')));
        out.writeBytes(typed('T', bytes((short) 2, "a", 0, (short) 0, 23, (short) 4, -1, (short) 0,
                "b", 0, (short) 0, 25, (short) -1, -1, (short) 1)));
        out.writeBytes(dataRow("1"));
        out.writeBytes(dataRow("2"));
        out.writeBytes(dataRow("3"));
        out.writeBytes(typed('C', bytes("SELECT 3")));
        out.writeBytes(typed('E', bytes('S', "ERROR", 'V', "ERROR", 'C', "42P01", 'M',
                "relation \"missing\" does not exist", 'P', "15", 'F', "parse_relation.c", (byte) 0)));
        out.writeBytes(typed('H', bytes((byte) 0, (short) 1, (short) 0)));
        out.writeBytes(typed('d', bytes("1\tx\n".getBytes(StandardCharsets.UTF_8))));
        out.writeBytes(typed('c', new byte[0]));
        out.writeBytes(typed('Z', bytes('T')));
        return out.toByteArray();
    }

    /** Feeds the bytes in chunks of 1 to 7 bytes, each in its own pooled direct buffer, checking each passes through. */
    private void feed(EmbeddedChannel ch, byte[] data, boolean inbound, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < data.length; ) {
            int n = Math.min(data.length - i, 1 + random.nextInt(7));
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(n + 3);
            buf.writeBytes(new byte[] {9, 9, 9}).skipBytes(3); // a non-zero reader index
            buf.writeBytes(data, i, n);
            i += n;
            passed.add(buf);
            if (inbound) {
                ch.writeInbound(buf);
                ByteBuf got = ch.readInbound();
                assertSame(buf, got);
            } else {
                ch.writeOutbound(buf);
                ByteBuf got = ch.readOutbound();
                assertSame(buf, got);
            }
            assertEquals(1, buf.refCnt(), "the tracer retained or released a buffer");
            assertEquals(3, buf.readerIndex(), "the tracer moved the reader index");
            assertEquals(n, buf.readableBytes());
            buf.release();
        }
    }

    private List<String> withoutConnect() {
        assertTrue(lines.get(0).startsWith("1 ---- connect "), lines.get(0));
        return lines.subList(1, lines.size());
    }

    @Test
    void splitMessagesInBothDirectionsAreTracedWhilePassingThroughUntouched() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(handler(null, false));
        feed(ch, frontendBytes(true), true, 1);
        feed(ch, backendBytes(), false, 2);
        ch.finish();
        List<String> expected = new ArrayList<>();
        expected.add("1 F> SSLRequest");
        for (String line : FRONTEND) {
            expected.add("1 F> " + line);
        }
        expected.addAll(List.of(
                "1 B< SSL/GSS reply b'N'",
                "1 B< Auth code=0",
                "1 B< ParameterStatus server_version=16.6",
                "1 B< BackendKeyData",
                "1 B< ReadyForQuery I",
                "1 B< RowDescription a:23,b:25b",
                "1 B<   (3 DataRow)",
                "1 B< CommandComplete SELECT 3",
                "1 B< Error 42P01 relation \"missing\" does not exist | S='ERROR' P='15'",
                "1 B< CopyOut format=0 columns=[0]",
                "1 B< CopyData 4 bytes",
                "1 B< CopyDone",
                "1 B< ReadyForQuery T",
                "1 ---- closed"));
        assertEquals(expected, withoutConnect());
        for (ByteBuf b : passed) {
            assertEquals(0, b.refCnt());
        }
    }

    @Test
    void manyMessagesInOneBufferAndFullDataRows() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(handler(null, true));
        ByteBuf in = PooledByteBufAllocator.DEFAULT.heapBuffer().writeBytes(frontendBytes(false));
        ch.writeInbound(in);
        ByteBuf got = ch.readInbound();
        assertSame(in, got);
        assertEquals(0, in.readerIndex());
        got.release();
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(typed('D',
                bytes((short) 3, 1, "x".getBytes(StandardCharsets.UTF_8), -1, 2, new byte[] {(byte) 0xff, 0})));
        ch.writeOutbound(out);
        ((ByteBuf) ch.readOutbound()).release();
        ch.finish();
        assertEquals(FRONTEND.size() + 3, lines.size());
        assertEquals("1 F> " + FRONTEND.get(1), lines.get(2));
        assertEquals("1 B< DataRow ['x', None, 0xff00]", lines.get(lines.size() - 2));
        assertEquals(0, in.refCnt());
        assertEquals(0, out.refCnt());
    }

    @Test
    void aRejectedSessionLosesItsHandlerAndLeavesNoLines() throws Exception {
        List<String> seen = new ArrayList<>();
        WireTraceHandler h = handler((remote, params, cancel) -> {
            seen.add(params.get("user"));
            return false;
        }, false);
        EmbeddedChannel ch = new EmbeddedChannel(h);
        feed(ch, frontendBytes(true), true, 3);
        feed(ch, backendBytes(), false, 4);
        ch.finish();
        assertEquals(List.of("alice"), seen);
        assertTrue(lines.isEmpty(), lines.toString());
        assertNull(ch.pipeline().get(WireTraceHandler.class));
    }

    @Test
    void anAcceptedSessionGetsTheLinesHeldBeforeItsStartupPacket() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(handler((remote, params, cancel) ->
                "it's me".equals(params.get("application_name")), false));
        byte[] ssl = sslRequest();
        feed(ch, ssl, true, 5);
        feed(ch, new byte[] {'N'}, false, 6);
        assertTrue(lines.isEmpty(), "held until the startup packet");
        byte[] fe = frontendBytes(true);
        feed(ch, java.util.Arrays.copyOfRange(fe, ssl.length, fe.length), true, 7);
        ch.finish();
        List<String> got = withoutConnect();
        assertEquals(List.of("1 F> SSLRequest", "1 B< SSL/GSS reply b'N'", "1 F> " + FRONTEND.get(0)),
                got.subList(0, 3));
    }

    @Test
    void cancelRequestsAndGarbage() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(handler(null, false));
        feed(ch, bytes(16, 80877102, 42, 99, "ignored after the cancel"), true, 8);
        ch.finish();
        assertEquals(List.of("1 F> CancelRequest", "1 ---- closed"), withoutConnect());

        lines.clear();
        EmbeddedChannel bad = new EmbeddedChannel(handler(null, false));
        feed(bad, bytes(3, "whatever"), true, 9);
        bad.finish();
        assertEquals(List.of("2 F> <invalid startup packet length 3>", "2 ---- closed"),
                lines.subList(1, lines.size()));
    }

    @Test
    void timingsAndPasswordsAndLargeBodies() throws Exception {
        List<String> out = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new WireTraceHandler(new TraceSettings(out::add, null, true, false,
                1024, () -> 7)));
        ByteArrayOutputStream fe = new ByteArrayOutputStream();
        fe.writeBytes(TraceEncoder.encode(FRONTEND.get(0)).bytes());
        fe.writeBytes(typed('p', bytes("secret")));
        fe.writeBytes(TraceEncoder.encode("Query select '" + "x".repeat(2000) + "'").bytes());
        feed(ch, fe.toByteArray(), true, 10);
        ch.finish();
        assertTrue(out.get(1).matches("7 \\+\\d+\\.\\d{3}ms F> Startup .*"), out.get(1));
        assertTrue(out.get(2).endsWith(" F> Password/SASL 7 bytes"), out.get(2));
        assertTrue(out.get(3).endsWith(" F> Query 2010 bytes (not recorded)"), out.get(3));
        assertTrue(out.stream().noneMatch(l -> l.contains("secret")));
    }

    @Test
    void linesRoundTripThroughTheEncoder() throws Exception {
        for (String line : FRONTEND) {
            byte[] m = TraceEncoder.encode(line).bytes();
            byte[] body = java.util.Arrays.copyOfRange(m, 5, m.length);
            String again = line.startsWith("Startup") ? TraceFormat.startup(java.util.Arrays.copyOfRange(m, 4,
                    m.length)) : TraceFormat.frontend((char) m[0], body);
            assertEquals(line, again);
        }
        assertArrayEquals(sslRequest(), bytes(8, 80877103));
    }
}
