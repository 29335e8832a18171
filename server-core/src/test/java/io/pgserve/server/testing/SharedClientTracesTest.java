package io.pgserve.server.testing;

import io.pgserve.server.PgException;
import io.pgserve.server.PgServer;
import io.pgserve.server.SqlState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The client traces recorded in front of PostgreSQL 15 ({@code ../shared/client-traces} beside the project): every
 * file reads back into replayable messages, and each connection replays against pgserve up to its first statement
 * that needs the recorded database's tables or catalog — which pgserve does not have yet.
 */
class SharedClientTracesTest {
    private static List<Path> traces;

    /** Statements a server with no tables answers as PostgreSQL did (the server handles these itself). */
    private static final Set<String> TABLE_FREE = Set.of("", "begin", "commit", "rollback",
            "begin isolation level read committed", "show transaction isolation level",
            "show standard_conforming_strings");

    @BeforeAll
    static void findTraces() throws IOException {
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        // The tests run in server-core; the project root is its parent, and CI puts ../shared beside the project.
        Path root = Files.exists(cwd.resolve("pom.xml")) && Files.exists(cwd.resolveSibling("pom.xml"))
                ? cwd.getParent() : cwd;
        Path dir = root.resolve("../shared/client-traces").normalize();
        if (!Files.isDirectory(dir)) {
            fail("The shared client traces are missing: expected " + dir + " (../shared/client-traces beside the "
                    + "project root " + root + ")");
        }
        try (Stream<Path> files = Files.list(dir)) {
            traces = files.filter(p -> p.getFileName().toString().endsWith(".wire.log")).sorted().toList();
        }
        assertFalse(traces.isEmpty(), "no *.wire.log in " + dir);
    }

    @Test
    void everyTraceReadsBackIntoReplayableMessages() {
        int connections = 0;
        int messages = 0;
        for (Path file : traces) {
            WireRecording r = WireRecording.read(file);
            assertEquals(List.of(), r.problems(), file.toString());
            assertFalse(r.connections().isEmpty(), file.toString());
            for (WireRecording.Connection c : r.connections()) {
                connections++;
                messages += c.entries().size();
                assertEquals("Startup", c.frontend().stream().map(WireRecording.Entry::kind)
                        .filter(k -> !k.equals("SSLRequest")).findFirst().orElse(""), file + " connection " + c.id());
            }
        }
        assertTrue(connections >= traces.size());
        assertTrue(messages > 2500, "messages: " + messages);
    }

    /** Stops before any statement outside {@link #TABLE_FREE}. */
    private static final Predicate<String> NEEDS_TABLES = line -> {
        String sql;
        if (line.startsWith("Describe P '") && !line.equals("Describe P ''")) {
            return true; // a named portal: psycopg's server-side cursor, DECLAREd over a table
        }
        if (line.startsWith("Query")) {
            sql = line.length() > 6 ? line.substring(6) : "";
        } else if (line.startsWith("Parse ")) {
            sql = line.substring(line.indexOf(" sql=") + 5);
        } else {
            return false;
        }
        sql = sql.trim().toLowerCase(Locale.ROOT);
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).trim();
        }
        return !TABLE_FREE.contains(sql);
    };

    @Test
    void everyConnectionReplaysAgainstPgserveUpToItsFirstStatementThatNeedsTables() {
        try (PgServer server = PgServer.builder().port(0)
                .serverVersion("15.18 (Debian 15.18-0+deb12u1)").timeZone("Etc/UTC")
                .handler(session -> query -> {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "no tables here");
                })
                .build().start()) {
            StringBuilder all = new StringBuilder();
            int compared = 0;
            boolean ok = true;
            for (Path file : traces) {
                ReplayReport report = WireReplay.to(server.address())
                        .skipExchanges(NEEDS_TABLES)
                        .replay(WireRecording.read(file));
                all.append(report);
                compared += report.compared();
                ok &= report.matches();
            }
            System.out.println(all);
            assertTrue(ok, all::toString);
            assertTrue(compared > 300, "compared " + compared + "\n" + all);
        }
    }
}
