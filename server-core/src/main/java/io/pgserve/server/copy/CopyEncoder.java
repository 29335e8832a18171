package io.pgserve.server.copy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes rows of Java values as COPY TO STDOUT data, byte for byte as PostgreSQL 15 does (copyto.c): TEXT escaping
 * ({@code \\ \b \f \n \r \t \v} and a backslash before the delimiter), CSV quoting (values with the delimiter, quote,
 * CR or LF, values equal to the NULL string, FORCE_QUOTE columns, a lone {@code \.} in a one-column copy; quote and
 * escape characters escaped), the header line, and BINARY's signature, tuples and trailer. Values go through the
 * columns' codecs ({@code encodeText} / {@code encodeBinary}).
 *
 * <p>PostgreSQL sends one CopyData message per row; the text header line is a message of its own, while the binary
 * header goes in the same message as the first row (or the trailer when there are no rows).
 *
 * <pre>{@code
 * CopyCommand cmd = CopyCommand.parse("COPY users TO STDOUT (FORMAT csv, HEADER)");
 * CopyEncoder enc = new CopyEncoder(cmd.options(), columns, TypeRegistry.builtin(), CodecContext.DEFAULT);
 * ByteBuf out = alloc.buffer();
 * enc.writeHeader(out);                       // "id,name\n"
 * enc.writeRow(List.of(1, "Ann, Jr."), out);  // "1,\"Ann, Jr.\"\n"
 * enc.writeTrailer(out);                      // nothing for CSV; the -1 trailer for BINARY
 * }</pre>
 */
public final class CopyEncoder {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final CopyOptions options;
    private final List<Column> columns;
    private final Codec[] codecs;
    private final boolean[] forceQuote;
    private final CodecContext ctx;
    private final byte delim;
    private final byte quote;
    private final byte escape;
    private final byte[] nullBytes;

    /**
     * @param options the COPY options (a COPY TO's, see {@link CopyCommand#options()})
     * @param columns the columns written, in order (their names make the header line)
     * @param types   where the columns' codecs come from
     * @param ctx     the session's settings (DateStyle, TimeZone, ...)
     * @throws PgException {@code 42P10} when a FORCE_QUOTE column is not among the columns; {@code 42883} for a
     *                     BINARY copy of a type without a binary codec
     */
    public CopyEncoder(CopyOptions options, List<Column> columns, TypeRegistry types, CodecContext ctx) {
        this.options = Objects.requireNonNull(options, "options");
        this.columns = List.copyOf(columns);
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.codecs = new Codec[this.columns.size()];
        this.forceQuote = new boolean[this.columns.size()];
        for (int i = 0; i < codecs.length; i++) {
            Column c = this.columns.get(i);
            Codec codec = types.codec(c.type());
            if (codec == null) {
                throw new PgException(SqlState.UNDEFINED_OBJECT, "no codec for type " + c.type().name());
            }
            if (options.isBinary() && !codec.supportsBinary()) {
                throw new PgException(SqlState.UNDEFINED_FUNCTION,
                        "no binary output function available for type " + c.type().name());
            }
            codecs[i] = codec;
            forceQuote[i] = options.forceQuoteAll();
        }
        for (String name : options.forceQuote()) {
            int i = indexOf(name);
            if (i < 0) {
                throw new PgException("42P10", "FORCE_QUOTE column \"" + name + "\" not referenced by COPY");
            }
            forceQuote[i] = true;
        }
        this.delim = (byte) options.delimiter();
        this.quote = (byte) options.quote();
        this.escape = (byte) options.escape();
        this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
    }

    private int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The options. */
    public CopyOptions options() {
        return options;
    }

