package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Codecs of {@code time} (LocalTime) and {@code timetz} (OffsetTime). */
final class TimeCodecs {
    private TimeCodecs() {
    }

    /**
     * {@code time} ↔ {@link LocalTime}; {@code 24:00:00} is LocalTime.MAX (as pgjdbc maps it). Binary: int64
     * microseconds since midnight.
     */
    static final class TimeCodec implements Codec {
        static final String NAME = "time without time zone";

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            DateTimeFormat.time(out, micros(value, ctx));
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            out.writeLong(micros(value, ctx));
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            return parse(DateTimeValues.text(in), ctx);
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            if (in.readableBytes() != 8) {
                throw DateTimeValues.binaryFormat("time", in, 8);
            }
            long t = in.readLong();
            if (t < 0 || t > DateTimeValues.DAY) {
                throw new PgException("22008", "time out of range");
            }
            return DateTimeValues.time(t);
        }

        private static long micros(Object value, CodecContext ctx) {
            if (value instanceof String s) {
                value = parse(s, ctx);
            }
            if (value instanceof LocalTime t) {
                return DateTimeValues.micros(t);
            }
            throw DateTimeValues.wrongType(value, "time", "LocalTime or String");
        }

        static LocalTime parse(String s, CodecContext ctx) {
            return DateTimeValues.parsing("time", s, false, () -> {
                DateTimeParser.Fields f = DateTimeParser.timeOnly(s, ctx);
                if (f.special == DateTimeParser.NOW) {
                    return DateTimeValues.time(DateTimeValues.micros(LocalTime.now(ctx.timeZone())));
                }
                return DateTimeValues.time(f.timeMicros());
            });
        }
    }

    /**
     * {@code timetz} ↔ {@link OffsetTime}. Binary: int64 microseconds since midnight, then int32 offset in seconds
     * west of UTC (PostgreSQL's sign convention, the inverse of ISO's).
     */
    static final class TimeTzCodec implements Codec {
        static final String NAME = "time with time zone";
        private static final int TZDISP_LIMIT = (15 * 60 + 59) * 60 + 60;

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            OffsetTime t = value(value, ctx);
            DateTimeFormat.time(out, DateTimeValues.micros(t.toLocalTime()));
            DateTimeFormat.offset(out, t.getOffset().getTotalSeconds());
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            OffsetTime t = value(value, ctx);
            out.writeLong(DateTimeValues.micros(t.toLocalTime()));
            out.writeInt(-t.getOffset().getTotalSeconds());
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            return parse(DateTimeValues.text(in), ctx);
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            if (in.readableBytes() != 12) {
                throw DateTimeValues.binaryFormat("timetz", in, 12);
            }
            long t = in.readLong();
            int west = in.readInt();
            if (t < 0 || t > DateTimeValues.DAY) {
                throw new PgException("22008", "time out of range");
            }
            if (west <= -TZDISP_LIMIT || west >= TZDISP_LIMIT) {
                throw new PgException("22P03", "time zone displacement out of range");
            }
            return OffsetTime.of(DateTimeValues.time(t), ZoneOffset.ofTotalSeconds(-west));
        }

        private static OffsetTime value(Object value, CodecContext ctx) {
            if (value instanceof String s) {
                value = parse(s, ctx);
            }
            if (value instanceof OffsetTime t) {
                return t;
            }
            throw DateTimeValues.wrongType(value, "timetz", "OffsetTime or String");
        }

        static OffsetTime parse(String s, CodecContext ctx) {
            return DateTimeValues.parsing(NAME, s, false, () -> {
                DateTimeParser.Fields f = DateTimeParser.timeOnly(s, ctx);
                long micros;
                if (f.special == DateTimeParser.NOW) {
                    micros = DateTimeValues.micros(LocalTime.now(ctx.timeZone()));
                    f.hour = (int) (micros / DateTimeFormat.USECS_PER_HOUR);
                } else {
                    micros = f.timeMicros();
                }
                int east;
                if (f.hasTz && f.zone == null) {
                    east = f.tzEast;
                } else {
                    ZoneId zone = f.zone != null ? f.zone : ctx.timeZone();
                    if (zone.getRules().isFixedOffset()) {
                        east = zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds();
                    } else {
                        LocalDate date;
                        if (f.zone == null && !f.hasDate()) {
                            date = LocalDate.now(ctx.timeZone());
                        } else if (!f.hasFullDate()) {
                            throw new DateTimeParser.Failure(DateTimeParser.BAD_FORMAT);
                        } else {
                            date = LocalDate.of(f.year, f.mon, f.mday);
                        }
                        LocalDateTime local = date.atStartOfDay().plusNanos(Math.min(micros,
                                DateTimeValues.DAY - 1) * 1000);
                        east = DateTimeValues.offset(zone, local);
                    }
                }
                if (Math.abs(east) >= TZDISP_LIMIT) {
                    throw new DateTimeParser.Failure(DateTimeParser.TZDISP_OVERFLOW);
                }
                return OffsetTime.of(DateTimeValues.time(micros), ZoneOffset.ofTotalSeconds(east));
            });
        }
    }
}
