package io.pgserve.examples.files;

import com.fasterxml.jackson.databind.node.TextNode;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
    /** JSON objects and arrays (JSON lines only). */
    JSONB(PgType.JSONB, "jsonb"),
    TEXT(PgType.TEXT, "text");

    /** Where a field's text comes from, which limits the kinds it can be. */
    enum Origin {
        /** A CSV field: any kind but jsonb. */
        CSV,
        /** A JSON string: date, timestamp or text (never a number: "007" stays text). */
        JSON_STRING,
        /** A JSON number or boolean, as JSON writes it: boolean or a numeric kind. */
        JSON_SCALAR,
        /** A JSON object or array, as JSON text: jsonb. */
        JSON_NESTED
    }

    private static final Codec JSONB_CODEC = TypeRegistry.builtin().codec(PgType.JSONB);

    private static final Pattern INTEGRAL = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern FLOATING =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(Infinity|inf)|NaN",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern SCIENTIFIC = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)[eE][+-]?[0-9]+");
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

    /** Whether values of {@code origin} can be of this kind. */
    private boolean admits(Origin origin) {
        return this == TEXT || switch (origin) {
            case CSV -> this != JSONB;
            case JSON_STRING -> this == DATE || this == TIMESTAMP;
            case JSON_SCALAR -> this.ordinal() <= DOUBLE.ordinal();
            case JSON_NESTED -> this == JSONB;
        };
    }

    /** Whether {@code text} (not empty) is a value of this kind. */
    boolean accepts(String text, Origin origin) {
        try {
            parse(text, origin);
            return true;
        } catch (PgException e) {
            return false;
        }
    }

    /** The kind that holds both this kind's values and {@code text}'s: this one or a wider one. */
    ColumnKind widen(String text, Origin origin) {
        ColumnKind kind = this;
        while (kind != TEXT && !kind.accepts(text, origin)) {
            kind = kind.next();
        }
        return kind;
    }

    private ColumnKind next() {
        return switch (this) {
            case BOOLEAN, TIMESTAMP, DOUBLE, JSONB -> TEXT;
            // an integral column that meets a date is neither: text
            case INTEGER -> BIGINT;
            case BIGINT -> NUMERIC;
            case NUMERIC -> DOUBLE;
            case DATE -> TIMESTAMP;
            case TEXT -> TEXT;
        };
    }

    /** The first kind to try for a column whose first non-empty value is {@code text}. */
    static ColumnKind of(String text, Origin origin) {
        for (ColumnKind kind : values()) {
            if (kind.accepts(text, origin)) {
                return kind;
            }
        }
        return TEXT;
    }

    /**
     * The Java value of {@code text} (see the README's "Java values" table); PostgreSQL's 22P02 or 22003 when it is
     * not one of this kind.
     */
    Object parse(String text, Origin origin) {
        if (!admits(origin)) {
            throw invalid(text);
        }
        return convert(text);
    }

    /**
     * The Java value of {@code text} in a column declared of this kind by a sidecar file ({@link ColumnTypes}): any
     * field text that reads as the kind, whatever its origin ("42" in a JSON string is an integer), but a JSON object
     * or array only as jsonb or text; a JSON string declared jsonb is that JSON string. Surrounding spaces, exponents
     * in numerics and PostgreSQL's boolean words are accepted, as PostgreSQL's input functions do.
     */
    Object parseDeclared(String text, Origin origin) {
        if (origin == Origin.JSON_NESTED && this != JSONB && this != TEXT) {
            throw invalid(text);
        }
        if (origin == Origin.JSON_STRING && this == JSONB) {
            return convert(TextNode.valueOf(text).toString());
        }
        if (this == BOOLEAN) {
            return booleanOf(text);
        }
        if (this == TEXT || this == JSONB) {
            return convert(text);
        }
        String trimmed = text.strip(); // as PostgreSQL's input functions, which skip surrounding spaces
        if (this == NUMERIC && SCIENTIFIC.matcher(trimmed).matches()) { // 1e3 is numeric 1000, 1.50e1 is 15.0
            BigDecimal d = new BigDecimal(trimmed);
            return d.scale() < 0 ? d.setScale(0) : d;
        }
        return convert(trimmed);
    }

    /**
     * A boolean as PostgreSQL's boolin reads it (for declared columns; inference takes only true/false/t/f, so that a
     * 0/1 column is an integer): a prefix of true, false, yes or no, on, off, 1 or 0, in any case.
     */
    private Boolean booleanOf(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
            for (String word : new String[] {"true", "yes", "false", "no"}) {
                if (word.startsWith(t)) {
                    return word.equals("true") || word.equals("yes");
                }
            }
            if (t.length() >= 2 && ("on".startsWith(t) || "off".startsWith(t))) {
                return t.equals("on");
            }
            if (t.equals("1") || t.equals("0")) {
                return t.equals("1");
            }
        }
        throw invalid(text);
    }

    private Object convert(String text) {
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
            case JSONB: // jsonb's Java value is its canonical text ({"a": 1}: keys sorted, duplicates dropped)
                ByteBuf bytes = Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
                try {
                    return JSONB_CODEC.decodeText(bytes, CodecContext.DEFAULT);
                } finally {
                    bytes.release();
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
