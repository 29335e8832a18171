package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

/** NotificationResponse ('A'): a NOTIFY from the given process on a channel. */
public record NotificationResponse(int processId, String channel, String payload) implements BackendMessage {
    @Override
    public void encode(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, 'A');
        out.writeInt(processId);
        Wire.writeCString(out, channel);
        Wire.writeCString(out, payload);
        BackendMessage.endMessage(out, at);
    }
}
