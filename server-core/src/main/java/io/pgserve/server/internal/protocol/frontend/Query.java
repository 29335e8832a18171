package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

/** Query ('Q'): a simple query, possibly several statements. */
public record Query(String sql) implements FrontendMessage {
    public static Query decode(ByteBuf body) {
        return new Query(Wire.readCString(body));
    }
}
