package io.pgserve.server;

/**
 * Creates the {@link QueryHandler} of each session, once its client has authenticated. May throw a
 * {@link PgException} to refuse the session (e.g. {@code 3D000} for an unknown database); the client gets it as
 * FATAL.
 *
 * <pre>{@code
 * PgServer.builder().handler(session -> new MyHandler(session.database()))
 * }</pre>
 */
@FunctionalInterface
public interface QueryHandlerFactory {
    QueryHandler create(SessionContext session) throws Exception;
}
