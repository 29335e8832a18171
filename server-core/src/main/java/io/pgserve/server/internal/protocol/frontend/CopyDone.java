package io.pgserve.server.internal.protocol.frontend;

/** CopyDone ('c'): the end of COPY FROM STDIN data. */
public record CopyDone() implements FrontendMessage {
    public static final CopyDone INSTANCE = new CopyDone();
}
