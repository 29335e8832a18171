package io.pgserve.server.internal.protocol.frontend;

import io.pgserve.server.internal.protocol.ProtocolException;

/**
 * Not a client message: what the frame decoder emits for malformed input. A framing error ({@code fatal}: bad
 * length, unknown type, bad startup packet) is answered with FATAL and the connection closes, the decoder
 * discarding everything after it. A well-framed message whose body does not decode (a bad string, a truncated
 * Bind) is an ERROR as in PostgreSQL: the session reports it and goes on.
 *
 * @param messageType the type byte of the failed message, or 0 for the startup phase
 */
public record DecodeFailure(ProtocolException cause, boolean fatal, byte messageType) implements FrontendMessage {
}
