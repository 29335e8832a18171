package io.pgserve.server.internal.types;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time zone names: the abbreviations PostgreSQL prints after a timestamptz in the SQL, German and Postgres
 * DateStyles (from the IANA database's TZif files, which java.time does not expose, read from the system's
 * /usr/share/zoneinfo as PostgreSQL built with system tzdata does; when a zone has no file, the numeric form the
 * IANA database itself uses, "+0530"), the zone abbreviations PostgreSQL's default set accepts on input, and full
 * zone names looked up case-insensitively.
 */
final class TimeZoneNames {
    private static final Path ZONEINFO = Path.of(System.getProperty("pgserve.zoneinfo", "/usr/share/zoneinfo"));
    private static final Map<String, Zone> ZONES = new ConcurrentHashMap<>();
    private static final Zone NONE = new Zone(new long[0], new byte[0], new String[0], null, null);

    /** Abbreviation → offset in seconds east of UTC (PostgreSQL's "Default" abbreviation set, the common ones). */
    private static final Map<String, Integer> ABBREVIATIONS = new HashMap<>();
    private static volatile Map<String, String> zoneIds;

    static {
        int h = 3600;
        Object[] table = {
            "utc", 0, "ut", 0, "gmt", 0, "z", 0, "zulu", 0,
            "est", -5 * h, "edt", -4 * h, "cst", -6 * h, "cdt", -5 * h, "mst", -7 * h, "mdt", -6 * h,
            "pst", -8 * h, "pdt", -7 * h, "akst", -9 * h, "akdt", -8 * h, "hst", -10 * h,
            "ast", -4 * h, "adt", -3 * h, "nst", -(3 * h + 1800), "ndt", -(2 * h + 1800),
            "wet", 0, "west", h, "bst", h, "cet", h, "cest", 2 * h, "met", h, "mest", 2 * h,
            "eet", 2 * h, "eest", 3 * h, "ist", 2 * h, "jst", 9 * h, "kst", 9 * h,
            "aest", 10 * h, "aedt", 11 * h, "acst", 9 * h + 1800, "acdt", 10 * h + 1800, "awst", 8 * h,
            "nzst", 12 * h, "nzdt", 13 * h,
        };
        for (int i = 0; i < table.length; i += 2) {
            ABBREVIATIONS.put((String) table[i], (Integer) table[i + 1]);
        }
    }

    private TimeZoneNames() {
    }

    /** The offset (seconds east) of a zone abbreviation PostgreSQL accepts on input (lower case), or null. */
    static Integer abbreviationOffset(String lower) {
        return ABBREVIATIONS.get(lower);
    }

    /** A full zone name, case-insensitively ("america/new_york"), or null. */
    static ZoneId zone(String name) {
        Map<String, String> ids = zoneIds;
        if (ids == null) {
            Map<String, String> m = new HashMap<>();
            for (String id : ZoneId.getAvailableZoneIds()) {
                m.put(id.toLowerCase(Locale.ROOT), id);
            }
            zoneIds = ids = m;
        }
        String id = ids.get(name.toLowerCase(Locale.ROOT));
        return id == null ? null : ZoneId.of(id);
    }

    /** The abbreviation of {@code zone} at {@code epochSecond}, where its offset is {@code east}. */
    static String abbreviation(ZoneId zone, long epochSecond, int east) {
        if (zone instanceof ZoneOffset) {
            return east == 0 ? "UTC" : numeric(east);
        }
        Zone z = ZONES.computeIfAbsent(zone.getId(), TimeZoneNames::load);
        String name = z.at(epochSecond, zone.getRules());
        return name != null ? name : numeric(east);
    }

    /** The IANA database's numeric abbreviation: +05, +0530, -033052. */
    static String numeric(int east) {
        StringBuilder sb = new StringBuilder(8);
        sb.append(east < 0 ? '-' : '+');
        int a = Math.abs(east);
        two(sb, a / 3600);
        if (a % 3600 != 0) {
            two(sb, a / 60 % 60);
            if (a % 60 != 0) {
                two(sb, a % 60);
            }
        }
        return sb.toString();
    }

