package io.pgserve.examples;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hello example as a user starts it (the launcher's flags), checked with psql and pgjdbc. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HelloExampleTest {
    private PgServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PgServer start(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        server = main.startServer();
        return server;
    }

    /** Runs psql with a hard timeout; returns stdout + stderr. */
    static String psql(Path socketDirOrNull, int port, String user, String password, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-w", "-A", "-t", "-h",
                socketDirOrNull == null ? "127.0.0.1" : socketDirOrNull.toString(), "-p", Integer.toString(port),
                "-U", user, "-d", "postgres"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGCONNECT_TIMEOUT", "5");
        pb.environment().put("PGSSLMODE", "disable");
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        } else {
            pb.environment().remove("PGPASSWORD");
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("psql is needed (apt-get install postgresql-client); .ci/run installs it", e);
        }
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("psql timed out");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void helloAnswersLiteralSelectsThroughPsql() throws Exception {
        start("hello", "--port", "0");
        assertEquals("1|a\n", psql(null, server.port(), "postgres", null, "-c", "SELECT 1, 'a'"));
        assertEquals("it's\n", psql(null, server.port(), "postgres", null, "-c", "select 'it''s'"));
        String error = psql(null, server.port(), "postgres", null, "-c", "SELECT now()");
        assertTrue(error.contains("ERROR:  the hello example only answers SELECT of literals"), error);
    }

    @Test
    void passwordFlagRequiresScramByDefault() throws Exception {
        start("hello", "--port", "0", "--user", "alice", "--password", "pw");
        assertEquals("7\n", psql(null, server.port(), "alice", "pw", "-c", "select 7"));
        String refused = psql(null, server.port(), "alice", "nope", "-c", "select 7");
        assertTrue(refused.contains("password authentication failed for user \"alice\""), refused);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "alice", "pw");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 42")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl(), "bob", "pw").close());
    }

    @Test
    void md5AndCleartextAuthFlags() throws Exception {
        for (String method : List.of("md5", "password")) {
            start("hello", "--port", "0", "--user", "alice", "--password", "pw", "--auth", method);
            assertEquals("1\n", psql(null, server.port(), "alice", "pw", "-c", "select 1"), method);
            server.close();
            server = null;
        }
    }

    @Test
    void unixSocketDirectory(@TempDir Path dir) throws Exception {
        start("hello", "--port", "0", "--unix-socket-dir", dir.toString());
        assertTrue(Files.exists(dir.resolve(".s.PGSQL." + server.port())));
        assertEquals("5\n", psql(dir, server.port(), "postgres", null, "-c", "select 5"));
    }

    @Test
    void helpListsTheFlagsAndExamples() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(bytes, true, StandardCharsets.UTF_8));
        assertEquals(0, cli.execute("--help"));
        String help = bytes.toString(StandardCharsets.UTF_8);
        for (String flag : List.of("--host", "--port", "--unix-socket-dir", "--user", "--password", "--auth",
                "--tls-cert", "--tls-key", "hello")) {
            assertTrue(help.contains(flag), "--help lacks " + flag + ":\n" + help);
        }
    }

    @Test
    void unknownExampleIsRefused() {
        Main main = new Main();
        new CommandLine(main).parseArgs("nope", "--port", "0");
        assertThrows(CommandLine.ParameterException.class, main::startServer);
    }
}
