package io.pgserve.testing;

/**
 * A verification of the statements a {@link PgTestServer} received failed, or a statement matched no stub in
 * strict mode. An {@link AssertionError}, so test frameworks report it as a failed assertion; its message lists
 * what was expected, what was received and the closest candidates.
 */
public final class VerificationException extends AssertionError {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }
}
