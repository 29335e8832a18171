package io.pgserve.server.internal.protocol.frontend;

/** GSSENCRequest: the client asks for GSSAPI encryption; pgserve always answers 'N'. */
public record GssEncRequest() implements FrontendMessage {
    public static final GssEncRequest INSTANCE = new GssEncRequest();
    /** The request code 1234.5680 in the version field. */
    public static final int CODE = (1234 << 16) | 5680;
}
