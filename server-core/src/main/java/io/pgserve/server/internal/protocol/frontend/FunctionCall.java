package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

/** FunctionCall ('F'): the legacy fast-path interface; answered with 0A000. Only the function OID is kept. */
public record FunctionCall(int functionOid) implements FrontendMessage {
    public static FunctionCall decode(ByteBuf body) {
        Wire.require(body, 4);
        return new FunctionCall(body.readInt());
    }
}
