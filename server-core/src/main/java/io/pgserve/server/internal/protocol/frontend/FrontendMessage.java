package io.pgserve.server.internal.protocol.frontend;

/**
 * A message from the client, named as in PostgreSQL's protocol documentation (protocol-message-formats).
 * Decoded by {@link io.pgserve.server.internal.protocol.PgFrameDecoder}.
 */
public sealed interface FrontendMessage permits StartupMessage, SslRequest, GssEncRequest, CancelRequest,
        Query, Parse, Bind, Describe, Execute, Sync, Flush, Close, Terminate, PasswordMessage,
        CopyData, CopyDone, CopyFail, FunctionCall, DecodeFailure {
}
