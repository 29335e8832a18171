package io.pgserve.server.auth;

import io.pgserve.server.internal.auth.ScramVerifier;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server finds a user's {@link Credentials}. Implementations may block (a database or
 * directory lookup): the server calls {@link #lookup} off the event loop. They must be thread-safe.
 *
 * <pre>{@code
 * // Fixed users; only SCRAM verifiers and MD5 hashes are kept in memory:
 * CredentialStore store = CredentialStore.builder()
 *         .user("alice", "secret")
 *         .user("bob", "hunter2")
 *         .build();
 *
 * // Or backed by anything:
 * CredentialStore fromDb = user -> dao.findRolPassword(user).map(Credentials::parse);
 * }</pre>
 */
@FunctionalInterface
public interface CredentialStore {
    /**
     * The credentials of {@code user}, or empty if there is no such user (or it has no password).
     * The server then still runs the exchange and fails it exactly like a wrong password.
     */
    Optional<Credentials> lookup(String user);

    /**
     * An immutable store of the given users and passwords; each password is replaced right away by
     * a SCRAM-SHA-256 verifier (random salt, 4096 iterations) and an MD5 hash.
     */
    static CredentialStore of(Map<String, String> userToPassword) {
        Builder b = builder();
        userToPassword.forEach(b::user);
        return b.build();
    }

    /** A builder for a fixed, in-memory store. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an immutable in-memory {@link CredentialStore}. Passwords are turned into credentials
     * when {@link #user(String, String)} is called, with the iteration count set at that point.
     * Not thread-safe.
     */
    final class Builder {
        private final Map<String, Credentials> users = new LinkedHashMap<>();
        private int iterations = ScramVerifier.DEFAULT_ITERATIONS;
        private SecureRandom random;

        private Builder() {
        }

        /** The SCRAM iteration count for users added after this call (default 4096). */
        public Builder iterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be positive: " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        /** The source of salts (default: a new {@link SecureRandom}). */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Adds (or replaces) a user with a password; only its verifier and MD5 hash are kept. */
        public Builder user(String user, String password) {
            if (random == null) {
                random = new SecureRandom();
            }
            users.put(Objects.requireNonNull(user, "user"), Credentials.fromPassword(user, password, iterations, random));
            return this;
        }

        /** Adds (or replaces) a user with ready-made credentials (e.g. {@link Credentials#parse}). */
        public Builder user(String user, Credentials credentials) {
            users.put(Objects.requireNonNull(user, "user"), Objects.requireNonNull(credentials, "credentials"));
            return this;
        }

        /** The store; later changes to this builder do not affect it. */
        public CredentialStore build() {
            Map<String, Credentials> copy = Map.copyOf(users);
            return user -> Optional.ofNullable(user == null ? null : copy.get(user));
        }
    }
}
