package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.internal.types.TimeZones;
import io.pgserve.server.types.PgInterval;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * Date/time functions and operators as PostgreSQL defines them (src/backend/utils/adt/timestamp.c, date.c,
 * formatting.c). Values are the codecs' Java types: date LocalDate, timestamp LocalDateTime, timestamptz
 * OffsetDateTime (UTC), time LocalTime, interval PgInterval; the infinities are the types' MAX/MIN.
 */
final class DateTimeFunctions {
    static final PgType DATE = PgType.DATE;
    static final PgType TS = PgType.TIMESTAMP;
    static final PgType TSTZ = PgType.TIMESTAMPTZ;
    static final PgType TIME = PgType.TIME;
    static final PgType INTERVAL = PgType.INTERVAL;
    private static final PgType TEXT = PgType.TEXT;
    private static final PgType INT4 = PgType.INT4;
    private static final PgType FLOAT8 = PgType.FLOAT8;
    static final long DAY = 86_400_000_000L;
    private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final LocalDateTime UNIX_EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private DateTimeFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.register("now", List.of(), TSTZ, (c, a) -> c.transactionStart());
        r.register("transaction_timestamp", List.of(), TSTZ, (c, a) -> c.transactionStart());
        r.register("statement_timestamp", List.of(), TSTZ, (c, a) -> c instanceof EvalContext e
                ? e.statementStart() : c.transactionStart());
        r.register(new Function("clock_timestamp", List.of(), TSTZ, false, false,
                (c, a) -> OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS)));
        r.register(new Function("timeofday", List.of(), TEXT, false, false,
                (c, a) -> java.time.format.DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSS yyyy zzz",
                        Locale.ROOT).format(java.time.ZonedDateTime.now(c.codecContext().timeZone()))));

        r.register("date_trunc", List.of(TEXT, TS), TS, (c, a) -> truncate((String) a[0], (LocalDateTime) a[1],
                "timestamp without time zone"));
        r.register("date_trunc", List.of(TEXT, TSTZ), TSTZ, (c, a) -> truncateTz((String) a[0],
                (OffsetDateTime) a[1], c.codecContext().timeZone()));
        r.register("date_trunc", List.of(TEXT, TSTZ, TEXT), TSTZ, (c, a) -> truncateTz((String) a[0],
                (OffsetDateTime) a[1], zone((String) a[2])));
        r.register("date_trunc", List.of(TEXT, INTERVAL), INTERVAL,
                (c, a) -> truncate((String) a[0], (PgInterval) a[1]));

        for (PgType t : List.of(TS, TSTZ, DATE, TIME, INTERVAL)) {
            r.register("extract", List.of(TEXT, t), PgType.NUMERIC, (c, a) -> DateTimeFields.extract((String) a[0],
                    a[1], t, c));
            PgType partType = t.equals(DATE) ? TS : t;
            r.register("date_part", List.of(TEXT, partType), FLOAT8, (c, a) -> DateTimeFields.extract(
                    (String) a[0], a[1], partType, c).doubleValue());
        }

        r.register("age", List.of(TS, TS), INTERVAL, (c, a) -> age((LocalDateTime) a[0], (LocalDateTime) a[1]));
        r.register("age", List.of(TSTZ, TSTZ), INTERVAL, (c, a) -> age(local((OffsetDateTime) a[0], c),
                local((OffsetDateTime) a[1], c)));
        r.register("age", List.of(TS), INTERVAL, (c, a) -> age(today(c).atStartOfDay(), (LocalDateTime) a[0]));
        r.register("age", List.of(TSTZ), INTERVAL, (c, a) -> age(today(c).atStartOfDay(),
                local((OffsetDateTime) a[0], c)));

        r.register("make_date", List.of(INT4, INT4, INT4), DATE, (c, a) -> makeDate((Integer) a[0], (Integer) a[1],
                (Integer) a[2]));
        r.register("make_time", List.of(INT4, INT4, FLOAT8), TIME, (c, a) -> makeTime((Integer) a[0],
                (Integer) a[1], (Double) a[2]));
        r.register("make_timestamp", List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8), TS, (c, a) -> makeDate(
                (Integer) a[0], (Integer) a[1], (Integer) a[2]).atTime(makeTime((Integer) a[3], (Integer) a[4],
                (Double) a[5])));
        r.register("make_timestamptz", List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8), TSTZ, (c, a) -> toTz(makeDate(
                (Integer) a[0], (Integer) a[1], (Integer) a[2]).atTime(makeTime((Integer) a[3], (Integer) a[4],
                (Double) a[5])), c.codecContext().timeZone()));
        r.register("make_timestamptz", List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8, TEXT), TSTZ, (c, a) -> toTz(
                makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]).atTime(makeTime((Integer) a[3],
                (Integer) a[4], (Double) a[5])), zone((String) a[6])));
        for (int n = 0; n <= 7; n++) {
            List<PgType> params = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                params.add(i == 6 ? FLOAT8 : INT4);
            }
            r.register("make_interval", params, INTERVAL, (c, a) -> makeInterval(a));
        }
        r.register("justify_days", List.of(INTERVAL), INTERVAL, (c, a) -> justifyDays((PgInterval) a[0]));
        r.register("justify_hours", List.of(INTERVAL), INTERVAL, (c, a) -> justifyHours((PgInterval) a[0]));
        r.register("justify_interval", List.of(INTERVAL), INTERVAL, (c, a) -> justifyInterval((PgInterval) a[0]));
        r.register("isfinite", List.of(DATE), PgType.BOOL, (c, a) -> !a[0].equals(LocalDate.MAX)
                && !a[0].equals(LocalDate.MIN));
        r.register("isfinite", List.of(TS), PgType.BOOL, (c, a) -> !a[0].equals(LocalDateTime.MAX)
                && !a[0].equals(LocalDateTime.MIN));
        r.register("isfinite", List.of(TSTZ), PgType.BOOL, (c, a) -> !a[0].equals(OffsetDateTime.MAX)
                && !a[0].equals(OffsetDateTime.MIN));
        r.register("isfinite", List.of(INTERVAL), PgType.BOOL, (c, a) -> true);

        // AT TIME ZONE
        r.register("timezone", List.of(TEXT, TSTZ), TS, (c, a) -> atZone((OffsetDateTime) a[1], zone((String) a[0])));
        r.register("timezone", List.of(TEXT, TS), TSTZ, (c, a) -> toTz((LocalDateTime) a[1], zone((String) a[0])));
        r.register("timezone", List.of(INTERVAL, TSTZ), TS, (c, a) -> atZone((OffsetDateTime) a[1],
                offsetZone((PgInterval) a[0])));
        r.register("timezone", List.of(INTERVAL, TS), TSTZ, (c, a) -> toTz((LocalDateTime) a[1],
                offsetZone((PgInterval) a[0])));

        r.register("to_timestamp", List.of(FLOAT8), TSTZ, (c, a) -> fromEpoch((Double) a[0]));
        r.register("to_char", List.of(TS, TEXT), TEXT, (c, a) -> DateTimeFormatting.format((LocalDateTime) a[0],
                null, (String) a[1], null));
        r.register("to_char", List.of(TSTZ, TEXT), TEXT, (c, a) -> {
            ZoneId z = c.codecContext().timeZone();
            OffsetDateTime t = (OffsetDateTime) a[0];
            return DateTimeFormatting.format(atZone(t, z), t.toInstant(), (String) a[1], z);
        });
        r.register("to_char", List.of(INTERVAL, TEXT), TEXT, (c, a) -> DateTimeFormatting.format((PgInterval) a[0],
                (String) a[1]));
        for (PgType t : List.of(INT4, PgType.INT8, PgType.NUMERIC, FLOAT8)) {
            r.register("to_char", List.of(t, TEXT), TEXT, (c, a) -> NumberFormatting.format(a[0], (String) a[1]));
        }
        r.register("to_date", List.of(TEXT, TEXT), DATE, (c, a) -> DateTimeFormatting.parse((String) a[0],
                (String) a[1]).toLocalDate());
        r.register("to_timestamp", List.of(TEXT, TEXT), TSTZ, (c, a) -> toTz(DateTimeFormatting.parse(
                (String) a[0], (String) a[1]), c.codecContext().timeZone()));
    }

    static void registerOperators(FunctionRegistry t) {
        Operators.op(t, "+", List.of(DATE, INT4), DATE, (c, a) -> plusDays((LocalDate) a[0], (Integer) a[1]));
        Operators.op(t, "+", List.of(INT4, DATE), DATE, (c, a) -> plusDays((LocalDate) a[1], (Integer) a[0]));
        Operators.op(t, "-", List.of(DATE, INT4), DATE, (c, a) -> plusDays((LocalDate) a[0], -(long) (Integer) a[1]));
        Operators.op(t, "-", List.of(DATE, DATE), INT4, (c, a) -> {
            LocalDate x = (LocalDate) a[0];
            LocalDate y = (LocalDate) a[1];
            if (isInfinite(x) || isInfinite(y)) {
                throw new PgException("22008", "cannot subtract infinite dates");
            }
            return (int) ChronoUnit.DAYS.between(y, x);
        });
        Operators.op(t, "+", List.of(DATE, TIME), TS, (c, a) -> ((LocalDate) a[0]).atTime((LocalTime) a[1]));
        Operators.op(t, "+", List.of(TIME, DATE), TS, (c, a) -> ((LocalDate) a[1]).atTime((LocalTime) a[0]));
        Operators.op(t, "+", List.of(DATE, INTERVAL), TS, (c, a) -> plus(((LocalDate) a[0]).atStartOfDay(),
                (PgInterval) a[1], 1));
        Operators.op(t, "+", List.of(INTERVAL, DATE), TS, (c, a) -> plus(((LocalDate) a[1]).atStartOfDay(),
                (PgInterval) a[0], 1));
        Operators.op(t, "-", List.of(DATE, INTERVAL), TS, (c, a) -> plus(((LocalDate) a[0]).atStartOfDay(),
                (PgInterval) a[1], -1));
        Operators.op(t, "+", List.of(TS, INTERVAL), TS, (c, a) -> plus((LocalDateTime) a[0], (PgInterval) a[1], 1));
        Operators.op(t, "+", List.of(INTERVAL, TS), TS, (c, a) -> plus((LocalDateTime) a[1], (PgInterval) a[0], 1));
        Operators.op(t, "-", List.of(TS, INTERVAL), TS, (c, a) -> plus((LocalDateTime) a[0], (PgInterval) a[1], -1));
        Operators.op(t, "+", List.of(TSTZ, INTERVAL), TSTZ, (c, a) -> plusTz((OffsetDateTime) a[0],
                (PgInterval) a[1], 1, c));
        Operators.op(t, "+", List.of(INTERVAL, TSTZ), TSTZ, (c, a) -> plusTz((OffsetDateTime) a[1],
                (PgInterval) a[0], 1, c));
        Operators.op(t, "-", List.of(TSTZ, INTERVAL), TSTZ, (c, a) -> plusTz((OffsetDateTime) a[0],
                (PgInterval) a[1], -1, c));
        Operators.op(t, "-", List.of(TS, TS), INTERVAL, (c, a) -> difference(micros((LocalDateTime) a[0]),
                micros((LocalDateTime) a[1])));
        Operators.op(t, "-", List.of(TSTZ, TSTZ), INTERVAL, (c, a) -> difference(
                micros(((OffsetDateTime) a[0]).toLocalDateTime()), micros(((OffsetDateTime) a[1]).toLocalDateTime())));
        Operators.op(t, "+", List.of(TIME, INTERVAL), TIME, (c, a) -> plusTime((LocalTime) a[0],
                ((PgInterval) a[1]).microseconds()));
        Operators.op(t, "-", List.of(TIME, INTERVAL), TIME, (c, a) -> plusTime((LocalTime) a[0],
                -((PgInterval) a[1]).microseconds()));
        Operators.op(t, "-", List.of(TIME, TIME), INTERVAL, (c, a) -> new PgInterval(0, 0,
                timeMicros((LocalTime) a[0]) - timeMicros((LocalTime) a[1])));
        Operators.op(t, "+", List.of(INTERVAL, INTERVAL), INTERVAL, (c, a) -> add((PgInterval) a[0],
                (PgInterval) a[1], 1));
        Operators.op(t, "-", List.of(INTERVAL, INTERVAL), INTERVAL, (c, a) -> add((PgInterval) a[0],
                (PgInterval) a[1], -1));
        Operators.op(t, "-", List.of(INTERVAL), INTERVAL, (c, a) -> negate((PgInterval) a[0]));
        Operators.op(t, "*", List.of(INTERVAL, FLOAT8), INTERVAL, (c, a) -> multiply((PgInterval) a[0],
                (Double) a[1]));
        Operators.op(t, "*", List.of(FLOAT8, INTERVAL), INTERVAL, (c, a) -> multiply((PgInterval) a[1],
                (Double) a[0]));
        Operators.op(t, "/", List.of(INTERVAL, FLOAT8), INTERVAL, (c, a) -> divide((PgInterval) a[0],
                (Double) a[1]));
    }

    /** The parameter names of a function that takes named arguments (all defaulting to 0), or null. */
    static List<String> parameterNames(String function) {
        return switch (function) {
            case "make_interval" -> List.of("years", "months", "weeks", "days", "hours", "mins", "secs");
            default -> null;
        };
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static ZoneId zone(String name) {
        ZoneId z = TimeZones.zone(name);
        if (z == null) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
        }
        return z;
    }

    private static ZoneId offsetZone(PgInterval i) {
        if (i.months() != 0 || i.days() != 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "interval time zone \""
                    + i + "\" must not include months or days");
        }
        return ZoneOffset.ofTotalSeconds((int) (i.microseconds() / 1_000_000));
    }

    static boolean isInfinite(Object v) {
        return v.equals(LocalDate.MAX) || v.equals(LocalDate.MIN) || v.equals(LocalDateTime.MAX)
                || v.equals(LocalDateTime.MIN) || v.equals(OffsetDateTime.MAX) || v.equals(OffsetDateTime.MIN);
    }

    /** A timestamptz as local time in a zone (timestamptz AT TIME ZONE zone). */
    static LocalDateTime atZone(OffsetDateTime t, ZoneId zone) {
        if (t.equals(OffsetDateTime.MAX)) {
            return LocalDateTime.MAX;
        }
        if (t.equals(OffsetDateTime.MIN)) {
            return LocalDateTime.MIN;
        }
        return t.atZoneSameInstant(zone).toLocalDateTime();
    }

    static LocalDateTime local(OffsetDateTime t, FunctionContext c) {
        return atZone(t, c.codecContext().timeZone());
    }

    /** A local time in a zone as a timestamptz (timestamp AT TIME ZONE zone), PostgreSQL's DST resolution. */
    static OffsetDateTime toTz(LocalDateTime t, ZoneId zone) {
        if (t.equals(LocalDateTime.MAX)) {
            return OffsetDateTime.MAX;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return OffsetDateTime.MIN;
        }
        return Casts.localToUtc(t, zone);
    }

    private static LocalDate today(FunctionContext c) {
        return c.transactionStart().atZoneSameInstant(c.codecContext().timeZone()).toLocalDate();
    }

    private static LocalDate plusDays(LocalDate d, long days) {
        if (isInfinite(d)) {
            return d;
        }
        LocalDate r = d.plusDays(days);
        checkDate(r);
        return r;
    }

    private static void checkDate(LocalDate d) {
        if (d.getYear() < -4713 || d.getYear() > 5874897) {
            throw new PgException("22008", "date out of range");
        }
    }

    static long micros(LocalDateTime t) {
        return ChronoUnit.DAYS.between(PG_EPOCH.toLocalDate(), t.toLocalDate()) * DAY
                + t.toLocalTime().toNanoOfDay() / 1000;
    }

    static LocalDateTime fromMicros(long micros) {
        return PG_EPOCH.plusDays(Math.floorDiv(micros, DAY)).plusNanos(Math.floorMod(micros, DAY) * 1000);
    }

    private static long timeMicros(LocalTime t) {
        return t.equals(LocalTime.MAX) ? DAY : t.toNanoOfDay() / 1000;
    }

    private static LocalTime plusTime(LocalTime t, long micros) {
        return LocalTime.ofNanoOfDay(Math.floorMod(timeMicros(t) + micros, DAY) * 1000);
    }

    /** timestamp + interval: months (clamped to the month's end), then days, then the time. */
    static LocalDateTime plus(LocalDateTime t, PgInterval i, int sign) {
        if (isInfinite(t)) {
            return t;
        }
        try {
            LocalDateTime r = t.plusMonths((long) sign * i.months()).plusDays((long) sign * i.days())
                    .plusNanos(Math.multiplyExact((long) sign * i.microseconds(), 1000L));
            if (r.getYear() < -4713 || r.getYear() > 294276) {
                throw new PgException("22008", "timestamp out of range");
            }
            return r;
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new PgException("22008", "timestamp out of range");
        }
    }

    /** timestamptz + interval: months and days in the session's time zone, the time part as elapsed time. */
    private static OffsetDateTime plusTz(OffsetDateTime t, PgInterval i, int sign, FunctionContext c) {
        if (isInfinite(t)) {
            return t;
        }
        ZoneId zone = c.codecContext().timeZone();
        OffsetDateTime r = t;
        if (i.months() != 0 || i.days() != 0) {
            LocalDateTime l = atZone(t, zone).plusMonths((long) sign * i.months()).plusDays((long) sign * i.days());
            r = toTz(l, zone);
        }
        return r.plusNanos((long) sign * i.microseconds() * 1000).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** timestamp - timestamp: the difference in days and time (justify_hours). */
    private static PgInterval difference(long a, long b) {
        return justifyHours(new PgInterval(0, 0, Math.subtractExact(a, b)));
    }

    static PgInterval justifyHours(PgInterval i) {
        long days = i.microseconds() / DAY;
        long time = i.microseconds() % DAY;
        long d = i.days() + days;
        if (d > 0 && time < 0) {
            time += DAY;
            d--;
        } else if (d < 0 && time > 0) {
            time -= DAY;
            d++;
        }
        return new PgInterval(i.months(), Math.toIntExact(d), time);
    }

    /** justify_interval: whole days out of the time, whole months out of the days, then one sign for all. */
    static PgInterval justifyInterval(PgInterval i) {
        long time = i.microseconds();
        long day = i.days() + time / DAY;
        time -= time / DAY * DAY;
        long month = i.months() + day / 30;
        day -= day / 30 * 30;
        if (month > 0 && (day < 0 || day == 0 && time < 0)) {
            day += 30;
            month--;
        } else if (month < 0 && (day > 0 || day == 0 && time > 0)) {
            day -= 30;
            month++;
        }
        if (day > 0 && time < 0) {
            time += DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= DAY;
            day++;
        }
        return new PgInterval(Math.toIntExact(month), Math.toIntExact(day), time);
    }

    static PgInterval justifyDays(PgInterval i) {
        int months = i.months() + i.days() / 30;
        int days = i.days() % 30;
        if (months > 0 && days < 0) {
            days += 30;
            months--;
        } else if (months < 0 && days > 0) {
            days -= 30;
            months++;
        }
        return new PgInterval(months, days, i.microseconds());
    }

    private static PgInterval add(PgInterval a, PgInterval b, int sign) {
        try {
            return new PgInterval(Math.addExact(a.months(), sign * b.months()), Math.addExact(a.days(),
                    sign * b.days()), Math.addExact(a.microseconds(), sign * b.microseconds()));
        } catch (ArithmeticException e) {
            throw new PgException("22008", "interval out of range");
        }
    }

    private static PgInterval negate(PgInterval a) {
        return new PgInterval(-a.months(), -a.days(), -a.microseconds());
    }

    private static double tsround(double x) {
        return Math.rint(x * 1_000_000.0) / 1_000_000.0;
    }

    /** interval * factor as interval_mul does: fractional months spill into days, fractional days into time. */
    private static PgInterval multiply(PgInterval span, double factor) {
        if (Double.isNaN(factor)) {
            throw new PgException("22008", "interval out of range");
        }
        double months = span.months() * factor;
        double days = span.days() * factor;
        if (Math.abs(months) > Integer.MAX_VALUE || Math.abs(days) > Integer.MAX_VALUE) {
            throw new PgException("22008", "interval out of range");
        }
        int m = (int) months;
        int d = (int) days;
        double monthRemainderDays = tsround((span.months() * factor - m) * 30);
        double secRemainder = tsround((span.days() * factor - d + monthRemainderDays - (int) monthRemainderDays)
                * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            d += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400;
        }
        d += (int) monthRemainderDays;
        double time = Math.rint(span.microseconds() * factor + secRemainder * 1_000_000);
        if (Math.abs(time) > 9.2e18) {
            throw new PgException("22008", "interval out of range");
        }
        return new PgInterval(m, d, (long) time);
    }

    private static PgInterval divide(PgInterval span, double factor) {
        if (factor == 0) {
            throw Expr.Arithmetic.divisionByZero();
        }
        int m = (int) (span.months() / factor);
        int d = (int) (span.days() / factor);
        double monthRemainderDays = tsround((span.months() / factor - m) * 30);
        double secRemainder = tsround((span.days() / factor - d + monthRemainderDays - (int) monthRemainderDays)
                * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            d += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400;
        }
        d += (int) monthRemainderDays;
        return new PgInterval(m, d, (long) Math.rint(span.microseconds() / factor + secRemainder * 1_000_000));
    }

    private static final int[][] DAY_TAB = {
        {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
    };

    /** age(): the symbolic difference field by field, borrowing as timestamp_age does. */
    static PgInterval age(LocalDateTime t1, LocalDateTime t2) {
        if (isInfinite(t1) || isInfinite(t2)) {
            throw new PgException("22008", "cannot subtract infinite timestamps");
        }
        long fsec = t1.getNano() / 1000 - t2.getNano() / 1000;
        long sec = t1.getSecond() - t2.getSecond();
        long min = t1.getMinute() - t2.getMinute();
        long hour = t1.getHour() - t2.getHour();
        long mday = t1.getDayOfMonth() - t2.getDayOfMonth();
        long mon = t1.getMonthValue() - t2.getMonthValue();
        long year = t1.getYear() - t2.getYear();
        boolean flip = t1.isBefore(t2);
        if (flip) {
            fsec = -fsec;
            sec = -sec;
            min = -min;
            hour = -hour;
            mday = -mday;
            mon = -mon;
            year = -year;
        }
        while (fsec < 0) {
            fsec += 1_000_000;
            sec--;
        }
        while (sec < 0) {
            sec += 60;
            min--;
        }
        while (min < 0) {
            min += 60;
            hour--;
        }
        while (hour < 0) {
            hour += 24;
            mday--;
        }
        while (mday < 0) {
            LocalDateTime ref = flip ? t1 : t2;
            mday += DAY_TAB[ref.toLocalDate().isLeapYear() ? 1 : 0][ref.getMonthValue() - 1];
            mon--;
        }
        while (mon < 0) {
            mon += 12;
            year--;
        }
        if (flip) {
            fsec = -fsec;
            sec = -sec;
            min = -min;
            hour = -hour;
            mday = -mday;
            mon = -mon;
            year = -year;
        }
        return new PgInterval(Math.toIntExact(year * 12 + mon), (int) mday,
                ((hour * 60 + min) * 60 + sec) * 1_000_000 + fsec);
    }

    private static LocalDate makeDate(int y, int m, int d) {
        try {
            if (y == 0) {
                throw new java.time.DateTimeException("year 0");
            }
            return LocalDate.of(y < 0 ? y + 1 : y, m, d);
        } catch (java.time.DateTimeException e) {
            throw new PgException("22008", "date field value out of range: " + y + "-" + two(m) + "-" + two(d));
        }
    }

    private static String two(int v) {
        return v >= 0 && v < 10 ? "0" + v : String.valueOf(v);
    }

    private static LocalTime makeTime(int h, int m, double s) {
        if (h < 0 || h > 24 || m < 0 || m > 59 || s < 0 || s > 60 || h == 24 && (m > 0 || s > 0)) {
            throw new PgException("22008", "time field value out of range: " + h + ":" + two(m) + ":"
                    + (s < 10 ? "0" : "") + NumberFormatting.plain(s));
        }
        long micros = Math.round(s * 1_000_000) + (h * 60L + m) * 60_000_000L;
        return micros >= DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
    }

    /** make_interval(years, months, weeks, days, hours, mins, secs). */
    private static PgInterval makeInterval(Object[] a) {
        long[] v = new long[6];
        for (int i = 0; i < Math.min(a.length, 6); i++) {
            v[i] = (Integer) a[i];
        }
        double secs = a.length > 6 ? (Double) a[6] : 0;
        try {
            int months = Math.toIntExact(Math.addExact(Math.multiplyExact(v[0], 12), v[1]));
            int days = Math.toIntExact(Math.addExact(Math.multiplyExact(v[2], 7), v[3]));
            long micros = Math.addExact(Math.multiplyExact(Math.addExact(Math.multiplyExact(v[4], 60), v[5]),
                    60_000_000L), Math.round(secs * 1_000_000));
            return new PgInterval(months, days, micros);
        } catch (ArithmeticException e) {
            throw new PgException("22008", "interval out of range");
        }
    }

    private static OffsetDateTime fromEpoch(double seconds) {
        if (Double.isInfinite(seconds)) {
            return seconds > 0 ? OffsetDateTime.MAX : OffsetDateTime.MIN;
        }
        if (Double.isNaN(seconds) || Math.abs(seconds) > 9.2e12) {
            throw new PgException("22008", "timestamp out of range: \"" + NumberFormatting.plain(seconds) + "\"");
        }
        long micros = Math.round(seconds * 1_000_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000)
                .atOffset(ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------------------------------- date_trunc

    private static String unit(String field) {
        return field.toLowerCase(Locale.ROOT).trim();
    }

    static LocalDateTime truncate(String field, LocalDateTime t, String typeName) {
        if (isInfinite(t)) {
            return t;
        }
        String u = canonicalUnit(unit(field));
        return switch (u) {
            case "microseconds" -> t.truncatedTo(ChronoUnit.MICROS);
            case "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day" -> t.truncatedTo(ChronoUnit.DAYS);
            case "week" -> t.toLocalDate().with(DayOfWeek.MONDAY).atStartOfDay();
            case "month" -> t.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case "quarter" -> LocalDate.of(t.getYear(), (t.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case "year" -> LocalDate.of(t.getYear(), 1, 1).atStartOfDay();
            case "decade" -> LocalDate.of(Math.floorDiv(t.getYear(), 10) * 10, 1, 1).atStartOfDay();
            case "century" -> LocalDate.of(t.getYear() > 0 ? (t.getYear() - 1) / 100 * 100 + 1
                    : -((99 - (t.getYear() - 1)) / 100 * 100) + 1, 1, 1).atStartOfDay();
            case "millennium" -> LocalDate.of(t.getYear() > 0 ? (t.getYear() - 1) / 1000 * 1000 + 1
                    : -((999 - (t.getYear() - 1)) / 1000 * 1000) + 1, 1, 1).atStartOfDay();
            default -> throw unitError(field, typeName, u);
        };
    }

    static PgException unitError(String field, String typeName, String canonical) {
        if (DateTimeFields.KNOWN_UNITS.contains(canonical)) {
            return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + field + "\" not supported for type "
                    + typeName);
        }
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + field + "\" not recognized for type "
                + typeName);
    }

    /** A unit's canonical name from its spellings (PostgreSQL's deltatktbl): "hours", "h", "hr" are "hour". */
    static String canonicalUnit(String u) {
        return switch (u) {
            case "microsecond", "microseconds", "us", "usec", "usecs", "useconds" -> "microseconds";
            case "millisecond", "milliseconds", "ms", "msec", "msecs", "mseconds" -> "milliseconds";
            case "second", "seconds", "s", "sec", "secs" -> "second";
            case "minute", "minutes", "m", "min", "mins" -> "minute";
            case "hour", "hours", "h", "hr", "hrs" -> "hour";
            case "day", "days", "d" -> "day";
            case "week", "weeks", "w" -> "week";
            case "month", "months", "mon", "mons" -> "month";
            case "quarter", "qtr" -> "quarter";
            case "year", "years", "y", "yr", "yrs" -> "year";
            case "decade", "decades", "dec", "decs" -> "decade";
            case "century", "centuries", "c", "cent" -> "century";
            case "millennium", "millennia", "mil", "mils", "millenniums" -> "millennium";
            default -> u;
        };
    }

    private static OffsetDateTime truncateTz(String field, OffsetDateTime t, ZoneId zone) {
        if (isInfinite(t)) {
            return t;
        }
        String u = canonicalUnit(unit(field));
        if (u.equals("microseconds") || u.equals("milliseconds") || u.equals("second") || u.equals("minute")) {
            return t.truncatedTo(u.equals("microseconds") ? ChronoUnit.MICROS : u.equals("milliseconds")
                    ? ChronoUnit.MILLIS : u.equals("second") ? ChronoUnit.SECONDS : ChronoUnit.MINUTES);
        }
        LocalDateTime l = truncate(field, atZone(t, zone), "timestamp with time zone");
        return toTz(l, zone);
    }

    private static PgInterval truncate(String field, PgInterval i) {
        String u = canonicalUnit(unit(field));
        long us = i.microseconds();
        return switch (u) {
            case "microseconds" -> i;
            case "milliseconds" -> new PgInterval(i.months(), i.days(), us / 1000 * 1000);
            case "second" -> new PgInterval(i.months(), i.days(), us / 1_000_000 * 1_000_000);
            case "minute" -> new PgInterval(i.months(), i.days(), us / 60_000_000 * 60_000_000);
            case "hour" -> new PgInterval(i.months(), i.days(), us / 3_600_000_000L * 3_600_000_000L);
            case "day" -> new PgInterval(i.months(), i.days(), 0);
            case "month" -> new PgInterval(i.months(), 0, 0);
            case "quarter" -> new PgInterval(i.months() / 3 * 3, 0, 0);
            case "year" -> new PgInterval(i.months() / 12 * 12, 0, 0);
            case "decade" -> new PgInterval(i.months() / 120 * 120, 0, 0);
            case "century" -> new PgInterval(i.months() / 1200 * 1200, 0, 0);
            case "millennium" -> new PgInterval(i.months() / 12000 * 12000, 0, 0);
            default -> throw unitError(field, "interval", u);
        };
    }

    static BigDecimal epochSeconds(LocalDateTime t) {
        long micros = ChronoUnit.DAYS.between(UNIX_EPOCH.toLocalDate(), t.toLocalDate()) * DAY
                + t.toLocalTime().toNanoOfDay() / 1000;
        return BigDecimal.valueOf(micros, 6);
    }

    static BigDecimal scale(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.HALF_UP);
    }

    static ZoneOffset offsetOf(Instant at, ZoneId zone) {
        return zone.getRules().getOffset(at);
    }
}
