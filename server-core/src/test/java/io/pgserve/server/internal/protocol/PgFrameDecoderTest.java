package io.pgserve.server.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCounted;
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
import io.pgserve.server.internal.protocol.frontend.FunctionCall;
import io.pgserve.server.internal.protocol.frontend.GssEncRequest;
import io.pgserve.server.internal.protocol.frontend.Parse;
import io.pgserve.server.internal.protocol.frontend.PasswordMessage;
import io.pgserve.server.internal.protocol.frontend.Query;
import io.pgserve.server.internal.protocol.frontend.SslRequest;
import io.pgserve.server.internal.protocol.frontend.StartupMessage;
import io.pgserve.server.internal.protocol.frontend.Sync;
import io.pgserve.server.internal.protocol.frontend.Terminate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.pgserve.server.internal.protocol.FrontendEncoder.concat;
import static io.pgserve.server.internal.protocol.FrontendEncoder.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PgFrameDecoder} on an {@link EmbeddedChannel}: every frontend message round-trips from the bytes a client
 * writes, whole, byte by byte and pipelined; malformed input gives the documented {@link DecodeFailure}s.
 */
class PgFrameDecoderTest {
    private static final int LIMIT = 1 << 20;

    private EmbeddedChannel channel;
    /** Every buffer written into the channel: all must be released by the end of the test. */
    private final List<ByteBuf> written = new ArrayList<>();
    /** Every message read out of the channel: released at the end of the test. */
    private final List<Object> read = new ArrayList<>();

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new PgFrameDecoder(LIMIT));
    }

    @AfterEach
    void tearDown() {
        try {
            assertFalse(channel.finish(), "the decoder left messages unread");
        } finally {
            for (Object m : read) {
                if (m instanceof ReferenceCounted rc && rc.refCnt() > 0) {
                    rc.release(rc.refCnt());
                }
            }
            Object m;
            while ((m = channel.readInbound()) != null) {
                if (m instanceof ReferenceCounted rc && rc.refCnt() > 0) {
                    rc.release(rc.refCnt());
                }
            }
        }
        for (ByteBuf b : written) {
            assertEquals(0, b.refCnt(), "an input buffer was not released by the decoder");
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void write(byte[] bytes) {
        ByteBuf buf = Unpooled.buffer(bytes.length).writeBytes(bytes);
        written.add(buf);
        channel.writeInbound(buf);
    }

    /** Feeds {@code bytes} whole or one byte per read, returns what the decoder emitted. */
    private List<Object> feed(byte[] bytes, boolean byteByByte) {
        if (byteByByte) {
            for (byte b : bytes) {
                write(new byte[] {b});
            }
        } else {
            write(bytes);
        }
        return drain();
    }

    private List<Object> feed(byte[] bytes) {
        return feed(bytes, false);
    }

    private List<Object> drain() {
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = channel.readInbound()) != null) {
            read.add(m);
            out.add(m);
        }
        return out;
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Sends a startup packet so the decoder is in its regular phase. */
    private void enterRegularPhase() {
        List<Object> out = feed(FrontendEncoder.startup(params("user", "alice")));
        assertEquals(List.of(new StartupMessage(3, 0, params("user", "alice"))), out);
    }

    private static Object only(List<Object> out) {
        assertEquals(1, out.size(), () -> "expected exactly one message, got " + out);
        return out.get(0);
    }

    private static DecodeFailure failure(Object m, boolean fatal, String sqlState, String message) {
        DecodeFailure f = assertInstanceOf(DecodeFailure.class, m);
        assertEquals(fatal, f.fatal(), () -> "fatal flag of " + f);
        assertEquals(sqlState, f.cause().sqlState(), "SQLSTATE");
        assertEquals(message, f.cause().getMessage(), "message");
        return f;
    }

    /**
     * Compares a decoded message with the expected one. Bind and PasswordMessage hold byte arrays (records compare
     * those by identity), CopyData is compared by content and released.
     */
    private static void assertMessage(Object expected, Object actual) {
        if (expected instanceof Bind e) {
            Bind a = assertInstanceOf(Bind.class, actual);
            assertEquals(e.portal(), a.portal());
            assertEquals(e.statement(), a.statement());
            assertEquals(e.parameterFormats(), a.parameterFormats());
            assertEquals(e.resultFormats(), a.resultFormats());
            assertEquals(e.parameterValues().size(), a.parameterValues().size(), "parameter count");
            for (int i = 0; i < e.parameterValues().size(); i++) {
                byte[] ev = e.parameterValues().get(i);
                byte[] av = a.parameterValues().get(i);
                if (ev == null) {
                    assertNull(av, "parameter " + i + " should be NULL");
                } else {
                    assertArrayEquals(ev, av, "parameter " + i);
                }
            }
        } else if (expected instanceof PasswordMessage e) {
            assertArrayEquals(e.body(), assertInstanceOf(PasswordMessage.class, actual).body());
        } else if (expected instanceof byte[] copyData) {
            CopyData a = assertInstanceOf(CopyData.class, actual);
            assertArrayEquals(copyData, ByteBufUtil.getBytes(a.content()));
            // A retained slice may share its count with the cumulation buffer (unpooled allocators), so release()
            // need not reach 0 here; @AfterEach checks that every input buffer ends at refCnt 0.
            a.release();
        } else {
            assertEquals(expected, actual);
        }
    }

    // --- round trips ---------------------------------------------------------------------------------------------

    /** (name, bytes a client writes, expected message; a byte[] stands for CopyData with that content). */
    static Stream<Arguments> regularMessages() {
        byte[] binaryInt = {0, 0, 0, 42};
        byte[] nonAscii = utf8("grüße, 世界 😀");
        return Stream.of(
                Arguments.of("Query", FrontendEncoder.query("SELECT 1"), new Query("SELECT 1")),
                Arguments.of("Query empty", FrontendEncoder.query(""), new Query("")),
                Arguments.of("Query UTF-8", FrontendEncoder.query("SELECT 'grüße 😀'"), new Query("SELECT 'grüße 😀'")),
                Arguments.of("Parse", FrontendEncoder.parse("s1", "SELECT $1, $2", 23, 0),
                        new Parse("s1", "SELECT $1, $2", List.of(23, 0))),
                Arguments.of("Parse unnamed no types", FrontendEncoder.parse("", "SELECT 1"),
                        new Parse("", "SELECT 1", List.of())),
                Arguments.of("Parse high OID", FrontendEncoder.parse("", "SELECT $1", 0xFFFFFFF0),
                        new Parse("", "SELECT $1", List.of(0xFFFFFFF0))),
                Arguments.of("Bind text/binary/NULL", FrontendEncoder.bind("p1", "s1",
                                List.of((short) 0, (short) 1, (short) 0),
                                Arrays.asList(utf8("abc"), binaryInt, null),
                                List.of((short) 1)),
                        new Bind("p1", "s1", List.of((short) 0, (short) 1, (short) 0),
                                Arrays.asList(utf8("abc"), binaryInt, null), List.of((short) 1))),
                Arguments.of("Bind no parameters", FrontendEncoder.bind("", "", List.of(), List.of(), List.of()),
                        new Bind("", "", List.of(), List.of(), List.of())),
                Arguments.of("Bind one format for all, empty value", FrontendEncoder.bind("", "s",
                                List.of((short) 1), Arrays.asList(new byte[0], nonAscii),
                                List.of((short) 0, (short) 1)),
                        new Bind("", "s", List.of((short) 1), Arrays.asList(new byte[0], nonAscii),
                                List.of((short) 0, (short) 1))),
                Arguments.of("Describe S", FrontendEncoder.describe('S', "s1"), new Describe('S', "s1")),
                Arguments.of("Describe P", FrontendEncoder.describe('P', ""), new Describe('P', "")),
                Arguments.of("Execute", FrontendEncoder.execute("p1", 100), new Execute("p1", 100)),
                Arguments.of("Execute unlimited", FrontendEncoder.execute("", 0), new Execute("", 0)),
                Arguments.of("Sync", FrontendEncoder.sync(), Sync.INSTANCE),
                Arguments.of("Flush", FrontendEncoder.flush(), Flush.INSTANCE),
                Arguments.of("Close S", FrontendEncoder.close('S', "s1"), new Close('S', "s1")),
                Arguments.of("Close P", FrontendEncoder.close('P', "p1"), new Close('P', "p1")),
                Arguments.of("Terminate", FrontendEncoder.terminate(), Terminate.INSTANCE),
                Arguments.of("PasswordMessage", FrontendEncoder.password("secret"),
                        new PasswordMessage(utf8("secret\0"))),
                Arguments.of("SASLInitialResponse", FrontendEncoder.password(new FrontendEncoder.Body()
                                .cstring("SCRAM-SHA-256").int32(3).raw(utf8("n,,")).bytes()),
                        new PasswordMessage(new FrontendEncoder.Body()
                                .cstring("SCRAM-SHA-256").int32(3).raw(utf8("n,,")).bytes())),
                Arguments.of("CopyData", FrontendEncoder.copyData(utf8("1\tone\n")), utf8("1\tone\n")),
                Arguments.of("CopyData empty", FrontendEncoder.copyData(new byte[0]), new byte[0]),
                Arguments.of("CopyDone", FrontendEncoder.copyDone(), CopyDone.INSTANCE),
                Arguments.of("CopyFail", FrontendEncoder.copyFail("aborted by user"), new CopyFail("aborted by user")),
                Arguments.of("FunctionCall", FrontendEncoder.functionCall(1598, List.of((short) 1),
                        Arrays.asList(binaryInt, null), (short) 1), new FunctionCall(1598)),
                Arguments.of("FunctionCall no args", FrontendEncoder.functionCall(2, List.of(), List.of(), (short) 0),
                        new FunctionCall(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regularMessages")
    void roundTripInOnePiece(String name, byte[] bytes, Object expected) {
        enterRegularPhase();
        assertMessage(expected, only(feed(bytes)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regularMessages")
    void roundTripByteByByte(String name, byte[] bytes, Object expected) {
        enterRegularPhase();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            out.addAll(feed(new byte[] {bytes[i]}));
            if (i < bytes.length - 1) {
                assertEquals(List.of(), out, "emitted before the last byte arrived");
            }
        }
        assertMessage(expected, only(out));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void pipelinedMessagesInOneBuffer(boolean byteByByte) {
        enterRegularPhase();
        List<Arguments> all = regularMessages().toList();
        byte[][] parts = new byte[all.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = (byte[]) all.get(i).get()[1];
        }
        List<Object> out = feed(concat(parts), byteByByte);
        assertEquals(all.size(), out.size(), () -> "decoded " + out);
        for (int i = 0; i < parts.length; i++) {
            assertMessage(all.get(i).get()[2], out.get(i));
        }
    }

    @Test
    void pipelinedExtendedQueryBatch() {
        enterRegularPhase();
        byte[] batch = concat(
                FrontendEncoder.parse("", "SELECT $1", 23),
                FrontendEncoder.bind("", "", List.of((short) 1), List.of(new byte[] {0, 0, 0, 7}), List.of()),
                FrontendEncoder.describe('P', ""),
                FrontendEncoder.execute("", 0),
                FrontendEncoder.sync());
        // split at an awkward place: in the middle of the Bind's length field
        List<Object> out = new ArrayList<>(feed(Arrays.copyOfRange(batch, 0, 25)));
        out.addAll(feed(Arrays.copyOfRange(batch, 25, batch.length)));
        assertEquals(5, out.size(), () -> "decoded " + out);
        assertEquals(new Parse("", "SELECT $1", List.of(23)), out.get(0));
        assertMessage(new Bind("", "", List.of((short) 1), List.of(new byte[] {0, 0, 0, 7}), List.of()), out.get(1));
        assertEquals(new Describe('P', ""), out.get(2));
        assertEquals(new Execute("", 0), out.get(3));
        assertEquals(Sync.INSTANCE, out.get(4));
    }

    @Test
    void largeCopyDataInChunksKeepsRetainedSliceUntilReleased() {
        enterRegularPhase();
        byte[] payload = new byte[200_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        byte[] bytes = concat(FrontendEncoder.copyData(payload), FrontendEncoder.copyDone());
        List<Object> out = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += 8192) {
            out.addAll(feed(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 8192))));
        }
        assertEquals(2, out.size(), () -> "decoded " + out);
        CopyData data = assertInstanceOf(CopyData.class, out.get(0));
        assertEquals(1, data.refCnt());
        assertArrayEquals(payload, ByteBufUtil.getBytes(data.content()));
        assertTrue(data.release(), "releasing the CopyData must free it");
        assertEquals(0, data.refCnt());
        assertEquals(CopyDone.INSTANCE, out.get(1));
    }

    // --- startup phase -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void startupMessageWithParameters(boolean byteByByte) {
        Map<String, String> p = params("user", "alice", "database", "shop", "application_name", "psql",
                "client_encoding", "UTF8", "options", "-c search_path=x", "_pq_.foo", "bar");
        assertEquals(List.of(new StartupMessage(3, 0, p)), feed(FrontendEncoder.startup(p), byteByByte));
        // the decoder is now in its regular phase
        assertEquals(List.of(new Query("SELECT 1")), feed(FrontendEncoder.query("SELECT 1"), byteByByte));
    }

    @Test
    void startupMessageKeepsMinorVersionAndNonAsciiValues() {
        Map<String, String> p = params("user", "jürgen", "database", "данные");
        StartupMessage m = (StartupMessage) only(feed(FrontendEncoder.startup(3, 2, p)));
        assertEquals(new StartupMessage(3, 2, p), m);
        assertEquals("jürgen", m.user());
    }

    @Test
    void startupMessageWithUnsupportedVersionStillDecodes() {
        // the session, not the decoder, refuses 2.0 and 4.0 (with PostgreSQL's message)
        assertEquals(List.of(new StartupMessage(2, 0, params("user", "a"))),
                feed(FrontendEncoder.startup(2, 0, params("user", "a"))));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void sslRequestKeepsDecoderInStartup(boolean byteByByte) {
        assertEquals(List.of(SslRequest.INSTANCE), feed(FrontendEncoder.sslRequest(), byteByByte));
        assertEquals(List.of(new StartupMessage(3, 0, params("user", "bob"))),
                feed(FrontendEncoder.startup(params("user", "bob")), byteByByte));
        assertEquals(List.of(Sync.INSTANCE), feed(FrontendEncoder.sync(), byteByByte));
    }

    @Test
    void gssEncRequestThenSslRequestThenStartup() {
        assertEquals(List.of(GssEncRequest.INSTANCE), feed(FrontendEncoder.gssEncRequest()));
        assertEquals(List.of(SslRequest.INSTANCE), feed(FrontendEncoder.sslRequest()));
        assertEquals(List.of(new StartupMessage(3, 0, params("user", "bob"))),
                feed(FrontendEncoder.startup(params("user", "bob"))));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void cancelRequestDecodesAndFurtherInputIsDiscarded(boolean byteByByte) {
        byte[] key = {1, 2, 3, (byte) 0xff};
        Object m = only(feed(FrontendEncoder.cancelRequest(4711, key), byteByByte));
        assertEquals(new CancelRequest(4711, key), m);
        assertArrayEquals(key, ((CancelRequest) m).secretKey());
        assertEquals(List.of(), feed(concat(FrontendEncoder.startup(params("user", "a")),
                FrontendEncoder.query("SELECT 1")), byteByByte));
    }

    @Test
    void cancelRequestWithLongerKey() {
        // PostgreSQL 18 (protocol 3.2) allows secret keys up to 256 bytes
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        assertEquals(List.of(new CancelRequest(-5, key)), feed(FrontendEncoder.cancelRequest(-5, key)));
    }

    @Test
    void unencryptedDataPipelinedAfterSslRequestIsFatal() {
        List<Object> out = feed(concat(FrontendEncoder.sslRequest(), FrontendEncoder.startup(params("user", "a"))));
        assertEquals(2, out.size(), () -> "decoded " + out);
        assertEquals(SslRequest.INSTANCE, out.get(0));
        DecodeFailure f = failure(out.get(1), true, "08P01", "received unencrypted data after SSL request");
        assertEquals(0, f.messageType());
        // everything after is discarded
        assertEquals(List.of(), feed(FrontendEncoder.query("SELECT 1")));
    }

    @Test
    void unencryptedDataPipelinedAfterGssEncRequestIsFatal() {
        List<Object> out = feed(concat(FrontendEncoder.gssEncRequest(), FrontendEncoder.startup(params("user", "a"))));
        assertEquals(2, out.size(), () -> "decoded " + out);
        assertEquals(GssEncRequest.INSTANCE, out.get(0));
        // PostgreSQL: ProcessStartupPacket, NEGOTIATE_GSS_CODE branch
        failure(out.get(1), true, "08P01", "received unencrypted data after GSSAPI encryption request");
        assertEquals(List.of(), feed(FrontendEncoder.query("SELECT 1")));
    }

    @ParameterizedTest(name = "length={0}")
    @ValueSource(ints = {0, 4, 7, 10_001, 0x40000000, -1})
    void startupPacketWithInvalidLengthIsFatal(int length) {
        byte[] bytes = ByteBuffer.allocate(8).putInt(length).putInt(FrontendEncoder.PROTOCOL_3_0).array();
        Object m = only(feed(bytes));
        DecodeFailure f = failure(m, true, "08P01", "invalid length of startup packet");
        assertEquals(0, f.messageType());
        assertEquals(List.of(), feed(FrontendEncoder.startup(params("user", "a"))));
    }

    @Test
    void startupPacketLengthIsJudgedFromTheFirstFourBytes() {
        // the decoder must not wait for the 10001 bytes it was promised
        Object m = only(feed(ByteBuffer.allocate(4).putInt(10_001).array()));
        failure(m, true, "08P01", "invalid length of startup packet");
    }

    @Test
    void startupPacketOfExactlyTheMaximumLengthIsAccepted() {
        int valueLength = PgFrameDecoder.MAX_STARTUP_PACKET_LENGTH - 4 - 4 - "user".length() - 1 - 1 - 1;
        byte[] bytes = FrontendEncoder.startup(params("user", "x".repeat(valueLength)));
        assertEquals(PgFrameDecoder.MAX_STARTUP_PACKET_LENGTH, bytes.length);
        assertEquals(List.of(new StartupMessage(3, 0, params("user", "x".repeat(valueLength)))), feed(bytes));
    }

    @Test
    void startupPacketWithoutTerminatorIsFatal() {
        byte[] body = new FrontendEncoder.Body().int32(FrontendEncoder.PROTOCOL_3_0).cstring("user").cstring("a")
                .bytes();
        failure(only(feed(FrontendEncoder.untyped(body))), true, "08P01",
                "invalid startup packet layout: expected terminator as last byte");
    }

    @Test
    void messageBeforeStartupPacketIsFatal() {
        // 'Q' 00 00 00 0d read as a startup length: 0x5100_0000 > 10000
        failure(only(feed(FrontendEncoder.query("SELECT 1"))), true, "08P01", "invalid length of startup packet");
        assertEquals(List.of(), feed(FrontendEncoder.query("SELECT 1")));
    }

    // --- regular phase errors ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "length={0}")
    @ValueSource(ints = {0, 1, 3, -1, Integer.MIN_VALUE})
    void lengthBelowFourIsFatal(int length) {
        enterRegularPhase();
        DecodeFailure f = failure(only(feed(FrontendEncoder.header('Q', length))), true, "08P01",
                "invalid message length");
        assertEquals('Q', f.messageType());
        assertEquals(List.of(), feed(FrontendEncoder.query("SELECT 1")));
    }

    @Test
    void lengthOverTheLimitIsFatalAfterTheHeaderOnly() {
        enterRegularPhase();
        // five header bytes only: the decoder must not wait for (or buffer) the claimed body
        DecodeFailure f = failure(only(feed(FrontendEncoder.header('Q', LIMIT + 5))), true, "08P01",
                "invalid message length");
        assertEquals('Q', f.messageType());
        assertEquals(List.of(), feed(new byte[LIMIT / 2]));
        assertEquals(List.of(), feed(FrontendEncoder.query("SELECT 1")));
    }

    @Test
    void lengthOverTheLimitIsFatalByteByByte() {
        enterRegularPhase();
        List<Object> out = feed(FrontendEncoder.header('Q', LIMIT + 5), true);
        failure(only(out), true, "08P01", "invalid message length");
    }

    @Test
    void messageOfExactlyTheLimitIsAccepted() {
        enterRegularPhase();
        byte[] sql = new byte[LIMIT - 4 - 1];
        Arrays.fill(sql, (byte) 'x');
        byte[] bytes = FrontendEncoder.message('Q', concat(sql, new byte[1]));
        assertEquals(LIMIT + 1, bytes.length);
        Query q = assertInstanceOf(Query.class, only(feed(bytes)));
        assertEquals(sql.length, q.sql().length());
    }

    @Test
    void smallMessagesHaveTheSmallLimit() {
        enterRegularPhase();
        // Sync, Describe, Execute, Close... never carry data: PostgreSQL's PQ_SMALL_MESSAGE_LIMIT (10000)
        failure(only(feed(FrontendEncoder.header('S', PgFrameDecoder.SMALL_MESSAGE_LIMIT + 1))), true, "08P01",
                "invalid message length");
    }

    @Test
    void oneGibClaimedLengthIsRejectedWithoutAllocation() {
        enterRegularPhase();
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        DecodeFailure f = failure(only(feed(FrontendEncoder.header('Q', 0x40000000))), true, "08P01",
                "invalid message length");
        assertEquals('Q', f.messageType());
        // keep sending: all of it is dropped, nothing accumulates
        for (int i = 0; i < 64; i++) {
            assertEquals(List.of(), feed(new byte[16 * 1024]));
        }
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 256L * 1024 * 1024, "the decoder allocated for the claimed length");
        for (ByteBuf b : written) {
            assertEquals(0, b.refCnt(), "discarded input must be released at once");
        }
    }

    @ParameterizedTest(name = "type={0}")
    @ValueSource(chars = {'z', 'A', '0', 'T', 'Y', 'q'})
    void unknownMessageTypeIsFatal(char type) {
        enterRegularPhase();
        DecodeFailure f = failure(only(feed(FrontendEncoder.message(type, new byte[0]))), true, "08P01",
                "invalid frontend message type " + (int) type);
        assertEquals((byte) type, f.messageType());
        assertEquals(List.of(), feed(FrontendEncoder.query("SELECT 1")));
    }

    @Test
    void secondStartupPacketIsAnUnknownMessageTypeZero() {
        enterRegularPhase();
        failure(only(feed(FrontendEncoder.startup(params("user", "alice")))), true, "08P01",
                "invalid frontend message type 0");
    }

    @Test
    void invalidUtf8InQueryIsNonFatal() {
        enterRegularPhase();
        byte[] bad = FrontendEncoder.message('Q', concat(utf8("SELECT '"), new byte[] {(byte) 0xc3, 0x28},
                utf8("'"), new byte[1]));
        DecodeFailure f = failure(only(feed(bad)), false, "22021",
                "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
        assertEquals('Q', f.messageType());
        // the stream goes on
        assertEquals(List.of(new Query("SELECT 1")), feed(FrontendEncoder.query("SELECT 1")));
    }

    static Stream<Arguments> invalidUtf8() {
        // messages as PostgreSQL 15 reports them (report_invalid_encoding: the bytes of the sequence's claimed length)
        return Stream.of(
                Arguments.of(new byte[] {(byte) 0x80}, "0x80"),
                Arguments.of(new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, "0xf8"),
                Arguments.of(new byte[] {(byte) 0xe2, (byte) 0x82, '\''}, "0xe2 0x82 0x27"),
                Arguments.of(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, "0xed 0xa0 0x80"),
                Arguments.of(new byte[] {(byte) 0xc0, (byte) 0xaf}, "0xc0 0xaf"),
                Arguments.of(new byte[] {'a', 'b', (byte) 0xe2}, "0xe2"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidUtf8")
    void invalidUtf8MessagesMatchPostgres(byte[] bytes, String expected) {
        enterRegularPhase();
        byte[] bad = FrontendEncoder.message('Q', concat(utf8("SELECT '"), bytes, new byte[1]));
        failure(only(feed(bad)), false, "22021", "invalid byte sequence for encoding \"UTF8\": " + expected);
    }

    @Test
    void invalidUtf8InParseStatementName() {
        enterRegularPhase();
        byte[] bad = FrontendEncoder.message('P', concat(new byte[] {(byte) 0xff, 0}, utf8("SELECT 1"),
                new byte[] {0, 0, 0}));
        DecodeFailure f = failure(only(feed(bad)), false, "22021", "invalid byte sequence for encoding \"UTF8\": 0xff");
        assertEquals('P', f.messageType());
    }

    @Test
    void truncatedBindIsNonFatal() {
        enterRegularPhase();
        // portal "", statement "", no formats, 1 parameter of length 10, but only 2 bytes follow
        byte[] body = new FrontendEncoder.Body().cstring("").cstring("").int16(0).int16(1).int32(10).int16(0x4142)
                .bytes();
        DecodeFailure f = failure(only(feed(FrontendEncoder.message('B', body))), false, "08P01",
                "insufficient data left in message");
        assertEquals('B', f.messageType());
        assertEquals(List.of(Sync.INSTANCE), feed(FrontendEncoder.sync()));
    }

    @Test
    void bindWithoutResultFormatCountIsNonFatal() {
        enterRegularPhase();
        byte[] body = new FrontendEncoder.Body().cstring("").cstring("").int16(0).int16(0).bytes();
        failure(only(feed(FrontendEncoder.message('B', body))), false, "08P01", "insufficient data left in message");
    }

    @Test
    void bindWithHugeParameterCountIsNonFatal() {
        enterRegularPhase();
        byte[] body = new FrontendEncoder.Body().cstring("").cstring("").int16(0).int16(0xffff).bytes();
        failure(only(feed(FrontendEncoder.message('B', body))), false, "08P01", "insufficient data left in message");
    }

    @Test
    void stringWithoutNulTerminatorIsNonFatal() {
        enterRegularPhase();
        DecodeFailure f = failure(only(feed(FrontendEncoder.message('Q', utf8("SELECT 1")))), false, "08P01",
                "invalid string in message");
        assertEquals('Q', f.messageType());
        assertEquals(List.of(new Query("SELECT 2")), feed(FrontendEncoder.query("SELECT 2")));
    }

    @Test
    void emptyQueryBodyIsNonFatal() {
        enterRegularPhase();
        failure(only(feed(FrontendEncoder.message('Q', new byte[0]))), false, "08P01", "invalid string in message");
    }

    @Test
    void trailingBytesAreAnInvalidMessageFormat() {
        enterRegularPhase();
        failure(only(feed(FrontendEncoder.message('Q', utf8("SELECT 1\0xx")))), false, "08P01",
                "invalid message format");
        failure(only(feed(FrontendEncoder.message('S', utf8("x")))), false, "08P01", "invalid message format");
    }

    @Test
    void invalidDescribeAndCloseSubtypes() {
        enterRegularPhase();
        failure(only(feed(FrontendEncoder.describe('X', ""))), false, "08P01", "invalid DESCRIBE message subtype 88");
        failure(only(feed(FrontendEncoder.close('Q', ""))), false, "08P01", "invalid CLOSE message subtype 81");
    }

    @Test
    void truncatedExecuteIsNonFatal() {
        enterRegularPhase();
        failure(only(feed(FrontendEncoder.message('E', utf8("p\0\0\0")))), false, "08P01",
                "insufficient data left in message");
    }

    @Test
    void decoderStopsAtAFatalErrorInsidePipelinedInput() {
        enterRegularPhase();
        List<Object> out = feed(concat(FrontendEncoder.query("SELECT 1"), FrontendEncoder.header('Q', 2),
                FrontendEncoder.query("SELECT 2")));
        assertEquals(2, out.size(), () -> "decoded " + out);
        assertEquals(new Query("SELECT 1"), out.get(0));
        failure(out.get(1), true, "08P01", "invalid message length");
    }

    @Test
    void nonFatalFailureInsidePipelinedInputKeepsDecoding() {
        enterRegularPhase();
        List<Object> out = feed(concat(FrontendEncoder.query("SELECT 1"), FrontendEncoder.message('Q', utf8("x")),
                FrontendEncoder.query("SELECT 2")), true);
        assertEquals(3, out.size(), () -> "decoded " + out);
        assertEquals(new Query("SELECT 1"), out.get(0));
        failure(out.get(1), false, "08P01", "invalid string in message");
        assertEquals(new Query("SELECT 2"), out.get(2));
    }

    @Test
    void partialMessageAtChannelCloseProducesNothing() {
        enterRegularPhase();
        byte[] q = FrontendEncoder.query("SELECT 1");
        assertEquals(List.of(), feed(Arrays.copyOf(q, q.length - 3)));
        // tearDown: finish() must not produce anything and the cumulation must be released
    }
}
