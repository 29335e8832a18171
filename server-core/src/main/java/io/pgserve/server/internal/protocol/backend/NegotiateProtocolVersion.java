package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

import java.util.List;

/** NegotiateProtocolVersion ('v'): the newest minor version supported and the {@code _pq_.} options not recognised. */
public record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions)
        implements BackendMessage {
    @Override
    public void encode(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, 'v');
        out.writeInt((3 << 16) | newestMinorVersion);
        out.writeInt(unrecognizedOptions.size());
        for (String option : unrecognizedOptions) {
            Wire.writeCString(out, option);
        }
        BackendMessage.endMessage(out, at);
    }
}
