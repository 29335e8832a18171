package io.pgserve.server.internal.types;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Time zone names for sql-engine's date/time functions (AT TIME ZONE, to_char's TZ), from the same tables the
 * date/time codecs use.
 */
public final class TimeZones {
    private TimeZones() {
    }

    /**
     * A zone as {@code AT TIME ZONE} and {@code timezone()} name it: a full IANA name (any case), an abbreviation
     * of PostgreSQL's default set (a fixed offset), or a POSIX-style offset ({@code '+05'} is five hours WEST of
     * UTC, as in PostgreSQL). Null when the name is not recognized.
     */
    public static ZoneId zone(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        ZoneId z = TimeZoneNames.zone(lower);
        if (z != null) {
            return z;
        }
        Integer abbrev = TimeZoneNames.abbreviationOffset(lower);
        if (abbrev != null) {
            return abbrev == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(abbrev);
        }
        if (lower.matches("[+-]?\\d{1,2}(:\\d{2}(:\\d{2})?)?")) {
            boolean west = !lower.startsWith("-");
            String[] parts = lower.replaceFirst("^[+-]", "").split(":");
            int secs = Integer.parseInt(parts[0]) * 3600 + (parts.length > 1 ? Integer.parseInt(parts[1]) * 60 : 0)
                    + (parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
            if (secs > 15 * 3600 + 59 * 60) {
                return null;
            }
            return ZoneOffset.ofTotalSeconds(west ? -secs : secs);
        }
        return null;
    }

    /** The abbreviation PostgreSQL prints for {@code zone} at an instant (EST, CEST, +0530, UTC). */
    public static String abbreviation(ZoneId zone, Instant at) {
        int east = zone.getRules().getOffset(at).getTotalSeconds();
        return TimeZoneNames.abbreviation(zone, at.getEpochSecond(), east);
    }
}
