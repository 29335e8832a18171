package io.pgserve.server.extended;

import io.pgserve.server.PgServer;
import io.pgserve.server.testsupport.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cursors as psycopg2's named cursors use them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqlCommandsClientsTest {
    @Test
    void psycopg2NamedCursors() throws Exception {
        try (PgServer server = PgServer.builder().port(0).handler(s -> new EchoHandler()).build().start()) {
            Processes.Result r = Processes.run(List.of("/usr/bin/python3",
                    "src/test/python/cursors.py", Integer.toString(server.port())), 60);
            assertEquals(0, r.exit(), r.output());
        }
    }
}
