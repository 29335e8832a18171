package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.ProtocolException;
import io.pgserve.server.internal.protocol.Wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bind ('B'): portal, statement, parameter format codes, parameter values (a {@code null} element is SQL NULL;
 * the arrays are copies the session owns), result-column format codes. Format code lists follow the protocol:
 * empty = all text, one = applies to all, else one per parameter/column.
 */
public record Bind(String portal, String statement, List<Short> parameterFormats, List<byte[]> parameterValues,
                   List<Short> resultFormats) implements FrontendMessage {

    public Bind {
        parameterFormats = List.copyOf(parameterFormats);
        parameterValues = Collections.unmodifiableList(new ArrayList<>(parameterValues));
        resultFormats = List.copyOf(resultFormats);
    }

    public static Bind decode(ByteBuf body) {
        String portal = Wire.readCString(body);
        String statement = Wire.readCString(body);
        List<Short> paramFormats = readFormats(body);
        Wire.require(body, 2);
        int n = Wire.readCount(body);
        List<byte[]> values = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            Wire.require(body, 4);
            int len = body.readInt();
            if (len == -1) {
                values.add(null);
            } else if (len < 0) {
                throw new ProtocolException("invalid string in message");
            } else {
                Wire.require(body, len);
                byte[] value = new byte[len];
                body.readBytes(value);
                values.add(value);
            }
        }
        List<Short> resultFormats = readFormats(body);
        return new Bind(portal, statement, paramFormats, values, resultFormats);
    }

    private static List<Short> readFormats(ByteBuf body) {
        Wire.require(body, 2);
        int n = Wire.readCount(body);
        Wire.require(body, 2 * n);
        List<Short> formats = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            formats.add(body.readShort());
        }
        return formats;
    }
}
