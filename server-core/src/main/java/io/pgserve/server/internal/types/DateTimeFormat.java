package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgInterval;

import java.time.LocalDate;

/**
 * PostgreSQL's text output of dates, times, timestamps and intervals in every DateStyle and IntervalStyle, written
 * straight into a ByteBuf (no regex, no String.format). Values are in PostgreSQL's representation: days and
 * microseconds since 2000-01-01, astronomical years (1 BC is year 0).
 */
final class DateTimeFormat {
    static final long USECS_PER_SEC = 1_000_000L;
    static final long USECS_PER_MINUTE = 60_000_000L;
    static final long USECS_PER_HOUR = 3_600_000_000L;
    static final long USECS_PER_DAY = 86_400_000_000L;
    /** LocalDate.toEpochDay() of 2000-01-01, PostgreSQL's epoch. */
    static final long PG_EPOCH_DAY = 10957;
    static final long PG_EPOCH_SECONDS = PG_EPOCH_DAY * 86400L;

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private DateTimeFormat() {
    }

    static void ascii(ByteBuf out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.writeByte(s.charAt(i));
        }
    }

    /** A non-negative number, zero-padded to at least {@code width} digits. */
    static void digits(ByteBuf out, long v, int width) {
        if (v < 0) {
            throw new IllegalArgumentException();
        }
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        for (int i = n; i < width; i++) {
            out.writeByte('0');
        }
        int start = out.writerIndex();
        out.writeZero(n);
        for (int i = n - 1; i >= 0; i--) {
            out.setByte(start + i, (int) ('0' + v % 10));
            v /= 10;
        }
    }

    /** A signed number (%d / %lld). */
    static void signed(ByteBuf out, long v) {
        if (v < 0) {
            out.writeByte('-');
            if (v == Long.MIN_VALUE) {
                ascii(out, "9223372036854775808");
                return;
            }
            v = -v;
        }
        digits(out, v, 1);
    }

    /** AppendSeconds: |sec| (two digits when fillZeros) and |fsec| as a fraction without trailing zeros. */
    static void seconds(ByteBuf out, long sec, long fsec, boolean fillZeros) {
        digits(out, Math.abs(sec), fillZeros ? 2 : 1);
        if (fsec != 0) {
            long f = Math.abs(fsec);
            int width = 6;
            while (f % 10 == 0) {
                f /= 10;
                width--;
            }
            out.writeByte('.');
            digits(out, f, width);
        }
    }

    /** HH:MM:SS[.ffffff] of microseconds since midnight (0 to 24:00:00 inclusive). */
    static void time(ByteBuf out, long micros) {
        long hour = micros / USECS_PER_HOUR;
        micros -= hour * USECS_PER_HOUR;
        long min = micros / USECS_PER_MINUTE;
        micros -= min * USECS_PER_MINUTE;
        digits(out, hour, 2);
        out.writeByte(':');
        digits(out, min, 2);
        out.writeByte(':');
        seconds(out, micros / USECS_PER_SEC, micros % USECS_PER_SEC, true);
    }

    /** EncodeTimezone: an offset in seconds east of UTC as +HH, +HH:MM or +HH:MM:SS. */
    static void offset(ByteBuf out, int east) {
        out.writeByte(east < 0 ? '-' : '+');
        int a = Math.abs(east);
        int h = a / 3600;
        int m = a / 60 % 60;
        int s = a % 60;
        digits(out, h, 2);
        if (m != 0 || s != 0) {
            out.writeByte(':');
            digits(out, m, 2);
            if (s != 0) {
                out.writeByte(':');
                digits(out, s, 2);
            }
        }
    }

    private static void year(ByteBuf out, int year) {
        digits(out, year > 0 ? year : -(year - 1L), 4);
    }

    private static void bc(ByteBuf out, int year) {
        if (year <= 0) {
            ascii(out, " BC");
        }
    }

    /** EncodeDateOnly of a date given as days since 2000-01-01. */
    static void date(ByteBuf out, long pgDays, CodecContext ctx) {
        LocalDate d = LocalDate.ofEpochDay(pgDays + PG_EPOCH_DAY);
        int y = d.getYear();
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        boolean dmy = ctx.dateOrder() == CodecContext.DateOrder.DMY;
        switch (ctx.dateStyle()) {
            case ISO -> {
                year(out, y);
                out.writeByte('-');
                digits(out, m, 2);
                out.writeByte('-');
                digits(out, day, 2);
            }
            case SQL, POSTGRES -> {
                char sep = ctx.dateStyle() == CodecContext.DateStyle.SQL ? '/' : '-';
                digits(out, dmy ? day : m, 2);
                out.writeByte(sep);
                digits(out, dmy ? m : day, 2);
                out.writeByte(sep);
                year(out, y);
            }
            case GERMAN -> {
                digits(out, day, 2);
                out.writeByte('.');
                digits(out, m, 2);
                out.writeByte('.');
                year(out, y);
            }
        }
        bc(out, y);
    }

    /**
     * EncodeDateTime of local microseconds since 2000-01-01; with {@code printTz}, the zone as {@code tzn} (an
     * abbreviation, used by the non-ISO styles when not null) or the numeric offset {@code east}.
     */
    static void dateTime(ByteBuf out, long localMicros, CodecContext ctx, boolean printTz, int east, String tzn) {
        long days = Math.floorDiv(localMicros, USECS_PER_DAY);
        long time = Math.floorMod(localMicros, USECS_PER_DAY);
        LocalDate d = LocalDate.ofEpochDay(days + PG_EPOCH_DAY);
        int y = d.getYear();
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        boolean dmy = ctx.dateOrder() == CodecContext.DateOrder.DMY;
        switch (ctx.dateStyle()) {
            case ISO -> {
                year(out, y);
                out.writeByte('-');
                digits(out, m, 2);
                out.writeByte('-');
                digits(out, day, 2);
                out.writeByte(' ');
                time(out, time);
                if (printTz) {
                    offset(out, east);
                }
            }
            case SQL, GERMAN -> {
                boolean german = ctx.dateStyle() == CodecContext.DateStyle.GERMAN;
                char sep = german ? '.' : '/';
                boolean dayFirst = german || dmy;
                digits(out, dayFirst ? day : m, 2);
                out.writeByte(sep);
                digits(out, dayFirst ? m : day, 2);
                out.writeByte(sep);
                year(out, y);
                out.writeByte(' ');
                time(out, time);
                if (printTz) {
                    if (tzn != null) {
                        out.writeByte(' ');
                        ascii(out, tzn);
                    } else {
                        offset(out, east);
                    }
                }
            }
            case POSTGRES -> {
                ascii(out, DAYS[d.getDayOfWeek().ordinal()]);
                out.writeByte(' ');
                if (dmy) {
                    digits(out, day, 2);
                    out.writeByte(' ');
                    ascii(out, MONTHS[m - 1]);
                } else {
                    ascii(out, MONTHS[m - 1]);
                    out.writeByte(' ');
                    digits(out, day, 2);
                }
                out.writeByte(' ');
                time(out, time);
                out.writeByte(' ');
                year(out, y);
                if (printTz) {
                    out.writeByte(' ');
                    if (tzn != null) {
                        ascii(out, tzn);
                    } else {
                        offset(out, east);
                    }
                }
            }
        }
        bc(out, y);
    }

    /** EncodeInterval in the session's IntervalStyle. */
    static void interval(ByteBuf out, PgInterval v, CodecContext.IntervalStyle style) {
        int year = v.months() / 12;
        int mon = v.months() % 12;
        int mday = v.days();
        long time = v.microseconds();
        long hour = time / USECS_PER_HOUR;
        time -= hour * USECS_PER_HOUR;
        int min = (int) (time / USECS_PER_MINUTE);
        time -= min * USECS_PER_MINUTE;
        int sec = (int) (time / USECS_PER_SEC);
        int fsec = (int) (time - sec * USECS_PER_SEC);
        switch (style) {
            case POSTGRES -> {
                boolean[] state = {true, false}; // is_zero, is_before
                postgresPart(out, year, "year", state);
                postgresPart(out, mon, "mon", state);
                postgresPart(out, mday, "day", state);
                if (state[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
                    boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
                    if (!state[0]) {
                        out.writeByte(' ');
                    }
                    if (minus) {
                        out.writeByte('-');
                    } else if (state[1]) {
                        out.writeByte('+');
                    }
                    digits(out, Math.abs(hour), 2);
                    out.writeByte(':');
                    digits(out, Math.abs(min), 2);
                    out.writeByte(':');
                    seconds(out, sec, fsec, true);
                }
            }
            case POSTGRES_VERBOSE -> {
                out.writeByte('@');
                boolean[] state = {true, false};
                verbosePart(out, year, "year", state);
                verbosePart(out, mon, "mon", state);
                verbosePart(out, mday, "day", state);
                verbosePart(out, hour, "hour", state);
                verbosePart(out, min, "min", state);
                if (sec != 0 || fsec != 0) {
                    out.writeByte(' ');
                    if (sec < 0 || (sec == 0 && fsec < 0)) {
                        if (state[0]) {
                            state[1] = true;
                        } else if (!state[1]) {
                            out.writeByte('-');
                        }
                    } else if (state[1]) {
                        out.writeByte('-');
                    }
                    seconds(out, sec, fsec, false);
                    ascii(out, Math.abs(sec) != 1 || fsec != 0 ? " secs" : " sec");
                    state[0] = false;
                }
                if (state[0]) {
                    ascii(out, " 0");
                }
                if (state[1]) {
                    ascii(out, " ago");
                }
            }
            case SQL_STANDARD -> {
                boolean neg = year < 0 || mon < 0 || mday < 0 || hour < 0 || min < 0 || sec < 0 || fsec < 0;
                boolean pos = year > 0 || mon > 0 || mday > 0 || hour > 0 || min > 0 || sec > 0 || fsec > 0;
                boolean yearMonth = year != 0 || mon != 0;
                boolean dayTime = mday != 0 || hour != 0 || min != 0 || sec != 0 || fsec != 0;
                boolean standard = !(neg && pos) && !(yearMonth && dayTime);
                long lmday = mday;
                if (neg && standard) {
                    out.writeByte('-');
                    year = -year;
                    mon = -mon;
                    lmday = -lmday;
                    hour = -hour;
                    min = -min;
                    sec = -sec;
                    fsec = -fsec;
                }
                if (!neg && !pos) {
                    out.writeByte('0');
                } else if (!standard) {
                    out.writeByte(year < 0 || mon < 0 ? '-' : '+');
                    digits(out, Math.abs((long) year), 1);
                    out.writeByte('-');
                    digits(out, Math.abs((long) mon), 1);
                    out.writeByte(' ');
                    out.writeByte(lmday < 0 ? '-' : '+');
                    digits(out, Math.abs(lmday), 1);
                    out.writeByte(' ');
                    out.writeByte(hour < 0 || min < 0 || sec < 0 || fsec < 0 ? '-' : '+');
                    digits(out, Math.abs(hour), 1);
                    out.writeByte(':');
                    digits(out, Math.abs(min), 2);
                    out.writeByte(':');
                    seconds(out, sec, fsec, true);
                } else if (yearMonth) {
                    signed(out, year);
                    out.writeByte('-');
                    signed(out, mon);
                } else if (lmday != 0) {
                    signed(out, lmday);
                    out.writeByte(' ');
                    signed(out, hour);
                    out.writeByte(':');
                    digits(out, Math.abs(min), 2);
                    out.writeByte(':');
                    seconds(out, sec, fsec, true);
                } else {
                    signed(out, hour);
                    out.writeByte(':');
                    digits(out, Math.abs(min), 2);
                    out.writeByte(':');
                    seconds(out, sec, fsec, true);
                }
            }
            case ISO_8601 -> {
                if (year == 0 && mon == 0 && mday == 0 && hour == 0 && min == 0 && sec == 0 && fsec == 0) {
                    ascii(out, "PT0S");
                    return;
                }
                out.writeByte('P');
                isoPart(out, year, 'Y');
                isoPart(out, mon, 'M');
                isoPart(out, mday, 'D');
                if (hour != 0 || min != 0 || sec != 0 || fsec != 0) {
                    out.writeByte('T');
                }
                isoPart(out, hour, 'H');
                isoPart(out, min, 'M');
                if (sec != 0 || fsec != 0) {
                    if (sec < 0 || fsec < 0) {
                        out.writeByte('-');
                    }
                    seconds(out, sec, fsec, false);
                    out.writeByte('S');
                }
            }
        }
    }

    private static void postgresPart(ByteBuf out, long value, String units, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (!state[0]) {
            out.writeByte(' ');
        }
        if (state[1] && value > 0) {
            out.writeByte('+');
        }
        signed(out, value);
        out.writeByte(' ');
        ascii(out, units);
        if (value != 1) {
            out.writeByte('s');
        }
        state[1] = value < 0;
        state[0] = false;
    }

    private static void verbosePart(ByteBuf out, long value, String units, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (state[0]) {
            state[1] = value < 0;
            value = Math.abs(value);
        } else if (state[1]) {
            value = -value;
        }
        out.writeByte(' ');
        signed(out, value);
        out.writeByte(' ');
        ascii(out, units);
        if (value != 1) {
            out.writeByte('s');
        }
        state[0] = false;
    }

    private static void isoPart(ByteBuf out, long value, char unit) {
        if (value == 0) {
            return;
        }
        signed(out, value);
        out.writeByte(unit);
    }
}
