package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.function.Supplier;

/** Conversions between java.time and PostgreSQL's date/time representation, shared by the date/time codecs. */
final class DateTimeValues {
    static final long DAY = DateTimeFormat.USECS_PER_DAY;
    /** First valid date, 4714-11-24 BC, in days since 2000-01-01. */
    static final long MIN_DATE = -2451545;
    /** One past the last valid date (5874898-01-01). */
    static final long END_DATE = 2147483494L - 2451545L;
    static final long MIN_TIMESTAMP = -211813488000000000L;
    /** 294277-01-01 00:00:00, one past the last valid timestamp. */
    static final long END_TIMESTAMP = 9223371331200000000L;

    private DateTimeValues() {
    }

    static String text(ByteBuf in) {
        return in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8).toString();
    }

    /** Runs a parse, turning parser failures into PostgreSQL's errors for this type and input. */
    static <T> T parsing(String typeName, String input, boolean interval, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DateTimeParser.Failure f) {
            if (interval && (f.kind == DateTimeParser.FIELD_OVERFLOW || f.kind == DateTimeParser.MD_FIELD_OVERFLOW)) {
                throw DateTimeParser.error(new DateTimeParser.Failure(DateTimeParser.INTERVAL_OVERFLOW), typeName,
                        input);
            }
            throw DateTimeParser.error(f, typeName, input);
        } catch (DateTimeParser.ZoneFailure z) {
            throw DateTimeParser.unknownZone(z.name);
        }
    }

    static PgException wrongType(Object value, String typeName, String expected) {
        return new PgException("42804", "cannot encode " + value.getClass().getName() + " as " + typeName
                + " (expected " + expected + ")");
    }

    static PgException binaryFormat(String typeName, ByteBuf in, int size) {
        return new PgException("22P03", "incorrect binary data format for type " + typeName + ": expected " + size
                + " bytes, got " + in.readableBytes());
    }

    /** PostgreSQL's IS_VALID_JULIAN: the date is inside the range its Julian-day arithmetic handles. */
    static boolean validJulian(int y, int m) {
        return (y > -4713 || (y == -4713 && m >= 11)) && (y < 5874898 || (y == 5874898 && m < 6));
    }

    static long days(int y, int m, int d) {
        return LocalDate.of(y, m, d).toEpochDay() - DateTimeFormat.PG_EPOCH_DAY;
    }

    static long days(LocalDate d) {
        return d.toEpochDay() - DateTimeFormat.PG_EPOCH_DAY;
    }

    static LocalDate date(long pgDays) {
        return LocalDate.ofEpochDay(pgDays + DateTimeFormat.PG_EPOCH_DAY);
    }

    /** Microseconds of a LocalTime, rounded to the nearest microsecond; LocalTime.MAX is 24:00:00. */
    static long micros(LocalTime t) {
        if (t.equals(LocalTime.MAX)) {
            return DAY;
        }
        return (t.toNanoOfDay() + 500) / 1000;
    }

    static LocalTime time(long micros) {
        if (micros >= DAY) {
            return LocalTime.MAX;
        }
        return LocalTime.ofNanoOfDay(micros * 1000);
    }

    /** Microseconds since 2000-01-01 of a local date-time (rounded to microseconds); no range check. */
    static long micros(LocalDateTime t) {
        return days(t.toLocalDate()) * DAY + (t.toLocalTime().toNanoOfDay() + 500) / 1000;
    }

    static LocalDateTime dateTime(long micros) {
        long d = Math.floorDiv(micros, DAY);
        long t = Math.floorMod(micros, DAY);
        return date(d).atTime(LocalTime.ofNanoOfDay(t * 1000));
    }

    /**
     * The UTC offset (seconds east) of a local time in a zone as PostgreSQL resolves it: in a gap (spring forward)
     * the offset before the transition, in an overlap (fall back) the offset after it.
     */
    static int offset(ZoneId zone, LocalDateTime local) {
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds();
        }
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> valid = rules.getValidOffsets(local);
        if (valid.size() == 1) {
            return valid.get(0).getTotalSeconds();
        }
        ZoneOffsetTransition t = rules.getTransition(local);
        return (valid.isEmpty() ? t.getOffsetBefore() : t.getOffsetAfter()).getTotalSeconds();
    }

    /** The offset of a zone at an instant given as seconds since 1970. */
    static int offsetAt(ZoneId zone, long epochSecond) {
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds();
        }
        return zone.getRules().getOffset(java.time.Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }
}
