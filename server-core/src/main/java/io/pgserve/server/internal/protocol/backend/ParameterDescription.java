package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;

import java.util.List;

/** ParameterDescription ('t'): the type OID of each parameter of a prepared statement. */
public record ParameterDescription(List<Integer> typeOids) implements BackendMessage {
    public ParameterDescription {
        typeOids = List.copyOf(typeOids);
    }

    @Override
    public void encode(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, 't');
        out.writeShort(typeOids.size());
        for (int oid : typeOids) {
            out.writeInt(oid);
        }
        BackendMessage.endMessage(out, at);
    }
}
