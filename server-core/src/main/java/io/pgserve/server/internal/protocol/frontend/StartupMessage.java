package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.ProtocolException;
import io.pgserve.server.internal.protocol.Wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * StartupMessage: protocol version, then name/value pairs ending with an empty name.
 *
 * @param majorVersion the major protocol version (3)
 * @param minorVersion the requested minor version (0; 2 for PostgreSQL 18 clients)
 * @param parameters   every parameter in the order sent, {@code user} among them
 */
public record StartupMessage(int majorVersion, int minorVersion, Map<String, String> parameters)
        implements FrontendMessage {

    public StartupMessage {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Decodes the body after the version word. */
    public static StartupMessage decode(int version, ByteBuf body) {
        if (body.writerIndex() == 0 || body.getByte(body.writerIndex() - 1) != 0) {
            throw new ProtocolException("invalid startup packet layout: expected terminator as last byte");
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            if (!body.isReadable()) {
                // PostgreSQL: "invalid startup packet layout: expected terminator as last byte"
                throw new ProtocolException("invalid startup packet layout: expected terminator as last byte");
            }
            String name = Wire.readCString(body);
            if (name.isEmpty()) {
                break;
            }
            if (!body.isReadable()) {
                throw new ProtocolException("invalid startup packet layout: expected terminator as last byte");
            }
            params.put(name, Wire.readCString(body));
        }
        if (body.isReadable()) {
            throw new ProtocolException("invalid startup packet layout: expected terminator as last byte");
        }
        return new StartupMessage(version >>> 16, version & 0xffff, params);
    }

    public String user() {
        return parameters.get("user");
    }
}
