package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.server.internal.protocol.Wire;

import java.util.List;

/**
 * RowDescription ('T'): one field description per result column. Immutable; its bytes are encoded once and copied
 * from then on (a prepared statement sends the same description at every execution).
 */
public final class RowDescription implements BackendMessage {
    /**
     * @param tableOid     the table's OID if the column is a plain table column, else 0
     * @param columnNumber the column's attribute number in that table, else 0
     * @param typeOid      the data type's OID
     * @param typeSize     pg_type.typlen (negative for variable width)
     * @param typeModifier pg_attribute.atttypmod (-1 when none)
     * @param format       0 text, 1 binary
     */
    public record Field(String name, int tableOid, short columnNumber, int typeOid, short typeSize,
                        int typeModifier, short format) {
    }

    private final List<Field> fields;
    /** The whole message, type byte included; computed at the first encode (a race computes it twice, harmlessly). */
    private byte[] encoded;

    public RowDescription(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    @Override
    public void encode(ByteBuf out) {
        byte[] bytes = encoded;
        if (bytes == null) {
            ByteBuf b = Unpooled.buffer(64);
            try {
                encodeFields(b);
                bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
            } finally {
                b.release();
            }
            encoded = bytes;
        }
        out.writeBytes(bytes);
    }

    private void encodeFields(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, 'T');
        out.writeShort(fields.size());
        for (Field f : fields) {
            Wire.writeCString(out, f.name());
            out.writeInt(f.tableOid());
            out.writeShort(f.columnNumber());
            out.writeInt(f.typeOid());
            out.writeShort(f.typeSize());
            out.writeInt(f.typeModifier());
            out.writeShort(f.format());
        }
        BackendMessage.endMessage(out, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowDescription r && r.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "RowDescription[fields=" + fields + "]";
    }
}
