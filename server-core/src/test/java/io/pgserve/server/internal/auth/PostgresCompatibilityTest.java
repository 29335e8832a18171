package io.pgserve.server.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifiers and MD5 hashes made by a real PostgreSQL 15.18 ({@code CREATE ROLE ... PASSWORD ...},
 * then {@code SELECT rolpassword FROM pg_authid}). Which passwords log in was checked against that
 * server with psql (libpq) and pg_hba {@code scram-sha-256}; the same passwords must pass here.
 */
class PostgresCompatibilityTest {
    /** A role, its pg_authid.rolpassword, passwords PostgreSQL accepts and passwords it rejects. */
    record Role(String name, String rolpassword, List<byte[]> accepted, List<byte[]> rejected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] raw(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    static Stream<Role> scramRoles() {
        return Stream.of(
                // password_encryption = 'scram-sha-256'
                new Role("alice",
                        "SCRAM-SHA-256$4096:UACYBIgAe7fnspXPqxHAaQ==$bMDXqkYEwmZmcHH0ReQMA9QzW6crAkvsJ9xRXlgHMNA=:Wye97/lOuTjjefNM990OuOyb046MiGMwdrT+FA+agv8=",
                        List.of(utf8("secret")), List.of(utf8("Secret"), utf8("secret "), utf8("wrong"))),
                // Non-ASCII: NFKC leaves it composed; a decomposed spelling normalizes to the same.
                new Role("bob",
                        "SCRAM-SHA-256$4096:i3vT46AGZZr+0JKXYser7A==$Mdrem2JJNJuIFH4ZybsPt1r9C6LAE2/K81HArq6qG/I=:P9UBUEI/W4KIqEkOyl3OTb/Vy+lUpGhgAV+lEDR5MTk=",
                        List.of(utf8("pässwörd"), utf8("pa\u0308sswo\u0308rd")), List.of(utf8("passwort"), utf8("pässwörd!"))),
                // U+2168 ROMAN NUMERAL NINE: NFKC gives "IX", so typing "IX" works too.
                new Role("carol",
                        "SCRAM-SHA-256$4096:ilqDRXPrzR2S05eyFjJ8GA==$7MjQwDBSVy7k57F578BYELMn7KwjeoY4uEG2Wad0SMk=:fcMcSbVj0qbq+5OBygGMTcsc+bVg/gz9EEMJQPkV2vc=",
                        List.of(utf8("\u2168"), utf8("IX")), List.of(utf8("ix"), utf8("\u2169"))),
                // Plain ASCII space; a NO-BREAK SPACE is mapped to it (RFC 3454 C.1.2).
                new Role("dave",
                        "SCRAM-SHA-256$4096:VICxQXv4Yo2rCC3fCuxRbw==$gTMT3NiBwvr1J6Y8QVMA82T0zKLh7pAGuQM97GnazFE=:3k6yuSzoCfeQHQkJqUjOueY8BH0DD44TiIw8qBD0Gc0=",
                        List.of(utf8("a b"), utf8("a\u00A0b")), List.of(utf8("ab"), utf8("a  b"))),
                // Created with "a<U+00A0>b".
                new Role("grace",
                        "SCRAM-SHA-256$4096:X9d52pzdRXd/W5mbEEo+JA==$UtdErnM8wGIbRict5EZ0TStah85PbelSHh9/adXX55M=:o6AL6tNFjn3lX01fvoON2RGwhjkAjqIh0DjpuZ7TxYY=",
                        List.of(utf8("a\u00A0b"), utf8("a b"), utf8("a\u3000b")), List.of(utf8("ab"))),
                // "ü<BEL>x": a control character is prohibited, so SASLprep is skipped and the raw
                // bytes are hashed; the decomposed spelling is then a different password.
                new Role("heidi",
                        "SCRAM-SHA-256$4096:vU7KkUt/0+TrxgxSm5uJpA==$I4BVZR2N+fKeYBO/a4dFkMHH0+F2QLjK1c1BvXYvs/Y=:RNdNjLarJ4Rdj+CFwURxoCH1pfOL1HWt9eSznxRcZOc=",
                        List.of(utf8("\u00FC\u0007x")), List.of(utf8("u\u0308\u0007x"), utf8("\u00FCx"))),
                // ALEF followed by 'a': fails the bidi rule, so the raw bytes are hashed.
                new Role("ivan",
                        "SCRAM-SHA-256$4096:wnhIXGNsOOUS3xX4JnnM/Q==$oZLPJrZSqWWeszR7BNTC1oD5R9p4+NPwXL7p+xL7bQE=:+H52Ywtu7H9ZSW8JyZ+ARrKiaaAJQywwuVVEvgIPfHg=",
                        List.of(utf8("\u05D0a")), List.of(utf8("\u05D0"), utf8("a\u05D0"))),
                // "caf\xE9" (Latin-1 bytes, set through a SQL_ASCII database): not UTF-8, raw bytes hashed.
                new Role("judy",
                        "SCRAM-SHA-256$4096:Xw/ghITZzsnch9kOQnmhBg==$IKsmj5uiFG49Oh10BPzj6w/XMr/Fh40Ie4mAWWWSakw=:A3jAtYBKOw/lY1HzcI6awXIvO9b4MXk72n7fFjELCL0=",
                        List.of(raw('c', 'a', 'f', 0xE9)), List.of(utf8("caf\u00E9"), utf8("cafe"))));
    }

    static Stream<Arguments> md5Roles() {
        // password_encryption = 'md5'
        return Stream.of(
                Arguments.of("erin", "md5afd04d077a4c49e8ea707a36a1aceacf", "secret"),
                Arguments.of("frank", "md5a50524eb65bb64665a71cc8a68ea2f4a", "pässwörd"));
    }

    @ParameterizedTest
    @MethodSource("scramRoles")
    void parsedVerifierAcceptsExactlyWhatPostgresAccepts(Role role) {
        Credentials credentials = Credentials.parse(role.rolpassword());
        assertEquals(role.rolpassword(), credentials.scramSecret().orElseThrow());
        assertTrue(credentials.supports(AuthMethod.SCRAM_SHA_256));
        assertFalse(credentials.supports(AuthMethod.MD5));
        for (byte[] pw : role.accepted()) {
            assertTrue(PasswordVerifier.verify(credentials, role.name(), pw), () -> "should accept " + HexFormat.of().formatHex(pw));
        }
        for (byte[] pw : role.rejected()) {
            assertFalse(PasswordVerifier.verify(credentials, role.name(), pw), () -> "should reject " + HexFormat.of().formatHex(pw));
        }
    }

    @ParameterizedTest
    @MethodSource("scramRoles")
    void generateWithTheSameSaltGivesTheSameText(Role role) {
        ScramVerifier stored = ScramVerifier.parse(role.rolpassword());
        assertEquals(role.rolpassword(), stored.toString());
        for (byte[] pw : role.accepted()) {
            assertEquals(role.rolpassword(), ScramVerifier.generate(pw, stored.salt(), stored.iterations()).toString());
        }
    }

    @ParameterizedTest
    @MethodSource("scramRoles")
    void fullExchangeAgainstPostgresVerifier(Role role) throws Exception {
        byte[] password = role.accepted().get(0);
        ScramSha256Authenticator server = ScramSha256Authenticator.forCredentials(role.name(),
                Credentials.parse(role.rolpassword()), null, MockAuthNonce.random(new SecureRandom()), new SecureRandom());
        TestScramClient client = new TestScramClient(password, "clientNonce123", "n,,", null);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        byte[] serverFinal = server.handleClientFinal(client.clientFinal(serverFirst));
        assertTrue(client.serverFinalValid(serverFinal));
        assertTrue(server.isComplete());
    }

    @ParameterizedTest
    @MethodSource("md5Roles")
    void md5HashesMatchPostgres(String user, String rolpassword, String password) {
        Credentials credentials = Credentials.parse(rolpassword);
        assertEquals(rolpassword, credentials.md5Hash().orElseThrow());
        assertEquals(rolpassword, Md5Authenticator.md5Hash(user, password));
        assertTrue(PasswordVerifier.verify(credentials, user, password));
        assertFalse(PasswordVerifier.verify(credentials, user, password + "x"));
        assertFalse(PasswordVerifier.verify(credentials, "someone-else", password));

        // The MD5 challenge, with the client's answer computed here independently:
        // "md5" + hex(md5(hex(md5(password + user)) + salt)).
        byte[] salt = {0x01, (byte) 0xA2, 0x33, (byte) 0xFF};
        String response = "md5" + md5Hex(concat(utf8(rolpassword.substring(3)), salt));
        assertTrue(Md5Authenticator.verify(credentials, user, salt, response));
        assertFalse(Md5Authenticator.verify(credentials, user, new byte[] {1, 2, 3, 4}, response));
        assertFalse(Md5Authenticator.verify(credentials, user, salt, "md5" + md5Hex(concat(utf8(rolpassword), salt))));
        // And from a plain password, as md5_crypt_verify does for plaintext-stored passwords.
        assertTrue(Md5Authenticator.verify(Credentials.plain(password), user, salt, response));
        assertTrue(Md5Authenticator.verify(Credentials.fromPassword(user, password), user, salt, response));
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @ParameterizedTest
    @MethodSource("scramRoles")
    void saltIsWhatPostgresGenerates(Role role) {
        assertArrayEquals(ScramVerifier.parse(role.rolpassword()).salt(),
                java.util.Base64.getDecoder().decode(role.rolpassword().split("[$:]")[2]));
        assertEquals(16, ScramVerifier.parse(role.rolpassword()).salt().length);
    }
}
