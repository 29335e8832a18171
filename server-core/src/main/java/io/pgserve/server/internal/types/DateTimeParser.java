package io.pgserve.server.internal.types;

import io.pgserve.server.PgException;
import io.pgserve.server.types.CodecContext;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's flexible date/time input: the string is split into fields (numbers, words, dates with separators,
 * times, signed offsets), and the fields are then interpreted by their shape, their position and the DateStyle
 * field order, following the rules PostgreSQL documents in "Date/Time Input Interpretation". Errors carry the
 * codes PostgreSQL reports (22007 bad format, 22008 field out of range, 22009 zone displacement, 22015 interval
 * field, 22023 unknown zone name).
 */
final class DateTimeParser {
    // error kinds
    static final int BAD_FORMAT = 1;
    static final int FIELD_OVERFLOW = 2;
    static final int MD_FIELD_OVERFLOW = 3;
    static final int INTERVAL_OVERFLOW = 4;
    static final int TZDISP_OVERFLOW = 5;

    // special values
    static final int NORMAL = 0;
    static final int EPOCH = 1;
    static final int LATE = 2;
    static final int EARLY = 3;
    static final int NOW = 4;
    static final int TODAY = 5;
    static final int TOMORROW = 6;
    static final int YESTERDAY = 7;

    // field shapes
    private static final int NUMBER = 0;
    private static final int STRING = 1;
    private static final int DATE = 2;
    private static final int TIME = 3;
    private static final int TZ = 4;
    private static final int SPECIAL = 5;

    // field masks
    private static final int M_YEAR = 1;
    private static final int M_MONTH = 2;
    private static final int M_DAY = 4;
    private static final int M_HOUR = 8;
    private static final int M_MINUTE = 16;
    private static final int M_SECOND = 32;
    private static final int M_TZ = 64;
    private static final int M_AMPM = 128;
    private static final int M_BC = 256;
    private static final int M_DOY = 512;
    private static final int M_DOW = 1024;
    private static final int DATE_M = M_YEAR | M_MONTH | M_DAY;
    private static final int TIME_M = M_HOUR | M_MINUTE | M_SECOND;

    // keyword kinds
    private static final int K_MONTH = 1;
    private static final int K_DOW = 2;
    private static final int K_AMPM = 3;
    private static final int K_ADBC = 4;
    private static final int K_RESERV = 5;
    private static final int K_ISOTIME = 6;
    private static final int K_IGNORE = 7;
    private static final int K_UNITS = 8;
    private static final int ZULU = 100;
    private static final int AM = 0;
    private static final int PM = 1;
    private static final int HR24 = 2;

    private static final Map<String, int[]> KEYWORDS = new HashMap<>();

    // interval units
    private static final int U_MICRO = 1;
    private static final int U_MILLI = 2;
    private static final int U_SECOND = 3;
    private static final int U_MINUTE = 4;
    private static final int U_HOUR = 5;
    private static final int U_DAY = 6;
    private static final int U_WEEK = 7;
    private static final int U_MONTH = 8;
    private static final int U_YEAR = 9;
    private static final int U_DECADE = 10;
    private static final int U_CENTURY = 11;
    private static final int U_MILLENNIUM = 12;
    private static final int U_AGO = 13;
    private static final Map<String, Integer> UNITS = new HashMap<>();

    static {
        String[][] months = {{"jan", "january"}, {"feb", "february"}, {"mar", "march"}, {"apr", "april"},
            {"may"}, {"jun", "june"}, {"jul", "july"}, {"aug", "august"}, {"sep", "sept", "september"},
            {"oct", "october"}, {"nov", "november"}, {"dec", "december"}};
        for (int i = 0; i < months.length; i++) {
            for (String m : months[i]) {
                KEYWORDS.put(m, new int[] {K_MONTH, i + 1});
            }
        }
        for (String d : new String[] {"sun", "sunday", "mon", "monday", "tue", "tues", "tuesday", "wed",
            "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday"}) {
            KEYWORDS.put(d, new int[] {K_DOW, 0});
        }
        KEYWORDS.put("am", new int[] {K_AMPM, AM});
        KEYWORDS.put("pm", new int[] {K_AMPM, PM});
        KEYWORDS.put("ad", new int[] {K_ADBC, 0});
        KEYWORDS.put("bc", new int[] {K_ADBC, 1});
        KEYWORDS.put("epoch", new int[] {K_RESERV, EPOCH});
        KEYWORDS.put("infinity", new int[] {K_RESERV, LATE});
        KEYWORDS.put("-infinity", new int[] {K_RESERV, EARLY});
        KEYWORDS.put("now", new int[] {K_RESERV, NOW});
        KEYWORDS.put("today", new int[] {K_RESERV, TODAY});
        KEYWORDS.put("tomorrow", new int[] {K_RESERV, TOMORROW});
        KEYWORDS.put("yesterday", new int[] {K_RESERV, YESTERDAY});
        KEYWORDS.put("allballs", new int[] {K_RESERV, ZULU});
        KEYWORDS.put("t", new int[] {K_ISOTIME, 0});
        KEYWORDS.put("at", new int[] {K_IGNORE, 0});
        KEYWORDS.put("on", new int[] {K_IGNORE, 0});
        for (String u : new String[] {"d", "h", "j", "m", "mm", "s", "y", "dow", "doy"}) {
            KEYWORDS.put(u, new int[] {K_UNITS, 0});
        }

        Object[] units = {
            U_MICRO, new String[] {"microsecon", "us", "usec", "usecs", "usecond", "useconds"},
            U_MILLI, new String[] {"millisecon", "ms", "msec", "msecs", "msecond", "mseconds"},
            U_SECOND, new String[] {"s", "sec", "secs", "second", "seconds"},
            U_MINUTE, new String[] {"m", "min", "mins", "minute", "minutes"},
            U_HOUR, new String[] {"h", "hr", "hrs", "hour", "hours"},
            U_DAY, new String[] {"d", "day", "days"},
            U_WEEK, new String[] {"w", "week", "weeks"},
            U_MONTH, new String[] {"mon", "mons", "month", "months"},
            U_YEAR, new String[] {"y", "yr", "yrs", "year", "years"},
            U_DECADE, new String[] {"dec", "decs", "decade", "decades"},
            U_CENTURY, new String[] {"c", "cent", "century", "centuries"},
            U_MILLENNIUM, new String[] {"mil", "mils", "millennium", "millennia"},
            U_AGO, new String[] {"ago"},
        };
        for (int i = 0; i < units.length; i += 2) {
            for (String u : (String[]) units[i + 1]) {
                UNITS.put(u, (Integer) units[i]);
            }
        }
    }

