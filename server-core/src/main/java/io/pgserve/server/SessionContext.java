package io.pgserve.server;

import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler can see of and do with its session. Safe to use from any thread.
 *
 * <pre>{@code
 * session.sendNotice(PgException.builder("01000", "table is read-only")
 *         .severity(PgException.Severity.WARNING).build());
 * String tz = session.parameter("TimeZone").orElse("UTC");
 * }</pre>
 */
public interface SessionContext {
    /** The process id reported in BackendKeyData; unique among the server's live sessions. */
    int processId();

    /** The authenticated user name. */
    String user();

    /** The database named in the startup packet (the user name when none was given). */
    String database();

    /** Every parameter of the startup packet, as sent. */
    Map<String, String> startupParameters();

    /** The current value of a run-time parameter (case-insensitive name), as SHOW would print it. */
    Optional<String> parameter(String name);

    /**
     * Sets a run-time parameter as {@code SET [LOCAL] name = value} would (what SQL's {@code set_config} does), with
     * the same checks and errors (42704 unknown parameter, 55P02 not settable, 22023 bad value), undone by a
     * rollback and reported to the client in ParameterStatus as SET is. Returns the new value as SHOW prints it.
     * Callable from a handler's call; {@code local} outside a transaction block has no effect, as in PostgreSQL.
     *
     * <pre>{@code
     * session.setParameter("search_path", "app, public", false);
     * }</pre>
     */
    default String setParameter(String name, String value, boolean local) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this session cannot change parameters");
    }

    /**
     * The session's settings for values as text (TimeZone, DateStyle, IntervalStyle, extra_float_digits,
     * bytea_output), the way the server encodes them: for a handler that formats or parses values itself.
     * Callable from any thread; the server's sessions make it again only when one of these settings changes.
     *
     * <pre>{@code
     * session.types().codec(PgType.TIMESTAMPTZ).encodeText(when, buf, session.codecContext()); // in its TimeZone
     * }</pre>
     */
    default io.pgserve.server.types.CodecContext codecContext() {
        return io.pgserve.server.types.CodecContext.of(parameter("TimeZone").orElse(null),
                parameter("DateStyle").orElse(null), parameter("IntervalStyle").orElse(null),
                parameter("extra_float_digits").orElse(null), parameter("bytea_output").orElse(null));
    }

    /** The types the server knows, with their codecs. */
    io.pgserve.server.types.TypeRegistry types();

    /** The transaction status as of now. */
    TransactionStatus transactionStatus();

    /** The client's address (an InetSocketAddress, or a domain socket address). */
    SocketAddress remoteAddress();

    /** Whether the connection is encrypted with TLS. */
    boolean isSecure();

    /**
     * Sends a NoticeResponse (severity WARNING, NOTICE, INFO...) to the client. Sent in order with the statement's
     * results when called during a statement, at once otherwise.
     */
    void sendNotice(PgException notice);

    /**
     * Sends a ParameterStatus (a client-visible run-time parameter changed, e.g. by the data store). Never splits
     * another message; sent in order with the session's own replies.
     */
    void sendParameterStatus(String name, String value);

    /** Sends a NotificationResponse, as if another session had run {@code NOTIFY channel, 'payload'}. */
    void sendNotification(int senderProcessId, String channel, String payload);
}
