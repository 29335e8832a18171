package io.pgserve.server.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Why an authentication exchange failed, in the shape of the ErrorResponse the server sends:
 * a SQLSTATE, PostgreSQL's message text and optionally a detail for the client, plus an optional
 * {@linkplain #logDetail() log detail} that belongs in the server log only (PostgreSQL never tells an
 * unauthenticated client <em>why</em> its password was rejected).
 *
 * <pre>{@code
 * try {
 *     byte[] serverFinal = scram.handleClientFinal(payload);
 *     // send AuthenticationSASLFinal(serverFinal), then AuthenticationOk
 * } catch (AuthenticationFailure f) {
 *     log.info("authentication failed: {} {}", f.getMessage(), f.logDetail().orElse(""));
 *     // send ErrorResponse(S=FATAL, C=f.sqlState(), M=f.getMessage(), D=f.detail()) and close
 * }
 * }</pre>
 */
public final class AuthenticationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code invalid_password}: wrong password, unknown user, no usable credentials. */
    public static final String INVALID_PASSWORD = "28P01";
    /** {@code invalid_authorization_specification}: e.g. channel-binding failures. */
    public static final String INVALID_AUTHORIZATION_SPECIFICATION = "28000";
    /** {@code protocol_violation}: malformed SASL/SCRAM messages. */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** {@code feature_not_supported}: e.g. SCRAM authzid or mandatory extensions. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";

    private final String sqlState;
    private final String detail;
    private final String logDetail;

    /**
     * @param sqlState the five-character SQLSTATE
     * @param message the primary message (PostgreSQL's wording)
     * @param detail a detail for the client, or {@code null}
     * @param logDetail a detail for the server log only, or {@code null}
     */
    public AuthenticationFailure(String sqlState, String message, String detail, String logDetail) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
        this.detail = detail;
        this.logDetail = logDetail;
    }

    /**
     * The failure PostgreSQL reports for every password-based method, whether the password was wrong,
     * the role does not exist or it has no usable password: SQLSTATE 28P01,
     * {@code password authentication failed for user "<user>"}.
     *
     * @param user the user name from the startup packet
     * @param logDetail the real reason, for the server log only; may be {@code null}
     */
    public static AuthenticationFailure passwordFailed(String user, String logDetail) {
        return new AuthenticationFailure(INVALID_PASSWORD,
                "password authentication failed for user \"" + user + "\"", null, logDetail);
    }

    /** A protocol violation (SQLSTATE 08P01) with an optional client-visible detail. */
    public static AuthenticationFailure protocolViolation(String message, String detail) {
        return new AuthenticationFailure(PROTOCOL_VIOLATION, message, detail, null);
    }

    /** The five-character SQLSTATE for the ErrorResponse's {@code C} field. */
    public String sqlState() {
        return sqlState;
    }

    /** The detail for the ErrorResponse's {@code D} field, if any. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** The reason to write to the server log; never to be sent to the client. */
    public Optional<String> logDetail() {
        return Optional.ofNullable(logDetail);
    }

    @Override
    public String toString() {
        return "AuthenticationFailure[" + sqlState + "] " + getMessage() + (detail == null ? "" : " (" + detail + ")");
    }
}
