package io.pgserve.engine.internal;

import io.pgserve.server.PgException;
import io.pgserve.server.internal.types.TimeZones;
import io.pgserve.server.types.PgInterval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/** to_char, to_date and to_timestamp's template patterns for date/time values (formatting.c), the usual ones. */
final class DateTimeFormatting {
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};
    /** Patterns, longest first where one is a prefix of another. */
    private static final List<String> PATTERNS = List.of("HH24", "HH12", "HH", "MI", "SSSSS", "SSSS", "SS", "MS",
            "US", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "A.M.", "a.m.", "P.M.", "p.m.", "AM", "am", "PM", "pm",
            "Y,YYY", "YYYY", "yyyy", "YYY", "yyy", "YY", "yy", "Y", "y", "IYYY", "IYY", "ID", "IW", "IY", "I", "MONTH", "Month",
            "month", "MON", "Mon", "mon", "MM", "mm", "DAY", "Day", "day", "DY", "Dy", "dy", "DDD", "ddd", "DD", "dd",
            "D", "d", "WW", "W", "Q", "CC", "cc", "J", "TZH", "TZM", "TZ", "tz", "OF", "hh24", "hh12",
            "hh", "mi", "ss", "ms", "us", "iw", "q", "j");

    private DateTimeFormatting() {
    }

    /** to_char of a timestamp (with {@code instant} and {@code zone} for a timestamptz: TZ, OF). */
    static String format(LocalDateTime t, Instant instant, String pattern, ZoneId zone) {
        if (DateTimeFunctions.isInfinite(t)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            boolean fm = false;
            if (pattern.startsWith("FM", i) || pattern.startsWith("fm", i)) {
                fm = true;
                i += 2;
            }
            String p = match(pattern, i);
            if (p == null) {
                char ch = pattern.charAt(i);
                if (ch == '"') {
                    int end = pattern.indexOf('"', i + 1);
                    end = end < 0 ? pattern.length() : end;
                    out.append(pattern, i + 1, end);
                    i = end + 1;
                } else if (ch == '\\' && i + 1 < pattern.length()) {
                    out.append(pattern.charAt(i + 1));
                    i += 2;
                } else {
                    out.append(ch);
                    i++;
                }
                continue;
            }
            i += p.length();
            String v = field(p, t, instant, zone, fm);
            boolean th = pattern.startsWith("TH", i) || pattern.startsWith("th", i);
            if (th) {
                String suffix = ordinal(v);
                v += pattern.charAt(i) == 'T' ? suffix.toUpperCase(Locale.ROOT) : suffix;
                i += 2;
            }
            out.append(v);
        }
        return out.toString();
    }

    private static String match(String pattern, int i) {
        for (String p : PATTERNS) {
            if (pattern.startsWith(p, i)) {
                return p;
            }
        }
        return null;
    }

    private static String ordinal(String number) {
        String digits = number.trim();
        int n = digits.isEmpty() || !Character.isDigit(digits.charAt(digits.length() - 1)) ? 0
                : digits.charAt(digits.length() - 1) - '0';
        boolean teen = digits.length() >= 2 && digits.charAt(digits.length() - 2) == '1';
        if (teen) {
            return "th";
        }
        return n == 1 ? "st" : n == 2 ? "nd" : n == 3 ? "rd" : "th";
    }

    private static String num(long v, int width, boolean fm) {
        String s = Long.toString(Math.abs(v));
        if (!fm && s.length() < width) {
            s = "0".repeat(width - s.length()) + s;
        }
        return v < 0 ? "-" + s : s;
    }

    private static String name(String full, String p, boolean fm, boolean abbreviated) {
        String n = abbreviated ? full.substring(0, 3) : full;
        if (Character.isUpperCase(p.charAt(0)) && Character.isUpperCase(p.charAt(1))) {
            n = n.toUpperCase(Locale.ROOT);
        } else if (Character.isLowerCase(p.charAt(0))) {
            n = n.toLowerCase(Locale.ROOT);
        }
        return abbreviated || fm ? n : String.format(Locale.ROOT, "%-9s", n);
    }

    private static String field(String p, LocalDateTime t, Instant instant, ZoneId zone, boolean fm) {
        int hour = t.getHour();
        int year = t.getYear();
        int displayYear = year > 0 ? year : 1 - year;
        LocalDate d = t.toLocalDate();
        return switch (p) {
            case "HH24", "hh24" -> num(hour, 2, fm);
            case "HH12", "HH", "hh12", "hh" -> num(hour % 12 == 0 ? 12 : hour % 12, 2, fm);
            case "MI", "mi" -> num(t.getMinute(), 2, fm);
            case "SS", "ss" -> num(t.getSecond(), 2, fm);
            case "SSSS", "SSSSS" -> Long.toString(t.toLocalTime().toSecondOfDay());
            case "MS", "ms" -> num(t.getNano() / 1_000_000, 3, fm);
            case "US", "us" -> num(t.getNano() / 1000, 6, fm);
            case "FF1", "FF2", "FF3", "FF4", "FF5", "FF6" -> {
                int digits = p.charAt(2) - '0';
                yield num(t.getNano() / (long) Math.pow(10, 9 - digits), digits, false);
            }
            case "AM", "PM" -> hour < 12 ? "AM" : "PM";
            case "am", "pm" -> hour < 12 ? "am" : "pm";
            case "A.M.", "P.M." -> hour < 12 ? "A.M." : "P.M.";
            case "a.m.", "p.m." -> hour < 12 ? "a.m." : "p.m.";
            case "Y,YYY" -> displayYear / 1000 + "," + num(displayYear % 1000, 3, false);
            case "YYYY", "yyyy" -> num(displayYear, 4, fm);
            case "YYY", "yyy" -> num(displayYear % 1000, 3, fm);
            case "YY", "yy" -> num(displayYear % 100, 2, fm);
            case "Y", "y" -> num(displayYear % 10, 1, fm);
            case "IYYY" -> num(d.get(IsoFields.WEEK_BASED_YEAR), 4, fm);
            case "IYY" -> num(d.get(IsoFields.WEEK_BASED_YEAR) % 1000, 3, fm);
            case "IY" -> num(d.get(IsoFields.WEEK_BASED_YEAR) % 100, 2, fm);
            case "I" -> num(d.get(IsoFields.WEEK_BASED_YEAR) % 10, 1, fm);
            case "MONTH", "Month", "month" -> name(MONTHS[t.getMonthValue() - 1], p, fm, false);
            case "MON", "Mon", "mon" -> name(MONTHS[t.getMonthValue() - 1], p, fm, true);
            case "MM", "mm" -> num(t.getMonthValue(), 2, fm);
            case "DAY", "Day", "day" -> name(DAYS[t.getDayOfWeek().getValue() % 7], p, fm, false);
            case "DY", "Dy", "dy" -> name(DAYS[t.getDayOfWeek().getValue() % 7], p, fm, true);
            case "DDD", "ddd" -> num(t.getDayOfYear(), 3, fm);
            case "DD", "dd" -> num(t.getDayOfMonth(), 2, fm);
            case "D", "d" -> Integer.toString(t.getDayOfWeek().getValue() % 7 + 1);
            case "ID" -> Integer.toString(t.getDayOfWeek().getValue());
            case "IW", "iw" -> num(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
            case "WW" -> num((t.getDayOfYear() - 1) / 7 + 1, 2, fm);
            case "W" -> Integer.toString((t.getDayOfMonth() - 1) / 7 + 1);
            case "Q", "q" -> Integer.toString((t.getMonthValue() - 1) / 3 + 1);
            case "CC", "cc" -> num(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100), 2, fm);
            case "J", "j" -> Long.toString(d.toEpochDay() + 2440588);
            case "TZ", "tz" -> {
                if (zone == null) {
                    yield "";
                }
                String a = TimeZones.abbreviation(zone, instant);
                yield p.equals("tz") ? a.toLowerCase(Locale.ROOT) : a;
            }
            case "OF", "TZH", "TZM" -> {
                int east = zone == null ? 0 : zone.getRules().getOffset(instant).getTotalSeconds();
                String sign = east < 0 ? "-" : "+";
                int h = Math.abs(east) / 3600;
                int m = Math.abs(east) / 60 % 60;
                yield switch (p) {
                    case "TZH" -> sign + num(h, 2, false);
                    case "TZM" -> num(m, 2, false);
                    default -> sign + num(h, 2, false) + (m != 0 ? ":" + num(m, 2, false) : "");
                };
            }
            default -> p;
        };
    }

    /** to_char of an interval: hours are the interval's (not modulo 24 for HH24), days and months as they are. */
    static String format(PgInterval i, String pattern) {
        long us = i.microseconds();
        LocalDateTime base = LocalDateTime.of(Math.max(1, i.months() / 12), 1 + Math.floorMod(i.months(), 12), 1,
                0, 0).plusNanos(Math.floorMod(us, DateTimeFunctions.DAY) * 1000);
        String s = format(base, null, pattern, null);
        long hours = us / 3_600_000_000L;
        if (pattern.contains("HH24")) {
            s = s.replace(String.format(Locale.ROOT, "%02d", base.getHour()), String.format(Locale.ROOT, "%02d",
                    hours));
        }
        if (pattern.contains("DD")) {
            s = s.replace("01", String.format(Locale.ROOT, "%02d", i.days()));
        }
        return s;
    }

    /** to_date / to_timestamp(text, pattern): the fields the pattern names, the rest from 0001-01-01 00:00. */
    static LocalDateTime parse(String input, String pattern) {
        int year = 1;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        Boolean pm = null;
        int pos = 0;
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.startsWith("FM", i) || pattern.startsWith("fm", i)) {
                i += 2;
                continue;
            }
            String p = match(pattern, i);
            if (p == null) {
                char ch = pattern.charAt(i++);
                if (ch == '"') {
                    int end = pattern.indexOf('"', i);
                    end = end < 0 ? pattern.length() : end;
                    pos += end - i;
                    i = end + 1;
                } else if (pos < input.length() && !Character.isLetterOrDigit(input.charAt(pos))) {
                    pos++;
                } else if (ch == ' ' || !Character.isLetterOrDigit(ch)) {
                    // a separator in the pattern with none in the input is skipped
                    continue;
                } else {
                    pos++;
                }
                continue;
            }
            i += p.length();
            while (pos < input.length() && input.charAt(pos) == ' ') {
                pos++;
            }
            String upper = p.toUpperCase(Locale.ROOT);
            if (upper.equals("MONTH") || upper.equals("MON")) {
                int found = -1;
                for (int m = 0; m < 12 && found < 0; m++) {
                    String n = upper.equals("MON") ? MONTHS[m].substring(0, 3) : MONTHS[m];
                    if (input.regionMatches(true, pos, n, 0, n.length())) {
                        found = m;
                        pos += n.length();
                    }
                }
                if (found < 0) {
                    throw new PgException("22007", "invalid value \"" + input.substring(pos, Math.min(pos + 3,
                            input.length())) + "\" for \"" + p + "\"");
                }
                month = found + 1;
                continue;
            }
            if (upper.equals("DAY") || upper.equals("DY")) {
                while (pos < input.length() && Character.isLetter(input.charAt(pos))) {
                    pos++;
                }
                continue;
            }
            if (upper.equals("AM") || upper.equals("PM") || upper.equals("A.M.") || upper.equals("P.M.")) {
                String w = input.substring(pos, Math.min(pos + p.length(), input.length())).toUpperCase(Locale.ROOT);
                pm = w.startsWith("P");
                pos += p.length();
                continue;
            }
            int width = switch (upper) {
                case "YYYY", "IYYY" -> 4;
                case "YYY", "IYY", "DDD", "MS" -> 3;
                case "US" -> 6;
                case "Y", "I", "D", "Q", "W" -> 1;
                case "J" -> 7;
                default -> 2;
            };
            int start = pos;
            boolean neg = pos < input.length() && input.charAt(pos) == '-' && upper.startsWith("Y");
            if (neg) {
                pos++;
            }
            int limit = upper.equals("YYYY") ? Integer.MAX_VALUE : width;
            while (pos < input.length() && Character.isDigit(input.charAt(pos)) && pos - start < limit) {
                pos++;
            }
            if (pos == start) {
                throw new PgException("22007", "invalid value \"" + input.substring(start, Math.min(start + width,
                        input.length())) + "\" for \"" + p + "\"").toBuilder()
                        .detail("Value must be an integer.").build();
            }
            long v = Long.parseLong(input.substring(neg ? start + 1 : start, pos)) * (neg ? -1 : 1);
            switch (upper) {
                case "YYYY", "YYY", "YY", "Y" -> year = (int) (upper.length() == 2 ? (v < 70 ? 2000 + v : 1900 + v)
                        : v);
                case "MM" -> month = (int) v;
                case "DD" -> day = (int) v;
                case "HH", "HH12", "HH24" -> hour = (int) v;
                case "MI" -> minute = (int) v;
                case "SS" -> second = (int) v;
                case "MS" -> micros = v * 1000;
                case "US" -> micros = v;
                case "J" -> {
                    LocalDate jd = LocalDate.ofEpochDay(v - 2440588);
                    year = jd.getYear();
                    month = jd.getMonthValue();
                    day = jd.getDayOfMonth();
                }
                default -> {
                }
            }
        }
        if (pm != null) {
            hour = pm ? hour % 12 + 12 : hour % 12;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).plusNanos(micros * 1000);
        } catch (java.time.DateTimeException e) {
            throw new PgException("22008", "date/time field value out of range: \"" + input + "\"");
        }
    }
}
