package io.pgserve.server.internal.protocol.frontend;

/** Terminate ('X'): the client is closing the connection. */
public record Terminate() implements FrontendMessage {
    public static final Terminate INSTANCE = new Terminate();
}
