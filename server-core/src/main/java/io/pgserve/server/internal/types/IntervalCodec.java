package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgInterval;

import java.time.Duration;
import java.time.Period;

/**
 * {@code interval} ↔ {@link PgInterval}; encoding also takes Duration (all in the time field) and Period (years
 * and months as months, days as days). Binary: int64 microseconds, int32 days, int32 months.
 */
final class IntervalCodec implements Codec {
    static final String NAME = "interval";

    @Override
    public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
        DateTimeFormat.interval(out, value(value, ctx), ctx.intervalStyle());
    }

    @Override
    public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
        PgInterval v = value(value, ctx);
        out.writeLong(v.microseconds());
        out.writeInt(v.days());
        out.writeInt(v.months());
    }

    @Override
    public Object decodeText(ByteBuf in, CodecContext ctx) {
        return parse(DateTimeValues.text(in), ctx);
    }

    @Override
    public Object decodeBinary(ByteBuf in, CodecContext ctx) {
        if (in.readableBytes() != 16) {
            throw DateTimeValues.binaryFormat(NAME, in, 16);
        }
        long micros = in.readLong();
        int days = in.readInt();
        int months = in.readInt();
        return new PgInterval(months, days, micros);
    }

    private static PgInterval value(Object value, CodecContext ctx) {
        if (value instanceof PgInterval v) {
            return v;
        }
        if (value instanceof String s) {
            return parse(s, ctx);
        }
        try {
            if (value instanceof Duration d) {
                return PgInterval.of(d);
            }
            if (value instanceof Period p) {
                return PgInterval.of(p);
            }
        } catch (ArithmeticException e) {
            throw new PgException("22008", "interval out of range");
        }
        throw DateTimeValues.wrongType(value, NAME, "PgInterval, Duration, Period or String");
    }

    static PgInterval parse(String s, CodecContext ctx) {
        return DateTimeValues.parsing(NAME, s, true, () -> {
            long[] v = DateTimeParser.interval(s, ctx);
            return new PgInterval((int) v[0], (int) v[1], v[2]);
        });
    }
}
