package io.pgserve.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import io.pgserve.server.copy.CopyOptions;
import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.internal.session.ServerRuntime;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that vanish at the worst moment — while rows stream, in the middle of COPY FROM STDIN, of the TLS
 * handshake, of a SCRAM exchange, or while their statement runs: the session is cleaned up (gone from
 * {@link PgServer#sessionCount()}, handler closed once and never while one of its calls runs, COPY aborted, row
 * stream closed, LISTEN registrations removed).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VanishingClientsTest {
    private PgServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Records what the server did with one session's handler. */
    static final class Recorder {
        final AtomicInteger handlerCloses = new AtomicInteger();
        final AtomicInteger streamsOpened = new AtomicInteger();
        final AtomicInteger streamCloses = new AtomicInteger();
        final AtomicInteger copiesStarted = new AtomicInteger();
        final AtomicInteger rowsProduced = new AtomicInteger();
        final List<Object[]> copiedRows = new CopyOnWriteArrayList<>();
        final List<Throwable> copyAborts = new CopyOnWriteArrayList<>();
        final AtomicInteger copyFinishes = new AtomicInteger();
        /** Handler calls (execute, a row, a COPY row) running now, over all sessions. */
        final AtomicInteger callsRunning = new AtomicInteger();
        /** close() or abort() ran while a call was still running: the "one call at a time" contract broken. */
        final List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch blockedStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch copyRowStarted = new CountDownLatch(1);

        /** A call starts on a session's handler whose own flag is {@code inCall}. */
        void enter(AtomicBoolean inCall) {
            callsRunning.incrementAndGet();
            if (!inCall.compareAndSet(false, true)) {
                overlaps.add("two calls at once");
            }
        }

        void leave(AtomicBoolean inCall) {
            inCall.set(false);
            callsRunning.decrementAndGet();
        }

        void checkNoCall(AtomicBoolean inCall, String what) {
            if (inCall.get()) {
                overlaps.add(what + " while a call ran");
            }
        }

        /** Waits for {@link #release} without giving up on interrupts, as a handler deaf to cancellation would. */
        void awaitReleaseUninterruptibly() {
            boolean interrupted = false;
            while (true) {
                try {
                    if (release.await(30, TimeUnit.SECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final List<Column> ONE_INT = List.of(Column.of("n", PgType.INT4));

    private static QueryHandler handler(Recorder r) {
        AtomicBoolean inCall = new AtomicBoolean(); // this session's
        return new QueryHandler() {
            @Override
            public QueryResult execute(Query query) {
                r.enter(inCall);
                try {
                    String sql = query.sql();
                    if (sql.equals("stream")) {
                        r.streamsOpened.incrementAndGet();
                        return QueryResult.rows(ONE_INT, new RowStream() {
                            @Override
                            public Object[] next() {
                                r.enter(inCall);
                                try {
                                    return new Object[] {r.rowsProduced.incrementAndGet()};
                                } finally {
                                    r.leave(inCall);
                                }
                            }

                            @Override
                            public void close() {
                                r.streamCloses.incrementAndGet();
                            }
                        });
                    }
                    if (sql.equals("block")) {
                        r.blockedStarted.countDown();
                        r.awaitReleaseUninterruptibly();
                        return QueryResult.command("SELECT", 0);
                    }
                    if (sql.startsWith("copy")) {
                        r.copiesStarted.incrementAndGet();
                        return QueryResult.copyIn(ONE_INT, CopyOptions.text(), new CopyInSink() {
                            @Override
                            public void row(Object[] values) {
                                r.enter(inCall);
                                try {
                                    r.copiedRows.add(values);
                                    if (sql.equals("copy slow") && r.copiedRows.size() == 3) {
                                        r.copyRowStarted.countDown();
                                        r.awaitReleaseUninterruptibly();
                                    }
                                } finally {
                                    r.leave(inCall);
                                }
                            }

                            @Override
                            public QueryResult.Command finish(long rows) {
                                r.copyFinishes.incrementAndGet();
                                return QueryResult.command("COPY", rows);
                            }

                            @Override
                            public void abort(Throwable cause) {
                                r.checkNoCall(inCall, "COPY abort");
                                r.copyAborts.add(cause);
                            }
                        });
                    }
                    return QueryResult.command("SELECT", 0);
                } finally {
                    r.leave(inCall);
                }
            }

            @Override
            public void close() {
                r.checkNoCall(inCall, "handler close");
                r.handlerCloses.incrementAndGet();
            }
        };
    }

    private Recorder startServer(java.util.function.UnaryOperator<PgServer.Builder> config) {
        Recorder r = new Recorder();
        server = config.apply(PgServer.builder().port(0).handler(s -> handler(r))).build().start();
        return r;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    static int listenRegistrations(PgServer server) throws ReflectiveOperationException {
        java.lang.reflect.Field f = PgServer.class.getDeclaredField("runtime");
        f.setAccessible(true);
        return ((ServerRuntime) f.get(server)).listenRegistrations();
    }

    /** Closes with a reset (SO_LINGER 0), as a killed process or a pulled cable looks to the server. */
    private static void vanish(RawPgClient c) throws IOException {
        c.resetOnClose();
        c.close();
    }

    private void assertCleanedUp(Recorder r, int handlers) throws Exception {
        await(() -> server.sessionCount() == 0, "sessionCount 0, was " + server.sessionCount());
        await(() -> r.handlerCloses.get() == handlers, "handler closed");
        assertEquals(0, listenRegistrations(server), "LISTEN registrations left behind");
        Thread.sleep(50); // nothing more may arrive late
        assertEquals(handlers, r.handlerCloses.get(), "handler closed once");
        assertEquals(List.of(), r.overlaps);
    }

    @Test
    void midQueryWhileRowsStream() throws Exception {
        Recorder r = startServer(b -> b);
        RawPgClient c = RawPgClient.connect(server.port(), 4096);
        c.startup("u");
        c.query("LISTEN ch");
        assertEquals(1, listenRegistrations(server));
        c.send(FrontendEncoder.query("stream"));
        assertEquals('T', c.read().type());
        for (int i = 0; i < 1000; i++) {
            assertEquals('D', c.read().type());
        }
        vanish(c);
        assertCleanedUp(r, 1);
        assertEquals(1, r.streamCloses.get(), "row stream closed");
        int produced = r.rowsProduced.get();
        Thread.sleep(100);
        assertEquals(produced, r.rowsProduced.get(), "rows still pulled after the client left");
    }

    @Test
    void midQueryWhileTheHandlerRunsClosesTheHandlerOnlyAfterItsCall() throws Exception {
        Recorder r = startServer(b -> b);
        RawPgClient c = RawPgClient.connect(server.port());
        c.startup("u");
        c.query("LISTEN ch");
        c.send(FrontendEncoder.query("block"));
        assertTrue(r.blockedStarted.await(10, TimeUnit.SECONDS));
        vanish(c);
        await(() -> server.sessionCount() == 0, "sessionCount 0");
        assertEquals(0, listenRegistrations(server));
        Thread.sleep(100);
        assertEquals(0, r.handlerCloses.get(), "handler closed while its execute() still ran");
        r.release.countDown();
        assertCleanedUp(r, 1);
    }

    @Test
    void midCopyFromStdin() throws Exception {
        Recorder r = startServer(b -> b);
        RawPgClient c = RawPgClient.connect(server.port());
        c.startup("u");
        c.send(FrontendEncoder.query("copy t from stdin"));
        assertEquals('G', c.read().type());
        c.send(FrontendEncoder.copyData("1\n2\n3\n4".getBytes(StandardCharsets.US_ASCII))); // "4" half a row
        await(() -> r.copiedRows.size() == 3, "three rows copied");
        vanish(c);
        assertCleanedUp(r, 1);
        assertEquals(1, r.copyAborts.size(), "COPY aborted once");
        assertEquals(0, r.copyFinishes.get(), "a half-sent COPY must not finish");
        assertEquals(3, r.copiedRows.size());
    }

    @Test
    void midCopyWhileTheSinkIsBusyAbortsOnlyAfterItsCall() throws Exception {
        Recorder r = startServer(b -> b);
        RawPgClient c = RawPgClient.connect(server.port());
        c.startup("u");
        c.send(FrontendEncoder.query("copy slow"));
        assertEquals('G', c.read().type());
        c.send(FrontendEncoder.copyData("1\n2\n3\n4\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(r.copyRowStarted.await(10, TimeUnit.SECONDS));
        vanish(c);
        await(() -> server.sessionCount() == 0, "sessionCount 0");
        Thread.sleep(100);
        assertEquals(List.of(), r.copyAborts, "COPY aborted while its sink was still taking a row");
        r.release.countDown();
        assertCleanedUp(r, 1);
        assertEquals(1, r.copyAborts.size());
        assertEquals(0, r.copyFinishes.get());
    }

    private static SslContext selfSigned() throws Exception {
        X509Bundle cert = new CertificateBuilder().subject("CN=localhost").addSanIpAddress("127.0.0.1").ecp256()
                .setIsCertificateAuthority(true).buildSelfSigned();
        return SslContextBuilder.forServer(cert.getKeyPair().getPrivate(), cert.getCertificatePath()).build();
    }

    /** The first bytes of a TLS 1.2 ClientHello record: header, handshake type, part of a body. */
    private static final byte[] HALF_CLIENT_HELLO = {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00, 0x00,
            (byte) 0xc4, 0x03, 0x03, 1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void midTlsHandshake() throws Exception {
        SslContext ssl = selfSigned();
        Recorder r = startServer(b -> b.tls(ssl));
        // After SSLRequest: 'S', then half a ClientHello.
        RawPgClient a = RawPgClient.connect(server.port());
        a.send(FrontendEncoder.sslRequest());
        assertEquals('S', a.readByte());
        a.send(HALF_CLIENT_HELLO);
        // Direct TLS (PostgreSQL 17's sslnegotiation=direct): half a ClientHello as the first bytes.
        RawPgClient b = RawPgClient.connect(server.port());
        b.send(HALF_CLIENT_HELLO);
        // After 'S', nothing at all.
        RawPgClient d = RawPgClient.connect(server.port());
        d.send(FrontendEncoder.sslRequest());
        assertEquals('S', d.readByte());
        await(() -> server.sessionCount() == 3, "three sessions");
        vanish(a);
        vanish(b);
        d.close();
        assertCleanedUp(r, 0);
    }

    @Test
    void midScramExchange() throws Exception {
        Recorder r = startServer(b -> b.authentication(AuthMethod.SCRAM_SHA_256,
                CredentialStore.of(Map.of("alice", "secret"))));
        RawPgClient c = RawPgClient.connect(server.port());
        c.send(FrontendEncoder.startup(Map.of("user", "alice")));
        RawPgClient.Message sasl = c.read();
        assertEquals('R', sasl.type());
        assertEquals(10, sasl.buffer().getInt(), "AuthenticationSASL");
        c.send(FrontendEncoder.password(saslInitialResponse("n,,n=,r=rOprNGfwEbeRWgbNEkqO")));
        RawPgClient.Message cont = c.read();
        assertEquals('R', cont.type());
        assertEquals(11, cont.buffer().getInt(), "AuthenticationSASLContinue");
        vanish(c); // the client-final message never comes
        assertCleanedUp(r, 0); // no handler was ever created
    }

    private static byte[] saslInitialResponse(String clientFirst) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("SCRAM-SHA-256\0".getBytes(StandardCharsets.US_ASCII));
        byte[] first = clientFirst.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(first.length);
        out.write(first);
        return bytes.toByteArray();
    }

    @Test
    void manyVanishingClientsAtOnceLeaveNothingBehind() throws Exception {
        Recorder r = startServer(b -> b);
        List<RawPgClient> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RawPgClient c = RawPgClient.connect(server.port(), 4096);
            c.startup("u");
            c.query("LISTEN ch" + (i % 5));
            // Sent, not waited for: the client vanishes before, during or after the server starts the statement.
            c.send(FrontendEncoder.query(i % 2 == 0 ? "stream" : "copy t from stdin"),
                    i % 4 == 1 ? FrontendEncoder.copyData("1\n2\n3".getBytes(StandardCharsets.US_ASCII)) : new byte[0]);
            clients.add(c);
        }
        for (RawPgClient c : clients) {
            vanish(c);
        }
        assertCleanedUp(r, 50);
        assertEquals(0, r.callsRunning.get());
        assertEquals(r.streamsOpened.get(), r.streamCloses.get(), "every row stream closed");
        assertEquals(r.copiesStarted.get(), r.copyAborts.size(), "every COPY aborted");
        assertEquals(0, r.copyFinishes.get());
        System.out.printf("50 clients vanished: %d row streams and %d COPYs were under way%n",
                r.streamsOpened.get(), r.copiesStarted.get());
    }
}
