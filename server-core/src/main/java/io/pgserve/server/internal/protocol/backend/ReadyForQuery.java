package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.TransactionStatus;

/** ReadyForQuery ('Z') with the transaction status indicator (I, T or E). */
public record ReadyForQuery(TransactionStatus status) implements BackendMessage {
    @Override
    public void encode(ByteBuf out) {
        out.writeByte('Z');
        out.writeInt(5);
        out.writeByte(status.indicator());
    }
}
