package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * 'p': PasswordMessage, SASLInitialResponse or SASLResponse — the same type byte, told apart by the
 * authentication exchange in progress, so the body is kept raw and read by the authenticator.
 */
public record PasswordMessage(byte[] body) implements FrontendMessage {
    public PasswordMessage {
        body = body.clone();
    }

    public static PasswordMessage decode(ByteBuf buf) {
        return new PasswordMessage(ByteBufUtil.getBytes(buf));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
