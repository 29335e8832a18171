package io.pgserve.server.internal.protocol.frontend;

/** Flush ('H'): send whatever is pending without ending the batch. */
public record Flush() implements FrontendMessage {
    public static final Flush INSTANCE = new Flush();
}
