package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** CancelRequest: process id and secret key from BackendKeyData, sent on a new connection. */
public record CancelRequest(int processId, byte[] secretKey) implements FrontendMessage {
    /** The request code 1234.5678 in the version field. */
    public static final int CODE = (1234 << 16) | 5678;

    public CancelRequest {
        secretKey = secretKey.clone();
    }

    public static CancelRequest decode(ByteBuf body) {
        int pid = body.readInt();
        byte[] key = new byte[body.readableBytes()];
        body.readBytes(key);
        return new CancelRequest(pid, key);
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CancelRequest c && c.processId == processId && Arrays.equals(c.secretKey, secretKey);
    }

    @Override
    public int hashCode() {
        return 31 * processId + Arrays.hashCode(secretKey);
    }

    @Override
    public String toString() {
        return "CancelRequest[processId=" + processId + "]";
    }
}
