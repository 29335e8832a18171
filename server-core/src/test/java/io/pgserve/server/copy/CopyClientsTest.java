package io.pgserve.server.copy;

import io.pgserve.server.PgServer;
import io.pgserve.server.testsupport.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The COPY sub-protocol through psql's \copy, pgjdbc's CopyManager and psycopg 3's cursor.copy(). */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CopyClientsTest {
    private CopyTableHandler handler;
    private PgServer server;

    @BeforeEach
    void start() {
        handler = new CopyTableHandler();
        server = PgServer.builder().port(0).handler(session -> handler).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), "u", "");
    }

    private String psql(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("psql", "-X", "-w", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "u", "-d", "postgres"));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, 60).output();
    }

    @Test
    void psqlCopyBothWays(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "id,name,price\n1,apple,0.50\n2,\"pear, green\",1.25\n3,,\n");
        assertEquals("COPY 3\n", psql("-c", "\\copy items from '" + in + "' with (format csv, header)"));
        assertEquals(3, handler.items.size());
        assertArrayEquals(CopyTableHandler.item(2, "pear, green", "1.25"), handler.items.get(1));
        assertArrayEquals(new Object[] {3, null, null}, handler.items.get(2));
        Path out = dir.resolve("out.txt");
        assertEquals("COPY 3\n", psql("-c", "\\copy items to '" + out + "'"));
        assertEquals("1\tapple\t0.50\n2\tpear, green\t1.25\n3\t\\N\t\\N\n", Files.readString(out));
    }

    @Test
    void pgjdbcCopyManagerBothWaysAndErrors() throws Exception {
        try (Connection c = connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long n = copy.copyIn("COPY items FROM STDIN", new StringReader("1\tone\t1.1\n2\ttwo\t\\N\n"));
            assertEquals(2, n);
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            assertEquals(2, copy.copyOut("COPY items TO STDOUT (FORMAT csv, FORCE_QUOTE *)", csv));
            assertEquals("\"1\",\"one\",\"1.1\"\n\"2\",\"two\",\n", csv.toString(StandardCharsets.UTF_8));

            // Bad data: PostgreSQL's error with the line in the context; nothing half-copied; the connection goes on.
            SQLException bad = assertThrows(SQLException.class,
                    () -> copy.copyIn("COPY items FROM STDIN", new StringReader("3\tthree\t3\nfour\tfour\t4\n")));
            assertEquals("22P02", bad.getSQLState());
            assertTrue(bad.getMessage().contains("invalid input syntax for type integer: \"four\""), bad.getMessage());
            assertTrue(bad.getMessage().contains("COPY items, line 2, column id: \"four\""), bad.getMessage());
            assertEquals(2, handler.items.size());
            SQLException extra = assertThrows(SQLException.class,
                    () -> copy.copyIn("COPY items FROM STDIN", new StringReader("5\tfive\t5\textra\n")));
            assertEquals("22P04", extra.getSQLState());

            // The client gives up half way: CopyFail.
            CopyIn half = copy.copyIn("COPY items FROM STDIN");
            byte[] row = "6\tsix\t6\n".getBytes(StandardCharsets.UTF_8);
            half.writeToCopy(row, 0, row.length);
            half.cancelCopy();
            assertEquals(2, handler.items.size());

            try (Statement s = c.createStatement()) {
                // still usable
                s.execute("COPY items FROM STDIN".replace("FROM STDIN", "TO STDOUT"));
            } catch (SQLException expectedByDriver) {
                // pgjdbc refuses COPY through Statement; the session itself is fine, as the next COPY shows
            }
            assertEquals(1, copy.copyIn("COPY items FROM STDIN", new StringReader("7\tseven\t7\n")));
        }
    }

    @Test
    void aMillionRowsInAndOutWithBoundedMemory() throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long baseline = rt.totalMemory() - rt.freeMemory();
        try (Connection c = connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long[] count = {0};
            long[] peak = {0};
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    if (b == '\n') {
                        count[0]++;
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    for (int i = off; i < off + len; i++) {
                        if (b[i] == '\n') {
                            count[0]++;
                        }
                    }
                    if (count[0] % 100_000 < 50) {
                        peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
                    }
                }
            };
            assertEquals(1_000_000, copy.copyOut("COPY big TO STDOUT", sink));
            assertEquals(1_000_000, count[0]);

            InputStream generated = new InputStream() {
                long row;
                byte[] line = new byte[0];
                int pos;

                @Override
                public int read() {
                    if (pos == line.length) {
                        if (row == 1_000_000) {
                            return -1;
                        }
                        line = (row + "\tlabel " + row + "\t" + row / 3.0 + "\n").getBytes(StandardCharsets.UTF_8);
                        row++;
                        pos = 0;
                    }
                    return line[pos++] & 0xff;
                }
            };
            assertEquals(1_000_000, copy.copyIn("COPY sink FROM STDIN", generated));
            assertEquals(1_000_000, handler.sunk.get());
            assertTrue(peak[0] - baseline < 256L * 1024 * 1024, "heap grew by " + (peak[0] - baseline) / 1048576
                    + " MiB");
        }
    }

    @Test
    void psycopgCopy() throws Exception {
        Processes.Result r = Processes.run(List.of("/usr/bin/python3", "src/test/python/copy.py",
                Integer.toString(server.port())), 120);
        assertEquals(0, r.exit(), r.output());
        assertTrue(handler.items.size() >= 3, r.output());
        assertEquals(new BigDecimal("2.50"), handler.items.get(1)[2]);
    }
}