    private static void two(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static Zone load(String id) {
        Path file = ZONEINFO.resolve(id);
        if (id.contains("..") || !Files.isRegularFile(file)) {
            return NONE;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new DataInputStream(in));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** Reads a TZif file (RFC 8536): the 64-bit data block when present, and the POSIX TZ footer. */
    private static Zone parse(DataInputStream in) throws IOException {
        int[] counts = header(in);
        int version = counts[6];
        boolean wide = version >= '2';
        if (wide) {
            // skip the version-1 data block
            long skip = counts[3] * 5L + counts[4] * 6L + counts[5] + counts[2] * 8L + counts[1] + counts[0];
            in.skipNBytes(skip);
            counts = header(in);
        }
        int isutcnt = counts[0];
        int isstdcnt = counts[1];
        int leapcnt = counts[2];
        int timecnt = counts[3];
        int typecnt = counts[4];
        int charcnt = counts[5];
        long[] times = new long[timecnt];
        for (int i = 0; i < timecnt; i++) {
            times[i] = wide ? in.readLong() : in.readInt();
        }
        byte[] idx = new byte[timecnt];
        in.readFully(idx);
        int[] abbrind = new int[typecnt];
        for (int i = 0; i < typecnt; i++) {
            in.readInt();
            in.readUnsignedByte();
            abbrind[i] = in.readUnsignedByte();
        }
        byte[] chars = new byte[charcnt];
        in.readFully(chars);
        String[] names = new String[typecnt];
        for (int i = 0; i < typecnt; i++) {
            int end = abbrind[i];
            while (end < charcnt && chars[end] != 0) {
                end++;
            }
            names[i] = new String(chars, abbrind[i], end - abbrind[i], java.nio.charset.StandardCharsets.US_ASCII);
        }
        String std = null;
        String dst = null;
        if (wide) {
            in.skipNBytes(leapcnt * 12L + isstdcnt + isutcnt);
            StringBuilder footer = new StringBuilder();
            if (in.read() == '\n') {
                for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                    footer.append((char) c);
                }
            }
            String[] parsed = footerNames(footer.toString());
            std = parsed[0];
            dst = parsed[1];
        }
        return new Zone(times, idx, names, std, dst);
    }

    private static int[] header(DataInputStream in) throws IOException {
        if (in.readInt() != 0x545a6966) { // "TZif"
            throw new IOException("not a TZif file");
        }
        int version = in.readUnsignedByte();
        in.skipNBytes(15);
        int[] c = new int[7];
        for (int i = 0; i < 6; i++) {
            c[i] = in.readInt();
        }
        c[6] = version;
        return c;
    }

    /** The standard and daylight names of a POSIX TZ string such as "EST5EDT,M3.2.0,M11.1.0" or "<+1030>-10:30<+11>-11". */
    private static String[] footerNames(String tz) {
        String[] r = new String[2];
        int[] pos = {0};
        r[0] = footerName(tz, pos);
        while (pos[0] < tz.length() && "+-0123456789:".indexOf(tz.charAt(pos[0])) >= 0) {
            pos[0]++;
        }
        if (pos[0] < tz.length() && tz.charAt(pos[0]) != ',') {
            r[1] = footerName(tz, pos);
        }
        return r;
    }

    private static String footerName(String tz, int[] pos) {
        int i = pos[0];
        if (i >= tz.length()) {
            return null;
        }
        if (tz.charAt(i) == '<') {
            int end = tz.indexOf('>', i);
            if (end < 0) {
                return null;
            }
            pos[0] = end + 1;
            return tz.substring(i + 1, end);
        }
        int j = i;
        while (j < tz.length() && Character.isLetter(tz.charAt(j))) {
            j++;
        }
        pos[0] = j;
        return j > i ? tz.substring(i, j) : null;
    }

    private record Zone(long[] times, byte[] idx, String[] names, String std, String dst) {
        String at(long t, ZoneRules rules) {
            if (names.length == 0) {
                return null;
            }
            if (times.length == 0 || t < times[0]) {
                if (times.length == 0 && std != null) {
                    return dst != null && rules.isDaylightSavings(Instant.ofEpochSecond(t)) ? dst : std;
                }
                return names[0];
            }
            if (t >= times[times.length - 1] && std != null) {
                if (dst == null) {
                    return std;
                }
                return rules.isDaylightSavings(Instant.ofEpochSecond(t)) ? dst : std;
            }
            int i = Arrays.binarySearch(times, t);
            if (i < 0) {
                i = -i - 2;
            }
            return names[idx[i] & 0xff];
        }
    }
}
