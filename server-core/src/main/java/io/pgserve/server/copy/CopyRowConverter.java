package io.pgserve.server.copy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * Turns the fields of a {@link CopyRow} into Java values with the columns' codecs ({@code decodeText} for TEXT and
 * CSV, {@code decodeBinary} for BINARY), as PostgreSQL runs the columns' input or receive functions. A codec's error
 * gets PostgreSQL's COPY context: {@code COPY t, line 3, column a: "x"} (text) or {@code COPY t, line 3, column a}
 * (binary); a binary value the codec does not consume entirely is {@code 22P03 incorrect binary data format}.
 *
 * <pre>{@code
 * CopyRowConverter conv = new CopyRowConverter(CopyOptions.text(), "t",
 *         List.of(Column.of("a", PgType.INT4), Column.of("b", PgType.TEXT)), TypeRegistry.builtin(),
 *         CodecContext.DEFAULT);
 * CopyDecoder.create(CopyOptions.text(), "t", List.of("a", "b"), row -> {
 *     Object[] values = conv.convert(row);   // {1, "x"}
 * });
 * }</pre>
 */
public final class CopyRowConverter {
    private final String relation;
    private final List<Column> columns;
    private final Codec[] codecs;
    private final CodecContext ctx;

    /**
     * @param options      the COPY options (their format decides text or binary decoding)
     * @param relationName the table name for error contexts
     * @param columns      the columns the data holds, in order
     * @param types        where the columns' codecs come from
     * @param ctx          the session's settings
     */
    public CopyRowConverter(CopyOptions options, String relationName, List<Column> columns, TypeRegistry types,
                            CodecContext ctx) {
        Objects.requireNonNull(options, "options");
        this.relation = Objects.requireNonNull(relationName, "relationName");
        this.columns = List.copyOf(columns);
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.codecs = new Codec[this.columns.size()];
        for (int i = 0; i < codecs.length; i++) {
            Codec codec = types.codec(this.columns.get(i).type());
            if (codec == null) {
                throw new PgException(SqlState.UNDEFINED_OBJECT,
                        "no codec for type " + this.columns.get(i).type().name());
            }
            if (options.isBinary() && !codec.supportsBinary()) {
                throw new PgException(SqlState.UNDEFINED_FUNCTION,
                        "no binary input function available for type " + this.columns.get(i).type().name());
            }
            codecs[i] = codec;
        }
    }

    /** The row's values (NULL fields are {@code null}), in column order. */
    public Object[] convert(CopyRow row) {
        Object[] values = new Object[codecs.length];
        for (int i = 0; i < codecs.length; i++) {
            if (row.isNull(i)) {
                continue;
            }
            if (row.isBinary()) {
                values[i] = convertBinary(i, row.binaryFields().get(i), row.lineNumber());
            } else {
                values[i] = convertText(i, row.textFields().get(i), row.lineNumber());
            }
        }
        return values;
    }

    /** Converts the binary field of column {@code i} (null for NULL) of tuple {@code line}. */
    Object convertBinary(int i, byte[] data, long line) {
        if (data == null) {
            return null;
        }
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            Object value = codecs[i].decodeBinary(in, ctx);
            if (in.isReadable()) {
                throw new PgException("22P03", "incorrect binary data format");
            }
            return value;
        } catch (RuntimeException e) {
            throw withContext(e, "COPY " + relation + ", line " + line + ", column " + columns.get(i).name());
        }
    }

    /** Converts the text field of column {@code i} (null for NULL) read on line {@code line}. */
    Object convertText(int i, String text, long line) {
        if (text == null) {
            return null;
        }
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        try {
            return codecs[i].decodeText(Unpooled.wrappedBuffer(data), ctx);
        } catch (RuntimeException e) {
            throw withContext(e, "COPY " + relation + ", line " + line + ", column " + columns.get(i).name()
                    + ": \"" + CopyDecoder.limitPrintout(data, 0, data.length) + "\"");
        }
    }

    private static PgException withContext(RuntimeException e, String context) {
        if (e instanceof PgException pe) {
            String where = pe.where() == null ? context : pe.where() + "\n" + context;
            return pe.toBuilder().where(where).build();
        }
        return PgException.builder(SqlState.INTERNAL_ERROR, String.valueOf(e.getMessage())).cause(e).where(context)
                .build();
    }
}
