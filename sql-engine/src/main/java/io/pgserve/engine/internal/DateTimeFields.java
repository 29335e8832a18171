package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgInterval;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Set;

/** extract() and date_part(): the fields of date/time values with PostgreSQL's numeric results (timestamp.c). */
final class DateTimeFields {
    static final Set<String> KNOWN_UNITS = Set.of("microseconds", "milliseconds", "second", "minute", "hour", "day",
            "week", "month", "quarter", "year", "decade", "century", "millennium", "epoch", "dow", "isodow", "doy",
            "julian", "isoyear", "timezone", "timezone_hour", "timezone_minute");

    private DateTimeFields() {
    }

    static BigDecimal extract(String field, Object value, PgType type, FunctionContext c) {
        String u = DateTimeFunctions.canonicalUnit(field.toLowerCase(Locale.ROOT).trim());
        String typeName = Types.displayName(type);
        if (type.equals(PgType.INTERVAL)) {
            return interval(field, u, (PgInterval) value);
        }
        if (type.equals(PgType.TIME)) {
            LocalTime t = (LocalTime) value;
            long us = t.equals(LocalTime.MAX) ? DateTimeFunctions.DAY : t.toNanoOfDay() / 1000;
            return switch (u) {
                case "microseconds" -> BigDecimal.valueOf(us % 60_000_000);
                case "milliseconds" -> BigDecimal.valueOf(us % 60_000_000, 3);
                case "second" -> BigDecimal.valueOf(us % 60_000_000, 6);
                case "minute" -> BigDecimal.valueOf(us / 60_000_000 % 60);
                case "hour" -> BigDecimal.valueOf(us / 3_600_000_000L);
                case "epoch" -> BigDecimal.valueOf(us, 6);
                default -> throw DateTimeFunctions.unitError(field, typeName, u);
            };
        }
        if (type.equals(PgType.DATE)) {
            LocalDate d = (LocalDate) value;
            if (DateTimeFunctions.isInfinite(d)) {
                return infinite(field, u, typeName, d.equals(LocalDate.MAX));
            }
            return switch (u) {
                case "day", "month", "year", "decade", "century", "millennium", "dow", "isodow", "doy", "week",
                     "quarter", "isoyear", "julian" -> timestampField(field, u, d.atStartOfDay(), typeName)
                        .setScale(0, java.math.RoundingMode.UNNECESSARY);
                case "epoch" -> BigDecimal.valueOf(d.toEpochDay() * 86400);
                default -> throw DateTimeFunctions.unitError(field, typeName, u);
            };
        }
        if (type.equals(PgType.TIMESTAMPTZ)) {
            OffsetDateTime t = (OffsetDateTime) value;
            if (DateTimeFunctions.isInfinite(t)) {
                return infinite(field, u, typeName, t.equals(OffsetDateTime.MAX));
            }
            if (u.equals("epoch")) {
                return DateTimeFunctions.epochSeconds(t.toLocalDateTime());
            }
            int offset = c.codecContext().timeZone().getRules().getOffset(t.toInstant()).getTotalSeconds();
            switch (u) {
                case "timezone" -> {
                    return BigDecimal.valueOf(offset);
                }
                case "timezone_hour" -> {
                    return BigDecimal.valueOf(offset / 3600);
                }
                case "timezone_minute" -> {
                    return BigDecimal.valueOf(offset / 60 % 60);
                }
                default -> {
                    return timestampField(field, u, DateTimeFunctions.local(t, c), typeName);
                }
            }
        }
        LocalDateTime t = (LocalDateTime) value;
        if (DateTimeFunctions.isInfinite(t)) {
            return infinite(field, u, typeName, t.equals(LocalDateTime.MAX));
        }
        if (u.equals("epoch")) {
            return DateTimeFunctions.epochSeconds(t);
        }
        if (u.startsWith("timezone")) {
            throw DateTimeFunctions.unitError(field, typeName, u);
        }
        return timestampField(field, u, t, typeName);
    }

