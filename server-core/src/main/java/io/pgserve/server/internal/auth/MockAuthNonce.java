package io.pgserve.server.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A per-server secret from which SCRAM salts are derived when there is no real one to send:
 * PostgreSQL's "mock authentication nonce" (pg_control's {@code mock_authentication_nonce}, used by
 * {@code scram_mock_salt} in auth-scram.c).
 *
 * <p>For an unknown user, PostgreSQL still answers client-first with a plausible salt, so that the
 * client cannot tell the user does not exist. The salt must be the same on every attempt for the same
 * name (a real user's salt does not change either), hence
 * {@code salt = SHA-256(user name || nonce)} truncated to 16 bytes. Create one instance per server and
 * keep it for the server's lifetime.
 *
 * <pre>{@code
 * MockAuthNonce nonce = MockAuthNonce.random(new SecureRandom());
 * byte[] fakeSalt = nonce.saltFor("mallory"); // stable for this server
 * }</pre>
 */
public final class MockAuthNonce {
    /** PostgreSQL's {@code MOCK_AUTH_NONCE_LEN}. */
    public static final int LENGTH = 32;

    private final byte[] nonce;
    private final int iterations;

    private MockAuthNonce(byte[] nonce, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        this.nonce = nonce;
        this.iterations = iterations;
    }

    /** A fresh random secret. */
    public static MockAuthNonce random(SecureRandom random) {
        byte[] n = new byte[LENGTH];
        random.nextBytes(n);
        return new MockAuthNonce(n, ScramVerifier.DEFAULT_ITERATIONS);
    }

    /** A given secret, e.g. persisted so that fake salts survive restarts (at least 16 bytes). */
    public static MockAuthNonce of(byte[] nonce) {
        if (nonce.length < 16) {
            throw new IllegalArgumentException("mock authentication nonce too short");
        }
        return new MockAuthNonce(nonce.clone(), ScramVerifier.DEFAULT_ITERATIONS);
    }

    /**
     * The same secret with another iteration count to advertise in mock exchanges (default 4096, as
     * PostgreSQL). Set it to what the real verifiers use, so that it does not give unknown users away.
     */
    public MockAuthNonce withIterations(int iterations) {
        return new MockAuthNonce(nonce, iterations);
    }

    /** The iteration count advertised in mock exchanges. */
    public int iterations() {
        return iterations;
    }

    /** The deterministic fake salt for {@code user}: first 16 bytes of SHA-256(user || nonce). */
    public byte[] saltFor(String user) {
        byte[] digest = ScramFunctions.sha256(user.getBytes(StandardCharsets.UTF_8), nonce);
        return Arrays.copyOf(digest, ScramVerifier.DEFAULT_SALT_LENGTH);
    }

    @Override
    public String toString() {
        return "MockAuthNonce[***]";
    }
}
