package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

/** ParameterStatus ('S'): the current value of a reported run-time parameter. */
public record ParameterStatus(String name, String value) implements BackendMessage {
    @Override
    public void encode(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, 'S');
        Wire.writeCString(out, name);
        Wire.writeCString(out, value);
        BackendMessage.endMessage(out, at);
    }
}
