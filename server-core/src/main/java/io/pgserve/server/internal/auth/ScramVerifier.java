package io.pgserve.server.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A SCRAM-SHA-256 verifier ("secret", RFC 5803 style) as PostgreSQL stores it in
 * {@code pg_authid.rolpassword}:
 *
 * <pre>SCRAM-SHA-256$&lt;iterations&gt;:&lt;base64 salt&gt;$&lt;base64 StoredKey&gt;:&lt;base64 ServerKey&gt;</pre>
 *
 * <p>It lets a server check a SCRAM proof (via StoredKey) and prove itself (via ServerKey) without
 * knowing the password. Example:
 *
 * <pre>{@code
 * ScramVerifier v = ScramVerifier.generate("secret", ScramVerifier.randomSalt(new SecureRandom()), 4096);
 * String stored = v.toString();               // "SCRAM-SHA-256$4096:...$...:..."
 * ScramVerifier again = ScramVerifier.parse(stored);
 * boolean ok = again.matchesPassword("secret".getBytes(StandardCharsets.UTF_8));
 * }</pre>
 *
 * <p>The arrays are defensively copied in and out; {@link #equals} compares contents.
 *
 * @param iterations the PBKDF2 iteration count, positive
 * @param salt the salt, non-empty
 * @param storedKey {@code H(ClientKey)}, 32 bytes
 * @param serverKey {@code HMAC(SaltedPassword, "Server Key")}, 32 bytes
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    /** The scheme prefix of the text form. */
    public static final String SCHEME = "SCRAM-SHA-256";
    /** PostgreSQL's default iteration count ({@code SCRAM_SHA_256_DEFAULT_ITERATIONS}). */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** PostgreSQL's salt length ({@code SCRAM_DEFAULT_SALT_LEN}). */
    public static final int DEFAULT_SALT_LENGTH = 16;

    /** Validates and copies the components. */
    public ScramVerifier {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        Objects.requireNonNull(salt, "salt");
        if (salt.length == 0) {
            throw new IllegalArgumentException("empty salt");
        }
        if (storedKey.length != ScramFunctions.KEY_LENGTH || serverKey.length != ScramFunctions.KEY_LENGTH) {
            throw new IllegalArgumentException("StoredKey and ServerKey must be 32 bytes");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** A fresh random salt of PostgreSQL's length (16 bytes). */
    public static byte[] randomSalt(java.security.SecureRandom random) {
        byte[] salt = new byte[DEFAULT_SALT_LENGTH];
        random.nextBytes(salt);
        return salt;
    }

    /** Derives a verifier from a password (UTF-8 encoded, then SASLprep'd as PostgreSQL does). */
    public static ScramVerifier generate(String password, byte[] salt, int iterations) {
        return generate(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
    }

    /** Derives a verifier from a password given as raw bytes (SASLprep'd if it is valid UTF-8). */
    public static ScramVerifier generate(byte[] password, byte[] salt, int iterations) {
        byte[] salted = ScramFunctions.saltedPassword(password, salt, iterations);
        try {
            byte[] storedKey = ScramFunctions.sha256(ScramFunctions.clientKey(salted));
            return new ScramVerifier(iterations, salt, storedKey, ScramFunctions.serverKey(salted));
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    /**
     * Parses PostgreSQL's text form.
     *
     * @throws IllegalArgumentException if {@code text} is not a well-formed SCRAM-SHA-256 secret
     */
    public static ScramVerifier parse(String text) {
        ScramVerifier v = tryParse(text);
        if (v == null) {
            throw new IllegalArgumentException("not a valid SCRAM-SHA-256 secret");
        }
        return v;
    }

    /**
     * Parses PostgreSQL's text form, or returns {@code null} (like parse_scram_secret returning false).
     * Stricter than PostgreSQL's strtok-based parser in one way: empty fields are rejected instead of
     * being skipped over.
     */
    public static ScramVerifier tryParse(String text) {
        if (text == null || !text.startsWith(SCHEME + "$")) {
            return null;
        }
        String rest = text.substring(SCHEME.length() + 1);
        int dollar = rest.indexOf('$');
        if (dollar < 0) {
            return null;
        }
        String[] iterSalt = rest.substring(0, dollar).split(":", -1);
        String[] keys = rest.substring(dollar + 1).split(":", -1);
        if (iterSalt.length != 2 || keys.length != 2) {
            return null;
        }
        try {
            if (!iterSalt[0].chars().allMatch(c -> c >= '0' && c <= '9') || iterSalt[0].isEmpty()) {
                return null;
            }
            int iterations = Integer.parseInt(iterSalt[0]);
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(iterSalt[1]);
            byte[] storedKey = b64.decode(keys[0]);
            byte[] serverKey = b64.decode(keys[1]);
            return new ScramVerifier(iterations, salt, storedKey, serverKey);
        } catch (IllegalArgumentException e) { // NumberFormatException too
            return null;
        }
    }

    /**
     * Checks a cleartext password against this verifier, as PostgreSQL's
     * {@code scram_verify_plain_password} does: recompute ServerKey with this salt and iteration
     * count and compare (in constant time).
     */
    public boolean matchesPassword(byte[] rawPassword) {
        byte[] salted = ScramFunctions.saltedPassword(rawPassword, salt, iterations);
        try {
            return MessageDigest.isEqual(ScramFunctions.serverKey(salted), serverKey);
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** The salt in base64, as sent in the server-first-message ({@code s=}). */
    public String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramVerifier v
                && iterations == v.iterations
                && Arrays.equals(salt, v.salt)
                && Arrays.equals(storedKey, v.storedKey)
                && Arrays.equals(serverKey, v.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(iterations, Arrays.hashCode(salt), Arrays.hashCode(storedKey), Arrays.hashCode(serverKey));
    }

    /** PostgreSQL's text form, {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}. */
    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + ":" + b64.encodeToString(salt)
                + "$" + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
    }
}
