package io.pgserve.examples.files;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The column types the files example infers, narrowest first: a column gets the first kind every non-empty sampled
 * value parses as. An empty field is SQL NULL.
 */
enum ColumnKind {
    BOOLEAN(PgType.BOOL, "boolean"),
    INTEGER(PgType.INT4, "integer"),
    BIGINT(PgType.INT8, "bigint"),
    NUMERIC(PgType.NUMERIC, "numeric"),
    DOUBLE(PgType.FLOAT8, "double precision"),
    DATE(PgType.DATE, "date"),
    TIMESTAMP(PgType.TIMESTAMP, "timestamp without time zone"),
    TEXT(PgType.TEXT, "text");

    private static final Pattern INTEGRAL = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern FLOATING =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(Infinity|inf)|NaN",
                    Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart() // a date alone is midnight, as in PostgreSQL (so a date column can widen to timestamp)
            .appendPattern("['T'][' ']HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    final PgType type;
    /** The type's name in PostgreSQL's error messages. */
    final String sqlName;

    ColumnKind(PgType type, String sqlName) {
        this.type = type;
        this.sqlName = sqlName;
    }

    /** Whether {@code text} (not empty) is a value of this kind. */
    boolean accepts(String text) {
        try {
            parse(text);
            return true;
        } catch (PgException e) {
            return false;
        }
    }

    /** The kind that holds both this kind's values and {@code text}'s: this one or a wider one. */
    ColumnKind widen(String text) {
        ColumnKind kind = this;
        while (kind != TEXT && !kind.accepts(text)) {
            kind = kind.next();
        }
        return kind;
    }

    private ColumnKind next() {
        return switch (this) {
            case BOOLEAN, TIMESTAMP, DOUBLE -> TEXT;
            // an integral column that meets a date is neither: text
            case INTEGER -> BIGINT;
            case BIGINT -> NUMERIC;
            case NUMERIC -> DOUBLE;
            case DATE -> TIMESTAMP;
            case TEXT -> TEXT;
        };
    }

    /** The first kind to try for a column whose first non-empty value is {@code text}. */
    static ColumnKind of(String text) {
        for (ColumnKind kind : values()) {
            if (kind.accepts(text)) {
                return kind;
            }
        }
        return TEXT;
    }

    /**
     * The Java value of {@code text} (see the README's "Java values" table); PostgreSQL's 22P02 or 22003 when it is
     * not one of this kind.
     */
    Object parse(String text) {
        switch (this) {
            case BOOLEAN:
                switch (text.trim().toLowerCase(Locale.ROOT)) {
                    case "true": case "t": return Boolean.TRUE;
                    case "false": case "f": return Boolean.FALSE;
                    default: throw invalid(text);
                }
            case INTEGER:
                if (!INTEGRAL.matcher(text).matches()) {
                    throw invalid(text);
                }
                try {
                    return Integer.valueOf(text);
                } catch (NumberFormatException e) {
                    throw outOfRange(text);
                }
            case BIGINT:
                if (!INTEGRAL.matcher(text).matches()) {
                    throw invalid(text);
                }
                try {
                    return Long.valueOf(text);
                } catch (NumberFormatException e) {
                    throw outOfRange(text);
                }
            case NUMERIC:
                if (!DECIMAL.matcher(text).matches()) {
                    throw invalid(text);
                }
                return new BigDecimal(text);
            case DOUBLE:
                if (!FLOATING.matcher(text).matches()) {
                    throw invalid(text);
                }
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.endsWith("inf")) {
                    return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                double d = Double.parseDouble(text);
                if (Double.isInfinite(d) && !lower.contains("infinity")) {
                    throw outOfRange(text);
                }
                return d;
            case DATE:
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw invalid(text);
                }
            case TIMESTAMP:
                try {
                    return LocalDateTime.parse(text, TIMESTAMP_FORMAT);
                } catch (DateTimeParseException e) {
                    throw invalid(text);
                }
            default:
                return text;
        }
    }

    private PgException invalid(String text) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + sqlName + ": \"" + text + "\"");
    }

    private PgException outOfRange(String text) {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + text + "\" is out of range for type " + sqlName);
    }
}
