package io.pgserve.engine.clients;

import io.pgserve.engine.SqlEngine;
import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real clients against memdb: psycopg 3 and psycopg2 (/usr/bin/python3, Debian's packages) and node-postgres (the
 * node_modules .ci/run installs in server-core/src/test/node). Each does CRUD with parameters of several types, a
 * rolled-back transaction and errors with their SQLSTATE (src/test/python/memdb_crud.py, src/test/node/memdb_crud.js).
 * A client that is not installed skips its test, saying which and how to install it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MemDbClientsTest {
    /** What memdb_crud.py exits with when its client module is not installed. */
    private static final int NOT_INSTALLED = 77;
    private static final Path NODE_MODULES = Path.of("../server-core/src/test/node/node_modules").toAbsolutePath()
            .normalize();

    private static PgServer server;

    @BeforeAll
    static void start() {
        server = PgServer.builder().host("127.0.0.1").port(0).handler(SqlEngine.memdb()).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"psycopg", "psycopg2"})
    void python(String client) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        Result r = run(List.of("/usr/bin/python3", "src/test/python/memdb_crud.py", client,
                Integer.toString(server.port())), Map.of());
        assumeTrue(r.exit() != NOT_INSTALLED, r.output());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains(client + ": ok"), r.output());
    }

    @Test
    void nodePostgres() throws Exception {
        assumeTrue(Files.isDirectory(NODE_MODULES.resolve("pg")),
                "node-postgres is not installed: run npm ci in server-core/src/test/node (.ci/run does)");
        Result r = run(List.of("node", "src/test/node/memdb_crud.js", Integer.toString(server.port())),
                Map.of("NODE_PATH", NODE_MODULES.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("node-postgres: ok"), r.output());
    }

    private record Result(int exit, String output) {
    }

    /** Runs a client, bounded in time and always stopped. */
    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PGSSLMODE", "disable");
        Process p = pb.start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), command + " timed out");
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
