package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;

/**
 * CopyInResponse ('G') or CopyOutResponse ('H'): the overall format (0 text, 1 binary) and each column's, which is
 * the same as the overall one for COPY.
 */
public record CopyResponse(char type, boolean binary, int columns) implements BackendMessage {
    public static CopyResponse in(boolean binary, int columns) {
        return new CopyResponse('G', binary, columns);
    }

    public static CopyResponse out(boolean binary, int columns) {
        return new CopyResponse('H', binary, columns);
    }

    @Override
    public void encode(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, type);
        out.writeByte(binary ? 1 : 0);
        out.writeShort(columns);
        for (int i = 0; i < columns; i++) {
            out.writeShort(binary ? 1 : 0);
        }
        BackendMessage.endMessage(out, at);
    }
}
