package io.pgserve.server.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;

import java.util.List;

/** How a {@link RowPump} turns one row into a backend message (DataRow for results; COPY TO writes CopyData). */
interface RowWriter {
    void write(Object[] row, ByteBuf out);

    /** DataRow ('D'): a length-prefixed value per column, each in the format the client asked for. */
    static RowWriter dataRows(List<Column> columns, boolean[] binary, TypeRegistry types, CodecContext ctx) {
        int n = columns.size();
        Codec[] codecs = new Codec[n];
        for (int i = 0; i < n; i++) {
            codecs[i] = types.codec(columns.get(i).type());
        }
        return (row, out) -> {
            if (row.length != n) {
                throw new PgException(SqlState.INTERNAL_ERROR,
                        "handler returned a row of " + row.length + " values for " + n + " columns");
            }
            int start = out.writerIndex();
            out.writeByte('D');
            out.writeInt(0);
            out.writeShort(n);
            for (int i = 0; i < n; i++) {
                Object value = row[i];
                if (value == null) {
                    out.writeInt(-1);
                    continue;
                }
                int lengthAt = out.writerIndex();
                out.writeInt(0);
                Codec codec = codecs[i];
                if (codec == null) {
                    // A type the registry does not know (never offered in binary): its value's text.
                    ByteBufUtil.writeUtf8(out, value.toString());
                } else if (binary[i]) {
                    codec.encodeBinary(value, out, ctx);
                } else {
                    codec.encodeText(value, out, ctx);
                }
                out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
            }
            out.setInt(start + 1, out.writerIndex() - start - 1);
        };
    }
}
