package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Codecs of {@code timestamp} (LocalDateTime) and {@code timestamptz} (OffsetDateTime at UTC). */
final class TimestampCodecs {
    private TimestampCodecs() {
    }

    private static PgException outOfRange(String input) {
        return new PgException("22008", "timestamp out of range: \"" + input + "\"");
    }

    private static long checked(long micros, Object value) {
        if (micros < DateTimeValues.MIN_TIMESTAMP || micros >= DateTimeValues.END_TIMESTAMP) {
            throw outOfRange(String.valueOf(value));
        }
        return micros;
    }

    private static long checkedMicros(LocalDateTime t, Object value) {
        int y = t.getYear();
        if (y < -4713 || y > 294277) {
            throw outOfRange(String.valueOf(value));
        }
        return checked(DateTimeValues.micros(t), value);
    }

    private static long binary(ByteBuf in, String name) {
        if (in.readableBytes() != 8) {
            throw DateTimeValues.binaryFormat(name, in, 8);
        }
        long t = in.readLong();
        if (t != Long.MAX_VALUE && t != Long.MIN_VALUE
                && (t < DateTimeValues.MIN_TIMESTAMP || t >= DateTimeValues.END_TIMESTAMP)) {
            throw new PgException("22008", "timestamp out of range");
        }
        return t;
    }

    /**
     * Parses timestamp input to local microseconds since 2000-01-01 (or Long.MAX/MIN_VALUE for the infinities);
     * with {@code withZone}, converts to UTC with the given, named or session zone.
     */
    static long parse(String s, CodecContext ctx, boolean withZone, String typeName) {
        return DateTimeValues.parsing(typeName, s, false, () -> {
            DateTimeParser.Fields f = DateTimeParser.dateTime(s, ctx);
            ZoneId session = ctx.timeZone();
            switch (f.special) {
                case DateTimeParser.EPOCH:
                    return -DateTimeFormat.PG_EPOCH_SECONDS * 1_000_000L;
                case DateTimeParser.LATE:
                    return Long.MAX_VALUE;
                case DateTimeParser.EARLY:
                    return Long.MIN_VALUE;
                case DateTimeParser.NOW: {
                    Instant now = Instant.now();
                    long utc = (now.getEpochSecond() - DateTimeFormat.PG_EPOCH_SECONDS) * 1_000_000L
                            + now.getNano() / 1000;
                    return withZone ? utc
                            : utc + DateTimeValues.offsetAt(session, now.getEpochSecond()) * 1_000_000L;
                }
                case DateTimeParser.TODAY:
                case DateTimeParser.TOMORROW:
                case DateTimeParser.YESTERDAY: {
                    LocalDate d = LocalDate.now(session).plusDays(f.special == DateTimeParser.TOMORROW ? 1
                            : f.special == DateTimeParser.YESTERDAY ? -1 : 0);
                    long local = DateTimeValues.days(d) * DateTimeValues.DAY;
                    return withZone ? local - DateTimeValues.offset(session, d.atStartOfDay()) * 1_000_000L : local;
                }
                default:
                    break;
            }
            if (!DateTimeValues.validJulian(f.year, f.mon)) {
                throw outOfRange(s);
            }
            long local;
            try {
                local = Math.addExact(Math.multiplyExact(DateTimeValues.days(f.year, f.mon, f.mday),
                        DateTimeValues.DAY), f.timeMicros());
            } catch (ArithmeticException e) {
                throw outOfRange(s);
            }
            if (withZone) {
                int east;
                if (f.hasTz && f.zone == null) {
                    east = f.tzEast;
                } else {
                    ZoneId zone = f.zone != null ? f.zone : session;
                    east = DateTimeValues.offset(zone, DateTimeValues.dateTime(local));
                }
                local -= east * 1_000_000L;
            }
            return checked(local, s);
        });
    }

    /**
     * {@code timestamp} ↔ {@link LocalDateTime}; infinity/-infinity are LocalDateTime.MAX/MIN. Binary: int64
     * microseconds since 2000-01-01 (Long.MAX_VALUE/MIN_VALUE for the infinities).
     */
    static final class TimestampCodec implements Codec {
        static final String NAME = "timestamp without time zone";

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            long t = micros(value, ctx);
            if (t == Long.MAX_VALUE) {
                DateTimeFormat.ascii(out, "infinity");
            } else if (t == Long.MIN_VALUE) {
                DateTimeFormat.ascii(out, "-infinity");
            } else {
                DateTimeFormat.dateTime(out, t, ctx, false, 0, null);
            }
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            out.writeLong(micros(value, ctx));
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            return value(parse(DateTimeValues.text(in), ctx, false, "timestamp"));
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            return value(binary(in, "timestamp"));
        }