    /** A parse failure of one kind; the codec turns it into PostgreSQL's message for its type. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int kind;

        Failure(int kind) {
            super(null, null, false, false);
            this.kind = kind;
        }
    }

    /** The broken-down result of parsing a date, time or timestamp. Years are astronomical (1 BC = 0). */
    static final class Fields {
        int year = 2000;
        int mon = 1;
        int mday = 1;
        int hour;
        int min;
        int sec;
        long fsec;
        int yday;
        int fmask;
        boolean hasTz;
        /** The explicit offset in seconds east of UTC, when {@link #hasTz} and {@link #zone} is null. */
        int tzEast;
        /** A full zone name given in the input, resolved against the date by the caller. */
        ZoneId zone;
        int special = NORMAL;
        boolean bc;
        boolean is2digits;
        int mer = HR24;

        boolean hasFullDate() {
            return (fmask & DATE_M) == DATE_M;
        }

        boolean hasDate() {
            return (fmask & DATE_M) != 0;
        }

        /** Microseconds since midnight. */
        long timeMicros() {
            return ((hour * 60L + min) * 60L + sec) * 1_000_000L + fsec;
        }
    }

    private DateTimeParser() {
    }

    /** Turns a failure into PostgreSQL's error for {@code typeName} and the original input. */
    static PgException error(Failure f, String typeName, String input) {
        return switch (f.kind) {
            case FIELD_OVERFLOW, MD_FIELD_OVERFLOW ->
                    new PgException("22008", "date/time field value out of range: \"" + input + "\"");
            case INTERVAL_OVERFLOW -> new PgException("22015", "interval field value out of range: \"" + input + "\"");
            case TZDISP_OVERFLOW -> new PgException("22009", "time zone displacement out of range: \"" + input + "\"");
            default -> syntax(typeName, input);
        };
    }

    static PgException syntax(String typeName, String input) {
        return new PgException("22007", "invalid input syntax for type " + typeName + ": \"" + input + "\"");
    }

    static PgException unknownZone(String name) {
        return new PgException("22023", "time zone \"" + name + "\" not recognized");
    }

    private static Failure fail(int kind) {
        return new Failure(kind);
    }

