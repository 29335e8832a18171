package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.internal.protocol.Wire;

import java.util.List;

/** The Authentication* messages ('R'), told apart by their Int32 code. */
public record Authentication(int code, byte[] data, List<String> mechanisms) implements BackendMessage {
    public static final int OK = 0;
    public static final int CLEARTEXT_PASSWORD = 3;
    public static final int MD5_PASSWORD = 5;
    public static final int SASL = 10;
    public static final int SASL_CONTINUE = 11;
    public static final int SASL_FINAL = 12;

    public static final Authentication AUTHENTICATION_OK = new Authentication(OK, new byte[0], List.of());
    public static final Authentication CLEARTEXT = new Authentication(CLEARTEXT_PASSWORD, new byte[0], List.of());

    public static Authentication md5(byte[] salt) {
        return new Authentication(MD5_PASSWORD, salt, List.of());
    }

    public static Authentication sasl(List<String> mechanisms) {
        return new Authentication(SASL, new byte[0], mechanisms);
    }

    public static Authentication saslContinue(byte[] data) {
        return new Authentication(SASL_CONTINUE, data, List.of());
    }

    public static Authentication saslFinal(byte[] data) {
        return new Authentication(SASL_FINAL, data, List.of());
    }

    @Override
    public void encode(ByteBuf out) {
        int at = BackendMessage.beginMessage(out, 'R');
        out.writeInt(code);
        out.writeBytes(data);
        if (code == SASL) {
            for (String m : mechanisms) {
                Wire.writeCString(out, m);
            }
            out.writeByte(0);
        }
        BackendMessage.endMessage(out, at);
    }
}
