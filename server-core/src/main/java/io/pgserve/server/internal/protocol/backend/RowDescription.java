package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

import java.util.List;

/** RowDescription ('T'): one field description per result column. */
public record RowDescription(List<Field> fields) implements BackendMessage {
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

    public RowDescription {
        fields = List.copyOf(fields);
    }

    @Override
    public void encode(ByteBuf out) {
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
}
