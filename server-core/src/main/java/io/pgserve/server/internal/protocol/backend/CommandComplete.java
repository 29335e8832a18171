package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

/** CommandComplete ('C') with the command tag, e.g. {@code SELECT 3} or {@code INSERT 0 1}. */
public record CommandComplete(String tag) implements BackendMessage {
    @Override
    public void encode(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, 'C');
        Wire.writeCString(out, tag);
        BackendMessage.endMessage(out, at);
    }
}
