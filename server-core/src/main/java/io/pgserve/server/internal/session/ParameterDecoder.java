package io.pgserve.server.internal.session;

import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.internal.protocol.Wire;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlToken;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Bound parameter values to Java objects: text-format values as Strings, binary values of the fixed-width basic
 * types as their Java types, other binary values as byte[]. The type registry's codecs take this over.
 */
final class ParameterDecoder {
    private ParameterDecoder() {
    }

    static Object decode(byte[] raw, short format, int typeOid) {
        if (raw == null) {
            return null;
        }
        if (format == 0) {
            return Wire.decodeUtf8(Unpooled.wrappedBuffer(raw), 0, raw.length);
        }
        if (format != 1) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + format);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        switch (typeOid) {
            case 16: requireLength(raw, 1); return raw[0] != 0;
            case 21: requireLength(raw, 2); return b.getShort();
            case 23: case 26: requireLength(raw, 4); return b.getInt();
            case 20: requireLength(raw, 8); return b.getLong();
            case 700: requireLength(raw, 4); return b.getFloat();
            case 701: requireLength(raw, 8); return b.getDouble();
            case 2950: requireLength(raw, 16); return new UUID(b.getLong(), b.getLong());
            case 25: case 1043: case 19: case 1042: case 114:
                return Wire.decodeUtf8(Unpooled.wrappedBuffer(raw), 0, raw.length);
            default: return raw;
        }
    }

    private static void requireLength(byte[] raw, int n) {
        if (raw.length != n) {
            throw new PgException("22P03", "incorrect binary data format in bind parameter");
        }
    }

    /** The highest {@code $n} in {@code sql}, 0 when none. */
    static int highestParameter(String sql) {
        int max = 0;
        for (SqlToken t : SqlLexer.tokenize(sql)) {
            if (t.type() == SqlToken.Type.PARAMETER) {
                try {
                    max = Math.max(max, Integer.parseInt(t.text().substring(1)));
                } catch (NumberFormatException e) {
                    throw new PgException(SqlState.SYNTAX_ERROR, "parameter number too large: " + t.text());
                }
            }
        }
        return max;
    }
}
