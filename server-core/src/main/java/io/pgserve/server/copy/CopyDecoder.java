package io.pgserve.server.copy;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An incremental parser of COPY FROM STDIN data with PostgreSQL 15's exact rules (copyfromparse.c): feed it the
 * CopyData payloads in order, split anywhere, then call {@link #finish()} at CopyDone; it hands each row to the
 * handler as soon as the row is complete. It keeps only the current line (or binary tuple), so memory stays bounded
 * however large the input.
 *
 * <ul>
 * <li>TEXT: backslash escapes ({@code \b \f \n \r \t \v \\ \N \123 \x7F}, any other character literal), the NULL
 * string matched before de-escaping, LF, CR or CRLF line endings (the first line's style is kept), the end marker
 * {@code \.} (anything after it is ignored), UTF-8 validation.
 * <li>CSV: quote and escape characters, quoted fields spanning lines, NULL only for an unquoted NULL string,
 * FORCE_NOT_NULL and FORCE_NULL, {@code \.} alone on a line ends the data.
 * <li>BINARY: the {@code PGCOPY\n\377\r\n\0} signature, flags and header extension, int16 field counts, int32 lengths
 * with -1 for NULL, the -1 trailer.
 * <li>HEADER skips the first line; HEADER MATCH checks its names against the columns.
 * </ul>
 *
 * Errors are {@link PgException}s with PostgreSQL's SQLSTATE, message and context (the {@code where} field), e.g.
 * {@code 22P04 missing data for column "b"} with {@code COPY t, line 2: "1"}. After an error the decoder is unusable.
 *
 * <pre>{@code
 * CopyCommand cmd = CopyCommand.parse("COPY users (id, name) FROM STDIN (FORMAT csv)");
 * List<Column> cols = List.of(Column.of("id", PgType.INT4), Column.of("name", PgType.TEXT));
 * CopyDecoder decoder = CopyDecoder.typed(cmd.options(), cmd.table(), cols, TypeRegistry.builtin(),
 *         CodecContext.DEFAULT, values -> store.insert(values));   // values: [Integer 1, "Ann"]
 * decoder.feed(copyDataPayload);  // for every CopyData message
 * decoder.finish();               // at CopyDone; decoder.rowCount() for the "COPY n" tag
 * }</pre>
 */
public final class CopyDecoder {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int MAX_COPY_DATA_DISPLAY = 100;

    private enum Eol { UNKNOWN, NL, CR, CRLF }

    private enum Bin { SIGNATURE, FLAGS, EXTENSION_LENGTH, EXTENSION, TUPLE, FIELD_LENGTH, FIELD_DATA, TRAILER }

    private static final int NEED_MORE = 0;
    private static final int LINE = 1;
    private static final int EOF_LINE = 2;

    private final CopyOptions options;
    private final String relation;
    private final List<String> columns;
    private final Consumer<CopyRow> handler;
    private final boolean csv;
    private final byte delim;
    private final byte quote;
    private final byte escape;
    /** The escape as the line reader sees it: none when it is the quote (then the quote just toggles). */
    private final byte lineEscape;
    private final byte[] nullBytes;
    private final CopyRowConverter converter;
    private final boolean[] forceNotNull;
    private final boolean[] forceNull;

    private byte[] buf = new byte[8192];
    private int len;
    private boolean eof;
    private boolean done;
    private boolean failed;
    private long lineNumber;
    private long rowCount;

    // text/CSV line scanning
    private Eol eol = Eol.UNKNOWN;
    private boolean lineStarted;
    private boolean headerPending;
    private int scan;
    private int contentEnd;
    private boolean inQuote;
    private boolean lastWasEsc;
    private boolean firstCharInLine;
    private boolean endMarker;
    private int validUpTo;
    private int invalidAt = -1;
    private String invalidBytes;

    // binary
    private Bin bin = Bin.SIGNATURE;
    private int extensionLeft;
    private int fieldCount;
    private int fieldLength;
    private List<byte[]> fields;
    private Object[] binaryValues;

    /**
     * A decoder of raw rows.
     *
     * @param options      the COPY options (a COPY FROM's, see {@link CopyCommand#options()})
     * @param relationName the table name for error contexts ({@code COPY <relationName>, line 3})
     * @param columnNames  the names of the columns the data holds, in order (the COPY column list, or every column)
     * @param handler      receives each row
     * @throws PgException {@code 42P10} when a FORCE_NOT_NULL / FORCE_NULL column is not among the columns
     */
    public static CopyDecoder create(CopyOptions options, String relationName, List<String> columnNames,
                                     Consumer<CopyRow> handler) {
        return new CopyDecoder(options, relationName, columnNames, handler, null);
    }

    /**
     * A decoder that converts each row with the columns' codecs ({@link CopyRowConverter}) and hands the handler the
     * row's Java values (an unmodifiable list; NULL is {@code null}).
     */
    public static CopyDecoder typed(CopyOptions options, String relationName, List<Column> columns,
                                    TypeRegistry types, CodecContext ctx, Consumer<List<Object>> handler) {
        CopyRowConverter converter = new CopyRowConverter(options, relationName, columns, types, ctx);
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.name());
        }
        return new CopyDecoder(options, relationName, names,
                row -> handler.accept(Collections.unmodifiableList(Arrays.asList(row.values))), converter);
    }

    private CopyDecoder(CopyOptions options, String relationName, List<String> columnNames,
                        Consumer<CopyRow> handler, CopyRowConverter converter) {
        this.options = Objects.requireNonNull(options, "options");
        this.relation = Objects.requireNonNull(relationName, "relationName");
        this.columns = List.copyOf(columnNames);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.csv = options.isCsv();
        this.delim = (byte) options.delimiter();
        this.quote = (byte) options.quote();
        this.escape = (byte) options.escape();
        this.lineEscape = options.quote() == options.escape() ? 0 : escape;
        this.converter = converter;
        this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
        this.forceNotNull = flags(options.forceNotNull(), "FORCE_NOT_NULL");
        this.forceNull = flags(options.forceNull(), "FORCE_NULL");
        this.headerPending = options.header() != CopyOptions.Header.FALSE && !options.isBinary();
    }

    private boolean[] flags(List<String> names, String option) {
        boolean[] f = new boolean[columns.size()];
        for (String name : names) {
            int i = columns.indexOf(name);
            if (i < 0) {
                throw new PgException("42P10", option + " column \"" + name + "\" not referenced by COPY");
            }
            f[i] = true;
        }
        return f;
    }

    /** The current line (or binary tuple) number, as PostgreSQL counts it. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The number of rows handed to the handler so far (the n of the {@code COPY n} command tag). */
    public long rowCount() {
        return rowCount;
    }

    /** The bytes held for an incomplete line or tuple (what bounded memory means here). */
    int bufferedBytes() {
        return len;
    }

    /** Whether the end of the data was seen: the {@code \.} marker or the binary trailer (later data is ignored). */
    public boolean endSeen() {
        return endMarker || bin == Bin.TRAILER;
    }

    /** Feeds the readable bytes of one CopyData payload (they are read; the buffer is not released). */
    public void feed(ByteBuf chunk) {
        int n = chunk.readableBytes();
        ensure(n);
        chunk.readBytes(buf, len, n);
        feedAppended(n);
    }

    /** Feeds bytes of the data. */
    public void feed(byte[] data, int offset, int length) {
        ensure(length);
        System.arraycopy(data, offset, buf, len, length);
        feedAppended(length);
    }

    /** Feeds bytes of the data. */
    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    private void ensure(int n) {
        if (failed) {
            throw new IllegalStateException("the decoder failed");
        }
        if (eof) {
            throw new IllegalStateException("finish() was called");
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private void feedAppended(int n) {
        if (done && !options.isBinary()) {
            return; // after \. PostgreSQL ignores the rest of the data
        }
        len += n;
        run();
    }

    /** Signals the end of the data (CopyDone): processes the last line, checks that the data is complete. */
    public void finish() {
        if (failed) {
            throw new IllegalStateException("the decoder failed");
        }
        if (eof) {
            return;
        }
        eof = true;
        run();
    }

    private void run() {
        try {
            if (options.isBinary()) {
                binary();
            } else {
                validate();
                text();
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    // ---------------------------------------------------------------- text and CSV

    /** Verifies the new bytes as UTF-8, as PostgreSQL verifies input before parsing it. */
    private void validate() {
        int p = validUpTo;
        while (invalidAt < 0 && p < len) {
            int c = buf[p] & 0xff;
            if (c >= 1 && c < 0x80) {
                p++;
                continue;
            }
            int need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
            boolean ok = need > 0;
            int k = 1;
            for (; ok && k < need; k++) {
                if (p + k >= len) {
                    break;
                }
                int b = buf[p + k] & 0xff;
                int lo = 0x80;
                int hi = 0xbf;
                if (k == 1) {
                    if (c == 0xe0) {
                        lo = 0xa0;
                    } else if (c == 0xed) {
                        hi = 0x9f;
                    } else if (c == 0xf0) {
                        lo = 0x90;
                    } else if (c == 0xf4) {
                        hi = 0x8f;
                    }
                }
                ok = b >= lo && b <= hi;
            }
            if (ok && k < need) {
                // incomplete sequence: wait for more bytes, unless this is the end
                if (!eof) {
                    break;
                }
                ok = false;
            }
            if (ok) {
                p += need;
                continue;
            }
            int mblen = (c & 0x80) == 0 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3
                    : (c & 0xf8) == 0xf0 ? 4 : 1;
            if (p + mblen > len && !eof) {
                break; // PostgreSQL shows the whole (mblen) sequence; wait for it
            }
            invalidAt = p;
            invalidBytes = hexBytes(buf, p, Math.min(mblen, len - p));
        }
        validUpTo = invalidAt >= 0 ? invalidAt : p;
    }

    private static String hexBytes(byte[] b, int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < Math.min(n, 8); j++) {
            if (j > 0) {
                sb.append(' ');
            }
            sb.append(String.format("0x%02x", b[from + j] & 0xff));
        }
        return sb.toString();
    }

    private void text() {
        while (!done) {
            if (!lineStarted) {
                lineStarted = true;
                lineNumber++;
                scan = 0;
                inQuote = false;
                lastWasEsc = false;
                firstCharInLine = true;
            }
            int result = readLine();
            if (result == NEED_MORE) {
                return;
            }
            boolean atEof = result == EOF_LINE;
            if (headerPending) {
                headerPending = false;
                if (options.header() == CopyOptions.Header.MATCH) {
                    checkHeader(splitLine());
                }
            } else if (atEof && contentEnd == 0) {
                done = true;
                return;
            } else {
                emit(splitLine());
            }
            if (atEof) {
                done = true;
                return;
            }
            int consumed = scan;
            System.arraycopy(buf, consumed, buf, 0, len - consumed);
            len -= consumed;
            validUpTo -= consumed;
            if (invalidAt >= 0) {
                invalidAt -= consumed;
            }
            lineStarted = false;
        }
    }

    private boolean hitEof(int pos) {
        return pos >= validUpTo && eof && invalidAt < 0;
    }

    private int stall() {
        if (invalidAt >= 0) {
            throw error("22021", "invalid byte sequence for encoding \"UTF8\": " + invalidBytes, null, lineContext());
        }
        return NEED_MORE;
    }

    /** CopyReadLineText: finds the end of the current line; sets {@link #contentEnd} and {@link #scan}. */
    private int readLine() {
        while (true) {
            if (scan >= validUpTo) {
                if (!hitEof(scan)) {
                    return stall();
                }
                contentEnd = scan;
                return EOF_LINE;
            }
            int start = scan;
            boolean savedInQuote = inQuote;
            boolean savedLastWasEsc = lastWasEsc;
            long savedLine = lineNumber;
            byte c = buf[scan];
            if (csv && (c == '\\' || c == '\r') && scan + 1 >= validUpTo && !hitEof(scan + 1)) {
                return stall();
            }
            scan++;
            if (csv) {
                if (inQuote && c == lineEscape) {
                    lastWasEsc = !lastWasEsc;
                }
                if (c == quote && !lastWasEsc) {
                    inQuote = !inQuote;
                }
                if (c != lineEscape) {
                    lastWasEsc = false;
                }
                if (inQuote && c == (eol == Eol.NL ? '\n' : '\r')) {
                    lineNumber++;
                }
            }
            if (c == '\r' && (!csv || !inQuote)) {
                if (eol == Eol.UNKNOWN || eol == Eol.CRLF) {
                    if (scan >= validUpTo && !hitEof(scan)) {
                        scan = start;
                        return stall();
                    }
                    if (scan < validUpTo && buf[scan] == '\n') {
                        scan++;
                        eol = Eol.CRLF;
                        contentEnd = scan - 2;
                        return LINE;
                    }
                    if (eol == Eol.CRLF) {
                        throw carriageReturn();
                    }
                    eol = Eol.CR;
                } else if (eol == Eol.NL) {
                    throw carriageReturn();
                }
                contentEnd = scan - 1;
                return LINE;
            }
            if (c == '\n' && (!csv || !inQuote)) {
                if (eol == Eol.CR || eol == Eol.CRLF) {
                    throw error("22P04", csv ? "unquoted newline found in data" : "literal newline found in data",
                            csv ? "Use quoted CSV field to represent newline." : "Use \"\\n\" to represent newline.",
                            lineContext());
                }
                eol = Eol.NL;
                contentEnd = scan - 1;
                return LINE;
            }
            if (c == '\\' && (!csv || firstCharInLine)) {
                if (scan >= validUpTo) {
                    if (!hitEof(scan)) {
                        restore(start, savedInQuote, savedLastWasEsc, savedLine);
                        return stall();
                    }
                    contentEnd = scan; // a backslash just before the end is data
                    return EOF_LINE;
                }
                byte c2 = buf[scan];
                if (c2 == '.') {
                    scan++;
                    boolean notEnd = false;
                    if (eol == Eol.CRLF) {
                        if (scan >= validUpTo && !hitEof(scan)) {
                            restore(start, savedInQuote, savedLastWasEsc, savedLine);
                            return stall();
                        }
                        c2 = scan < validUpTo ? buf[scan] : 0;
                        scan++;
                        if (c2 == '\n') {
                            if (!csv) {
                                throw markerStyle();
                            }
                            notEnd = true;
                        } else if (c2 != '\r') {
                            if (!csv) {
                                throw markerCorrupt();
                            }
                            notEnd = true;
                        }
                    }
                    if (!notEnd) {
                        if (scan >= validUpTo && !hitEof(scan)) {
                            restore(start, savedInQuote, savedLastWasEsc, savedLine);
                            return stall();
                        }
                        c2 = scan < validUpTo ? buf[scan] : 0;
                        scan++;
                        if (c2 != '\r' && c2 != '\n') {
                            if (!csv) {
                                throw markerCorrupt();
                            }
                            notEnd = true;
                        } else if ((eol == Eol.NL && c2 != '\n') || (eol == Eol.CRLF && c2 != '\n')
                                || (eol == Eol.CR && c2 != '\r')) {
                            throw markerStyle();
                        }
                    }
                    if (!notEnd) {
                        contentEnd = start;
                        endMarker = true;
                        return EOF_LINE;
                    }
                    scan = start + 1;
                } else if (!csv) {
                    scan++;
                }
            }
            firstCharInLine = false;
        }
    }

    private void restore(int start, boolean savedInQuote, boolean savedLastWasEsc, long savedLine) {
        scan = start;
        inQuote = savedInQuote;
        lastWasEsc = savedLastWasEsc;
        lineNumber = savedLine;
    }

    private PgException carriageReturn() {
        return error("22P04", csv ? "unquoted carriage return found in data" : "literal carriage return found in data",
                csv ? "Use quoted CSV field to represent carriage return."
                        : "Use \"\\r\" to represent carriage return.", lineContext());
    }

    private PgException markerStyle() {
        return error("22P04", "end-of-copy marker does not match previous newline style", null, lineContext());
    }

    private PgException markerCorrupt() {
        return error("22P04", "end-of-copy marker corrupt", null, lineContext());
    }

    private String lineContext() {
        return "COPY " + relation + ", line " + lineNumber;
    }

    private String lineContextWithData() {
        return lineContext() + ": \"" + limitPrintout(buf, 0, contentEnd) + "\"";
    }

    /** PostgreSQL's limit_printout_length: at most 100 bytes (whole characters), then "...". */
    static String limitPrintout(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= MAX_COPY_DATA_DISPLAY) {
            return new String(b, from, n, StandardCharsets.UTF_8);
        }
        int clip = MAX_COPY_DATA_DISPLAY;
        while (clip > 0 && (b[from + clip] & 0xc0) == 0x80) {
            clip--;
        }
        return new String(b, from, clip, StandardCharsets.UTF_8) + "...";
    }

    private static PgException error(String state, String message, String hint, String where) {
        PgException.Builder b = PgException.builder(state, message);
        if (hint != null) {
            b.hint(hint);
        }
        if (where != null) {
            b.where(where);
        }
        return b.build();
    }

    /** CopyReadAttributesText / CopyReadAttributesCSV on the line's content. */
    private List<String> splitLine() {
        List<String> out = new ArrayList<>(Math.max(columns.size(), 1));
        if (columns.isEmpty()) {
            if (contentEnd != 0) {
                throw error("22P04", "extra data after last expected column", null, lineContextWithData());
            }
            return out;
        }
        byte[] field = new byte[contentEnd];
        int p = 0;
        while (true) {
            int fieldStart = p;
            int n = 0;
            boolean foundDelim = false;
            boolean sawNonAscii = false;
            boolean sawQuote = false;
            int endPtr;
            if (!csv) {
                while (true) {
                    endPtr = p;
                    if (p >= contentEnd) {
                        break;
                    }
                    byte c = buf[p++];
                    if (c == delim) {
                        foundDelim = true;
                        break;
                    }
                    if (c == '\\') {
                        if (p >= contentEnd) {
                            break;
                        }
                        c = buf[p++];
                        switch (c) {
                            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                                int val = c - '0';
                                if (p < contentEnd && buf[p] >= '0' && buf[p] <= '7') {
                                    val = (val << 3) + (buf[p++] - '0');
                                    if (p < contentEnd && buf[p] >= '0' && buf[p] <= '7') {
                                        val = (val << 3) + (buf[p++] - '0');
                                    }
                                }
                                c = (byte) val;
                                if (c == 0 || c < 0) {
                                    sawNonAscii = true;
                                }
                            }
                            case 'x' -> {
                                if (p < contentEnd && hex(buf[p]) >= 0) {
                                    int val = hex(buf[p++]);
                                    if (p < contentEnd && hex(buf[p]) >= 0) {
                                        val = (val << 4) + hex(buf[p++]);
                                    }
                                    c = (byte) val;
                                    if (c == 0 || c < 0) {
                                        sawNonAscii = true;
                                    }
                                }
                            }
                            case 'b' -> c = '\b';
                            case 'f' -> c = '\f';
                            case 'n' -> c = '\n';
                            case 'r' -> c = '\r';
                            case 't' -> c = '\t';
                            case 'v' -> c = 0x0b;
                            default -> {
                            }
                        }
                    }
                    field[n++] = c;
                }
            } else {
                outer:
                while (true) {
                    while (true) {
                        endPtr = p;
                        if (p >= contentEnd) {
                            break outer;
                        }
                        byte c = buf[p++];
                        if (c == delim) {
                            foundDelim = true;
                            break outer;
                        }
                        if (c == quote) {
                            sawQuote = true;
                            break;
                        }
                        field[n++] = c;
                    }
                    while (true) {
                        endPtr = p;
                        if (p >= contentEnd) {
                            throw error("22P04", "unterminated CSV quoted field", null, lineContextWithData());
                        }
                        byte c = buf[p++];
                        if (c == escape && p < contentEnd) {
                            byte next = buf[p];
                            if (next == escape || next == quote) {
                                field[n++] = next;
                                p++;
                                continue;
                            }
                        }
                        if (c == quote) {
                            break;
                        }
                        field[n++] = c;
                    }
                }
            }
            int rawLen = endPtr - fieldStart;
            if (!sawQuote && rawLen == nullBytes.length
                    && Arrays.equals(buf, fieldStart, endPtr, nullBytes, 0, nullBytes.length)) {
                out.add(null);
            } else {
                if (sawNonAscii) {
                    verifyField(field, n);
                }
                out.add(new String(field, 0, n, StandardCharsets.UTF_8));
            }
            if (!foundDelim) {
                return out;
            }
        }
    }

    private void verifyField(byte[] b, int n) {
        int p = 0;
        while (p < n) {
            int c = b[p] & 0xff;
            if (c >= 1 && c < 0x80) {
                p++;
                continue;
            }
            int need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
            boolean ok = need > 0 && p + need <= n;
            for (int k = 1; ok && k < need; k++) {
                int x = b[p + k] & 0xff;
                int lo = 0x80;
                int hi = 0xbf;
                if (k == 1) {
                    lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
                    hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
                }
                ok = x >= lo && x <= hi;
            }
            if (!ok) {
                int mblen = (c & 0x80) == 0 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3
                        : (c & 0xf8) == 0xf0 ? 4 : 1;
                throw error("22021", "invalid byte sequence for encoding \"UTF8\": "
                        + hexBytes(b, p, Math.min(mblen, n - p)), null, lineContextWithData());
            }
            p += need;
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void checkHeader(List<String> names) {
        if (names.size() != columns.size()) {
            throw error("22P04", "wrong number of fields in header line: got " + names.size() + ", expected "
                    + columns.size(), null, lineContextWithData());
        }
        for (int i = 0; i < names.size(); i++) {
            String got = names.get(i);
            if (got == null) {
                throw error("22P04", "column name mismatch in header line field " + (i + 1) + ": got null value (\""
                        + options.nullString() + "\"), expected \"" + columns.get(i) + "\"", null,
                        lineContextWithData());
            }
            if (!got.equals(columns.get(i))) {
                throw error("22P04", "column name mismatch in header line field " + (i + 1) + ": got \"" + got
                        + "\", expected \"" + columns.get(i) + "\"", null, lineContextWithData());
            }
        }
    }

    private void emit(List<String> values) {
        int attrCount = columns.size();
        if (attrCount > 0 && values.size() > attrCount) {
            throw error("22P04", "extra data after last expected column", null, lineContextWithData());
        }
        Object[] converted = converter == null ? null : new Object[attrCount];
        for (int i = 0; i < attrCount; i++) {
            // As NextCopyFrom: each column is checked and converted before the next one is looked at.
            if (i >= values.size()) {
                throw error("22P04", "missing data for column \"" + columns.get(i) + "\"", null,
                        lineContextWithData());
            }
            if (csv) {
                String v = values.get(i);
                if (v == null && forceNotNull[i]) {
                    values.set(i, options.nullString());
                } else if (v != null && forceNull[i] && v.equals(options.nullString())) {
                    values.set(i, null);
                }
            }
            if (converter != null) {
                converted[i] = converter.convertText(i, values.get(i), lineNumber);
            }
        }
        rowCount++;
        CopyRow row = new CopyRow(lineNumber, values, null);
        row.values = converted;
        handler.accept(row);
    }

    // ---------------------------------------------------------------- binary

    private void binary() {
        int p = 0;
        try {
            while (true) {
                int avail = len - p;
                switch (bin) {
                    case SIGNATURE -> {
                        for (int k = 0; k < Math.min(avail, SIGNATURE.length); k++) {
                            if (buf[p + k] != SIGNATURE[k]) {
                                throw error("22P04", "COPY file signature not recognized", null, null);
                            }
                        }
                        if (avail < SIGNATURE.length) {
                            if (eof) {
                                throw error("22P04", "COPY file signature not recognized", null, null);
                            }
                            return;
                        }
                        p += SIGNATURE.length;
                        bin = Bin.FLAGS;
                    }
                    case FLAGS -> {
                        if (avail < 4) {
                            if (eof) {
                                throw error("22P04", "invalid COPY file header (missing flags)", null, null);
                            }
                            return;
                        }
                        int flags = getInt(p);
                        p += 4;
                        if ((flags & (1 << 16)) != 0) {
                            throw error("22P04", "invalid COPY file header (WITH OIDS)", null, null);
                        }
                        if (((flags & ~(1 << 16)) >> 16) != 0) {
                            throw error("22P04", "unrecognized critical flags in COPY file header", null, null);
                        }
                        bin = Bin.EXTENSION_LENGTH;
                    }
                    case EXTENSION_LENGTH -> {
                        if (avail < 4) {
                            if (eof) {
                                throw error("22P04", "invalid COPY file header (missing length)", null, null);
                            }
                            return;
                        }
                        extensionLeft = getInt(p);
                        p += 4;
                        if (extensionLeft < 0) {
                            throw error("22P04", "invalid COPY file header (missing length)", null, null);
                        }
                        bin = Bin.EXTENSION;
                    }
                    case EXTENSION -> {
                        int skip = Math.min(avail, extensionLeft);
                        p += skip;
                        extensionLeft -= skip;
                        if (extensionLeft > 0) {
                            if (eof) {
                                throw error("22P04", "invalid COPY file header (wrong length)", null, null);
                            }
                            return;
                        }
                        bin = Bin.TUPLE;
                        lineStarted = false;
                    }
                    case TUPLE -> {
                        if (!lineStarted) {
                            lineStarted = true;
                            lineNumber++;
                        }
                        if (avail < 2) {
                            if (eof) {
                                done = true; // end of data without the trailer, as PostgreSQL allows
                            }
                            return;
                        }
                        int count = (short) (((buf[p] & 0xff) << 8) | (buf[p + 1] & 0xff));
                        p += 2;
                        if (count == -1) {
                            bin = Bin.TRAILER;
                            break;
                        }
                        if (count != columns.size()) {
                            throw error("22P04", "row field count is " + count + ", expected " + columns.size(),
                                    null, lineContext());
                        }
                        fieldCount = count;
                        fields = new ArrayList<>(count);
                        binaryValues = converter == null ? null : new Object[count];
                        bin = count == 0 ? Bin.TUPLE : Bin.FIELD_LENGTH;
                        if (count == 0) {
                            emitBinary();
                        }
                    }
                    case FIELD_LENGTH -> {
                        if (avail < 4) {
                            if (eof) {
                                throw unexpectedEof();
                            }
                            return;
                        }
                        fieldLength = getInt(p);
                        p += 4;
                        if (fieldLength == -1) {
                            if (converter != null) {
                                binaryValues[fields.size()] = converter.convertBinary(fields.size(), null, lineNumber);
                            }
                            fields.add(null);
                            nextField();
                        } else if (fieldLength < 0) {
                            throw error("22P04", "invalid field size", null, columnContext());
                        } else {
                            bin = Bin.FIELD_DATA;
                        }
                    }
                    case FIELD_DATA -> {
                        if (avail < fieldLength) {
                            if (eof) {
                                throw unexpectedEof();
                            }
                            return;
                        }
                        byte[] data = Arrays.copyOfRange(buf, p, p + fieldLength);
                        if (converter != null) {
                            binaryValues[fields.size()] = converter.convertBinary(fields.size(), data, lineNumber);
                        }
                        fields.add(data);
                        p += fieldLength;
                        nextField();
                    }
                    case TRAILER -> {
                        if (avail > 0) {
                            throw error("22P04", "received copy data after EOF marker", null, lineContext());
                        }
                        if (eof) {
                            done = true;
                        }
                        return;
                    }
                    default -> throw new IllegalStateException();
                }
            }
        } finally {
            if (p > 0 && !failed) {
                System.arraycopy(buf, p, buf, 0, len - p);
                len -= p;
            }
        }
    }

    private void nextField() {
        if (fields.size() == fieldCount) {
            emitBinary();
        } else {
            bin = Bin.FIELD_LENGTH;
        }
    }

    private void emitBinary() {
        List<byte[]> row = fields;
        fields = null;
        bin = Bin.TUPLE;
        lineStarted = false;
        rowCount++;
        CopyRow r = new CopyRow(lineNumber, null, row);
        r.values = binaryValues;
        binaryValues = null;
        handler.accept(r);
    }

    private PgException unexpectedEof() {
        return error("22P04", "unexpected EOF in COPY data", null, columnContext());
    }

    private String columnContext() {
        return lineContext() + ", column " + columns.get(fields.size());
    }

    private int getInt(int p) {
        return ((buf[p] & 0xff) << 24) | ((buf[p + 1] & 0xff) << 16) | ((buf[p + 2] & 0xff) << 8)
                | (buf[p + 3] & 0xff);
    }
}
