package io.pgserve.server;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.copy.CopyCommand;
import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** COPY at the protocol level: raw-data sinks, COPY in an extended-protocol batch, messages outside COPY. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CopyProtocolTest {
    private PgServer server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<Object[]> rows = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private void start() {
        server = PgServer.builder().port(0).handler(session -> query -> {
            CopyCommand copy = CopyCommand.parse(query.sql());
            if (copy.table().equals("raw")) {
                return QueryResult.copyIn(List.of(Column.of("line", PgType.TEXT)), copy.options(), new CopyInSink() {
                    @Override
                    public void row(Object[] values) {
                        throw new AssertionError("raw sink");
                    }

                    @Override
                    public boolean wantsRawData() {
                        return true;
                    }

                    @Override
                    public void data(ByteBuf chunk) {
                        byte[] b = new byte[chunk.readableBytes()];
                        chunk.readBytes(b);
                        received.writeBytes(b);
                    }
                });
            }
            return QueryResult.copyIn(List.of(Column.of("a", PgType.INT4), Column.of("b", PgType.TEXT)),
                    copy.options(), rows::add);
        }).build().start();
    }

    @Test
    void rawSinkGetsTheBytesAsSent() throws Exception {
        start();
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            c.send(FrontendEncoder.query("COPY raw FROM STDIN"));
            RawPgClient.Message g = c.expectRead('G');
            assertEquals(0, g.body()[0], "text format");
            c.send(FrontendEncoder.copyData("a\tb\n".getBytes(StandardCharsets.UTF_8)),
                    FrontendEncoder.copyData("c".getBytes(StandardCharsets.UTF_8)),
                    FrontendEncoder.copyData("\td\n".getBytes(StandardCharsets.UTF_8)), FrontendEncoder.copyDone());
            assertEquals("COPY 3", c.expectRead('C').cString());
            c.expectReady('I');
            assertEquals("a\tb\nc\td\n", received.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void copyInsideAnExtendedProtocolBatch() throws Exception {
        start();
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            c.send(FrontendEncoder.parse("", "COPY t FROM STDIN (FORMAT csv)"),
                    FrontendEncoder.bind("", "", List.of(), List.of(), List.of()), FrontendEncoder.execute("", 0));
            c.expectRead('1');
            c.expectRead('2');
            c.expectRead('G');
            c.send(FrontendEncoder.copyData("1,one\n2,two\n".getBytes(StandardCharsets.UTF_8)),
                    FrontendEncoder.copyDone(), FrontendEncoder.sync());
            assertEquals("COPY 2", c.expectRead('C').cString());
            c.expectReady('I');
            assertEquals(2, rows.size());
            assertEquals("two", rows.get(1)[1]);
        }
    }

    @Test
    void badDataEndsTheCopyAndLaterCopyDataIsIgnored() throws Exception {
        start();
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            c.send(FrontendEncoder.query("COPY t FROM STDIN"));
            c.expectRead('G');
            c.send(FrontendEncoder.copyData("x\ty\n".getBytes(StandardCharsets.UTF_8)));
            RawPgClient.Message e = c.expectError("ERROR", "22P02", "invalid input syntax for type integer: \"x\"");
            assertEquals("COPY t, line 1, column a: \"x\"", e.fields().get('W'));
            c.expectReady('I');
            // The client had more in flight: ignored outside COPY, as PostgreSQL does.
            c.send(FrontendEncoder.copyData("3\tz\n".getBytes(StandardCharsets.UTF_8)), FrontendEncoder.copyDone());
            c.send(FrontendEncoder.query("COPY t FROM STDIN"));
            c.expectRead('G');
            c.send(FrontendEncoder.copyFail("changed my mind"));
            c.expectError("ERROR", "57014", "COPY from stdin failed: changed my mind");
            c.expectReady('I');
            assertTrue(rows.isEmpty());
        }
    }

    @Test
    void parameterStatusPushedToAnIdleSession() throws Exception {
        start();
        try (RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            server.sessions().get(0).sendParameterStatus("application_name", "renamed by the server");
            RawPgClient.Message s = c.expectRead('S');
            assertEquals("application_name\0renamed by the server\0", new String(s.body(), StandardCharsets.UTF_8));
            server.sessions().get(0).sendNotice(PgException.builder("01000", "heads up")
                    .severity(PgException.Severity.WARNING).build());
            assertEquals("heads up", c.expectRead('N').fields().get('M'));
        }
    }
}
