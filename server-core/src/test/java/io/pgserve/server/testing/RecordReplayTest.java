package io.pgserve.server.testing;

import io.pgserve.server.PgServer;
import io.pgserve.server.WireTrace;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records real clients (pgjdbc, psql) against a server, then replays the recording against a fresh one. */
class RecordReplayTest {
    private static PgServer server(int offset, WireTrace trace) {
        PgServer.Builder b = PgServer.builder().port(0).handler(session -> new TraceHandler(offset));
        if (trace != null) {
            b.wireTrace(trace);
        }
        return b.build().start();
    }

    private static void pgjdbcSession(PgServer server) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "alice");
        props.setProperty("ApplicationName", "wiretrace-jdbc");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), props)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
            }
            try (PreparedStatement ps = c.prepareStatement("select echo(?)")) {
                for (int i = 0; i < 7; i++) { // past pgjdbc's prepare threshold: named statements, binary
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                    }
                }
                ps.setString(1, "it's \"quoted\"\n");
                ps.executeQuery().close();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select n from series(5)")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertEquals(5, n);
            }
            try (Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeQuery("select missing"));
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into t values (1)");
            }
            c.commit();
        }
    }

    private static void psqlSession(PgServer server) throws Exception {
        File out = File.createTempFile("psql", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-w", "-A", "-t", "-h", "127.0.0.1",
                    "-p", Integer.toString(server.port()), "-U", "bob", "-d", "postgres",
                    "-c", "select 1", "-c", "select n from series(3)")
                    .redirectErrorStream(true).redirectOutput(out);
            pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("LC_") || k.equals("LANG"));
            pb.environment().put("PGSSLMODE", "prefer"); // psql asks for TLS first; the server says N
            pb.environment().put("PGCONNECT_TIMEOUT", "5");
            pb.environment().put("LC_ALL", "C.UTF-8");
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("psql did not finish");
            }
            assertEquals(0, p.exitValue(), Files.readString(out.toPath()));
        } finally {
            out.delete();
        }
    }

    private static String record() throws Exception {
        StringBuilder recording = new StringBuilder();
        try (PgServer server = server(0, WireTrace.to(recording))) {
            pgjdbcSession(server);
            psqlSession(server);
            // Let the sessions end on their own: a session whose Terminate the server has not read yet when it
            // shuts down is told FATAL 57P01, as PostgreSQL would, and that would be part of the recording.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.sessionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        return recording.toString();
    }

    @Test
    void pgjdbcAndPsqlRecordedThenReplayedAgainstAFreshServerMatch() throws Exception {
        String text = record();
        WireRecording recording = WireRecording.parse("recorded", text);
        assertEquals(List.of(), recording.problems());
        assertEquals(2, recording.connections().size(), text);
        assertTrue(text.contains(" F> SSLRequest\n"), text);
        assertTrue(text.contains(" B< SSL/GSS reply b'N'\n"), text);
        assertTrue(text.contains(" F> Query SET application_name = 'wiretrace-jdbc'\n"), text);
        assertTrue(text.contains("'user': 'bob', 'database': 'postgres', 'application_name': 'psql'}"), text);
        assertTrue(text.contains(" B<   (5 DataRow)\n"), text);
        assertTrue(text.contains(" B< Error 42P01 relation \"missing\" does not exist | "), text);
        assertTrue(text.contains("params=['it\\'s \"quoted\"\\n']"), text);

        try (PgServer fresh = server(0, null)) {
            ReplayReport report = WireReplay.to(fresh.address()).replay(recording);
            assertTrue(report.matches(), report + "\n--- recording ---\n" + text);
            assertEquals(2, report.replayed());
            assertTrue(report.connections().stream().allMatch(ReplayReport.ConnectionResult::complete), report::toString);
            assertTrue(report.compared() > 40, report::toString);
        }
    }

    @Test
    void aServerThatAnswersDifferentlyIsReportedWithTheFirstDifference() throws Exception {
        StringBuilder recording = new StringBuilder();
        try (PgServer server = server(0, WireTrace.to(recording).fullDataRows(true).timings(false))) {
            pgjdbcSession(server);
        }
        try (PgServer other = server(1, null)) {
            ReplayReport report = WireReplay.to(other.address())
                    .replay(WireRecording.parse("full rows", recording.toString()));
            assertFalse(report.matches(), report::toString);
            ReplayReport.Difference d = report.failures().get(0).difference();
            assertNotNull(d, report::toString);
            assertEquals("DataRow ['1']", d.recorded(), report::toString);
            assertEquals("DataRow ['2']", d.actual(), report::toString);
            assertTrue(d.recordedLine() > 0);

            ReplayReport counts = WireReplay.to(other.address()).compareDataRowValues(false)
                    .replay(WireRecording.parse("full rows", recording.toString()));
            ReplayReport.Difference c = counts.failures().get(0).difference();
            assertEquals("(5 DataRow)", c.recorded(), counts::toString);
            assertEquals("(6 DataRow)", c.actual(), counts::toString);
        }
    }

    @Test
    void stoppingBeforeAStatementReplaysTheExchangesBeforeIt() throws Exception {
        StringBuilder recording = new StringBuilder();
        try (PgServer server = server(0, WireTrace.to(recording))) {
            pgjdbcSession(server);
        }
        try (PgServer other = server(1, null)) {
            // The other server returns one row more from series(): only counts were recorded, and select 1 and echo
            // still give one row each, so everything before the series() exchange matches.
            WireRecording rec = WireRecording.parse("partial", recording.toString());
            ReplayReport whole = WireReplay.to(other.address()).replay(rec);
            assertFalse(whole.matches(), whole::toString);
            assertEquals("(5 DataRow)", whole.failures().get(0).difference().recorded());
            ReplayReport report = WireReplay.to(other.address())
                    .stopBefore(line -> line.contains("series"), "no series() on this server:")
                    .replay(rec);
            assertTrue(report.matches(), report::toString);
            assertFalse(report.connections().get(0).complete());
            assertTrue(report.connections().get(0).note().contains("no series() on this server: line "),
                    report::toString);
            ReplayReport startupOnly = WireReplay.to(other.address())
                    .stopBefore(line -> line.startsWith("Query") || line.startsWith("Parse"))
                    .replay(WireRecording.parse("partial", recording.toString()));
            assertTrue(startupOnly.matches(), startupOnly::toString);
            ReplayReport.ConnectionResult r = startupOnly.connections().get(0);
            assertFalse(r.complete());
            assertEquals(1, r.sent(), startupOnly::toString);
            assertTrue(r.compared() > 5, startupOnly::toString);
        }
    }

    @Test
    void aTraceFileIsWrittenAndReadBack() throws Exception {
        Path file = Files.createTempFile("wire", ".log");
        try {
            try (WireTrace trace = WireTrace.toFile(file);
                 PgServer server = server(0, trace.sessions(s -> "alice".equals(s.user())))) {
                pgjdbcSession(server);
                psqlSession(server); // user bob: not traced
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            WireRecording recording = WireRecording.read(file);
            assertEquals(1, recording.connections().size(), text);
            assertFalse(text.contains("'user': 'bob'"), text);
            List<String> kinds = new ArrayList<>();
            recording.connections().get(0).entries().forEach(e -> kinds.add(e.kind()));
            assertEquals("connect", kinds.get(0));
            assertEquals("closed", kinds.get(kinds.size() - 1));
            try (PgServer fresh = server(0, null)) {
                assertTrue(WireReplay.to(fresh.address()).replay(file).matches());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
