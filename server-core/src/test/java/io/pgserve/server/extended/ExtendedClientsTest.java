package io.pgserve.server.extended;

import io.pgserve.server.PgServer;
import io.pgserve.server.testsupport.Processes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real clients over the extended protocol: pgbench in its three modes, psycopg 3 and asyncpg (Debian packages). */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExtendedClientsTest {
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = PgServer.builder().port(0).handler(session -> new EchoHandler()).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"extended", "prepared", "simple"})
    void pgbenchWithACustomSelectScript(String mode, @TempDir Path dir) throws Exception {
        Path script = dir.resolve("select.sql");
        Files.writeString(script, "\\set x random(1, 1000000)\nSELECT :x;\n");
        Processes.Result r = Processes.run(List.of("pgbench", "-n", "-M", mode, "-f", script.toString(), "-c", "4", "-j", "2", "-t",
                "500", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "bench", "postgres"), 120);
        assertEquals(0, r.exit(), r.output());
        Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(r.output());
        assertTrue(processed.find(), r.output());
        assertEquals("2000", processed.group(1), r.output());
        assertTrue(r.output().contains("number of failed transactions: 0"), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"psycopg", "asyncpg"})
    void pythonClientsRoundTripEveryType(String client) throws Exception {
        File script = new File("src/test/python/roundtrip.py");
        assertTrue(script.isFile(), script.getAbsolutePath());
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.getPath(), client,
                Integer.toString(server.port())));
        Processes.Result r = Processes.run(cmd, 120);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains(" 0 failed"), r.output());
    }
}
