package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.ProtocolException;
import io.pgserve.server.internal.protocol.Wire;

/** Describe ('D'): {@code kind} 'S' for a prepared statement or 'P' for a portal. */
public record Describe(char kind, String name) implements FrontendMessage {
    public static Describe decode(ByteBuf body) {
        Wire.require(body, 1);
        char kind = (char) body.readByte();
        if (kind != 'S' && kind != 'P') {
            throw new ProtocolException("invalid DESCRIBE message subtype " + (int) kind);
        }
        return new Describe(kind, Wire.readCString(body));
    }
}
