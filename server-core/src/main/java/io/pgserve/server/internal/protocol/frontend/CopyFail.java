package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

/** CopyFail ('f'): the client aborts COPY FROM STDIN with a message. */
public record CopyFail(String message) implements FrontendMessage {
    public static CopyFail decode(ByteBuf body) {
        return new CopyFail(Wire.readCString(body));
    }
}
