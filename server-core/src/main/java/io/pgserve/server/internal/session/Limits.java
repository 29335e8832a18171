package io.pgserve.server.internal.session;

import java.time.Duration;

/**
 * The resource limits of a server and its sessions (see {@code PgServer.Builder} for each one's meaning and
 * default). A zero duration or a zero count turns the limit off where the builder says so.
 *
 * @param maxConnections         sessions at once; more get FATAL 53300 after their startup packet
 * @param authenticationTimeout  how long a connection may take from accept to AuthenticationOk
 * @param maxParameters          parameters of one prepared statement or Bind
 * @param maxPreparedStatements  prepared statements (protocol and SQL-level) per session
 * @param maxPortals             portals and SQL cursors per session
 * @param maxOutboundBytes       bytes waiting for a client that does not read; beyond it the connection closes
 * @param outboundStallTimeout   how long a client may leave the server unable to write before it is disconnected
 * @param authFailureLimit       failed authentications per client address and window; 0 = no rate limit
 * @param authFailureWindow      the window of {@code authFailureLimit}
 */
public record Limits(int maxConnections, Duration authenticationTimeout, int maxParameters,
                     int maxPreparedStatements, int maxPortals, long maxOutboundBytes,
                     Duration outboundStallTimeout, int authFailureLimit, Duration authFailureWindow) {

    /** PostgreSQL-like defaults. */
    public static Limits defaults() {
        return new Limits(100, Duration.ofSeconds(60), 65_535, 10_000, 10_000, 64L * 1024 * 1024,
                Duration.ofSeconds(60), 0, Duration.ofMinutes(1));
    }
}
