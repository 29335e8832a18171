package io.pgserve.server.internal.protocol.frontend;

/** SSLRequest: the client asks for TLS before its startup packet. */
public record SslRequest() implements FrontendMessage {
    public static final SslRequest INSTANCE = new SslRequest();
    /** The request code 1234.5679 in the version field. */
    public static final int CODE = (1234 << 16) | 5679;
}
