package io.pgserve.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.pgserve.server.RawPgClient.Message;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.pgserve.server.RawPgClient.types;
import static io.pgserve.server.internal.protocol.FrontendEncoder.concat;
import static io.pgserve.server.internal.protocol.FrontendEncoder.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and unusual client input against a running server, over a raw socket. Expected answers are those of
 * PostgreSQL 15 (checked by sending it the same bytes) unless a comment says otherwise. Every connection ends in a
 * bounded time, and the server never logs above INFO because of what a client sent.
 */
@Timeout(20)
class MalformedInputTest {
    private PgServer server;
    private final CapturingAppender logs = new CapturingAppender();
    private ch.qos.logback.classic.Logger pgserveLogger;

    /** Collects pgserve's log events (any thread). */
    static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
        final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            events.add(e);
        }
    }

    private static QueryResult answer(Query query) throws InterruptedException {
        String sql = query.sql().trim().toLowerCase();
        if (sql.startsWith("select pg_sleep")) {
            Thread.sleep(300);
        }
        if (sql.equals("select 1") || sql.startsWith("select pg_sleep")) {
            return QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)), List.<Object[]>of(new Object[] {1}));
        }
        return QueryResult.command("SELECT", 0);
    }

    @BeforeEach
    void start() {
        pgserveLogger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.pgserve");
        logs.start();
        pgserveLogger.addAppender(logs);
        server = PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> MalformedInputTest::answer)
                .build().start();
    }

    @AfterEach
    void stop() {
        try {
            server.close();
        } finally {
            pgserveLogger.detachAppender(logs);
            logs.stop();
        }
        List<String> loud = new ArrayList<>();
        for (ILoggingEvent e : logs.events) {
            if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                loud.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName() + ": "
                        + e.getThrowableProxy().getMessage()));
            }
        }
        assertEquals(List.of(), loud, "the server logged WARN/ERROR because of client input");
    }

    private RawPgClient connect() throws IOException {
        return RawPgClient.connect(server.port());
    }

    private RawPgClient connected() throws IOException {
        RawPgClient c = connect();
        c.startup("alice");
        return c;
    }

    /** The server still accepts and serves a well-behaved client. */
    private void assertServerServes() throws IOException {
        try (RawPgClient c = connected()) {
            assertSelectOne(c);
            c.send(FrontendEncoder.terminate());
            c.expectClosed();
        }
    }

    private static void assertSelectOne(RawPgClient c) throws IOException {
        List<Message> r = c.query("select 1");
        assertEquals(List.of('T', 'D', 'C', 'Z'), types(r), () -> "answer to select 1: " + r);
        assertEquals("SELECT 1", new String(r.get(2).body(), 0, r.get(2).body().length - 1, StandardCharsets.UTF_8));
    }

    private void awaitNoSessions() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.sessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.sessionCount(), "sessions left open");
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    // --- truncated input -------------------------------------------------------------------------------------------

    @Test
    void truncatedMessageThenCloseDoesNotHang() throws Exception {
        try (RawPgClient c = connected()) {
            byte[] q = FrontendEncoder.query("select 1");
            c.send(java.util.Arrays.copyOf(q, 7));
            c.shutdownOutput();
            // PostgreSQL: "unexpected EOF on client connection", nothing sent, connection closed
            c.expectClosed();
        }
        awaitNoSessions();
        assertServerServes();
    }

    @Test
    void truncatedStartupPacketThenCloseDoesNotHang() throws Exception {
        try (RawPgClient c = connect()) {
            byte[] s = FrontendEncoder.startup(params("user", "alice"));
            c.send(java.util.Arrays.copyOf(s, 6));
            c.shutdownOutput();
            c.expectClosed();
        }
        awaitNoSessions();
        assertServerServes();
    }

    @Test
    void connectAndCloseWithoutSendingAnything() throws Exception {
        try (RawPgClient c = connect()) {
            c.shutdownOutput();
            c.expectClosed();
        }
        awaitNoSessions();
        assertServerServes();
    }

    // --- framing errors --------------------------------------------------------------------------------------------

    @Test
    void lengthBelowFourIsFatal() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.header('Q', 3));
            // PostgreSQL 15 logs "invalid message length" (COMMERROR) and closes without a message;
            // pgserve documents a FATAL for every framing error, which is what a client can show.
            c.expectError("FATAL", "08P01", "invalid message length");
            c.expectClosed();
        }
        assertServerServes();
    }

    @Test
    void hugeClaimedLengthIsFatalAfterTheHeader() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.header('Q', 0x40000000));
            c.expectError("FATAL", "08P01", "invalid message length");
            c.expectClosed();
        }
        assertServerServes();
    }

    @Test
    void unknownMessageTypeAfterStartupIsFatal() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.message('z', new byte[0]));
            c.expectError("FATAL", "08P01", "invalid frontend message type 122");
            c.expectClosed();
        }
        assertServerServes();
    }

    @Test
    void unknownMessageTypeIsRejectedBeforeItsLengthArrives() throws Exception {
        try (RawPgClient c = connected()) {
            // PostgreSQL's SocketBackend checks the type byte before reading the length
            c.send(new byte[] {'z'});
            c.expectError("FATAL", "08P01", "invalid frontend message type 122");
            c.expectClosed();
        }
    }

    @Test
    void unknownMessageTypePipelinedAfterAQueryIsAnsweredInOrder() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.query("select pg_sleep(0.3)"), FrontendEncoder.message('z', new byte[0]));
            List<Message> r = c.readUntil('Z');
            assertEquals(List.of('T', 'D', 'C', 'Z'), types(r), () -> "answer to the query: " + r);
            c.expectError("FATAL", "08P01", "invalid frontend message type 122");
            c.expectClosed();
        }
    }

    @Test
    void passwordMessageAfterStartupIsFatal() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.password("secret"));
            c.expectError("FATAL", "08P01", "invalid frontend message type 112");
            c.expectClosed();
        }
    }

    @Test
    void startupPacketClaimingOverTenThousandBytesIsFatal() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(ByteBuffer.allocate(8).putInt(10_001).putInt(FrontendEncoder.PROTOCOL_3_0).array());
            c.expectError("FATAL", "08P01", "invalid length of startup packet");
            c.expectClosed();
        }
        assertServerServes();
    }

    /**
     * The whole oversized packet sent at once: the error must still reach the client, i.e. the server must not
     * close (and so reset) the connection while the rest of the packet is unread. PostgreSQL 15 does reset here.
     */
    @Test
    void startupPacketOverTenThousandBytesIsFatal() throws Exception {
        try (RawPgClient c = connect()) {
            byte[] big = FrontendEncoder.startup(params("user", "alice", "application_name", "x".repeat(10_001)));
            c.send(big);
            // PostgreSQL 15 logs this (COMMERROR) and closes; pgserve sends it as FATAL
            c.expectError("FATAL", "08P01", "invalid length of startup packet");
            c.expectClosed();
        }
        assertServerServes();
    }

    @Test
    void startupPacketShorterThanEightBytesIsFatal() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(ByteBuffer.allocate(8).putInt(7).putInt(FrontendEncoder.PROTOCOL_3_0).array());
            c.expectError("FATAL", "08P01", "invalid length of startup packet");
            c.expectClosed();
        }
    }

    @Test
    void startupPacketWithoutTerminatorIsFatal() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.untyped(new FrontendEncoder.Body().int32(FrontendEncoder.PROTOCOL_3_0)
                    .raw(utf8("user")).bytes()));
            c.expectError("FATAL", "08P01", "invalid startup packet layout: expected terminator as last byte");
            c.expectClosed();
        }
    }

    @Test
    void protocol2IsRefused() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(2, 0, params("user", "alice")));
            c.expectError("FATAL", "0A000", "unsupported frontend protocol 2.0: server supports 3.0 to 3.2");
            c.expectClosed();
        }
    }

    @Test
    void protocol4IsRefused() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(4, 0, params("user", "alice")));
            c.expectError("FATAL", "0A000", "unsupported frontend protocol 4.0: server supports 3.0 to 3.2");
            c.expectClosed();
        }
    }

    @Test
    void regularMessageBeforeStartupPacketIsFatal() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.query("select 1"));
            // read as a startup packet of length 0x5100000d; PostgreSQL closes silently, pgserve says why
            c.expectError("FATAL", "08P01", "invalid length of startup packet");
            c.expectClosed();
        }
        assertServerServes();
    }

    @Test
    void secondStartupPacketIsFatal() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.startup(params("user", "alice")));
            // its first byte (0, high byte of the length) is read as a message type
            c.expectError("FATAL", "08P01", "invalid frontend message type 0");
            c.expectClosed();
        }
    }

    @Test
    void secondStartupPacketPipelinedIsAnsweredAfterTheFirst() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(params("user", "alice")), FrontendEncoder.startup(params("user", "alice")));
            c.readStartupResponse();
            c.expectError("FATAL", "08P01", "invalid frontend message type 0");
            c.expectClosed();
        }
    }

    // --- startup parameters ----------------------------------------------------------------------------------------

    @Test
    void missingUserIsFatal() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(params("database", "postgres")));
            c.expectError("FATAL", "28000", "no PostgreSQL user name specified in startup packet");
            c.expectClosed();
        }
    }

    @Test
    void emptyUserIsFatal() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(params("user", "")));
            c.expectError("FATAL", "28000", "no PostgreSQL user name specified in startup packet");
            c.expectClosed();
        }
    }

    /** NegotiateProtocolVersion: the version in use (the lower of the client's and 3.2) and the unknown options. */
    private static void assertNegotiate(Message v, int minor, String... options) {
        assertEquals('v', v.type(), () -> "expected NegotiateProtocolVersion, got " + v);
        ByteBuffer b = v.buffer();
        assertEquals(0x00030000 | minor, b.getInt(), "negotiated version");
        assertEquals(options.length, b.getInt(), "number of unrecognised options");
        for (String o : options) {
            int start = b.position();
            while (b.get() != 0) {
                // scan to NUL
            }
            assertEquals(o, new String(v.body(), start, b.position() - start - 1, StandardCharsets.UTF_8));
        }
        assertEquals(0, b.remaining());
    }

    @Test
    void protocol31WithUnknownOptionNegotiatesThenContinues() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(3, 1, params("user", "alice", "_pq_.foo", "1", "database", "db")));
            List<Message> r = c.readStartupResponse();
            assertNegotiate(r.get(0), 1, "_pq_.foo");
            assertEquals('R', r.get(1).type());
            assertSelectOne(c);
        }
    }

    @Test
    void protocol33NegotiatesDownTo32() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(3, 3, params("user", "alice")));
            List<Message> r = c.readStartupResponse();
            assertNegotiate(r.get(0), 2);
            assertSelectOne(c);
        }
    }

    @Test
    void protocol32IsAcceptedWithA32ByteCancelKey() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(3, 2, params("user", "alice")));
            List<Message> r = c.readStartupResponse();
            assertTrue(r.stream().noneMatch(m -> m.type() == 'v'), "3.2 needs no negotiation");
            Message key = r.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow();
            assertEquals(4 + 32, key.body().length);
            assertSelectOne(c);
        }
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(3, 0, params("user", "alice")));
            Message key = c.readStartupResponse().stream().filter(m -> m.type() == 'K').findFirst().orElseThrow();
            assertEquals(4 + 4, key.body().length, "3.0 clients keep 4-byte keys");
        }
    }

    @Test
    void protocol30WithUnknownOptionsNegotiates() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.startup(3, 0, params("_pq_.a", "x", "user", "alice", "_pq_.b", "y")));
            List<Message> r = c.readStartupResponse();
            assertNegotiate(r.get(0), 0, "_pq_.a", "_pq_.b");
            assertSelectOne(c);
        }
    }

    @Test
    void protocol30WithoutOptionsDoesNotNegotiate() throws Exception {
        try (RawPgClient c = connect()) {
            List<Message> r = c.startup("alice");
            assertEquals('R', r.get(0).type());
            assertTrue(types(r).contains('K'), () -> "no BackendKeyData in " + r);
            assertTrue(types(r).contains('S'), () -> "no ParameterStatus in " + r);
        }
    }

    // --- SSL / GSS / cancel ---------------------------------------------------------------------------------------

    @Test
    void sslRequestWithoutTlsIsRefusedThenStartupWorks() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.sslRequest());
            assertEquals('N', c.readByte());
            c.startup("alice");
            assertSelectOne(c);
        }
    }

    @Test
    void gssEncRequestIsRefusedThenStartupWorks() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.gssEncRequest());
            assertEquals('N', c.readByte());
            c.startup("alice");
            assertSelectOne(c);
        }
    }

    @Test
    void gssThenSslThenStartup() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.gssEncRequest());
            assertEquals('N', c.readByte());
            c.send(FrontendEncoder.sslRequest());
            assertEquals('N', c.readByte());
            c.startup("alice");
            assertSelectOne(c);
        }
    }

    @Test
    void startupPipelinedAfterSslRequestIsFatal() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.sslRequest(), FrontendEncoder.startup(params("user", "alice")));
            assertEquals('N', c.readByte());
            Message e = c.expectError("FATAL", "08P01", "received unencrypted data after SSL request");
            assertEquals("This could be either a client-software bug or evidence of an attempted man-in-the-middle "
                    + "attack.", e.fields().get('D'));
            c.expectClosed();
        }
    }

    @Test
    void secondSslRequestIsRefused() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.sslRequest());
            assertEquals('N', c.readByte());
            c.send(FrontendEncoder.sslRequest());
            int answer = c.peek();
            assertEquals('E', answer, () -> "second SSLRequest answered with '" + (char) answer + "'");
            // PostgreSQL accepts one SSLRequest; a second one is read as a startup packet of version 1234.5679
            c.expectError("FATAL", "0A000", "unsupported frontend protocol 1234.5679: server supports 3.0 to 3.2");
            c.expectClosed();
        }
    }

    @Test
    void cancelRequestWithUnknownKeyClosesSilently() throws Exception {
        try (RawPgClient c = connect()) {
            c.send(FrontendEncoder.cancelRequest(123456, new byte[] {1, 2, 3, 4}));
            c.expectClosed();
        }
        awaitNoSessions();
        assertServerServes();
    }

    @Test
    void cancelRequestWithTheWrongKeyDoesNotDisturbTheSession() throws Exception {
        try (RawPgClient victim = connect()) {
            List<Message> r = victim.startup("alice");
            Message key = r.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow();
            int pid = key.buffer().getInt();
            try (RawPgClient c = connect()) {
                c.send(FrontendEncoder.cancelRequest(pid, new byte[] {0, 0, 0, 0}));
                c.expectClosed();
            }
            assertSelectOne(victim);
        }
    }

    // --- non-fatal errors keep the session ------------------------------------------------------------------------

    @Test
    void invalidUtf8InQueryIsAnErrorAndTheSessionGoesOn() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.message('Q', concat(utf8("select '"), new byte[] {(byte) 0xc3, 0x28},
                    utf8("'"), new byte[1])));
            c.expectError("ERROR", "22021", "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
            c.expectReady('I');
            assertSelectOne(c);
        }
    }

    @Test
    void queryWithoutNulTerminatorIsAnError() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.message('Q', utf8("select 1")));
            c.expectError("ERROR", "08P01", "invalid string in message");
            c.expectReady('I');
            assertSelectOne(c);
        }
    }

    @Test
    void nulInsideAQueryStringIsInvalidMessageFormat() throws Exception {
        // PostgreSQL 15: the string ends at the first NUL, and what follows it is "invalid message format".
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.message('Q', utf8("select 1\0select 2\0")));
            c.expectError("ERROR", "08P01", "invalid message format");
            c.expectReady('I');
            assertSelectOne(c);
        }
    }

    @Test
    void trailingGarbageInSyncIsAnError() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.message('S', utf8("x")));
            c.expectError("ERROR", "08P01", "invalid message format");
            c.expectReady('I');
            assertSelectOne(c);
        }
    }

    @Test
    void truncatedBindIsAnErrorUntilSync() throws Exception {
        byte[] truncatedBind = FrontendEncoder.message('B', new FrontendEncoder.Body().cstring("").cstring("")
                .int16(1).bytes());
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.parse("", "select 1"), truncatedBind, FrontendEncoder.execute("", 0),
                    FrontendEncoder.sync());
            assertEquals('1', c.read().type());
            c.expectError("ERROR", "08P01", "insufficient data left in message");
            c.expectReady('I');
            assertSelectOne(c);
        }
    }

    @Test
    void malformedMessagesWhileSkippingToSyncAreIgnored() throws Exception {
        // PostgreSQL 15: after an error in an extended-query batch, messages up to Sync are read and dropped
        // without being parsed, so a second malformed Bind gives no second error (and certainly no FATAL).
        byte[] truncatedBind = FrontendEncoder.message('B', new FrontendEncoder.Body().cstring("").cstring("")
                .int16(1).bytes());
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.parse("", "select 1"), truncatedBind, truncatedBind,
                    FrontendEncoder.describe('X', ""), FrontendEncoder.sync());
            assertEquals('1', c.read().type());
            c.expectError("ERROR", "08P01", "insufficient data left in message");
            c.expectReady('I');
            assertSelectOne(c);
        }
    }

    @Test
    void functionCallIsNotSupported() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.functionCall(1598, List.of(), List.of(), (short) 0));
            Message e = c.read();
            assertEquals('E', e.type(), () -> "expected ErrorResponse, got " + e);
            assertEquals("ERROR", e.fields().get('S'));
            assertEquals("0A000", e.fields().get('C'));
            c.expectReady('I');
            assertSelectOne(c);
        }
    }

    @Test
    void copyMessagesOutsideCopyAreIgnored() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.copyData(utf8("1\tx\n")), FrontendEncoder.copyDone(),
                    FrontendEncoder.copyFail("nope"));
            assertSelectOne(c);
        }
    }

    @Test
    void emptyQueryGivesEmptyQueryResponse() throws Exception {
        try (RawPgClient c = connected()) {
            assertEquals(List.of('I', 'Z'), types(c.query("")));
            assertEquals(List.of('I', 'Z'), types(c.query("  ;  ")));
            assertSelectOne(c);
        }
    }

    @Test
    void terminateClosesWithoutAnswer() throws Exception {
        try (RawPgClient c = connected()) {
            c.send(FrontendEncoder.terminate());
            c.expectClosed();
        }
        awaitNoSessions();
    }

    // --- authentication over the wire -----------------------------------------------------------------------------

    @Test
    void cleartextPasswordMessageIsAccepted() throws Exception {
        try (PgServer secured = PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> MalformedInputTest::answer)
                .authentication(AuthMethod.PASSWORD, CredentialStore.of(Map.of("alice", "secret")))
                .build().start();
             RawPgClient c = RawPgClient.connect(secured.port())) {
            c.send(FrontendEncoder.startup(params("user", "alice")));
            Message request = c.read();
            assertEquals('R', request.type(), () -> "expected an authentication request, got " + request);
            assertEquals(3, request.buffer().getInt(), "AuthenticationCleartextPassword");
            c.send(FrontendEncoder.password("secret"));
            c.readStartupResponse();
            assertSelectOne(c);
        }
    }
}
