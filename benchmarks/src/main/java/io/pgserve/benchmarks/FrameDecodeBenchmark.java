package io.pgserve.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pgserve.server.internal.protocol.PgFrameDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Frontend framing and decoding: {@link PgFrameDecoder} in an {@code EmbeddedChannel}, fed one buffer holding
 * {@value #BATCH} pipelined extended-protocol round trips (Parse, Bind with two parameters, Describe portal, Execute,
 * Sync) as a pgbench/pgjdbc client sends them. Results are round trips (5 messages each) per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameDecodeBenchmark {
    static final int BATCH = 100;

    private EmbeddedChannel channel;
    private byte[] pipelined;

    @Setup
    public void setUp() {
        channel = new EmbeddedChannel(new PgFrameDecoder(1 << 30));
        ByteBuf startup = Unpooled.buffer();
        startup.writeInt(0).writeInt(196608);
        cstring(startup, "user");
        cstring(startup, "bench");
        startup.writeByte(0);
        startup.setInt(0, startup.readableBytes());
        channel.writeInbound(startup);
        drain(null);

        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i < BATCH; i++) {
            message(b, 'P', m -> {
                cstring(m, "");
                cstring(m, "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2");
                m.writeShort(0);
            });
            message(b, 'B', m -> {
                cstring(m, "");
                cstring(m, "");
                m.writeShort(0);
                m.writeShort(2);
                m.writeInt(4).writeBytes("1234".getBytes(StandardCharsets.US_ASCII));
                m.writeInt(6).writeBytes("567890".getBytes(StandardCharsets.US_ASCII));
                m.writeShort(0);
            });
            message(b, 'D', m -> {
                m.writeByte('P');
                cstring(m, "");
            });
            message(b, 'E', m -> {
                cstring(m, "");
                m.writeInt(0);
            });
            message(b, 'S', m -> { });
        }
        pipelined = new byte[b.readableBytes()];
        b.readBytes(pipelined);
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void parseBindDescribeExecuteSync(Blackhole bh) {
        channel.writeInbound(Unpooled.wrappedBuffer(pipelined));
        drain(bh);
    }

    private void drain(Blackhole bh) {
        Object m;
        while ((m = channel.readInbound()) != null) {
            if (bh != null) {
                bh.consume(m);
            }
        }
    }

    private interface Body {
        void write(ByteBuf b);
    }

    private static void message(ByteBuf b, char type, Body body) {
        b.writeByte(type);
        int at = b.writerIndex();
        b.writeInt(0);
        body.write(b);
        b.setInt(at, b.writerIndex() - at);
    }

    private static void cstring(ByteBuf b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8)).writeByte(0);
    }
}
