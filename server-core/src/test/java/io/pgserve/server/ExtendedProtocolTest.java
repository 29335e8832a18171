package io.pgserve.server;

import io.pgserve.server.extended.EchoHandler;
import io.pgserve.server.internal.protocol.FrontendEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The extended query protocol's rules, message by message, against PostgreSQL's answers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExtendedProtocolTest {
    private PgServer server;
    private RawPgClient c;

    @BeforeEach
    void start() throws Exception {
        server = PgServer.builder().port(0).handler(session -> new EchoHandler()).build().start();
        c = RawPgClient.connect(server.port());
        c.startup("u");
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bind(String portal, String statement, byte[]... values) {
        return FrontendEncoder.bind(portal, statement, List.of(), List.of(values), List.of());
    }

    private static List<Integer> parameterOids(RawPgClient.Message t) {
        ByteBuffer b = t.buffer();
        int n = b.getShort();
        List<Integer> oids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            oids.add(b.getInt());
        }
        return oids;
    }

    /** (type OID, format) of each field of a RowDescription. */
    private static List<List<Integer>> fields(RawPgClient.Message t) {
        ByteBuffer b = t.buffer();
        int n = b.getShort();
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            while (b.get() != 0) {
                // skip the name
            }
            b.getInt();
            b.getShort();
            int oid = b.getInt();
            b.getShort();
            b.getInt();
            out.add(List.of(oid, (int) b.getShort()));
        }
        return out;
    }

    @Test
    void describeStatementInfersParameterTypesFromTheSql() throws Exception {
        c.send(FrontendEncoder.parse("s", "SELECT $1::date, $2, $3::pg_catalog.int8 LIMIT $4", 0, 0),
                FrontendEncoder.describe('S', "s"), FrontendEncoder.sync());
        List<RawPgClient.Message> answer = c.readUntil('Z');
        assertEquals(List.of('1', 't', 'T', 'Z'), RawPgClient.types(answer));
        assertEquals(List.of(1082, 25, 20, 20), parameterOids(answer.get(1)));
        assertEquals(List.of(List.of(1082, 0), List.of(25, 0), List.of(20, 0), List.of(20, 0)),
                fields(answer.get(2)));
    }

    @Test
    void parseTypesWinOverInference() throws Exception {
        c.send(FrontendEncoder.parse("", "SELECT $1::text", 23), FrontendEncoder.describe('S', ""),
                FrontendEncoder.sync());
        List<RawPgClient.Message> answer = c.readUntil('Z');
        assertEquals(List.of(23), parameterOids(answer.get(1)));
    }

    @Test
    void describePortalReportsTheBindFormats() throws Exception {
        c.send(FrontendEncoder.parse("", "SELECT $1::int4, $2::text", 0, 0),
                FrontendEncoder.bind("", "", List.of(), List.of(utf8("7"), utf8("x")), List.of((short) 1, (short) 0)),
                FrontendEncoder.describe('P', ""), FrontendEncoder.execute("", 0), FrontendEncoder.sync());
        List<RawPgClient.Message> answer = c.readUntil('Z');
        assertEquals(List.of('1', '2', 'T', 'D', 'C', 'Z'), RawPgClient.types(answer));
        assertEquals(List.of(List.of(23, 1), List.of(25, 0)), fields(answer.get(2)));
        ByteBuffer row = answer.get(3).buffer();
        assertEquals(2, row.getShort());
        assertEquals(4, row.getInt());
        assertEquals(7, row.getInt());
        assertEquals(1, row.getInt());
        assertEquals('x', row.get());
        assertEquals("SELECT 1", answer.get(4).cString());
    }

    @Test
    void wrongParameterCountIsAProtocolViolation() throws Exception {
        c.send(FrontendEncoder.parse("", "SELECT $1::int4"), bind("", "", utf8("1"), utf8("2")),
                FrontendEncoder.execute("", 0), FrontendEncoder.sync());
        c.expectRead('1');
        c.expectError("ERROR", "08P01", "bind message supplies 2 parameters, but prepared statement \"\" requires 1");
        c.expectReady('I');
    }

    @Test
    void badParameterValueGets22P02() throws Exception {
        c.send(FrontendEncoder.parse("", "SELECT $1::int4"), bind("", "", utf8("abc")), FrontendEncoder.sync());
        c.expectRead('1');
        RawPgClient.Message e = c.expectError("ERROR", "22P02", "invalid input syntax for type integer: \"abc\"");
        assertEquals("unnamed portal parameter $1 = 'abc'", e.fields().get('W'));
        c.expectReady('I');
    }

    @Test
    void unknownStatementPortalAndDuplicates() throws Exception {
        c.send(bind("", "nope"), FrontendEncoder.sync());
        c.expectError("ERROR", "26000", "prepared statement \"nope\" does not exist");
        c.expectReady('I');
        c.send(FrontendEncoder.execute("nope", 0), FrontendEncoder.sync());
        c.expectError("ERROR", "34000", "portal \"nope\" does not exist");
        c.expectReady('I');
        c.send(FrontendEncoder.parse("dup", "SELECT 1"), FrontendEncoder.parse("dup", "SELECT 2"),
                FrontendEncoder.sync());
        c.expectRead('1');
        c.expectError("ERROR", "42P05", "prepared statement \"dup\" already exists");
        c.expectReady('I');
        c.send(FrontendEncoder.close('S', "dup"), FrontendEncoder.close('S', "never-existed"), bind("", "dup"),
                FrontendEncoder.sync());
        c.expectRead('3');
        c.expectRead('3');
        c.expectError("ERROR", "26000", "prepared statement \"dup\" does not exist");
        c.expectReady('I');
    }

    @Test
    void executeWithARowLimitSuspendsAndResumes() throws Exception {
        c.send(FrontendEncoder.query("BEGIN"));
        c.readUntil('Z');
        c.send(FrontendEncoder.parse("", "SELECT n FROM generate(5)"), bind("p", ""),
                FrontendEncoder.execute("p", 2), FrontendEncoder.execute("p", 2), FrontendEncoder.execute("p", 2),
                FrontendEncoder.execute("p", 2), FrontendEncoder.sync());
        List<RawPgClient.Message> answer = c.readUntil('Z');
        assertEquals(List.of('1', '2', 'D', 'D', 's', 'D', 'D', 's', 'D', 'C', 'C', 'Z'),
                RawPgClient.types(answer));
        assertEquals("SELECT 1", answer.get(9).cString());
        assertEquals("SELECT 0", answer.get(10).cString());
        c.send(FrontendEncoder.query("COMMIT"));
        c.readUntil('Z');
        // Portals end with their transaction.
        c.send(FrontendEncoder.execute("p", 0), FrontendEncoder.sync());
        c.expectError("ERROR", "34000", "portal \"p\" does not exist");
        c.expectReady('I');
    }

    @Test
    void flushSendsWhatIsPendingWithoutEndingTheBatch() throws Exception {
        c.send(FrontendEncoder.parse("f", "SELECT $1::int4"), FrontendEncoder.flush());
        c.expectRead('1');
        c.send(bind("", "f", utf8("5")), FrontendEncoder.execute("", 0), FrontendEncoder.sync());
        assertEquals(List.of('2', 'D', 'C', 'Z'), RawPgClient.types(c.readUntil('Z')));
    }
}
