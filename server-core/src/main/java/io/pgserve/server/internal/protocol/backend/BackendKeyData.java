package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;

/** BackendKeyData ('K'): the process id and secret key a client needs to send a CancelRequest. */
public record BackendKeyData(int processId, byte[] secretKey) implements BackendMessage {
    @Override
    public void encode(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, 'K');
        out.writeInt(processId);
        out.writeBytes(secretKey);
        BackendMessage.endMessage(out, at);
    }
}
