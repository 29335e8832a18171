package io.pgserve.server.internal.auth;

import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * PostgreSQL's MD5 challenge-response (AuthenticationMD5Password), as in src/backend/libpq/crypt.c
 * {@code md5_crypt_verify}.
 *
 * <p>The stored hash is {@code "md5" + hex(md5(password + user))}. The server sends a random 4-byte
 * salt; the client answers {@code "md5" + hex(md5(hex(md5(password + user)) + salt))}, i.e. it hashes
 * the 32 hex digits of the stored hash (without the {@code md5} prefix) followed by the salt bytes.
 * The server can check that from the stored hash or from a plain password, but not from a SCRAM
 * verifier: PostgreSQL then runs SCRAM instead (see {@link AuthMethod#challengeFor}).
 *
 * <pre>{@code
 * byte[] salt = Md5Authenticator.newSalt(random);
 * // send AuthenticationMD5Password(salt), receive PasswordMessage(response) ...
 * if (!Md5Authenticator.verify(credentials, user, salt, response)) {
 *     throw AuthenticationFailure.passwordFailed(user, "Password does not match for user \"" + user + "\".");
 * }
 * }</pre>
 */
public final class Md5Authenticator {
    private Md5Authenticator() {
    }

    /** A fresh random 4-byte salt for AuthenticationMD5Password. */
    public static byte[] newSalt(SecureRandom random) {
        byte[] salt = new byte[4];
        random.nextBytes(salt);
        return salt;
    }

    /** Whether an MD5 exchange can succeed with these credentials (MD5 hash or plain password held). */
    public static boolean canDoMd5(Credentials credentials) {
        return credentials != null && credentials.supports(AuthMethod.MD5);
    }

    /** PostgreSQL's stored MD5 form: {@code "md5" + hex(md5(password + user))}, UTF-8 encoded. */
    public static String md5Hash(String user, String password) {
        return "md5" + md5Hex(password.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
    }

    /** What a client sends for a stored MD5 hash and salt: {@code "md5" + hex(md5(hash[3:] + salt))}. */
    public static String expectedResponse(String storedMd5Hash, byte[] salt) {
        return "md5" + md5Hex(storedMd5Hash.substring(3).getBytes(StandardCharsets.US_ASCII), salt);
    }

    /**
     * Checks a client's response to AuthenticationMD5Password(salt), in constant time.
     *
     * @param credentials the user's credentials, or {@code null} for an unknown user (always false)
     * @param user the user name from the startup packet
     * @param salt the 4 bytes sent to the client
     * @param clientResponse the PasswordMessage content, {@code "md5" + 32 hex digits}
     * @return false also when the credentials hold only a SCRAM verifier ({@link #canDoMd5} is false)
     */
    public static boolean verify(Credentials credentials, String user, byte[] salt, String clientResponse) {
        if (salt.length != 4) {
            throw new IllegalArgumentException("MD5 salt must be 4 bytes");
        }
        if (credentials == null || clientResponse == null) {
            return false;
        }
        String stored;
        if (credentials.md5Hash().isPresent()) {
            stored = credentials.md5Hash().get();
        } else if (credentials.plainPassword().isPresent()) {
            stored = md5Hash(user, credentials.plainPassword().get());
        } else {
            return false;
        }
        // PostgreSQL compares with strcmp; the hex digits it produces are lower case, as are ours.
        return MessageDigest.isEqual(
                expectedResponse(stored, salt).getBytes(StandardCharsets.US_ASCII),
                clientResponse.getBytes(StandardCharsets.UTF_8));
    }

    private static String md5Hex(byte[] a, byte[] b) {
        MessageDigest md5 = ScramFunctions.digest("MD5");
        md5.update(a);
        md5.update(b);
        return HexFormat.of().formatHex(md5.digest());
    }
}
