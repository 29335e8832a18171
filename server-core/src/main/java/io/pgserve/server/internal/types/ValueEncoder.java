package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.UUID;

/**
 * Encodes Java values as PostgreSQL's text format (and binary for the fixed-width basics). The complete type
 * system, with every type's text and binary codecs checked against PostgreSQL, replaces this in the type registry.
 */
public final class ValueEncoder {
    private ValueEncoder() {
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .toFormatter();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).toFormatter();

    /** Whether {@link #encodeBinary} supports this type. */
    public static boolean supportsBinary(PgType type) {
        switch (type.oid()) {
            case 16: case 17: case 20: case 21: case 23: case 25: case 26: case 700: case 701: case 1043: case 19:
            case 2950:
                return true;
            default:
                return false;
        }
    }

    /** The output part of the DateStyle parameter: "ISO, MDY", "SQL, DMY", "Postgres, MDY", "German, DMY". */
    public enum DateStyle {
        ISO, SQL_MDY, SQL_DMY, POSTGRES_MDY, POSTGRES_DMY, GERMAN;

        /** From the parameter's normalised value; ISO when unknown. */
        public static DateStyle parse(String value) {
            if (value == null) {
                return ISO;
            }
            boolean dmy = value.endsWith("DMY");
            if (value.startsWith("SQL")) {
                return dmy ? SQL_DMY : SQL_MDY;
            }
            if (value.startsWith("Postgres")) {
                return dmy ? POSTGRES_DMY : POSTGRES_MDY;
            }
            return value.startsWith("German") ? GERMAN : ISO;
        }
    }

    /** Writes the text form of {@code value} (not null) as the column's bytes, dates in ISO style. */
    public static void encodeText(Object value, PgType type, ByteBuf out) {
        encodeText(value, type, out, DateStyle.ISO);
    }

    /** Writes the text form of {@code value} (not null) as the column's bytes. */
    public static void encodeText(Object value, PgType type, ByteBuf out, DateStyle style) {
        if (value instanceof String s) {
            ByteBufUtil.writeUtf8(out, s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.writeCharSequence(value.toString(), StandardCharsets.US_ASCII);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? 't' : 'f');
        } else if (value instanceof Double d) {
            out.writeCharSequence(formatFloat(d), StandardCharsets.US_ASCII);
        } else if (value instanceof Float f) {
            out.writeCharSequence(formatFloat(f), StandardCharsets.US_ASCII);
        } else if (value instanceof BigDecimal d) {
            out.writeCharSequence(d.toPlainString(), StandardCharsets.US_ASCII);
        } else if (value instanceof byte[] bytes) {
            out.writeByte('\\').writeByte('x');
            for (byte b : bytes) {
                out.writeByte(HEX[(b >> 4) & 0xf]).writeByte(HEX[b & 0xf]);
            }
        } else if (value instanceof LocalDate d) {
            out.writeCharSequence(formatDate(d, style), StandardCharsets.US_ASCII);
        } else if (value instanceof LocalTime t) {
            out.writeCharSequence(TIME.format(t), StandardCharsets.US_ASCII);
        } else if (value instanceof LocalDateTime t) {
            out.writeCharSequence(TIMESTAMP.format(t), StandardCharsets.US_ASCII);
        } else if (value instanceof OffsetDateTime t) {
            out.writeCharSequence(TIMESTAMP.format(t) + offset(t.getOffset()), StandardCharsets.US_ASCII);
        } else if (value instanceof Instant i) {
            out.writeCharSequence(TIMESTAMP.format(i.atOffset(ZoneOffset.UTC)) + "+00", StandardCharsets.US_ASCII);
        } else if (value instanceof UUID u) {
            out.writeCharSequence(u.toString(), StandardCharsets.US_ASCII);
        } else {
            ByteBufUtil.writeUtf8(out, value.toString());
        }
    }

    /** Writes the binary form of {@code value} for a type that {@link #supportsBinary} says is supported. */
    public static void encodeBinary(Object value, PgType type, ByteBuf out) {
        switch (type.oid()) {
            case 16: out.writeByte(Boolean.TRUE.equals(value) ? 1 : 0); break;
            case 21: out.writeShort(((Number) value).shortValue()); break;
            case 23: case 26: out.writeInt(((Number) value).intValue()); break;
            case 20: out.writeLong(((Number) value).longValue()); break;
            case 700: out.writeFloat(((Number) value).floatValue()); break;
            case 701: out.writeDouble(((Number) value).doubleValue()); break;
            case 17: out.writeBytes((byte[]) value); break;
            case 2950: {
                UUID u = (UUID) value;
                out.writeLong(u.getMostSignificantBits()).writeLong(u.getLeastSignificantBits());
                break;
            }
            default: ByteBufUtil.writeUtf8(out, value.toString());
        }
    }

    /** A date as PostgreSQL's date_out prints it in each DateStyle; years before 1 get " BC". */
    static String formatDate(LocalDate d, DateStyle style) {
        int year = d.getYear();
        boolean bc = year <= 0;
        String y = String.format("%04d", bc ? 1 - year : year);
        String m = String.format("%02d", d.getMonthValue());
        String day = String.format("%02d", d.getDayOfMonth());
        String text;
        switch (style) {
            case SQL_MDY: text = m + "/" + day + "/" + y; break;
            case SQL_DMY: text = day + "/" + m + "/" + y; break;
            case POSTGRES_MDY: text = m + "-" + day + "-" + y; break;
            case POSTGRES_DMY: text = day + "-" + m + "-" + y; break;
            case GERMAN: text = day + "." + m + "." + y; break;
            default: text = y + "-" + m + "-" + day;
        }
        return bc ? text + " BC" : text;
    }

    private static String offset(ZoneOffset offset) {
        int secs = offset.getTotalSeconds();
        String sign = secs < 0 ? "-" : "+";
        secs = Math.abs(secs);
        String s = sign + String.format("%02d", secs / 3600);
        if (secs % 3600 != 0) {
            s += String.format(":%02d", (secs % 3600) / 60);
            if (secs % 60 != 0) {
                s += String.format(":%02d", secs % 60);
            }
        }
        return s;
    }

    /** float8 output as PostgreSQL 12+ prints it (shortest round-trip digits). */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 15) {
            String digits = bd.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (d < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
            return sb.toString();
        }
        return bd.toPlainString();
    }

    static String formatFloat(float f) {
        return formatFloat(Double.parseDouble(Float.toString(f)));
    }
}
