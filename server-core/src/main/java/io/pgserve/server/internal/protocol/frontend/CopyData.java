package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * CopyData ('d'): a bulk payload. It holds a retained slice of the frame, so it is reference-counted: whoever
 * consumes it releases it.
 */
public final class CopyData extends DefaultByteBufHolder implements FrontendMessage {
    public CopyData(ByteBuf data) {
        super(data);
    }

    @Override
    public String toString() {
        return "CopyData[" + content().readableBytes() + " bytes]";
    }
}
