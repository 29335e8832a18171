package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.internal.protocol.Wire;

/**
 * ErrorResponse ('E') or NoticeResponse ('N'): the fields of a {@link PgException}, each as a one-byte field code
 * and a string (S severity, V non-localized severity, C SQLSTATE, M message, D detail, H hint, P position, W where).
 */
public record ErrorOrNotice(boolean error, PgException fields) implements BackendMessage {
    public static ErrorOrNotice error(PgException e) {
        return new ErrorOrNotice(true, e);
    }

    public static ErrorOrNotice notice(PgException e) {
        return new ErrorOrNotice(false, e);
    }

    @Override
    public void encode(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, error ? 'E' : 'N');
        String severity = fields.severity().name();
        field(out, 'S', severity);
        field(out, 'V', severity);
        field(out, 'C', fields.sqlState());
        field(out, 'M', fields.getMessage() == null ? "" : fields.getMessage());
        field(out, 'D', fields.detail());
        field(out, 'H', fields.hint());
        if (fields.position() > 0) {
            field(out, 'P', Integer.toString(fields.position()));
        }
        field(out, 'W', fields.where());
        field(out, 's', fields.schemaName());
        field(out, 't', fields.tableName());
        field(out, 'c', fields.columnName());
        field(out, 'n', fields.constraintName());
        out.writeByte(0);
        BackendMessage.endMessage(out, at);
    }

    private static void field(ByteBuf out, char code, String value) {
        if (value != null) {
            out.writeByte(code);
            Wire.writeCString(out, value);
        }
    }
}
