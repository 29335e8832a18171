package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

import java.util.ArrayList;
import java.util.List;

/** Parse ('P'): prepare {@code sql} as statement {@code name} ("" = unnamed), with parameter type OIDs (0 = unspecified). */
public record Parse(String name, String sql, List<Integer> parameterTypes) implements FrontendMessage {
    public Parse {
        parameterTypes = List.copyOf(parameterTypes);
    }

    public static Parse decode(ByteBuf body) {
        String name = Wire.readCString(body);
        String sql = Wire.readCString(body);
        Wire.require(body, 2);
        int n = Wire.readCount(body);
        Wire.require(body, 4 * n);
        List<Integer> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            types.add(body.readInt());
        }
        return new Parse(name, sql, types);
    }
}
