package io.pgserve.server.auth;

import io.pgserve.server.internal.auth.Md5Authenticator;
import io.pgserve.server.internal.auth.ScramVerifier;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link CredentialStore} holds for one user: a SCRAM-SHA-256 verifier, an MD5 hash, both, or
 * (only if a store insists) a plain password. Immutable and thread-safe.
 *
 * <ul>
 *   <li>SCRAM verifier, PostgreSQL's text form
 *       {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}:
 *       enables {@link AuthMethod#SCRAM_SHA_256} and {@link AuthMethod#PASSWORD}.</li>
 *   <li>MD5 hash, {@code "md5" + hex(md5(password + user))}: enables {@link AuthMethod#MD5} and
 *       {@link AuthMethod#PASSWORD}. It is tied to the user name it was computed with.</li>
 *   <li>Plain password: enables every method, but is only as safe as the memory it sits in.</li>
 * </ul>
 *
 * <pre>{@code
 * Credentials fresh = Credentials.fromPassword("alice", "secret");   // SCRAM + MD5, no password kept
 * Credentials fromDb = Credentials.parse(rs.getString("rolpassword")); // what pg_authid holds
 * Credentials scramOnly = Credentials.scramVerifier(
 *         "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=");
 * }</pre>
 */
public final class Credentials {
    private final String scramSecret; // validated text form, or null
    private final String md5Hash;     // "md5" + 32 lower-case hex digits, or null
    private final String plainPassword;

    private Credentials(String scramSecret, String md5Hash, String plainPassword) {
        this.scramSecret = scramSecret;
        this.md5Hash = md5Hash;
        this.plainPassword = plainPassword;
    }

    /**
     * Derives both a SCRAM-SHA-256 verifier (random 16-byte salt, 4096 iterations) and the MD5 hash
     * from a password, and keeps only those.
     *
     * @throws IllegalArgumentException if the password is empty (PostgreSQL: "empty string is not a
     *     valid password")
     */
    public static Credentials fromPassword(String user, String password) {
        return fromPassword(user, password, ScramVerifier.DEFAULT_ITERATIONS, Holder.RANDOM);
    }

    /** As {@link #fromPassword(String, String)} with a chosen iteration count and salt source. */
    public static Credentials fromPassword(String user, String password, int iterations, SecureRandom random) {
        Objects.requireNonNull(user, "user");
        requireNonEmpty(password);
        ScramVerifier verifier = ScramVerifier.generate(password, ScramVerifier.randomSalt(random), iterations);
        return new Credentials(verifier.toString(), Md5Authenticator.md5Hash(user, password), null);
    }

    /**
     * A SCRAM-SHA-256 verifier in PostgreSQL's text form.
     *
     * @throws IllegalArgumentException if it is malformed
     */
    public static Credentials scramVerifier(String verifier) {
        return new Credentials(ScramVerifier.parse(verifier).toString(), null, null);
    }

    /**
     * An MD5 hash, {@code "md5" + hex(md5(password + user))} (35 characters; hex digits in either case).
     *
     * @throws IllegalArgumentException if it is malformed
     */
    public static Credentials md5(String md5Hash) {
        if (!isMd5Hash(md5Hash)) {
            throw new IllegalArgumentException("not an MD5 password hash (\"md5\" followed by 32 hex digits)");
        }
        return new Credentials(null, "md5" + md5Hash.substring(3).toLowerCase(java.util.Locale.ROOT), null);
    }

    /**
     * Both a SCRAM verifier and an MD5 hash for the same user (either may be {@code null}, not both).
     *
     * @throws IllegalArgumentException if one is malformed or both are null
     */
    public static Credentials of(String scramVerifier, String md5Hash) {
        if (scramVerifier == null && md5Hash == null) {
            throw new IllegalArgumentException("no credentials given");
        }
        String scram = scramVerifier == null ? null : scramVerifier(scramVerifier).scramSecret;
        String md5 = md5Hash == null ? null : md5(md5Hash).md5Hash;
        return new Credentials(scram, md5, null);
    }

    /**
     * A plain password, kept as is. Prefer {@link #fromPassword}; use this only when a store must be
     * able to answer every method (MD5 needs the password or its MD5 hash, SCRAM a verifier).
     * For SCRAM, a verifier is then derived on each attempt, with a per-user salt that is stable for
     * the server's lifetime (see ScramSha256Authenticator).
     */
    public static Credentials plain(String password) {
        requireNonEmpty(password);
        return new Credentials(null, null, password);
    }

    /**
     * Interprets what {@code pg_authid.rolpassword} holds, the way PostgreSQL's get_password_type
     * does: {@code md5} + 32 hex digits is an MD5 hash, a valid {@code SCRAM-SHA-256$...} secret a
     * SCRAM verifier, and anything else a plain password. Unlike PostgreSQL, a string that starts
     * with {@code SCRAM-SHA-256$} but does not parse is rejected rather than taken as a password.
     *
     * @throws IllegalArgumentException if {@code rolpassword} is empty or a malformed SCRAM secret
     */
    public static Credentials parse(String rolpassword) {
        Objects.requireNonNull(rolpassword, "rolpassword");
        if (isMd5Hash(rolpassword)) {
            return md5(rolpassword);
        }
        if (rolpassword.startsWith(ScramVerifier.SCHEME + "$")) {
            return scramVerifier(rolpassword);
        }
        return plain(rolpassword);
    }

    /** Whether these credentials can complete the given method (TRUST and CERT need none). */
    public boolean supports(AuthMethod method) {
        return switch (method) {
            case TRUST, PASSWORD, CERT -> true;
            case MD5 -> md5Hash != null || plainPassword != null;
            case SCRAM_SHA_256 -> scramSecret != null || plainPassword != null;
        };
    }

    /** The SCRAM-SHA-256 verifier in PostgreSQL's text form, if held. */
    public Optional<String> scramSecret() {
        return Optional.ofNullable(scramSecret);
    }

    /** The MD5 hash ({@code md5} + 32 lower-case hex digits), if held. */
    public Optional<String> md5Hash() {
        return Optional.ofNullable(md5Hash);
    }

    /** The plain password, if (and only if) these credentials were created with {@link #plain}. */
    public Optional<String> plainPassword() {
        return Optional.ofNullable(plainPassword);
    }

    /** Never shows secrets; says only which forms are held. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Credentials[");
        if (scramSecret != null) {
            sb.append("scram-sha-256");
        }
        if (md5Hash != null) {
            sb.append(sb.length() > 12 ? ", " : "").append("md5");
        }
        if (plainPassword != null) {
            sb.append(sb.length() > 12 ? ", " : "").append("plain");
        }
        return sb.append(']').toString();
    }

    private static boolean isMd5Hash(String s) {
        if (s == null || s.length() != 35 || !s.startsWith("md5")) {
            return false;
        }
        for (int i = 3; i < 35; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireNonEmpty(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("empty string is not a valid password");
        }
    }

    private static final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
