package io.pgserve.server.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java side of the date/time codecs: accepted Java types, special values, time-dependent input. */
class DateTimeCodecsTest {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();
    private static final CodecContext UTC = CodecContext.DEFAULT;
    private static final CodecContext NEW_YORK = CodecContext.of("America/New_York", "ISO, MDY", "postgres", "1",
            "hex");

    private static String text(PgType type, Object value, CodecContext ctx) {
        ByteBuf out = Unpooled.buffer();
        try {
            TYPES.codec(type).encodeText(value, out, ctx);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    private static String binary(PgType type, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            TYPES.codec(type).encodeBinary(value, out, UTC);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private static Object parse(PgType type, String text, CodecContext ctx) {
        ByteBuf in = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return TYPES.codec(type).decodeText(in, ctx);
        } finally {
            in.release();
        }
    }

    private static Object fromBinary(PgType type, String hex) {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            return TYPES.codec(type).decodeBinary(in, UTC);
        } finally {
            in.release();
        }
    }

    @Test
    void timestamptzFromInstantZonedAndAnyOffset() {
        Instant instant = Instant.parse("1999-01-08T09:05:06.5Z");
        assertEquals("1999-01-08 09:05:06.5+00", text(PgType.TIMESTAMPTZ, instant, UTC));
        assertEquals("1999-01-08 04:05:06.5-05", text(PgType.TIMESTAMPTZ, instant, NEW_YORK));
        ZonedDateTime zoned = instant.atZone(ZoneId.of("Asia/Kolkata"));
        assertEquals("1999-01-08 04:05:06.5-05", text(PgType.TIMESTAMPTZ, zoned, NEW_YORK));
        OffsetDateTime plusTwo = instant.atOffset(ZoneOffset.ofHours(2));
        assertEquals(binary(PgType.TIMESTAMPTZ, instant), binary(PgType.TIMESTAMPTZ, plusTwo));
        Object decoded = parse(PgType.TIMESTAMPTZ, "1999-01-08 04:05:06.5-05", UTC);
        assertEquals(OffsetDateTime.of(1999, 1, 8, 9, 5, 6, 500_000_000, ZoneOffset.UTC), decoded);
        assertEquals("infinity", text(PgType.TIMESTAMPTZ, Instant.MAX, UTC));
        assertEquals(OffsetDateTime.MIN, parse(PgType.TIMESTAMPTZ, "-infinity", UTC));
        assertEquals("7fffffffffffffff", binary(PgType.TIMESTAMPTZ, OffsetDateTime.MAX));
    }

    @Test
    void stringsInPostgresSyntaxAreAccepted() {
        assertEquals("1999-01-08 09:05:06+00", text(PgType.TIMESTAMPTZ, "Jan 8 1999 04:05:06 EST", UTC));
        assertEquals("01:30:00", text(PgType.INTERVAL, "90 minutes", UTC));
        assertEquals("2024-02-29", text(PgType.DATE, "Feb 29, 2024", UTC));
    }

    @Test
    void nanosecondsRoundToMicroseconds() {
        assertEquals("04:05:06.000001", text(PgType.TIME, LocalTime.of(4, 5, 6, 500), UTC));
        assertEquals("2024-01-08 04:05:06.123457",
                text(PgType.TIMESTAMP, LocalDateTime.of(2024, 1, 8, 4, 5, 6, 123_456_789), UTC));
    }

    @Test
    void localTimeMaxIs2400() {
        assertEquals("24:00:00", text(PgType.TIME, LocalTime.MAX, UTC));
        assertEquals(LocalTime.MAX, parse(PgType.TIME, "24:00:00", UTC));
        assertEquals("000000141dd76000", binary(PgType.TIME, LocalTime.MAX));
        assertEquals(LocalTime.MAX, fromBinary(PgType.TIME, "000000141dd76000"));
        assertEquals("24:00:00+01", text(PgType.TIMETZ, OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHours(1)), UTC));
    }

