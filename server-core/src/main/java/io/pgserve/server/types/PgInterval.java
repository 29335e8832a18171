package io.pgserve.server.types;

import java.time.Duration;
import java.time.Period;

/**
 * A PostgreSQL {@code interval} value, stored as PostgreSQL stores it: three independent fields that are never
 * normalized into each other, because a month has no fixed number of days and a day (across a DST change) no fixed
 * number of microseconds. {@code '1 mon 1 day 01:00:00'} is {@code new PgInterval(1, 1, 3_600_000_000L)}; the fields
 * may have different signs ({@code '1 mon -1 day'}).
 *
 * <pre>{@code
 * PgInterval.of(Period.ofMonths(14));            // 1 year 2 mons
 * PgInterval.of(Duration.ofMinutes(90));         // 01:30:00
 * new PgInterval(0, 3, 0);                       // 3 days
 * }</pre>
 *
 * @param months       months (a year is 12 months)
 * @param days         days
 * @param microseconds the time part in microseconds (may exceed a day: {@code '36:00:00'})
 */
public record PgInterval(int months, int days, long microseconds) {
    /** The zero interval, {@code 00:00:00}. */
    public static final PgInterval ZERO = new PgInterval(0, 0, 0);

    /**
     * The interval of a Period: years and months become months, days stay days.
     *
     * @throws ArithmeticException if the months do not fit an int
     */
    public static PgInterval of(Period period) {
        return new PgInterval(Math.toIntExact(period.toTotalMonths()), period.getDays(), 0);
    }

    /**
     * The interval of a Duration, all in the microseconds field (PostgreSQL's {@code make_interval(secs => ...)});
     * nanoseconds below a microsecond are truncated.
     *
     * @throws ArithmeticException if the duration does not fit a long of microseconds
     */
    public static PgInterval of(Duration duration) {
        long micros = Math.multiplyExact(duration.getSeconds(), 1_000_000L);
        return new PgInterval(0, 0, Math.addExact(micros, duration.getNano() / 1000));
    }

    /** The years and months as a Period (with the days). */
    public Period toPeriod() {
        return Period.of(months / 12, months % 12, days);
    }

    /** The time part as a Duration (months and days are not included). */
    public Duration timeDuration() {
        return Duration.ofSeconds(Math.floorDiv(microseconds, 1_000_000L),
                Math.floorMod(microseconds, 1_000_000L) * 1000L);
    }
}
