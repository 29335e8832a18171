package io.pgserve.server;

import io.pgserve.server.extended.EchoHandler;
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

/** PREPARE/EXECUTE/DEALLOCATE and DECLARE/FETCH/MOVE/CLOSE served by the session for any handler. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SqlCommandsTest {
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

    /** Each statement's outcome: its data rows' first values and its tag, or "ERROR sqlstate message". */
    private List<String> run(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (RawPgClient.Message m : c.query(sql)) {
            switch (m.type()) {
                case 'D': {
                    ByteBuffer b = m.buffer();
                    b.getShort();
                    int len = b.getInt();
                    rows.add(len < 0 ? "NULL" : new String(m.body(), 6, len, StandardCharsets.UTF_8));
                    break;
                }
                case 'C':
                    out.add((rows.isEmpty() ? "" : String.join(",", rows) + " ") + m.cString());
                    rows.clear();
                    break;
                case 'E':
                    out.add("ERROR " + m.fields().get('C') + " " + m.fields().get('M'));
                    break;
                default:
                    break;
            }
        }
        return out;
    }

    @Test
    void prepareExecuteDeallocate() throws Exception {
        assertEquals(List.of("PREPARE"), run("PREPARE p (int4, text) AS SELECT $1, $2"));
        assertEquals(List.of("7 SELECT 1"), run("EXECUTE p(7, 'seven')"));
        assertEquals(List.of("-3 SELECT 1"), run("EXECUTE p (-3, 'x')"));
        assertEquals(List.of("ERROR 42601 wrong number of parameters for prepared statement \"p\""),
                run("EXECUTE p(1)"));
        assertEquals(List.of("ERROR 22P02 invalid input syntax for type integer: \"x\""), run("EXECUTE p('x', 'y')"));
        assertEquals(List.of("ERROR 42P05 prepared statement \"p\" already exists"), run("PREPARE p AS SELECT 1"));
        // SQL-level and protocol-level prepared statements share one namespace.
        c.send(io.pgserve.server.internal.protocol.FrontendEncoder.bind("", "p", List.of(),
                        List.of("9".getBytes(StandardCharsets.UTF_8), "nine".getBytes(StandardCharsets.UTF_8)),
                        List.of()),
                io.pgserve.server.internal.protocol.FrontendEncoder.execute("", 0),
                io.pgserve.server.internal.protocol.FrontendEncoder.sync());
        assertEquals(List.of('2', 'D', 'C', 'Z'), RawPgClient.types(c.readUntil('Z')));
        assertEquals(List.of("DEALLOCATE"), run("DEALLOCATE p"));
        assertEquals(List.of("ERROR 26000 prepared statement \"p\" does not exist"), run("EXECUTE p(1, 'a')"));
        run("PREPARE a AS SELECT 1; PREPARE b AS SELECT 2");
        assertEquals(List.of("DEALLOCATE ALL"), run("DEALLOCATE ALL"));
        assertEquals(List.of("ERROR 26000 prepared statement \"b\" does not exist"), run("DEALLOCATE PREPARE b"));
    }

    @Test
    void forwardCursor() throws Exception {
        assertEquals(List.of("ERROR 25P01 DECLARE CURSOR can only be used in transaction blocks"),
                run("DECLARE c CURSOR FOR SELECT n FROM generate(10)"));
        assertEquals(List.of("BEGIN", "DECLARE CURSOR"), run("BEGIN; DECLARE c CURSOR FOR SELECT n FROM generate(10)"));
        assertEquals(List.of("0,1,2 FETCH 3"), run("FETCH 3 FROM c"));
        assertEquals(List.of("3 FETCH 1"), run("FETCH NEXT c"));
        assertEquals(List.of("MOVE 2"), run("MOVE 2 IN c"));
        assertEquals(List.of("6,7,8,9 FETCH 4"), run("FETCH ALL FROM c"));
        assertEquals(List.of("FETCH 0"), run("FETCH c"));
        assertEquals(List.of("ERROR 55000 cursor can only scan forward"), run("FETCH PRIOR c"));
        assertEquals(List.of("ROLLBACK"), run("ROLLBACK"));
        assertEquals(List.of("ERROR 34000 cursor \"c\" does not exist"), run("FETCH c"));
    }

    @Test
    void scrollCursor() throws Exception {
        run("BEGIN; DECLARE s SCROLL CURSOR FOR SELECT n FROM generate(5)");
        assertEquals(List.of("4 FETCH 1"), run("FETCH LAST FROM s"));
        assertEquals(List.of("3 FETCH 1"), run("FETCH PRIOR FROM s"));
        assertEquals(List.of("1 FETCH 1"), run("FETCH ABSOLUTE 2 FROM s"));
        assertEquals(List.of("0 FETCH 1"), run("FETCH BACKWARD 2 FROM s"));
        assertEquals(List.of("0 FETCH 1"), run("FETCH FIRST FROM s"));
        assertEquals(List.of("2 FETCH 1", "3 FETCH 1"), run("FETCH RELATIVE 2 FROM s; FETCH NEXT FROM s"));
        assertEquals(List.of("3 FETCH 1"), run("FETCH ABSOLUTE -2 FROM s"));
        assertEquals(List.of("CLOSE CURSOR", "COMMIT"), run("CLOSE s; COMMIT"));
    }

    @Test
    void holdCursorOutlivesItsTransaction() throws Exception {
        run("BEGIN; DECLARE h CURSOR WITH HOLD FOR SELECT n FROM generate(4); DECLARE w CURSOR FOR SELECT 1");
        assertEquals(List.of("0 FETCH 1"), run("FETCH h"));
        assertEquals(List.of("COMMIT"), run("COMMIT"));
        assertEquals(List.of("1,2,3 FETCH 3"), run("FETCH ALL h"));
        assertEquals(List.of("ERROR 34000 cursor \"w\" does not exist"), run("FETCH w"));
        assertEquals(List.of("CLOSE CURSOR ALL"), run("CLOSE ALL"));
        assertEquals(List.of("ERROR 34000 cursor \"h\" does not exist"), run("CLOSE h"));
    }

    @Test
    void binaryCursorFetchesBinaryValues() throws Exception {
        run("BEGIN; DECLARE b BINARY CURSOR FOR SELECT n FROM generate(3)");
        List<RawPgClient.Message> answer = c.query("FETCH 2 FROM b");
        assertEquals(List.of('T', 'D', 'D', 'C', 'Z'), RawPgClient.types(answer));
        ByteBuffer second = answer.get(2).buffer();
        second.getShort();
        assertEquals(4, second.getInt(), "int4 in binary is four bytes");
        assertEquals(1, second.getInt());
        run("COMMIT");
    }
}
