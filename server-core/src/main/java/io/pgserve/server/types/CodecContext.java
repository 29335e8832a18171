package io.pgserve.server.types;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * The session settings that change how values are written and read: TimeZone, DateStyle, IntervalStyle,
 * extra_float_digits and bytea_output. Immutable; the session makes a new one when a setting changes.
 *
 * @param timeZone         the session's TimeZone (timestamptz is printed in it; text without an offset is read in it)
 * @param dateStyle        DateStyle's output style
 * @param dateOrder        DateStyle's field order, for reading ambiguous dates such as 01/02/2024
 * @param intervalStyle    IntervalStyle
 * @param extraFloatDigits extra_float_digits: 1 or more prints the shortest exact form (PostgreSQL 12+); 0 and
 *                         below round to 15 + n significant digits (float8) or 6 + n (float4)
 * @param byteaHex         bytea_output = hex (else escape)
 */
public record CodecContext(ZoneId timeZone, DateStyle dateStyle, DateOrder dateOrder, IntervalStyle intervalStyle,
                           int extraFloatDigits, boolean byteaHex) {

    /** DateStyle's output part. */
    public enum DateStyle { ISO, SQL, POSTGRES, GERMAN }

    /** DateStyle's field-order part. */
    public enum DateOrder { MDY, DMY, YMD }

    /** IntervalStyle. */
    public enum IntervalStyle { POSTGRES, POSTGRES_VERBOSE, SQL_STANDARD, ISO_8601 }

    /** PostgreSQL's defaults with TimeZone UTC: ISO, MDY; postgres; extra_float_digits 1; bytea hex. */
    public static final CodecContext DEFAULT = new CodecContext(ZoneOffset.UTC, DateStyle.ISO, DateOrder.MDY,
            IntervalStyle.POSTGRES, 1, true);

    public CodecContext {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(dateStyle, "dateStyle");
        Objects.requireNonNull(dateOrder, "dateOrder");
        Objects.requireNonNull(intervalStyle, "intervalStyle");
    }

    /** The settings {@link #of} was given, as the key of its memo. */
    private record Settings(String timeZone, String dateStyle, String intervalStyle, String extraFloatDigits,
                            String byteaOutput) {
    }

    /** Contexts made by {@link #of}: sessions mostly share a few settings, and parsing a zone is not cheap. */
    private static final java.util.concurrent.ConcurrentHashMap<Settings, CodecContext> MADE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * From the parameters' values as SHOW prints them (e.g. DateStyle "SQL, DMY", IntervalStyle "iso_8601").
     * TimeZone names PostgreSQL knows but java.time does not fall back to UTC.
     */
    public static CodecContext of(String timeZone, String dateStyle, String intervalStyle, String extraFloatDigits,
                                  String byteaOutput) {
        Settings key = new Settings(timeZone, dateStyle, intervalStyle, extraFloatDigits, byteaOutput);
        CodecContext made = MADE.get(key);
        if (made == null) {
            made = parse(timeZone, dateStyle, intervalStyle, extraFloatDigits, byteaOutput);
            if (MADE.size() >= 256) {
                MADE.clear(); // settings that keep changing: no memo worth its memory
            }
            MADE.put(key, made);
        }
        return made;
    }

    private static CodecContext parse(String timeZone, String dateStyle, String intervalStyle, String extraFloatDigits,
                                      String byteaOutput) {
        ZoneId zone;
        try {
            zone = timeZone == null ? ZoneOffset.UTC : zoneOf(timeZone);
        } catch (RuntimeException e) {
            zone = ZoneOffset.UTC;
        }
        DateStyle style = DateStyle.ISO;
        DateOrder order = DateOrder.MDY;
        if (dateStyle != null) {
            String d = dateStyle.toUpperCase(Locale.ROOT);
            if (d.startsWith("SQL")) {
                style = DateStyle.SQL;
            } else if (d.startsWith("POSTGRES")) {
                style = DateStyle.POSTGRES;
            } else if (d.startsWith("GERMAN")) {
                style = DateStyle.GERMAN;
            }
            order = d.endsWith("DMY") ? DateOrder.DMY : d.endsWith("YMD") ? DateOrder.YMD : DateOrder.MDY;
        }
        IntervalStyle interval = IntervalStyle.POSTGRES;
        if (intervalStyle != null) {
            interval = IntervalStyle.valueOf(intervalStyle.toUpperCase(Locale.ROOT));
        }
        int efd = 1;
        if (extraFloatDigits != null) {
            try {
                efd = Integer.parseInt(extraFloatDigits.trim());
            } catch (NumberFormatException ignored) {
                // SessionParameters validates; keep the default
            }
        }
        return new CodecContext(zone, style, order, interval, efd, byteaOutput == null
                || !byteaOutput.equalsIgnoreCase("escape"));
    }

    /** A TimeZone setting as a ZoneId: region names, "UTC", offsets, and PostgreSQL's bare hours ("-8" is UTC-8). */
    public static ZoneId zoneOf(String timeZone) {
        String tz = timeZone.trim();
        if (tz.matches("[+-]?\\d{1,2}(:\\d{2}(:\\d{2})?)?")) {
            String sign = tz.startsWith("-") ? "-" : "+";
            String digits = tz.replaceFirst("^[+-]", "");
            String[] parts = digits.split(":");
            return ZoneOffset.ofHoursMinutesSeconds(Integer.parseInt(sign + parts[0]),
                    parts.length > 1 ? Integer.parseInt(sign + parts[1]) : 0,
                    parts.length > 2 ? Integer.parseInt(sign + parts[2]) : 0);
        }
        if (tz.equalsIgnoreCase("utc") || tz.equalsIgnoreCase("gmt") || tz.equalsIgnoreCase("z")
                || tz.equalsIgnoreCase("zulu")) {
            return ZoneOffset.UTC;
        }
        return ZoneId.of(tz);
    }
}
