package io.pgserve.server;

import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Messages a client sends without waiting are processed strictly in order, one at a time, even though the handler
 * completes on worker threads after random delays.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipeliningTest {
    private PgServer server;

    @BeforeEach
    void start() {
        server = PgServer.builder().port(0).handler(session -> query -> {
            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            String sql = query.sql();
            if (sql.equals("fail")) {
                throw new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            Object value = query.parameters().isEmpty() ? sql : query.parameters().get(0);
            return QueryResult.rows(List.of(Column.of("v", PgType.TEXT)), List.<Object[]>of(new Object[] {value}));
        }).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<String> dataRows(List<RawPgClient.Message> messages) {
        List<String> values = new ArrayList<>();
        for (RawPgClient.Message m : messages) {
            if (m.type() == 'D') {
                var b = m.buffer();
                b.getShort();
                byte[] v = new byte[b.getInt()];
                b.get(v);
                values.add(new String(v, StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Test
    void simpleQueriesSentInOneWriteAreAnsweredInOrder() throws Exception {
        try (RawPgClient client = RawPgClient.connect(server.port())) {
            client.startup("u");
            List<byte[]> parts = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                parts.add(FrontendEncoder.query("q" + i));
                expected.add("q" + i);
            }
            client.send(parts.toArray(new byte[0][]));
            List<RawPgClient.Message> all = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                all.addAll(client.readUntil('Z'));
            }
            assertEquals(expected, dataRows(all));
        }
    }

    @Test
    void extendedBatchBeforeOneSyncKeepsItsOrder() throws Exception {
        try (RawPgClient client = RawPgClient.connect(server.port())) {
            client.startup("u");
            List<byte[]> parts = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            parts.add(FrontendEncoder.parse("s", "select $1", 25));
            for (int i = 0; i < 30; i++) {
                parts.add(FrontendEncoder.bind("", "s", List.of(), List.of(("v" + i).getBytes(StandardCharsets.UTF_8)),
                        List.of()));
                parts.add(FrontendEncoder.execute("", 0));
                expected.add("v" + i);
            }
            parts.add(FrontendEncoder.sync());
            client.send(parts.toArray(new byte[0][]));
            List<RawPgClient.Message> answer = client.readUntil('Z');
            assertEquals(expected, dataRows(answer));
            assertEquals('1', answer.get(0).type());
            assertEquals('I', (char) answer.get(answer.size() - 1).body()[0]);
        }
    }

    @Test
    void anErrorSkipsTheRestOfTheBatchUntilSync() throws Exception {
        try (RawPgClient client = RawPgClient.connect(server.port())) {
            client.startup("u");
            client.send(
                    FrontendEncoder.parse("", "first"), FrontendEncoder.bind("", "", List.of(), List.of(), List.of()),
                    FrontendEncoder.execute("", 0),
                    FrontendEncoder.parse("", "fail"), FrontendEncoder.bind("", "", List.of(), List.of(), List.of()),
                    FrontendEncoder.execute("", 0),
                    FrontendEncoder.parse("", "skipped"), FrontendEncoder.bind("", "", List.of(), List.of(), List.of()),
                    FrontendEncoder.execute("", 0),
                    FrontendEncoder.sync(),
                    FrontendEncoder.query("after"));
            List<RawPgClient.Message> batch = client.readUntil('Z');
            assertEquals(List.of('1', '2', 'D', 'C', '1', '2', 'E', 'Z'), RawPgClient.types(batch));
            assertEquals(List.of("first"), dataRows(batch));
            List<RawPgClient.Message> next = client.readUntil('Z');
            assertEquals(List.of("after"), dataRows(next));
        }
    }
}
