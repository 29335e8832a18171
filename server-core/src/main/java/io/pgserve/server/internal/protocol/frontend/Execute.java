package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

/** Execute ('E'): run a portal, returning at most {@code maxRows} rows (0 = no limit). */
public record Execute(String portal, int maxRows) implements FrontendMessage {
    public static Execute decode(ByteBuf body) {
        String portal = Wire.readCString(body);
        Wire.require(body, 4);
        return new Execute(portal, body.readInt());
    }
}
