package io.pgserve.server.copy;

import java.util.List;
import java.util.Objects;

/**
 * The options of a {@code COPY} statement after PostgreSQL 15's defaults and checks (copy.c, ProcessCopyOptions):
 * what {@link CopyCommand#parse} returns, and what {@link CopyDecoder} and {@link CopyEncoder} follow.
 *
 * <pre>{@code
 * CopyOptions text = CopyOptions.text();                                  // tab, \N, no header
 * CopyOptions csv = CopyOptions.csv().withHeader(CopyOptions.Header.TRUE)  // ',', "", quote and escape '"'
 *         .withForceQuote(List.of("name"));
 * }</pre>
 *
 * @param format       TEXT, CSV or BINARY
 * @param delimiter    the field separator, one ASCII character (tab in TEXT, ',' in CSV; unused in BINARY)
 * @param nullString   the NULL representation ({@code \N} in TEXT, empty in CSV; unused in BINARY)
 * @param header       whether there is a header line (and, for COPY FROM, whether its names are checked)
 * @param quote        CSV quote character ('"')
 * @param escape       CSV escape character (the quote by default)
 * @param forceQuoteAll CSV COPY TO: quote every non-NULL value ({@code FORCE_QUOTE *})
 * @param forceQuote   CSV COPY TO: columns whose non-NULL values are always quoted
 * @param forceNotNull CSV COPY FROM: columns whose unquoted NULL string is read as that string, not NULL
 * @param forceNull    CSV COPY FROM: columns whose quoted NULL string is read as NULL
 * @param encoding     the data's encoding, always {@code UTF8} (other encodings are rejected when parsing)
 * @param freeze       FREEZE (accepted and recorded; it has no effect on the format)
 */
public record CopyOptions(Format format, char delimiter, String nullString, Header header, char quote, char escape,
                          boolean forceQuoteAll, List<String> forceQuote, List<String> forceNotNull,
                          List<String> forceNull, String encoding, boolean freeze) {

    /** The data format. */
    public enum Format { TEXT, CSV, BINARY }

    /** HEADER: none, present (skipped on input), or present and matched against the column names (COPY FROM). */
    public enum Header { FALSE, TRUE, MATCH }

    public CopyOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(nullString, "nullString");
        Objects.requireNonNull(header, "header");
        forceQuote = List.copyOf(forceQuote);
        forceNotNull = List.copyOf(forceNotNull);
        forceNull = List.copyOf(forceNull);
        Objects.requireNonNull(encoding, "encoding");
    }

    /** PostgreSQL's defaults for {@code FORMAT text}: tab, {@code \N}. */
    public static CopyOptions text() {
        return new CopyOptions(Format.TEXT, '\t', "\\N", Header.FALSE, '"', '"', false, List.of(), List.of(),
                List.of(), "UTF8", false);
    }

    /** PostgreSQL's defaults for {@code FORMAT csv}: ',', empty NULL string, quote and escape '"'. */
    public static CopyOptions csv() {
        return new CopyOptions(Format.CSV, ',', "", Header.FALSE, '"', '"', false, List.of(), List.of(), List.of(),
                "UTF8", false);
    }

    /** {@code FORMAT binary}. */
    public static CopyOptions binary() {
        return new CopyOptions(Format.BINARY, '\t', "\\N", Header.FALSE, '"', '"', false, List.of(), List.of(),
                List.of(), "UTF8", false);
    }

    public boolean isBinary() {
        return format == Format.BINARY;
    }

    public boolean isCsv() {
        return format == Format.CSV;
    }

    public CopyOptions withHeader(Header h) {
        return new CopyOptions(format, delimiter, nullString, h, quote, escape, forceQuoteAll, forceQuote,
                forceNotNull, forceNull, encoding, freeze);
    }

    public CopyOptions withDelimiter(char d) {
        return new CopyOptions(format, d, nullString, header, quote, escape, forceQuoteAll, forceQuote,
                forceNotNull, forceNull, encoding, freeze);
    }

    public CopyOptions withNullString(String n) {
        return new CopyOptions(format, delimiter, n, header, quote, escape, forceQuoteAll, forceQuote,
                forceNotNull, forceNull, encoding, freeze);
    }

    /** Sets the quote character (and the escape too, when it was the old quote, as PostgreSQL's default is). */
    public CopyOptions withQuote(char q) {
        return new CopyOptions(format, delimiter, nullString, header, q, escape == quote ? q : escape, forceQuoteAll,
                forceQuote, forceNotNull, forceNull, encoding, freeze);
    }

    public CopyOptions withEscape(char e) {
        return new CopyOptions(format, delimiter, nullString, header, quote, e, forceQuoteAll, forceQuote,
                forceNotNull, forceNull, encoding, freeze);
    }

    public CopyOptions withForceQuoteAll() {
        return new CopyOptions(format, delimiter, nullString, header, quote, escape, true, List.of(),
                forceNotNull, forceNull, encoding, freeze);
    }

    public CopyOptions withForceQuote(List<String> columns) {
        return new CopyOptions(format, delimiter, nullString, header, quote, escape, false, columns,
                forceNotNull, forceNull, encoding, freeze);
    }

    public CopyOptions withForceNotNull(List<String> columns) {
        return new CopyOptions(format, delimiter, nullString, header, quote, escape, forceQuoteAll, forceQuote,
                columns, forceNull, encoding, freeze);
    }

    public CopyOptions withForceNull(List<String> columns) {
        return new CopyOptions(format, delimiter, nullString, header, quote, escape, forceQuoteAll, forceQuote,
                forceNotNull, columns, encoding, freeze);
    }
}
