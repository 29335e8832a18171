package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;

/**
 * A message to the client, named as in PostgreSQL's protocol documentation. Each encodes itself, type byte and
 * length included, into the outbound buffer.
 */
public interface BackendMessage {
    void encode(ByteBuf out);

    /** Writes the type byte and a length placeholder; returns the index to pass to {@link #endMessage}. */
    static int beginMessage(ByteBuf out, char type) {
        out.writeByte(type);
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        return lengthIndex;
    }

    /** Patches the length (which counts itself but not the type byte). */
    static void endMessage(ByteBuf out, int lengthIndex) {
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
    }
}
