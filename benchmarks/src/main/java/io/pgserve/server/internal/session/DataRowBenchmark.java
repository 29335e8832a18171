package io.pgserve.server.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.pgserve.server.Column;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * DataRow encoding through the server's own row writer ({@link RowWriter#dataRows}, the TypeRegistry's codecs): a
 * one-column row of each type, in text and in binary format. Results are rows per second. (In this package because
 * RowWriter is package-private.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DataRowBenchmark {
    private static final int BATCH = 256;

    @Param({"int4", "int8", "float8", "text", "numeric", "bool", "timestamptz", "uuid"})
    public String type;

    @Param({"text", "binary"})
    public String format;

    private RowWriter writer;
    private Object[] row;
    private ByteBuf out;

    @Setup
    public void setUp() {
        TypeRegistry types = TypeRegistry.builtin();
        PgType t = types.byName(type).orElseThrow();
        Object value;
        switch (type) {
            case "int4": value = 123456; break;
            case "int8": value = 1234567890123L; break;
            case "float8": value = 1234.5678901; break;
            case "text": value = "ce3b0f9a7d1e5c2b8a64"; break;
            case "numeric": value = new BigDecimal("12345.678900"); break;
            case "bool": value = Boolean.TRUE; break;
            case "timestamptz": value = OffsetDateTime.of(2024, 5, 17, 12, 34, 56, 789_000_000, ZoneOffset.UTC); break;
            case "uuid": value = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"); break;
            default: throw new IllegalArgumentException(type);
        }
        row = new Object[] {value};
        writer = RowWriter.dataRows(List.of(Column.of("v", t)), new boolean[] {"binary".equals(format)}, types,
                CodecContext.DEFAULT);
        out = PooledByteBufAllocator.DEFAULT.directBuffer(64 * BATCH);
    }

    @TearDown
    public void tearDown() {
        out.release();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encode() {
        out.clear();
        for (int i = 0; i < BATCH; i++) {
            writer.write(row, out);
        }
        return out.writerIndex();
    }
}
