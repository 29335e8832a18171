package io.pgserve.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of idle, authenticated connections held open at once, then all closed: no session, thread or buffer
 * left behind. The clients live in a child JVM (their sockets would otherwise count against this JVM's descriptor
 * limit too). CI: 1,000 connections; {@code -Pload}: 10,000, skipped with a message when the descriptor limit is too
 * low for them.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class IdleConnectionsTest {
    private static final boolean LONG = "long".equals(System.getProperty("pgserve.load"));
    private static final int CONNECTIONS = Integer.getInteger("pgserve.idle.connections", LONG ? 10_000 : 1_000);

    private static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return Long.MAX_VALUE;
    }

    private static long openFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getOpenFileDescriptorCount();
        }
        return -1;
    }

    private static long pgserveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("pgserve-")).count();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void idleConnectionsHeldThenClosedLeaveNothingBehind() throws Exception {
        long limit = openFileLimit();
        // The server's side of each connection needs a descriptor here (the child has its own limit).
        Assumptions.assumeTrue(limit > CONNECTIONS + 500, "skipped: this process may open " + limit
                + " files (ulimit -n), too few for " + CONNECTIONS + " connections; raise it (ulimit -n "
                + (CONNECTIONS + 1000) + ") to run this test");

        Logger leakLog = (Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
        ListAppender<ILoggingEvent> leaks = new ListAppender<>();
        leaks.start();
        leakLog.addAppender(leaks);
        long threadsBefore = pgserveThreads();
        long heapBefore = usedHeap();
        long filesBefore = openFiles();
        try (PgServer server = PgServer.builder().port(0).maxConnections(CONNECTIONS + 10)
                .authentication(AuthMethod.PASSWORD, CredentialStore.of(Map.of("idle", "pw")))
                .handler(s -> query -> QueryResult.command("SELECT", 0)).build().start()) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), IdleClients.class.getName(),
                    Integer.toString(server.port()), Integer.toString(CONNECTIONS), "idle", "pw")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
                 Writer childIn = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                long t0 = System.nanoTime();
                String ready = childOut.readLine();
                long connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals("READY " + CONNECTIONS, ready);
                assertEquals(CONNECTIONS, server.sessionCount());
                long heapHeld = usedHeap();
                long threadsHeld = pgserveThreads();
                System.out.printf("%d idle authenticated connections: opened in %d ms, %d pgserve threads, "
                                + "%d open files, heap %+d kB (%.1f kB per connection)%n", CONNECTIONS,
                        connectMillis, threadsHeld, openFiles() - filesBefore, (heapHeld - heapBefore) / 1024,
                        (heapHeld - heapBefore) / 1024.0 / CONNECTIONS);
                // No thread per connection: the network threads and a few workers.
                assertTrue(threadsHeld < 64, threadsHeld + " pgserve threads for idle connections");

                childIn.write("close\n");
                childIn.flush();
                assertEquals("CLOSED", childOut.readLine());
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (server.sessionCount() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(0, server.sessionCount(), "sessions left after every client closed");
                // The server's sockets are closed: back to (about) the descriptors open before.
                assertTrue(openFiles() - filesBefore < 50, (openFiles() - filesBefore) + " descriptors left");
                long heapAfter = usedHeap();
                System.out.printf("after closing them all: heap %+d kB against the start%n",
                        (heapAfter - heapBefore) / 1024);
                assertTrue(heapAfter - heapBefore < Math.max(16L << 20, (heapHeld - heapBefore) / 4),
                        "heap kept after closing: " + (heapAfter - heapBefore) / 1024 + " kB");
            } finally {
                child.destroyForcibly();
            }
        }
        // Every pgserve thread ends with the server.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pgserveThreads() > threadsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(threadsBefore, pgserveThreads(), "pgserve threads left running after close()");
        // Buffers: the paranoid leak detector reports a buffer collected unreleased on a later allocation.
        usedHeap();
        for (int i = 0; i < 1000; i++) {
            ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(64);
            b.release();
        }
        leakLog.detachAppender(leaks);
        List<String> reports = leaks.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("LEAK")).toList();
        assertEquals(List.of(), reports);
    }
}
