package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;

import java.time.LocalDate;

/**
 * {@code date} ↔ {@link LocalDate}; {@code infinity}/{@code -infinity} are LocalDate.MAX/MIN, BC years are
 * proleptic years ≤ 0 (1 BC is year 0). Binary: int32 days since 2000-01-01.
 */
final class DateCodec implements Codec {
    static final String NAME = "date";

    @Override
    public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
        long d = days(value, ctx);
        if (d == Integer.MAX_VALUE) {
            DateTimeFormat.ascii(out, "infinity");
        } else if (d == Integer.MIN_VALUE) {
            DateTimeFormat.ascii(out, "-infinity");
        } else {
            DateTimeFormat.date(out, d, ctx);
        }
    }

    @Override
    public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
        out.writeInt((int) days(value, ctx));
    }

    @Override
    public Object decodeText(ByteBuf in, CodecContext ctx) {
        return parse(DateTimeValues.text(in), ctx);
    }

    @Override
    public Object decodeBinary(ByteBuf in, CodecContext ctx) {
        if (in.readableBytes() != 4) {
            throw DateTimeValues.binaryFormat(NAME, in, 4);
        }
        int d = in.readInt();
        if (d == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (d == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        if (d < DateTimeValues.MIN_DATE || d >= DateTimeValues.END_DATE) {
            throw new PgException("22008", "date out of range");
        }
        return DateTimeValues.date(d);
    }

    /** Days since 2000-01-01, or Integer.MAX_VALUE/MIN_VALUE for the infinities. */
    private static long days(Object value, CodecContext ctx) {
        if (value instanceof String s) {
            value = parse(s, ctx);
        }
        if (value instanceof LocalDate d) {
            if (d.equals(LocalDate.MAX)) {
                return Integer.MAX_VALUE;
            }
            if (d.equals(LocalDate.MIN)) {
                return Integer.MIN_VALUE;
            }
            long days = DateTimeValues.days(d);
            if (days < DateTimeValues.MIN_DATE || days >= DateTimeValues.END_DATE) {
                throw new PgException("22008", "date out of range: \"" + d + "\"");
            }
            return days;
        }
        throw DateTimeValues.wrongType(value, NAME, "LocalDate or String");
    }

    static LocalDate parse(String s, CodecContext ctx) {
        return DateTimeValues.parsing(NAME, s, false, () -> {
            DateTimeParser.Fields f = DateTimeParser.dateTime(s, ctx);
            switch (f.special) {
                case DateTimeParser.EPOCH:
                    return LocalDate.of(1970, 1, 1);
                case DateTimeParser.LATE:
                    return LocalDate.MAX;
                case DateTimeParser.EARLY:
                    return LocalDate.MIN;
                case DateTimeParser.NOW:
                case DateTimeParser.TODAY:
                    return LocalDate.now(ctx.timeZone());
                case DateTimeParser.TOMORROW:
                    return LocalDate.now(ctx.timeZone()).plusDays(1);
                case DateTimeParser.YESTERDAY:
                    return LocalDate.now(ctx.timeZone()).minusDays(1);
                default:
                    break;
            }
            if (!DateTimeValues.validJulian(f.year, f.mon)) {
                throw new PgException("22008", "date out of range: \"" + s + "\"");
            }
            long d = DateTimeValues.days(f.year, f.mon, f.mday);
            if (d < DateTimeValues.MIN_DATE || d >= DateTimeValues.END_DATE) {
                throw new PgException("22008", "date out of range: \"" + s + "\"");
            }
            return DateTimeValues.date(d);
        });
    }
}