    @Test
    void timetzBinaryOffsetIsWestOfUtc() {
        OffsetTime t = OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHoursMinutes(5, 30));
        // 04:05:06 = 14706000000 us; +05:30 is -19800 seconds west
        assertEquals("000000036c8bc080ffffb2a8", binary(PgType.TIMETZ, t));
        assertEquals(t, fromBinary(PgType.TIMETZ, "000000036c8bc080ffffb2a8"));
    }

    @Test
    void infinitiesAndBc() {
        assertEquals("infinity", text(PgType.DATE, LocalDate.MAX, UTC));
        assertEquals("-infinity", text(PgType.TIMESTAMP, LocalDateTime.MIN, UTC));
        assertEquals(LocalDate.of(0, 3, 15), parse(PgType.DATE, "0001-03-15 BC", UTC));
        assertEquals("0001-03-15 BC", text(PgType.DATE, LocalDate.of(0, 3, 15), UTC));
        assertEquals("0044-03-15 BC", text(PgType.DATE, LocalDate.of(-43, 3, 15), UTC));
    }

    @Test
    void intervalFromDurationAndPeriod() {
        assertEquals("1 day 02:00:00", text(PgType.INTERVAL, new PgInterval(0, 1, 7_200_000_000L), UTC));
        assertEquals("26:00:00", text(PgType.INTERVAL, Duration.ofHours(26), UTC));
        assertEquals("1 year 2 mons 3 days", text(PgType.INTERVAL, Period.of(1, 2, 3), UTC));
        assertEquals(new PgInterval(14, 3, 0), PgInterval.of(Period.of(1, 2, 3)));
        assertEquals(new PgInterval(0, 0, 1_500_000), PgInterval.of(Duration.ofMillis(1500)));
        assertEquals(Period.of(1, 2, 3), new PgInterval(14, 3, 0).toPeriod());
        assertEquals(Duration.ofMillis(-1500), new PgInterval(0, 0, -1_500_000).timeDuration());
        assertEquals(new PgInterval(-14, -3, -4_000_000), parse(PgType.INTERVAL, "@ 1 year 2 mons 3 days 4 secs ago",
                UTC));
        assertEquals("0000000000000000000000030000000e", binary(PgType.INTERVAL, Period.of(1, 2, 3)));
    }

    @Test
    void wrongJavaTypeIsAClearError() {
        for (PgType type : new PgType[] {PgType.DATE, PgType.TIME, PgType.TIMETZ, PgType.TIMESTAMP,
            PgType.TIMESTAMPTZ, PgType.INTERVAL}) {
            PgException e = assertThrows(PgException.class, () -> text(type, 42, UTC));
            assertEquals("42804", e.sqlState());
            assertTrue(e.getMessage().startsWith("cannot encode java.lang.Integer as "), e.getMessage());
        }
        PgException e = assertThrows(PgException.class, () -> binary(PgType.TIMESTAMP, Instant.EPOCH));
        assertTrue(e.getMessage().contains("expected LocalDateTime"), e.getMessage());
    }

    @Test
    void outOfRangeJavaValues() {
        PgException e = assertThrows(PgException.class,
                () -> text(PgType.TIMESTAMP, LocalDateTime.of(300000, 1, 1, 0, 0), UTC));
        assertEquals("22008", e.sqlState());
        e = assertThrows(PgException.class, () -> text(PgType.DATE, LocalDate.of(-5000, 1, 1), UTC));
        assertEquals("22008", e.sqlState());
    }

    @Test
    void timeDependentInputs() {
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        Object today = parse(PgType.DATE, "today", UTC);
        LocalDate after = LocalDate.now(ZoneOffset.UTC);
        assertTrue(today.equals(before) || today.equals(after));
        Object tomorrow = parse(PgType.DATE, "tomorrow", UTC);
        assertTrue(tomorrow.equals(before.plusDays(1)) || tomorrow.equals(after.plusDays(1)));
        LocalDateTime yesterday = (LocalDateTime) parse(PgType.TIMESTAMP, "yesterday", UTC);
        assertEquals(LocalTime.MIDNIGHT, yesterday.toLocalTime());
        assertTrue(yesterday.toLocalDate().equals(before.minusDays(1))
                || yesterday.toLocalDate().equals(after.minusDays(1)));
        OffsetDateTime now = (OffsetDateTime) parse(PgType.TIMESTAMPTZ, "now", NEW_YORK);
        assertTrue(Duration.between(now.toInstant(), Instant.now()).abs().getSeconds() < 5);
        OffsetDateTime midnight = (OffsetDateTime) parse(PgType.TIMESTAMPTZ, "today", NEW_YORK);
        assertEquals(LocalTime.MIDNIGHT, midnight.atZoneSameInstant(ZoneId.of("America/New_York")).toLocalTime());
        LocalTime t = (LocalTime) parse(PgType.TIME, "now", UTC);
        assertTrue(Math.abs(Duration.between(t, LocalTime.now(ZoneOffset.UTC)).getSeconds()) < 5
                || t.getHour() == 23 || t.getHour() == 0);
        OffsetTime tz = (OffsetTime) parse(PgType.TIMETZ, "04:05:06", NEW_YORK);
        assertTrue(tz.getOffset().equals(ZoneOffset.ofHours(-5)) || tz.getOffset().equals(ZoneOffset.ofHours(-4)));
    }

    @Test
    void errorsCarryPostgresMessages() {
        PgException e = assertThrows(PgException.class, () -> parse(PgType.DATE, "2023-02-30", UTC));
        assertEquals("22008: date/time field value out of range: \"2023-02-30\"", e.sqlState() + ": " + e.getMessage());
        e = assertThrows(PgException.class, () -> parse(PgType.TIMESTAMPTZ, "2024-01-01 10:00 Foo/Bar", UTC));
        assertEquals("22023: time zone \"foo/bar\" not recognized", e.sqlState() + ": " + e.getMessage());
        e = assertThrows(PgException.class, () -> fromBinary(PgType.DATE, "0000"));
        assertEquals("22P03", e.sqlState());
    }
}
