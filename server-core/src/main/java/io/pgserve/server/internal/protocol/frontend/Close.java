package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.ProtocolException;
import io.pgserve.server.internal.protocol.Wire;

/** Close ('C'): {@code kind} 'S' for a prepared statement or 'P' for a portal. */
public record Close(char kind, String name) implements FrontendMessage {
    public static Close decode(ByteBuf body) {
        Wire.require(body, 1);
        char kind = (char) body.readByte();
        if (kind != 'S' && kind != 'P') {
            throw new ProtocolException("invalid CLOSE message subtype " + (int) kind);
        }
        return new Close(kind, Wire.readCString(body));
    }
}
