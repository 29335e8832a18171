package io.pgserve.server.internal.session;

import io.netty.handler.ssl.SslContext;
import io.pgserve.server.QueryHandlerFactory;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import io.pgserve.server.types.TypeRegistry;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Everything a session needs from the server's configuration, fixed when the server starts.
 *
 * @param sslContext   null when TLS is not configured
 * @param requireTls   refuse clients that do not ask for TLS (as a {@code hostssl} line would)
 * @param defaults     the server-wide parameter defaults (server_version, TimeZone...)
 * @param limits       connection, session and resource limits
 */
public record ServerConfig(QueryHandlerFactory handlerFactory, AuthMethod authMethod, CredentialStore credentials,
                           SslContext sslContext, boolean requireTls, int maxMessageSize, Executor executor,
                           Map<String, String> defaults, TypeRegistry types,
                           Limits limits) {
}