    private static BigDecimal infinite(String field, String u, String typeName, boolean positive) {
        return switch (u) {
            case "epoch", "julian", "year", "isoyear", "decade", "century", "millennium" ->
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "numeric infinity is not supported here");
            default -> {
                if (!KNOWN_UNITS.contains(u)) {
                    throw DateTimeFunctions.unitError(field, typeName, u);
                }
                yield null;
            }
        };
    }

    private static BigDecimal timestampField(String field, String u, LocalDateTime t, String typeName) {
        long usInMinute = t.getSecond() * 1_000_000L + t.getNano() / 1000;
        int year = t.getYear();
        return switch (u) {
            case "microseconds" -> BigDecimal.valueOf(usInMinute);
            case "milliseconds" -> BigDecimal.valueOf(usInMinute, 3);
            case "second" -> BigDecimal.valueOf(usInMinute, 6);
            case "minute" -> BigDecimal.valueOf(t.getMinute());
            case "hour" -> BigDecimal.valueOf(t.getHour());
            case "day" -> BigDecimal.valueOf(t.getDayOfMonth());
            case "month" -> BigDecimal.valueOf(t.getMonthValue());
            case "quarter" -> BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case "year" -> BigDecimal.valueOf(year > 0 ? year : year - 1);
            case "decade" -> BigDecimal.valueOf(year > 0 ? year / 10 : -((8 - (year - 1)) / 10));
            case "century" -> BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
            case "millennium" -> BigDecimal.valueOf(year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000));
            case "dow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue() % 7);
            case "isodow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue());
            case "doy" -> BigDecimal.valueOf(t.getDayOfYear());
            case "week" -> BigDecimal.valueOf(t.toLocalDate().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "isoyear" -> BigDecimal.valueOf(t.toLocalDate().get(IsoFields.WEEK_BASED_YEAR));
            case "julian" -> {
                BigDecimal day = BigDecimal.valueOf(t.toLocalDate().toEpochDay() + 2440588);
                long us = t.toLocalTime().toNanoOfDay() / 1000;
                yield us == 0 ? day : day.add(Expr.Arithmetic.divide(BigDecimal.valueOf(us),
                        BigDecimal.valueOf(DateTimeFunctions.DAY)));
            }
            default -> throw DateTimeFunctions.unitError(field, typeName, u);
        };
    }

    private static BigDecimal interval(String field, String u, PgInterval i) {
        long us = i.microseconds();
        int months = i.months();
        return switch (u) {
            case "microseconds" -> BigDecimal.valueOf(us % 60_000_000);
            case "milliseconds" -> BigDecimal.valueOf(us % 60_000_000, 3);
            case "second" -> BigDecimal.valueOf(us % 60_000_000, 6);
            case "minute" -> BigDecimal.valueOf(us / 60_000_000 % 60);
            case "hour" -> BigDecimal.valueOf(us / 3_600_000_000L);
            case "day" -> BigDecimal.valueOf(i.days());
            case "month" -> BigDecimal.valueOf(months % 12);
            case "quarter" -> BigDecimal.valueOf(months % 12 / 3 + 1);
            case "year" -> BigDecimal.valueOf(months / 12);
            case "decade" -> BigDecimal.valueOf(months / 120);
            case "century" -> BigDecimal.valueOf(months / 1200);
            case "millennium" -> BigDecimal.valueOf(months / 12000);
            case "epoch" -> {
                // 365.25 days a year, 30 days a month, as interval_part does
                long secsFromMonths = (long) (months / 12) * 31_557_600L + (long) (months % 12) * 2_592_000L;
                long days = i.days() * 86_400L;
                yield BigDecimal.valueOf(us, 6).add(BigDecimal.valueOf(secsFromMonths + days));
            }
            default -> throw DateTimeFunctions.unitError(field, "interval", u);
        };
    }
}
