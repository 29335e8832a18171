package io.pgserve.benchmarks;

import io.pgserve.testing.PgTestServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How long a test takes to get a PostgreSQL with an empty database from pgserve-testing, warm JVM: from
 * {@code new PgTestServer().start()} to the server accepting a connection and answering its startup with
 * ReadyForQuery (a raw socket, so the driver's own connection cost is not counted). Closing the server is not
 * measured. Target: under 50 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TestServerStartupBenchmark {
    private PgTestServer server;

    @Benchmark
    public int startAndAcceptAConnection() throws IOException {
        server = new PgTestServer().start();
        try (Socket socket = new Socket(server.host(), server.port())) {
            return handshake(socket);
        }
    }

    @TearDown(Level.Invocation)
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** StartupMessage for user test; reads messages up to ReadyForQuery and returns how many there were. */
    private static int handshake(Socket socket) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(3 << 16);
        for (String s : new String[] {"user", "test", "database", "test"}) {
            b.write(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        b.write(0);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(body.size() + 4);
        body.writeTo(out);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int messages = 0;
        while (true) {
            int type = in.read();
            if (type < 0) {
                throw new IOException("closed before ReadyForQuery");
            }
            byte[] rest = new byte[in.readInt() - 4];
            in.readFully(rest);
            messages++;
            if (type == 'Z') {
                return messages;
            }
            if (type == 'E') {
                throw new IOException("startup failed: " + new String(rest, StandardCharsets.UTF_8));
            }
        }
    }
}
