package io.pgserve.server.internal.protocol.frontend;

/** Sync ('S'): ends an extended-query batch; the server answers ReadyForQuery. */
public record Sync() implements FrontendMessage {
    public static final Sync INSTANCE = new Sync();
}
