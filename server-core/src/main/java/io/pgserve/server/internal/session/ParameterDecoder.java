package io.pgserve.server.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.internal.protocol.Wire;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.nio.charset.StandardCharsets;

/** Bound parameter values to Java objects, with the type registry's codecs and PostgreSQL's errors. */
final class ParameterDecoder {
    private ParameterDecoder() {
    }

    /**
     * Decodes one parameter of a Bind.
     *
     * @param portal the portal's name, for the error context PostgreSQL reports ("unnamed portal parameter $1 = ...")
     * @param number the 1-based parameter number
     */
    static Object decode(byte[] raw, short format, PgType type, TypeRegistry types, CodecContext ctx, String portal,
                         int number) {
        if (raw == null) {
            return null;
        }
        if (format != 0 && format != 1) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + format);
        }
        Codec codec = types.codec(type);
        ByteBuf in = Unpooled.wrappedBuffer(raw);
        try {
            if (format == 0) {
                if (codec == null) {
                    return Wire.decodeUtf8(in, 0, raw.length);
                }
                Object value = codec.decodeText(in, ctx);
                return value;
            }
            if (codec == null || !codec.supportsBinary()) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "no binary input function available for type " + type.name());
            }
            Object value = codec.decodeBinary(in, ctx);
            if (in.isReadable()) {
                throw binaryFormat(number);
            }
            return value;
        } catch (PgException e) {
            if (format == 1 && !e.sqlState().equals(SqlState.FEATURE_NOT_SUPPORTED)) {
                throw binaryFormat(number);
            }
            // PostgreSQL names the parameter in the error's context.
            String shown = new String(raw, StandardCharsets.UTF_8);
            String where = (portal.isEmpty() ? "unnamed portal" : "portal \"" + portal + "\"") + " parameter $" + number
                    + " = '" + shown.replace("'", "''") + "'";
            throw e.toBuilder().where(where).build();
        } catch (RuntimeException e) {
            if (format == 1) {
                throw binaryFormat(number);
            }
            throw e;
        }
    }

    private static PgException binaryFormat(int number) {
        return new PgException("22P03", "incorrect binary data format in bind parameter " + number);
    }
}
