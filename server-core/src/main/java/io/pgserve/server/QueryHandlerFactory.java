package io.pgserve.server;

/**
 * Creates the {@link QueryHandler} of each session, once its client has authenticated. May throw a
 * {@link PgException} to refuse the session (e.g. {@code 3D000} for an unknown database); the client gets it as
 * FATAL.
 *
 * <pre>{@code
 * PgServer.builder().handler(session -> new MyHandler(session.database()))
 * // a factory that never blocks is called on the network thread, sparing each new connection a thread switch:
 * PgServer.builder().handler(QueryHandlerFactory.nonBlocking(session -> new MyHandler()))
 * }</pre>
 */
@FunctionalInterface
public interface QueryHandlerFactory {
    QueryHandler create(SessionContext session) throws Exception;

    /**
     * Whether {@link #create} may block (open a connection, read files...). By default it may, and runs on a worker
     * thread; a factory that returns false is called on the network thread and must not block.
     */
    default boolean isBlocking() {
        return true;
    }

    /** {@code create} as a factory that does not block (see {@link #isBlocking()}). */
    static QueryHandlerFactory nonBlocking(QueryHandlerFactory create) {
        java.util.Objects.requireNonNull(create, "create");
        return new QueryHandlerFactory() {
            @Override
            public QueryHandler create(SessionContext session) throws Exception {
                return create.create(session);
            }

            @Override
            public boolean isBlocking() {
                return false;
            }
        };
    }
}
