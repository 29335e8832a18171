package io.pgserve.server.internal.session;

import io.pgserve.server.PgException;
import io.pgserve.server.internal.protocol.backend.BackendMessage;

/**
 * One authentication conversation of a session: the first request, then one step per 'p' message from the client
 * (PasswordMessage, SASLInitialResponse, SASLResponse). Steps may block (credential lookups and key stretching run
 * off the network thread).
 */
interface AuthExchange {
    /**
     * Whether {@link #start} may block (a credential lookup); false when it only looks at what the session already
     * has (trust, certificates), and then it runs on the network thread without a thread switch.
     */
    default boolean blocking() {
        return true;
    }

    /** The message that opens the exchange (AuthenticationOk for trust). */
    BackendMessage start() throws Exception;

    /**
     * Processes the client's next message.
     *
     * @return the next message to send and whether the exchange is complete (then AuthenticationOk follows)
     * @throws PgException FATAL-worthy failure (28P01, 28000, 08P01)
     */
    Step step(byte[] body) throws Exception;

    /** What a step produced: a message to send (or null) and whether the client is now authenticated. */
    record Step(BackendMessage reply, boolean authenticated) {
        static Step next(BackendMessage reply) {
            return new Step(reply, false);
        }

        static Step done(BackendMessage finalReply) {
            return new Step(finalReply, true);
        }
    }
}
