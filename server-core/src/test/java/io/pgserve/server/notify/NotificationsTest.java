package io.pgserve.server.notify;

import io.pgserve.server.PgServer;
import io.pgserve.server.extended.EchoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LISTEN/NOTIFY through real clients: delivery to idle sessions, transaction semantics, the push API. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NotificationsTest {
    private PgServer server;

    @BeforeEach
    void start() {
        server = PgServer.builder().port(0).handler(session -> new EchoHandler()).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), "u", "");
    }

    private static List<PGNotification> await(Connection c, int millis) throws SQLException {
        PGNotification[] got = c.unwrap(PGConnection.class).getNotifications(millis);
        return got == null ? List.of() : List.of(got);
    }

    @Test
    void notifyReachesAnIdleListenerAtOnce() throws Exception {
        try (Connection listener = connect(); Connection notifier = connect();
             Statement l = listener.createStatement(); Statement n = notifier.createStatement()) {
            l.execute("LISTEN orders");
            n.execute("NOTIFY orders, 'order 42'");
            List<PGNotification> got = await(listener, 5000);
            assertEquals(1, got.size());
            assertEquals("orders", got.get(0).getName());
            assertEquals("order 42", got.get(0).getParameter());
            assertEquals(notifier.unwrap(PGConnection.class).getBackendPID(), got.get(0).getPID());

            // pg_notify() with bound parameters, and the sender hears its own notifications too.
            n.execute("LISTEN orders");
            try (PreparedStatement ps = notifier.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, "orders");
                ps.setString(2, "via pg_notify");
                ps.executeQuery().close();
            }
            assertEquals("via pg_notify", await(listener, 5000).get(0).getParameter());
            assertEquals("via pg_notify", await(notifier, 5000).get(0).getParameter());

            l.execute("UNLISTEN *");
            n.execute("NOTIFY orders");
            assertEquals(List.of(), await(listener, 300));
        }
    }

    @Test
    void notificationsInATransactionAreSentAtCommitAndDroppedAtRollback() throws Exception {
        try (Connection listener = connect(); Connection notifier = connect();
             Statement l = listener.createStatement(); Statement n = notifier.createStatement()) {
            l.execute("LISTEN ch");
            notifier.setAutoCommit(false);
            n.execute("NOTIFY ch, 'first'");
            n.execute("NOTIFY ch, 'second'");
            assertEquals(List.of(), await(listener, 300));
            notifier.commit();
            List<PGNotification> got = new ArrayList<>(await(listener, 5000));
            if (got.size() < 2) {
                got.addAll(await(listener, 5000));
            }
            assertEquals(List.of("first", "second"), got.stream().map(PGNotification::getParameter).toList());
            n.execute("NOTIFY ch, 'rolled back'");
            notifier.rollback();
            assertEquals(List.of(), await(listener, 300));
        }
    }

    @Test
    void aListenerInsideATransactionGetsNotificationsAfterIt() throws Exception {
        try (Connection listener = connect(); Connection notifier = connect();
             Statement l = listener.createStatement(); Statement n = notifier.createStatement()) {
            l.execute("LISTEN ch");
            listener.setAutoCommit(false);
            l.execute("SELECT 1");
            n.execute("NOTIFY ch, 'later'");
            assertEquals(List.of(), await(listener, 300));
            listener.commit();
            assertEquals("later", await(listener, 5000).get(0).getParameter());
        }
    }

    @Test
    void payloadAndChannelLimits() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            SQLException tooLong = assertThrows(SQLException.class,
                    () -> s.execute("NOTIFY ch, '" + "x".repeat(8000) + "'"));
            assertEquals("22023", tooLong.getSQLState());
            assertTrue(tooLong.getMessage().contains("payload string too long"));
            s.execute("NOTIFY ch, '" + "x".repeat(7999) + "'");
            SQLException empty = assertThrows(SQLException.class, () -> s.execute("SELECT pg_notify('', 'x')"));
            assertEquals("channel name cannot be empty",
                    ((org.postgresql.util.PSQLException) empty).getServerErrorMessage().getMessage());
        }
    }

    @Test
    void theServerCanPushToListenersFromAnyThread() throws Exception {
        try (Connection listener = connect(); Statement l = listener.createStatement()) {
            l.execute("LISTEN feed");
            Thread pusher = new Thread(() -> server.notify("feed", "from the data store"));
            pusher.start();
            pusher.join();
            List<PGNotification> got = await(listener, 5000);
            assertEquals("from the data store", got.get(0).getParameter());
            assertEquals(0, got.get(0).getPID());
        }
    }

    @Test
    void anIdlePsqlSessionShowsTheNotificationAtItsNextPrompt() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", "u", "-d", "postgres").redirectErrorStream(true);
        pb.environment().put("PGSSLMODE", "disable");
        Process psql = pb.start();
        try {
            var in = psql.getOutputStream();
            in.write("LISTEN alerts;\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            // psql is idle now; the notification is pushed to it, and shown after its next command.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.sessions().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("NOTIFY alerts, 'disk full'");
            }
            Thread.sleep(300);
            in.write("SELECT 1;\n\\q\n".getBytes(StandardCharsets.UTF_8));
            in.close();
            assertTrue(psql.waitFor(20, TimeUnit.SECONDS));
            String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.contains("Asynchronous notification \"alerts\" with payload \"disk full\" received from "
                    + "server process with PID"), out);
        } finally {
            psql.destroyForcibly();
        }
    }

    @Test
    void pythonAndNodeClientsReceiveNotifications() throws Exception {
        for (List<String> cmd : List.of(
                List.of("/usr/bin/python3", "src/test/python/notify.py", "psycopg2"),
                List.of("/usr/bin/python3", "src/test/python/notify.py", "asyncpg"),
                List.of("node", "src/test/node/notify.js"))) {
            List<String> full = new ArrayList<>(cmd);
            full.add(Integer.toString(server.port()));
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
            Process p = pb.start();
            p.getOutputStream().close();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                p.destroyForcibly();
            }
            assertTrue(done, cmd + " timed out: " + out);
            assertEquals(0, p.exitValue(), cmd + ": " + out);
            assertTrue(new File(cmd.get(1)).isFile());
        }
    }
}