    /**
     * Writes what comes before the rows: for BINARY the signature, flags and empty header extension; for TEXT and
     * CSV with HEADER the line of column names; otherwise nothing.
     */
    public void writeHeader(ByteBuf out) {
        if (options.isBinary()) {
            out.writeBytes(SIGNATURE);
            out.writeInt(0);
            out.writeInt(0);
            return;
        }
        if (options.header() == CopyOptions.Header.FALSE) {
            return;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.writeByte(delim);
            }
            byte[] name = columns.get(i).name().getBytes(StandardCharsets.UTF_8);
            if (options.isCsv()) {
                csv(name, 0, name.length, false, out);
            } else {
                text(name, 0, name.length, out);
            }
        }
        out.writeByte('\n');
    }

    /** Writes one row; {@code values} has one value per column, {@code null} for NULL. */
    public void writeRow(List<?> values, ByteBuf out) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + values.size() + " values, expected " + columns.size());
        }
        if (options.isBinary()) {
            out.writeShort(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                Object v = values.get(i);
                if (v == null) {
                    out.writeInt(-1);
                    continue;
                }
                int lengthAt = out.writerIndex();
                out.writeInt(0);
                codecs[i].encodeBinary(v, out, ctx);
                out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
            }
            return;
        }
        ByteBuf tmp = out.alloc() != null ? out.alloc().heapBuffer(64) : ByteBufAllocator.DEFAULT.heapBuffer(64);
        try {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.writeByte(delim);
                }
                Object v = values.get(i);
                if (v == null) {
                    out.writeBytes(nullBytes);
                    continue;
                }
                tmp.clear();
                codecs[i].encodeText(v, tmp, ctx);
                byte[] b;
                int off;
                if (tmp.hasArray()) {
                    b = tmp.array();
                    off = tmp.arrayOffset() + tmp.readerIndex();
                } else {
                    b = new byte[tmp.readableBytes()];
                    tmp.getBytes(tmp.readerIndex(), b);
                    off = 0;
                }
                int n = tmp.readableBytes();
                if (options.isCsv()) {
                    csv(b, off, off + n, forceQuote[i], out);
                } else {
                    text(b, off, off + n, out);
                }
            }
        } finally {
            tmp.release();
        }
        out.writeByte('\n');
    }

    /** Writes one row given as an array. */
    public void writeRow(Object[] values, ByteBuf out) {
        writeRow(java.util.Arrays.asList(values), out);
    }

    /** Writes what comes after the rows: the int16 -1 trailer for BINARY, nothing otherwise. */
    public void writeTrailer(ByteBuf out) {
        if (options.isBinary()) {
            out.writeShort(-1);
        }
    }

    /** CopyAttributeOutText. */
    private void text(byte[] b, int from, int to, ByteBuf out) {
        int start = from;
        for (int p = from; p < to; p++) {
            byte c = b[p];
            if (c >= 0 && c < 0x20) {
                byte e;
                switch (c) {
                    case '\b' -> e = 'b';
                    case '\f' -> e = 'f';
                    case '\n' -> e = 'n';
                    case '\r' -> e = 'r';
                    case '\t' -> e = 't';
                    case 0x0b -> e = 'v';
                    default -> {
                        if (c != delim) {
                            continue;
                        }
                        e = c;
                    }
                }
                out.writeBytes(b, start, p - start);
                out.writeByte('\\');
                out.writeByte(e);
                start = p + 1;
            } else if (c == '\\' || c == delim) {
                out.writeBytes(b, start, p - start);
                out.writeByte('\\');
                start = p;
            }
        }
        out.writeBytes(b, start, to - start);
    }

    /** CopyAttributeOutCSV. */
    private void csv(byte[] b, int from, int to, boolean useQuote, ByteBuf out) {
        int n = to - from;
        if (!useQuote && n == nullBytes.length && java.util.Arrays.equals(b, from, to, nullBytes, 0, n)) {
            useQuote = true;
        }
        if (!useQuote) {
            if (columns.size() == 1 && n == 2 && b[from] == '\\' && b[from + 1] == '.') {
                useQuote = true;
            } else {
                for (int p = from; p < to; p++) {
                    byte c = b[p];
                    if (c == delim || c == quote || c == '\n' || c == '\r') {
                        useQuote = true;
                        break;
                    }
                }
            }
        }
        if (!useQuote) {
            out.writeBytes(b, from, n);
            return;
        }
        out.writeByte(quote);
        int start = from;
        for (int p = from; p < to; p++) {
            byte c = b[p];
            if (c == quote || c == escape) {
                out.writeBytes(b, start, p - start);
                out.writeByte(escape);
                start = p;
            }
        }
        out.writeBytes(b, start, to - start);
        out.writeByte(quote);
    }
}