        private static LocalDateTime value(long t) {
            if (t == Long.MAX_VALUE) {
                return LocalDateTime.MAX;
            }
            if (t == Long.MIN_VALUE) {
                return LocalDateTime.MIN;
            }
            return DateTimeValues.dateTime(t);
        }

        private static long micros(Object value, CodecContext ctx) {
            if (value instanceof String s) {
                return parse(s, ctx, false, "timestamp");
            }
            if (value instanceof LocalDateTime t) {
                if (t.equals(LocalDateTime.MAX)) {
                    return Long.MAX_VALUE;
                }
                if (t.equals(LocalDateTime.MIN)) {
                    return Long.MIN_VALUE;
                }
                return checkedMicros(t, value);
            }
            throw DateTimeValues.wrongType(value, "timestamp", "LocalDateTime or String");
        }
    }

    /**
     * {@code timestamptz} ↔ {@link OffsetDateTime} at UTC; encoding also takes Instant, ZonedDateTime and an
     * OffsetDateTime at any offset; infinity/-infinity are OffsetDateTime.MAX/MIN (and Instant.MAX/MIN). Text
     * output is in the session TimeZone. Binary: int64 microseconds since 2000-01-01 00:00 UTC.
     */
    static final class TimestamptzCodec implements Codec {
        static final String NAME = "timestamp with time zone";

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            long t = micros(value, ctx);
            if (t == Long.MAX_VALUE) {
                DateTimeFormat.ascii(out, "infinity");
            } else if (t == Long.MIN_VALUE) {
                DateTimeFormat.ascii(out, "-infinity");
            } else {
                long epochSecond = Math.floorDiv(t, 1_000_000L) + DateTimeFormat.PG_EPOCH_SECONDS;
                ZoneId zone = ctx.timeZone();
                int east = DateTimeValues.offsetAt(zone, epochSecond);
                String tzn = ctx.dateStyle() == CodecContext.DateStyle.ISO ? null
                        : TimeZoneNames.abbreviation(zone, epochSecond, east);
                DateTimeFormat.dateTime(out, t + east * 1_000_000L, ctx, true, east, tzn);
            }
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            out.writeLong(micros(value, ctx));
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            return value(parse(DateTimeValues.text(in), ctx, true, NAME));
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            return value(binary(in, "timestamptz"));
        }

        private static OffsetDateTime value(long t) {
            if (t == Long.MAX_VALUE) {
                return OffsetDateTime.MAX;
            }
            if (t == Long.MIN_VALUE) {
                return OffsetDateTime.MIN;
            }
            return OffsetDateTime.of(DateTimeValues.dateTime(t), ZoneOffset.UTC);
        }

        private static long micros(Object value, CodecContext ctx) {
            if (value instanceof String s) {
                return parse(s, ctx, true, NAME);
            }
            Instant instant;
            if (value instanceof OffsetDateTime t) {
                if (t.equals(OffsetDateTime.MAX)) {
                    return Long.MAX_VALUE;
                }
                if (t.equals(OffsetDateTime.MIN)) {
                    return Long.MIN_VALUE;
                }
                instant = t.toInstant();
            } else if (value instanceof Instant i) {
                if (i.equals(Instant.MAX)) {
                    return Long.MAX_VALUE;
                }
                if (i.equals(Instant.MIN)) {
                    return Long.MIN_VALUE;
                }
                instant = i;
            } else if (value instanceof ZonedDateTime z) {
                instant = z.toInstant();
            } else {
                throw DateTimeValues.wrongType(value, "timestamptz",
                        "OffsetDateTime, Instant, ZonedDateTime or String");
            }
            long seconds = instant.getEpochSecond() - DateTimeFormat.PG_EPOCH_SECONDS;
            if (seconds < DateTimeValues.MIN_TIMESTAMP / 1_000_000L - 1
                    || seconds > DateTimeValues.END_TIMESTAMP / 1_000_000L + 1) {
                throw outOfRange(String.valueOf(value));
            }
            long micros = seconds * 1_000_000L + (instant.getNano() + 500) / 1000;
            return checked(micros, value);
        }
    }
}
