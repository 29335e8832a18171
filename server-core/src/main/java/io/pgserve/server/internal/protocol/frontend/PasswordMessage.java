package io.pgserve.server.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;

/**
 * 'p': PasswordMessage, SASLInitialResponse or SASLResponse — the same type byte, told apart by the
 * authentication exchange in progress, so the body is kept raw and read by the authenticator.
 */
public record PasswordMessage(byte[] body) implements FrontendMessage {
    public PasswordMessage {
        body = body.clone();
    }

    public static PasswordMessage decode(ByteBuf buf) {
        byte[] body = new byte[buf.readableBytes()];
        buf.readBytes(body);
        return new PasswordMessage(body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
