package io.pgserve.server.internal.auth;

import io.pgserve.server.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks a cleartext password (AuthenticationCleartextPassword) against stored credentials, as
 * PostgreSQL's {@code plain_crypt_verify} (src/backend/libpq/crypt.c) does for each stored form:
 *
 * <ul>
 *   <li>SCRAM verifier: SASLprep the password, recompute ServerKey with the verifier's salt and
 *       iteration count, compare with the stored ServerKey;</li>
 *   <li>MD5 hash: compute {@code "md5" + hex(md5(password + user))} and compare;</li>
 *   <li>plain password: compare directly.</li>
 * </ul>
 *
 * All comparisons are constant-time. An empty password always fails (PostgreSQL: "empty password
 * returned by client").
 *
 * <pre>{@code
 * if (!PasswordVerifier.verify(credentials, user, passwordFromClient)) {
 *     throw AuthenticationFailure.passwordFailed(user, null);
 * }
 * }</pre>
 */
public final class PasswordVerifier {
    private PasswordVerifier() {
    }

    /**
     * @param credentials the user's credentials, or {@code null} for an unknown user (always false)
     * @param user the user name from the startup packet (needed for the MD5 form)
     * @param password the password the client sent
     */
    public static boolean verify(Credentials credentials, String user, String password) {
        if (password == null) {
            return false;
        }
        return verify(credentials, user, password.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #verify(Credentials, String, String)}, for the raw bytes of a PasswordMessage. */
    public static boolean verify(Credentials credentials, String user, byte[] password) {
        if (credentials == null || password == null || password.length == 0) {
            return false;
        }
        Optional<String> scram = credentials.scramSecret();
        if (scram.isPresent()) {
            return ScramVerifier.parse(scram.get()).matchesPassword(password);
        }
        Optional<String> md5 = credentials.md5Hash();
        if (md5.isPresent()) {
            MessageDigest m = ScramFunctions.digest("MD5");
            m.update(password);
            m.update(user.getBytes(StandardCharsets.UTF_8));
            String computed = "md5" + java.util.HexFormat.of().formatHex(m.digest());
            return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                    md5.get().getBytes(StandardCharsets.US_ASCII));
        }
        Optional<String> plain = credentials.plainPassword();
        if (plain.isPresent()) {
            // Hash both sides first so that the comparison does not leak the stored length.
            return MessageDigest.isEqual(ScramFunctions.sha256(password),
                    ScramFunctions.sha256(plain.get().getBytes(StandardCharsets.UTF_8)));
        }
        return false;
    }
}