    // ------------------------------------------------------------------------------------------------ tokenizer

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isPunct(char c) {
        return c > ' ' && c < 127 && !isAlpha(c) && !isDigit(c);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private record Tokens(String[] fields, int[] types, int count) {
    }

    private static Tokens tokenize(String s) {
        String[] fields = new String[s.length() + 1];
        int[] types = new int[s.length() + 1];
        int n = 0;
        int i = 0;
        int len = s.length();
        while (i < len) {
            char c = s.charAt(i);
            StringBuilder f = new StringBuilder();
            int type;
            if (isDigit(c)) {
                while (i < len && isDigit(s.charAt(i))) {
                    f.append(s.charAt(i++));
                }
                char d = i < len ? s.charAt(i) : 0;
                if (d == ':') {
                    type = TIME;
                    while (i < len && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) {
                        f.append(s.charAt(i++));
                    }
                } else if (d == '-' || d == '/' || d == '.') {
                    f.append(s.charAt(i++));
                    if (i < len && isDigit(s.charAt(i))) {
                        type = d == '.' ? NUMBER : DATE;
                        while (i < len && isDigit(s.charAt(i))) {
                            f.append(s.charAt(i++));
                        }
                        if (i < len && s.charAt(i) == d) {
                            type = DATE;
                            f.append(s.charAt(i++));
                            while (i < len && (isDigit(s.charAt(i)) || s.charAt(i) == d)) {
                                f.append(s.charAt(i++));
                            }
                        }
                    } else {
                        type = DATE;
                        while (i < len && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128
                                || s.charAt(i) == d)) {
                            f.append(Character.toLowerCase(s.charAt(i++)));
                        }
                    }
                } else {
                    type = NUMBER;
                }
            } else if (c == '.') {
                f.append(s.charAt(i++));
                while (i < len && isDigit(s.charAt(i))) {
                    f.append(s.charAt(i++));
                }
                type = NUMBER;
            } else if (isAlpha(c)) {
                type = STRING;
                while (i < len && isAlpha(s.charAt(i))) {
                    f.append(Character.toLowerCase(s.charAt(i++)));
                }
                char d = i < len ? s.charAt(i) : 0;
                boolean isDate = d == '-' || d == '/' || d == '.';
                if (!isDate && (d == '+' || isDigit(d))) {
                    isDate = !KEYWORDS.containsKey(f.toString());
                }
                if (isDate) {
                    type = DATE;
                    do {
                        f.append(Character.toLowerCase(s.charAt(i++)));
                    } while (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-' || s.charAt(i) == '/'
                            || s.charAt(i) == '_' || s.charAt(i) == '.' || s.charAt(i) == ':'
                            || isAlpha(s.charAt(i)) || isDigit(s.charAt(i))));
                }
            } else if (isSpace(c)) {
                i++;
                continue;
            } else if (c == '+' || c == '-') {
                f.append(c);
                i++;
                while (i < len && isSpace(s.charAt(i))) {
                    i++;
                }
                if (i < len && isDigit(s.charAt(i))) {
                    type = TZ;
                    while (i < len && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.'
                            || s.charAt(i) == '-')) {
                        f.append(s.charAt(i++));
                    }
                } else if (i < len && isAlpha(s.charAt(i))) {
                    type = SPECIAL;
                    while (i < len && isAlpha(s.charAt(i))) {
                        f.append(Character.toLowerCase(s.charAt(i++)));
                    }
                } else {
                    throw fail(BAD_FORMAT);
                }
            } else if (isPunct(c)) {
                i++;
                continue;
            } else {
                throw fail(BAD_FORMAT);
            }
            fields[n] = f.toString();
            types[n] = type;
            n++;
        }
        return new Tokens(fields, types, n);
    }

    // ------------------------------------------------------------------------------------------- field helpers

    /** strtoint: leading digits of s from i; returns {value, end}. */
    private static long[] leadingInt(String s, int i) {
        int start = i;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        int digitsStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > Integer.MAX_VALUE + 1L) {
                throw fail(FIELD_OVERFLOW);
            }
            i++;
        }
        if (i == digitsStart) {
            return new long[] {0, start};
        }
        v = neg ? -v : v;
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw fail(FIELD_OVERFLOW);
        }
        return new long[] {v, i};
    }

    /** ".123" → microseconds, rounded as rint(frac * 1e6). */
    private static long fraction(String s) {
        if (s.length() < 1 || s.charAt(0) != '.') {
            throw fail(BAD_FORMAT);
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                throw fail(BAD_FORMAT);
            }
        }
        double frac = s.length() == 1 ? 0 : Double.parseDouble("0" + s);
        return (long) Math.rint(frac * 1_000_000);
    }

    /** hh:mm[:ss[.fff]] or mm:ss.fff into {hour, min, sec, fsec} (the hour may be large, for intervals). */
    private static long[] decodeTime(String str) {
        int i = 0;
        long hour = 0;
        while (i < str.length() && isDigit(str.charAt(i))) {
            hour = hour * 10 + (str.charAt(i) - '0');
            if (hour > Long.MAX_VALUE / 10 && i + 1 < str.length() && isDigit(str.charAt(i + 1))) {
                throw fail(FIELD_OVERFLOW);
            }
            i++;
        }
        if (i >= str.length() || str.charAt(i) != ':') {
            throw fail(BAD_FORMAT);
        }
        long[] r = leadingInt(str, i + 1);
        long min = r[0];
        i = (int) r[1];
        long sec = 0;
        long fsec = 0;
        if (i == str.length()) {
            // hh:mm
        } else if (str.charAt(i) == '.') {
            fsec = fraction(str.substring(i));
            sec = min;
            min = hour;
            hour = 0;
        } else if (str.charAt(i) == ':') {
            r = leadingInt(str, i + 1);
            sec = r[0];
            i = (int) r[1];
            if (i < str.length()) {
                if (str.charAt(i) != '.') {
                    throw fail(BAD_FORMAT);
                }
                fsec = fraction(str.substring(i));
            }
        } else {
            throw fail(BAD_FORMAT);
        }
        if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > 1_000_000) {
            throw fail(FIELD_OVERFLOW);
        }
        return new long[] {hour, min, sec, fsec};
    }

    private static void decodeTime(String str, Fields f) {
        long[] t = decodeTime(str);
        if (t[0] > Integer.MAX_VALUE) {
            throw fail(FIELD_OVERFLOW);
        }
        f.hour = (int) t[0];
        f.min = (int) t[1];
        f.sec = (int) t[2];
        f.fsec = t[3];
    }

    private static boolean timeOverflows(Fields f) {
        if (f.hour < 0 || f.hour > 24 || f.min < 0 || f.min >= 60 || f.sec < 0 || f.sec > 60 || f.fsec < 0
                || f.fsec > 1_000_000) {
            return true;
        }
        return f.timeMicros() > DateTimeFormat.USECS_PER_DAY;
    }

    /** +hh, +hh:mm, +hh:mm:ss, +hhmm → seconds east. */
    static int decodeTimezone(String str) {
        char sign = str.charAt(0);
        if (sign != '+' && sign != '-') {
            throw fail(BAD_FORMAT);
        }
        long[] r;
        try {
            r = leadingInt(str, 1);
        } catch (Failure e) {
            throw fail(TZDISP_OVERFLOW);
        }
        long hr = r[0];
        int i = (int) r[1];
        long min = 0;
        long sec = 0;
        if (i < str.length() && str.charAt(i) == ':') {
            r = leadingIntTz(str, i + 1);
            min = r[0];
            i = (int) r[1];
            if (i < str.length() && str.charAt(i) == ':') {
                r = leadingIntTz(str, i + 1);
                sec = r[0];
                i = (int) r[1];
            }
        } else if (i == str.length() && str.length() > 3) {
            min = hr % 100;
            hr = hr / 100;
        }
        if (hr < 0 || hr > 15 || min < 0 || min >= 60 || sec < 0 || sec >= 60) {
            throw fail(TZDISP_OVERFLOW);
        }
        int tz = (int) ((hr * 60 + min) * 60 + sec);
        if (i != str.length()) {
            throw fail(BAD_FORMAT);
        }
        return sign == '-' ? -tz : tz;
    }

    private static long[] leadingIntTz(String s, int i) {
        try {
            return leadingInt(s, i);
        } catch (Failure e) {
            throw fail(TZDISP_OVERFLOW);
        }
    }

    /** Run-together digits: yyyymmdd, yymmdd, hhmmss, hhmm, with an optional fraction. Returns DATE or TIME. */
    private static int decodeNumberField(String str, int fmask, Fields f, int[] tmask) {
        int dot = str.indexOf('.');
        if (dot >= 0) {
            String frac = str.substring(dot);
            double v;
            try {
                v = frac.length() == 1 ? 0 : Double.parseDouble("0" + frac);
            } catch (NumberFormatException e) {
                throw fail(BAD_FORMAT);
            }
            f.fsec = (long) Math.rint(v * 1_000_000);
            str = str.substring(0, dot);
        } else if ((fmask & DATE_M) != DATE_M) {
            int len = str.length();
            if (len >= 6) {
                tmask[0] = DATE_M;
                f.mday = Integer.parseInt(str.substring(len - 2));
                f.mon = Integer.parseInt(str.substring(len - 4, len - 2));
                f.year = (int) leadingInt(str.substring(0, len - 4), 0)[0];
                if (len - 4 == 2) {
                    f.is2digits = true;
                }
                return DATE;
            }
        }
        int len = str.length();
        if ((fmask & TIME_M) != TIME_M) {
            if (len == 6) {
                tmask[0] = TIME_M;
                f.sec = Integer.parseInt(str.substring(4));
                f.min = Integer.parseInt(str.substring(2, 4));
                f.hour = Integer.parseInt(str.substring(0, 2));
                return TIME;
            } else if (len == 4) {
                tmask[0] = TIME_M;
                f.sec = 0;
                f.min = Integer.parseInt(str.substring(2, 4));
                f.hour = Integer.parseInt(str.substring(0, 2));
                return TIME;
            }
        }
        throw fail(BAD_FORMAT);
    }

    /** One numeric date field, placed by what is already known and the DateStyle order. */
    private static void decodeNumber(String str, boolean haveTextMonth, int fmask, Fields f, int[] tmask,
                                     CodecContext.DateOrder order) {
        int flen = str.length();
        tmask[0] = 0;
        long[] r = leadingInt(str, 0);
        int i = (int) r[1];
        if (i == 0) {
            throw fail(BAD_FORMAT);
        }
        int val = (int) r[0];
        if (i < str.length()) {
            if (str.charAt(i) != '.') {
                throw fail(BAD_FORMAT);
            }
            if (i > 2) {
                decodeNumberField(str, fmask | DATE_M, f, tmask);
                return;
            }
            f.fsec = fraction(str.substring(i));
        }
        if (flen == 3 && (fmask & DATE_M) == M_YEAR && val >= 1 && val <= 366) {
            tmask[0] = M_DOY | M_MONTH | M_DAY;
            f.yday = val;
            return;
        }
        switch (fmask & DATE_M) {
            case 0 -> {
                if (flen >= 3 || order == CodecContext.DateOrder.YMD) {
                    tmask[0] = M_YEAR;
                    f.year = val;
                } else if (order == CodecContext.DateOrder.DMY) {
                    tmask[0] = M_DAY;
                    f.mday = val;
                } else {
                    tmask[0] = M_MONTH;
                    f.mon = val;
                }
            }
            case M_YEAR -> {
                tmask[0] = M_MONTH;
                f.mon = val;
            }
            case M_MONTH -> {
                if (haveTextMonth && (flen >= 3 || order == CodecContext.DateOrder.YMD)) {
                    tmask[0] = M_YEAR;
                    f.year = val;
                } else {
                    tmask[0] = M_DAY;
                    f.mday = val;
                }
            }
            case M_YEAR | M_MONTH -> {
                if (haveTextMonth && flen >= 3 && f.is2digits) {
                    f.mday = f.year;
                    f.year = val;
                    f.is2digits = false;
                    tmask[0] = M_DAY;
                    return;
                }
                tmask[0] = M_DAY;
                f.mday = val;
            }
            case M_DAY -> {
                tmask[0] = M_MONTH;
                f.mon = val;
            }
            case M_MONTH | M_DAY -> {
                tmask[0] = M_YEAR;
                f.year = val;
            }
            case DATE_M -> {
                decodeNumberField(str, fmask, f, tmask);
                return;
            }
            default -> throw fail(BAD_FORMAT);
        }
        if (tmask[0] == M_YEAR) {
            f.is2digits = flen <= 2;
        }
    }

    /** A date with separators: 1999-01-08, 01/08/1999, 08.01.1999, jan-08-1999, 08-jan-1999. Returns its mask. */
    private static int decodeDate(String str, int fmask, Fields f, CodecContext.DateOrder order) {
        String[] parts = new String[str.length() + 1];
        int nf = 0;
        int i = 0;
        while (i < str.length()) {
            while (i < str.length() && !isAlpha(str.charAt(i)) && !isDigit(str.charAt(i))) {
                i++;
            }
            if (i >= str.length()) {
                throw fail(BAD_FORMAT);
            }
            int start = i;
            if (isDigit(str.charAt(i))) {
                while (i < str.length() && isDigit(str.charAt(i))) {
                    i++;
                }
            } else {
                while (i < str.length() && isAlpha(str.charAt(i))) {
                    i++;
                }
            }
            parts[nf++] = str.substring(start, i);
            if (i < str.length()) {
                i++;
            }
        }
        int tmask = 0;
        boolean haveTextMonth = false;
        for (int k = 0; k < nf; k++) {
            if (isAlpha(parts[k].charAt(0))) {
                int[] kw = KEYWORDS.get(truncate(parts[k]));
                if (kw != null && kw[0] == K_IGNORE) {
                    parts[k] = null;
                    continue;
                }
                if (kw == null || kw[0] != K_MONTH) {
                    throw fail(BAD_FORMAT);
                }
                f.mon = kw[1];
                haveTextMonth = true;
                if ((fmask & M_MONTH) != 0) {
                    throw fail(BAD_FORMAT);
                }
                fmask |= M_MONTH;
                tmask |= M_MONTH;
                parts[k] = null;
            }
        }
        int[] dmask = new int[1];
        for (int k = 0; k < nf; k++) {
            if (parts[k] == null) {
                continue;
            }
            decodeNumber(parts[k], haveTextMonth, fmask, f, dmask, order);
            if ((fmask & dmask[0]) != 0) {
                throw fail(BAD_FORMAT);
            }
            fmask |= dmask[0];
            tmask |= dmask[0];
        }
        if ((fmask & ~(M_DOY | M_TZ)) != DATE_M) {
            throw fail(BAD_FORMAT);
        }
        return tmask;
    }

    private static String truncate(String s) {
        return s.length() > 10 ? s.substring(0, 10) : s;
    }

    private static boolean isLeap(int y) {
        return (y % 4 == 0) && ((y % 100 != 0) || (y % 400 == 0));
    }

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private static void validateDate(int fmask, Fields f) {
        if ((fmask & M_YEAR) != 0) {
            if (f.bc) {
                if (f.year <= 0) {
                    throw fail(FIELD_OVERFLOW);
                }
                f.year = -(f.year - 1);
            } else if (f.is2digits) {
                if (f.year < 0) {
                    throw fail(FIELD_OVERFLOW);
                }
                if (f.year < 70) {
                    f.year += 2000;
                } else if (f.year < 100) {
                    f.year += 1900;
                }
            } else if (f.year <= 0) {
                throw fail(FIELD_OVERFLOW);
            }
        }
        if ((fmask & M_DOY) != 0) {
            LocalDate d = LocalDate.of(f.year, 1, 1).plusDays(f.yday - 1);
            f.year = d.getYear();
            f.mon = d.getMonthValue();
            f.mday = d.getDayOfMonth();
        }
        if ((fmask & M_MONTH) != 0 && (f.mon < 1 || f.mon > 12)) {
            throw fail(MD_FIELD_OVERFLOW);
        }
        if ((fmask & M_DAY) != 0 && (f.mday < 1 || f.mday > 31)) {
            throw fail(MD_FIELD_OVERFLOW);
        }
        if ((fmask & DATE_M) == DATE_M) {
            int max = f.mon == 2 && isLeap(f.year) ? 29 : DAYS_IN_MONTH[f.mon - 1];
            if (f.mday > max) {
                throw fail(FIELD_OVERFLOW);
            }
        }
    }

    private static void applyMeridian(Fields f) {
        if (f.mer != HR24 && f.hour > 12) {
            throw fail(FIELD_OVERFLOW);
        }
        if (f.mer == AM && f.hour == 12) {
            f.hour = 0;
        } else if (f.mer == PM && f.hour != 12) {
            f.hour += 12;
        }
    }

    /** A time zone name in a field that is neither a number nor a keyword; null when unknown. */
    private static ZoneId namedZone(String lower) {
        return TimeZoneNames.zone(lower);
    }

    // --------------------------------------------------------------------------------------- date and timestamp

    /**
     * Parses date, timestamp and timestamptz input. On return either {@code special} is set, or the full date is
     * there (time defaults to midnight) and the zone, if any was given, is in hasTz/tzEast/zone.
     */
    static Fields dateTime(String input, CodecContext ctx) {
        Tokens tk = tokenize(input);
        Fields f = new Fields();
        int fmask = 0;
        boolean haveTextMonth = false;
        boolean isoTime = false;
        int[] tmask = new int[1];
        int n = tk.count();
        for (int i = 0; i < n; i++) {
            String field = tk.fields()[i];
            int type = tk.types()[i];
            tmask[0] = 0;
            switch (type) {
                case DATE -> {
                    if (isoTime) {
                        throw fail(BAD_FORMAT);
                    }
                    if ((fmask & DATE_M) == DATE_M) {
                        if (isDigit(field.charAt(0))) {
                            throw fail(BAD_FORMAT);
                        }
                        ZoneId z = namedZone(field);
                        if (z == null) {
                            throw new ZoneFailure(field);
                        }
                        f.zone = z;
                        f.hasTz = true;
                        tmask[0] = M_TZ;
                    } else {
                        tmask[0] = decodeDate(field, fmask, f, ctx.dateOrder());
                    }
                }
                case TIME -> {
                    isoTime = false;
                    decodeTime(field, f);
                    tmask[0] = TIME_M;
                    if (timeOverflows(f)) {
                        throw fail(FIELD_OVERFLOW);
                    }
                }
                case TZ -> {
                    f.tzEast = decodeTimezone(field);
                    f.hasTz = true;
                    f.zone = null;
                    tmask[0] = M_TZ;
                }
                case NUMBER -> {
                    int dot = field.indexOf('.');
                    int flen = field.length();
                    if (isoTime) {
                        isoTime = false;
                        decodeNumberField(field, fmask | DATE_M, f, tmask);
                        if (tmask[0] != TIME_M) {
                            throw fail(BAD_FORMAT);
                        }
                    } else if (dot >= 0 && (fmask & DATE_M) == 0) {
                        tmask[0] = decodeDate(field, fmask, f, ctx.dateOrder());
                    } else if (dot > 2) {
                        decodeNumberField(field, fmask, f, tmask);
                    } else if (flen >= 6 && ((fmask & DATE_M) == 0 || (fmask & TIME_M) == 0)) {
                        decodeNumberField(field, fmask, f, tmask);
                    } else {
                        decodeNumber(field, haveTextMonth, fmask, f, tmask, ctx.dateOrder());
                    }
                }
                default -> {
                    if (isoTime) {
                        throw fail(BAD_FORMAT);
                    }
                    Integer abbrev = TimeZoneNames.abbreviationOffset(field);
                    if (abbrev != null) {
                        f.tzEast = abbrev;
                        f.hasTz = true;
                        f.zone = null;
                        tmask[0] = M_TZ;
                        break;
                    }
                    int[] kw = KEYWORDS.get(truncate(field));
                    if (kw == null) {
                        ZoneId z = type == STRING ? namedZone(field) : null;
                        if (z == null) {
                            throw fail(BAD_FORMAT);
                        }
                        f.zone = z;
                        f.hasTz = true;
                        tmask[0] = M_TZ;
                        break;
                    }
                    switch (kw[0]) {
                        case K_RESERV -> {
                            if (kw[1] == ZULU) {
                                tmask[0] = TIME_M | M_TZ;
                                f.hour = 0;
                                f.min = 0;
                                f.sec = 0;
                                f.fsec = 0;
                                f.hasTz = true;
                                f.tzEast = 0;
                                f.zone = null;
                            } else {
                                tmask[0] = DATE_M | TIME_M | M_TZ;
                                f.special = kw[1];
                            }
                        }
                        case K_MONTH -> {
                            if ((fmask & M_MONTH) != 0 && !haveTextMonth && (fmask & M_DAY) == 0
                                    && f.mon >= 1 && f.mon <= 31) {
                                f.mday = f.mon;
                                tmask[0] = M_DAY;
                            } else {
                                tmask[0] = M_MONTH;
                            }
                            haveTextMonth = true;
                            f.mon = kw[1];
                        }
                        case K_DOW -> tmask[0] = M_DOW;
                        case K_IGNORE -> {
                            continue;
                        }
                        case K_AMPM -> {
                            f.mer = kw[1];
                            tmask[0] = M_AMPM;
                        }
                        case K_ADBC -> {
                            f.bc = kw[1] == 1;
                            tmask[0] = M_BC;
                        }
                        case K_ISOTIME -> {
                            if ((fmask & DATE_M) != DATE_M || i >= n - 1
                                    || (tk.types()[i + 1] != NUMBER && tk.types()[i + 1] != TIME)) {
                                throw fail(BAD_FORMAT);
                            }
                            isoTime = true;
                        }
                        default -> throw fail(BAD_FORMAT);
                    }
                }
            }
            if ((tmask[0] & fmask) != 0) {
                throw fail(BAD_FORMAT);
            }
            fmask |= tmask[0];
        }
        validateDate(fmask, f);
        applyMeridian(f);
        f.fmask = fmask;
        if (f.special == NORMAL && (fmask & DATE_M) != DATE_M) {
            throw fail(BAD_FORMAT);
        }
        return f;
    }

    // ---------------------------------------------------------------------------------------- time and timetz

    /** Parses time and timetz input; a date may come with it (and is ignored but for resolving a zone name). */
    static Fields timeOnly(String input, CodecContext ctx) {
        Tokens tk = tokenize(input);
        Fields f = new Fields();
        int fmask = 0;
        boolean isoTime = false;
        int[] tmask = new int[1];
        int n = tk.count();
        for (int i = 0; i < n; i++) {
            String field = tk.fields()[i];
            int type = tk.types()[i];
            tmask[0] = 0;
            switch (type) {
                case DATE -> {
                    isoTime = false;
                    if (i == 0 && n >= 2 && (tk.types()[n - 1] == DATE || tk.types()[1] == TIME)) {
                        tmask[0] = decodeDate(field, fmask, f, ctx.dateOrder());
                    } else if (isDigit(field.charAt(0))) {
                        if ((fmask & TIME_M) == TIME_M) {
                            throw fail(BAD_FORMAT);
                        }
                        int dash = field.indexOf('-');
                        if (dash < 0) {
                            throw fail(BAD_FORMAT);
                        }
                        f.tzEast = decodeTimezone(field.substring(dash));
                        f.hasTz = true;
                        decodeNumberField(field.substring(0, dash), fmask | DATE_M, f, tmask);
                        tmask[0] |= M_TZ;
                    } else {
                        ZoneId z = namedZone(field);
                        if (z == null) {
                            throw new ZoneFailure(field);
                        }
                        f.zone = z;
                        f.hasTz = true;
                        tmask[0] = M_TZ;
                    }
                }
                case TIME -> {
                    isoTime = false;
                    decodeTime(field, f);
                    tmask[0] = TIME_M;
                }
                case TZ -> {
                    f.tzEast = decodeTimezone(field);
                    f.hasTz = true;
                    f.zone = null;
                    tmask[0] = M_TZ;
                }
                case NUMBER -> {
                    int dot = field.indexOf('.');
                    int flen = field.length();
                    if (isoTime) {
                        isoTime = false;
                        decodeNumberField(field, fmask | DATE_M, f, tmask);
                        if (tmask[0] != TIME_M) {
                            throw fail(BAD_FORMAT);
                        }
                    } else if (dot >= 0) {
                        if (i == 0 && n >= 2 && tk.types()[n - 1] == DATE) {
                            tmask[0] = decodeDate(field, fmask, f, ctx.dateOrder());
                        } else if (dot > 2) {
                            decodeNumberField(field, fmask | DATE_M, f, tmask);
                        } else {
                            throw fail(BAD_FORMAT);
                        }
                    } else if (flen > 4) {
                        decodeNumberField(field, fmask | DATE_M, f, tmask);
                    } else {
                        decodeNumber(field, false, fmask | DATE_M, f, tmask, ctx.dateOrder());
                    }
                }
                default -> {
                    if (isoTime) {
                        throw fail(BAD_FORMAT);
                    }
                    Integer abbrev = TimeZoneNames.abbreviationOffset(field);
                    if (abbrev != null) {
                        f.tzEast = abbrev;
                        f.hasTz = true;
                        f.zone = null;
                        tmask[0] = M_TZ;
                        break;
                    }
                    int[] kw = KEYWORDS.get(truncate(field));
                    if (kw == null) {
                        ZoneId z = type == STRING ? namedZone(field) : null;
                        if (z == null) {
                            throw fail(BAD_FORMAT);
                        }
                        f.zone = z;
                        f.hasTz = true;
                        tmask[0] = M_TZ;
                        break;
                    }
                    switch (kw[0]) {
                        case K_RESERV -> {
                            if (kw[1] == NOW) {
                                tmask[0] = TIME_M;
                                f.special = NOW;
                            } else if (kw[1] == ZULU) {
                                tmask[0] = TIME_M | M_TZ;
                                f.hour = 0;
                                f.min = 0;
                                f.sec = 0;
                                f.fsec = 0;
                                f.hasTz = true;
                                f.tzEast = 0;
                                f.zone = null;
                            } else {
                                throw fail(BAD_FORMAT);
                            }
                        }
                        case K_IGNORE -> {
                            continue;
                        }
                        case K_AMPM -> {
                            f.mer = kw[1];
                            tmask[0] = M_AMPM;
                        }
                        case K_ADBC -> {
                            f.bc = kw[1] == 1;
                            tmask[0] = M_BC;
                        }
                        case K_ISOTIME -> {
                            if (i >= n - 1 || (tk.types()[i + 1] != NUMBER && tk.types()[i + 1] != TIME
                                    && tk.types()[i + 1] != DATE)) {
                                throw fail(BAD_FORMAT);
                            }
                            isoTime = true;
                        }
                        default -> throw fail(BAD_FORMAT);
                    }
                }
            }
            if ((tmask[0] & fmask) != 0) {
                throw fail(BAD_FORMAT);
            }
            fmask |= tmask[0];
        }
        validateDate(fmask, f);
        applyMeridian(f);
        if (f.hour < 0 || f.min < 0 || f.min > 59 || f.sec < 0 || f.sec > 60 || f.hour > 24
                || (f.hour == 24 && (f.min > 0 || f.sec > 0 || f.fsec > 0)) || f.fsec < 0 || f.fsec > 1_000_000) {
            throw fail(FIELD_OVERFLOW);
        }
        if (timeOverflows(f)) {
            throw fail(FIELD_OVERFLOW);
        }
        if ((fmask & TIME_M) != TIME_M) {
            throw fail(BAD_FORMAT);
        }
        f.fmask = fmask;
        return f;
    }

    /** An unknown full zone name (22023), raised with the lower-cased name as PostgreSQL does. */
    static final class ZoneFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String name;

        ZoneFailure(String name) {
            super(null, null, false, false);
            this.name = name;
        }
    }

    // ---------------------------------------------------------------------------------------------- interval

    /** Mutable interval fields while parsing. */
    private static final class Itm {
        long usec;
        int mday;
        int mon;
        int year;
    }

    /** Parses interval input; returns {months, days, micros}. */
    static long[] interval(String input, CodecContext ctx) {
        Itm itm;
        try {
            itm = intervalFields(input, ctx);
        } catch (Failure e) {
            if (e.kind != BAD_FORMAT) {
                throw e;
            }
            itm = iso8601Interval(input);
        }
        long months = (long) itm.year * 12 + itm.mon;
        if (months > Integer.MAX_VALUE || months < Integer.MIN_VALUE) {
            throw new PgException("22008", "interval out of range");
        }
        return new long[] {months, itm.mday, itm.usec};
    }

    private static Itm intervalFields(String input, CodecContext ctx) {
        Tokens tk = tokenize(input);
        int n = tk.count();
        Itm itm = new Itm();
        boolean forceNegative = false;
        if (ctx.intervalStyle() == CodecContext.IntervalStyle.SQL_STANDARD && n > 0
                && tk.fields()[0].charAt(0) == '-') {
            forceNegative = true;
            for (int i = 1; i < n; i++) {
                char c = tk.fields()[i].charAt(0);
                if (c == '-' || c == '+') {
                    forceNegative = false;
                    break;
                }
            }
        }
        int fmask = 0;
        boolean isBefore = false;
        int type = 0; // 0 = not given: seconds
        for (int i = n - 1; i >= 0; i--) {
            String field = tk.fields()[i];
            int ftype = tk.types()[i];
            int tmask = 0;
            switch (ftype) {
                case TIME -> {
                    itm.usec = timeForInterval(field);
                    if (forceNegative && itm.usec > 0) {
                        itm.usec = -itm.usec;
                    }
                    tmask = TIME_M;
                    type = U_DAY;
                }
                case TZ, DATE, NUMBER -> {
                    if (ftype == TZ && field.indexOf(':', 1) >= 0) {
                        Long t = tryTimeForInterval(field.substring(1));
                        if (t != null) {
                            itm.usec = t;
                            if (field.charAt(0) == '-') {
                                itm.usec = -itm.usec;
                            }
                            if (forceNegative && itm.usec > 0) {
                                itm.usec = -itm.usec;
                            }
                            tmask = TIME_M;
                            type = U_DAY;
                            break;
                        }
                    }
                    if (type == 0) {
                        type = U_SECOND;
                    }
                    tmask = intervalNumber(field, type, forceNegative, itm);
                    if (type == U_HOUR) {
                        type = U_DAY;
                    }
                    if (tmask < 0) {
                        type = U_MONTH;
                        tmask = 1 << U_MONTH;
                    }
                }
                case STRING, SPECIAL -> {
                    Integer u = UNITS.get(truncate(field));
                    if (u == null) {
                        throw fail(BAD_FORMAT);
                    }
                    if (u == U_AGO) {
                        isBefore = true;
                        type = -1;
                    } else {
                        type = u;
                    }
                }
                default -> throw fail(BAD_FORMAT);
            }
            if ((tmask & fmask) != 0) {
                throw fail(BAD_FORMAT);
            }
            fmask |= tmask;
        }
        if (fmask == 0) {
            throw fail(BAD_FORMAT);
        }
        if (isBefore) {
            if (itm.usec == Long.MIN_VALUE || itm.mday == Integer.MIN_VALUE || itm.mon == Integer.MIN_VALUE
                    || itm.year == Integer.MIN_VALUE) {
                throw fail(INTERVAL_OVERFLOW);
            }
            itm.usec = -itm.usec;
            itm.mday = -itm.mday;
            itm.mon = -itm.mon;
            itm.year = -itm.year;
        }
        return itm;
    }

    private static long timeForInterval(String s) {
        long[] t;
        try {
            t = decodeTime(s);
        } catch (Failure e) {
            throw e.kind == FIELD_OVERFLOW ? fail(INTERVAL_OVERFLOW) : e;
        }
        long us = mulExact(t[0], DateTimeFormat.USECS_PER_HOUR);
        us = addExact(us, t[1] * DateTimeFormat.USECS_PER_MINUTE);
        us = addExact(us, t[2] * DateTimeFormat.USECS_PER_SEC);
        return addExact(us, t[3]);
    }

    private static Long tryTimeForInterval(String s) {
        try {
            return timeForInterval(s);
        } catch (Failure e) {
            return null;
        }
    }

    /** A number with its unit; returns the field mask it fills (-1 after a years-months value). */
    private static int intervalNumber(String field, int type, boolean forceNegative, Itm itm) {
        if (type < 0) {
            throw fail(BAD_FORMAT);
        }
        int i = 0;
        boolean neg = false;
        if (field.charAt(0) == '-' || field.charAt(0) == '+') {
            neg = field.charAt(0) == '-';
            i = 1;
        }
        int digitsStart = i;
        long val = 0; // accumulated negatively, so that the most negative value fits
        while (i < field.length() && isDigit(field.charAt(i))) {
            val = subExact(mulExact(val, 10), field.charAt(i) - '0');
            i++;
        }
        if (i == digitsStart && (i >= field.length() || field.charAt(i) != '.')) {
            throw fail(BAD_FORMAT);
        }
        if (!neg) {
            if (val == Long.MIN_VALUE) {
                throw fail(INTERVAL_OVERFLOW);
            }
            val = -val;
        }
        double fval = 0;
        boolean yearMonth = false;
        if (i < field.length() && field.charAt(i) == '-') {
            long[] r = leadingInt(field, i + 1);
            long val2 = r[0];
            if ((int) r[1] == i + 1 || val2 < 0 || val2 >= 12) {
                throw fail(INTERVAL_OVERFLOW);
            }
            if (r[1] != field.length()) {
                throw fail(BAD_FORMAT);
            }
            if (neg) {
                val2 = -val2;
            }
            val = mulExact(val, 12);
            val = addExact(val, val2);
            type = U_MONTH;
            yearMonth = true;
        } else if (i < field.length() && field.charAt(i) == '.') {
            String frac = field.substring(i);
            for (int k = 1; k < frac.length(); k++) {
                if (!isDigit(frac.charAt(k))) {
                    throw fail(BAD_FORMAT);
                }
            }
            fval = frac.length() == 1 ? 0 : Double.parseDouble("0" + frac);
            if (neg) {
                fval = -fval;
            }
        } else if (i != field.length()) {
            throw fail(BAD_FORMAT);
        }
        if (forceNegative) {
            if (val > 0) {
                val = -val;
            }
            if (fval > 0) {
                fval = -fval;
            }
        }
        int tmask;
        switch (type) {
            case U_MICRO -> {
                adjustMicros(val, fval, 1, itm);
                tmask = 1 << 20;
            }
            case U_MILLI -> {
                adjustMicros(val, fval, 1000, itm);
                tmask = 1 << 21;
            }
            case U_SECOND -> {
                adjustMicros(val, fval, DateTimeFormat.USECS_PER_SEC, itm);
                tmask = fval == 0 ? M_SECOND : (M_SECOND | 1 << 20 | 1 << 21);
            }
            case U_MINUTE -> {
                adjustMicros(val, fval, DateTimeFormat.USECS_PER_MINUTE, itm);
                tmask = M_MINUTE;
            }
            case U_HOUR -> {
                adjustMicros(val, fval, DateTimeFormat.USECS_PER_HOUR, itm);
                tmask = M_HOUR;
            }
            case U_DAY -> {
                adjustDays(val, 1, itm);
                adjustFractMicros(fval, DateTimeFormat.USECS_PER_DAY, itm);
                tmask = M_DAY;
            }
            case U_WEEK -> {
                adjustDays(val, 7, itm);
                adjustFractDays(fval, 7, itm);
                tmask = 1 << 22;
            }
            case U_MONTH -> {
                if (val < Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
                    throw fail(INTERVAL_OVERFLOW);
                }
                itm.mon = addInt(itm.mon, val);
                adjustFractDays(fval, 30, itm);
                tmask = M_MONTH;
            }
            case U_YEAR -> {
                adjustYears(val, 1, fval, itm);
                tmask = M_YEAR;
            }
            case U_DECADE -> {
                adjustYears(val, 10, fval, itm);
                tmask = 1 << 23;
            }
            case U_CENTURY -> {
                adjustYears(val, 100, fval, itm);
                tmask = 1 << 24;
            }
            case U_MILLENNIUM -> {
                adjustYears(val, 1000, fval, itm);
                tmask = 1 << 25;
            }
            default -> throw fail(BAD_FORMAT);
        }
        return yearMonth ? -1 : tmask;
    }

    private static long mulExact(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw fail(INTERVAL_OVERFLOW);
        }
    }

    private static long addExact(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw fail(INTERVAL_OVERFLOW);
        }
    }

    private static long subExact(long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw fail(INTERVAL_OVERFLOW);
        }
    }

    private static int addInt(int a, long b) {
        long r = a + b;
        if (r > Integer.MAX_VALUE || r < Integer.MIN_VALUE) {
            throw fail(INTERVAL_OVERFLOW);
        }
        return (int) r;
    }

    private static void adjustFractMicros(double frac, long scale, Itm itm) {
        if (frac == 0) {
            return;
        }
        frac *= scale;
        long usec = (long) frac;
        frac -= usec;
        if (frac > 0.5) {
            usec++;
        } else if (frac < -0.5) {
            usec--;
        }
        itm.usec = addExact(itm.usec, usec);
    }

    private static void adjustFractDays(double frac, int scale, Itm itm) {
        if (frac == 0) {
            return;
        }
        frac *= scale;
        int extra = (int) frac;
        itm.mday = addInt(itm.mday, extra);
        frac -= extra;
        adjustFractMicros(frac, DateTimeFormat.USECS_PER_DAY, itm);
    }

    private static void adjustMicros(long val, double fval, long scale, Itm itm) {
        itm.usec = addExact(itm.usec, mulExact(val, scale));
        adjustFractMicros(fval, scale, itm);
    }

    private static void adjustDays(long val, int mult, Itm itm) {
        if (val < Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
            throw fail(INTERVAL_OVERFLOW);
        }
        long d = val * mult;
        if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw fail(INTERVAL_OVERFLOW);
        }
        itm.mday = addInt(itm.mday, d);
    }

    private static void adjustYears(long val, int scale, double fval, Itm itm) {
        if (val < Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
            throw fail(INTERVAL_OVERFLOW);
        }
        long y = val * scale;
        if (y < Integer.MIN_VALUE || y > Integer.MAX_VALUE) {
            throw fail(INTERVAL_OVERFLOW);
        }
        itm.year = addInt(itm.year, y);
        if (fval != 0) {
            int extra = (int) Math.rint(fval * scale * 12);
            itm.mon = addInt(itm.mon, extra);
        }
    }

    /** ISO 8601 "format with designators": P1Y2M3W4DT5H6M7.5S (numbers may be negative or fractional). */
    private static Itm iso8601Interval(String s) {
        if (s.length() < 2 || s.charAt(0) != 'P') {
            throw fail(BAD_FORMAT);
        }
        Itm itm = new Itm();
        boolean datePart = true;
        int i = 1;
        while (i < s.length()) {
            if (s.charAt(i) == 'T') {
                datePart = false;
                i++;
                continue;
            }
            int start = i;
            char c = s.charAt(i);
            if (!(isDigit(c) || c == '-' || c == '.')) {
                throw fail(BAD_FORMAT);
            }
            if (c == '-') {
                i++;
            }
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
            }
            double v;
            try {
                v = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw fail(BAD_FORMAT);
            }
            if (v < -1.0e15 || v > 1.0e15) {
                throw fail(INTERVAL_OVERFLOW);
            }
            long ipart = v >= 0 ? (long) Math.floor(v) : (long) -Math.floor(-v);
            double fpart = v - ipart;
            if (i >= s.length()) {
                throw fail(BAD_FORMAT);
            }
            char unit = s.charAt(i++);
            if (datePart) {
                switch (unit) {
                    case 'Y' -> adjustYears(ipart, 1, fpart, itm);
                    case 'M' -> {
                        if (ipart < Integer.MIN_VALUE || ipart > Integer.MAX_VALUE) {
                            throw fail(INTERVAL_OVERFLOW);
                        }
                        itm.mon = addInt(itm.mon, ipart);
                        adjustFractDays(fpart, 30, itm);
                    }
                    case 'W' -> {
                        adjustDays(ipart, 7, itm);
                        adjustFractDays(fpart, 7, itm);
                    }
                    case 'D' -> {
                        adjustDays(ipart, 1, itm);
                        adjustFractMicros(fpart, DateTimeFormat.USECS_PER_DAY, itm);
                    }
                    default -> throw fail(BAD_FORMAT);
                }
            } else {
                switch (unit) {
                    case 'H' -> adjustMicros(ipart, fpart, DateTimeFormat.USECS_PER_HOUR, itm);
                    case 'M' -> adjustMicros(ipart, fpart, DateTimeFormat.USECS_PER_MINUTE, itm);
                    case 'S' -> adjustMicros(ipart, fpart, DateTimeFormat.USECS_PER_SEC, itm);
                    default -> throw fail(BAD_FORMAT);
                }
            }
        }
        return itm;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
