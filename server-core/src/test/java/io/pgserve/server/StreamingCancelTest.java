package io.pgserve.server;

import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CancelRequest reaches a statement whose rows are parked on a full socket (the client stopped reading): the
 * pump wakes up, stops, closes the row stream, and the client gets 57014 after the rows already sent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamingCancelTest {
    private PgServer server;
    private final AtomicLong pulled = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void cancelReachesAParkedRowStream() throws Exception {
        server = PgServer.builder().port(0).handler(session -> query -> QueryResult.rows(
                List.of(Column.of("n", PgType.INT8)), new RowStream() {
                    @Override
                    public Object[] next() {
                        return new Object[] {pulled.incrementAndGet()};
                    }

                    @Override
                    public void close() {
                        closed.set(true);
                    }
                })).build().start();
        try (RawPgClient client = RawPgClient.connect(server.port())) {
            List<RawPgClient.Message> greeting = client.startup("u");
            ByteBuffer key = greeting.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow().buffer();
            int pid = key.getInt();
            byte[] secret = new byte[key.remaining()];
            key.get(secret);

            client.send(FrontendEncoder.query("select n from endless"));
            // The socket buffers (several MiB on loopback) fill first; then the server must stop pulling.
            long parkedAt = -1;
            // (Parked means pulling started and then stopped: under heavy load the statement may not have begun.)
            for (int i = 0; i < 100 && (parkedAt != pulled.get() || parkedAt <= 0); i++) {
                parkedAt = pulled.get();
                Thread.sleep(200);
            }
            assertEquals(parkedAt, pulled.get(), "the server kept pulling rows the client did not read");
            assertTrue(parkedAt < 2_000_000, "pulled " + parkedAt + " rows into buffers");

            try (RawPgClient canceller = RawPgClient.connect(server.port())) {
                canceller.send(FrontendEncoder.cancelRequest(pid, secret));
                canceller.expectClosed();
            }
            List<RawPgClient.Message> rest = client.readUntil('Z');
            RawPgClient.Message last = rest.get(rest.size() - 2);
            assertEquals('E', last.type(), "expected an error before ReadyForQuery, got " + last);
            assertTrue(new String(last.body()).contains("57014"), last.toString());
            assertTrue(rest.stream().filter(m -> m.type() == 'D').count() <= pulled.get());
            assertTrue(closed.get(), "row stream not closed");
        }
    }

    @Test
    void cancelWithAWrongKeyIsIgnored() throws Exception {
        server = PgServer.builder().port(0).handler(session -> query -> {
            Thread.sleep(300);
            return QueryResult.command("SELECT", 0);
        }).build().start();
        try (RawPgClient client = RawPgClient.connect(server.port())) {
            List<RawPgClient.Message> greeting = client.startup("u");
            ByteBuffer key = greeting.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow().buffer();
            int pid = key.getInt();
            byte[] secret = new byte[key.remaining()];
            key.get(secret);
            byte[] wrong = Arrays.copyOf(secret, secret.length);
            wrong[0] ^= 1;
            client.send(FrontendEncoder.query("select slow"));
            try (RawPgClient canceller = RawPgClient.connect(server.port())) {
                canceller.send(FrontendEncoder.cancelRequest(pid, wrong));
                canceller.expectClosed();
            }
            List<RawPgClient.Message> answer = client.readUntil('Z');
            assertEquals(List.of('C', 'Z'), RawPgClient.types(answer));
        }
    }

    @Test
    void cancelReachesAResumedPortal() throws Exception {
        server = PgServer.builder().port(0).handler(session -> query -> QueryResult.rows(
                List.of(Column.of("n", PgType.INT8)), () -> new Object[] {pulled.incrementAndGet()}))
                .build().start();
        try (RawPgClient client = RawPgClient.connect(server.port())) {
            List<RawPgClient.Message> greeting = client.startup("u");
            ByteBuffer key = greeting.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow().buffer();
            int pid = key.getInt();
            byte[] secret = new byte[key.remaining()];
            key.get(secret);
            client.send(FrontendEncoder.query("begin"));
            client.readUntil('Z');
            client.send(FrontendEncoder.parse("", "select n from endless"),
                    FrontendEncoder.bind("c", "", List.of(), List.of(), List.of()),
                    FrontendEncoder.execute("c", 10), FrontendEncoder.sync());
            List<RawPgClient.Message> first = client.readUntil('Z');
            assertEquals(10, first.stream().filter(m -> m.type() == 'D').count());
            assertEquals('s', first.get(first.size() - 2).type(), "PortalSuspended");

            // The rest of the portal, to a client that does not read: the resumed pump parks, then is cancelled.
            client.send(FrontendEncoder.execute("c", 0), FrontendEncoder.sync());
            long parkedAt = -1;
            // (Parked means pulling started and then stopped: under heavy load the statement may not have begun.)
            for (int i = 0; i < 100 && (parkedAt != pulled.get() || parkedAt <= 0); i++) {
                parkedAt = pulled.get();
                Thread.sleep(200);
            }
            try (RawPgClient canceller = RawPgClient.connect(server.port())) {
                canceller.send(FrontendEncoder.cancelRequest(pid, secret));
                canceller.expectClosed();
            }
            List<RawPgClient.Message> rest = client.readUntil('Z');
            RawPgClient.Message error = rest.get(rest.size() - 2);
            assertEquals('E', error.type());
            assertEquals("57014", error.fields().get('C'));
            assertEquals('E', (char) rest.get(rest.size() - 1).body()[0], "the block is now failed");
        }
    }

    @Test
    void protocol32CancelWithA32ByteKey() throws Exception {
        server = PgServer.builder().port(0).handler(session -> query -> {
            Thread.sleep(30_000);
            return QueryResult.command("SELECT", 0);
        }).build().start();
        try (RawPgClient client = RawPgClient.connect(server.port())) {
            client.send(FrontendEncoder.startup(3, 2, java.util.Map.of("user", "u")));
            List<RawPgClient.Message> greeting = client.readStartupResponse();
            ByteBuffer key = greeting.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow().buffer();
            int pid = key.getInt();
            byte[] secret = new byte[key.remaining()];
            key.get(secret);
            assertEquals(32, secret.length);
            client.send(FrontendEncoder.query("select slow"));
            Thread.sleep(200);
            try (RawPgClient canceller = RawPgClient.connect(server.port())) {
                canceller.send(FrontendEncoder.cancelRequest(pid, Arrays.copyOf(secret, 4)));
                canceller.expectClosed();
            }
            Thread.sleep(200);
            try (RawPgClient canceller = RawPgClient.connect(server.port())) {
                canceller.send(FrontendEncoder.cancelRequest(pid, secret));
                canceller.expectClosed();
            }
            List<RawPgClient.Message> answer = client.readUntil('Z');
            assertEquals("57014", answer.get(0).fields().get('C'));
        }
    }
}
