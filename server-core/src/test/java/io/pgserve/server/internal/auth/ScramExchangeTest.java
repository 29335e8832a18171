package io.pgserve.server.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgserve.server.auth.AuthenticationFailure;
import io.pgserve.server.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Complete SCRAM exchanges between {@link TestScramClient} and {@link ScramSha256Authenticator}. */
class ScramExchangeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MockAuthNonce MOCK = MockAuthNonce.random(RANDOM);
    private static final Credentials ALICE = Credentials.fromPassword("alice", "secret");
    private static final byte[] CERT_HASH = ScramFunctions.sha256("pretend certificate".getBytes(StandardCharsets.US_ASCII));

    private static ScramSha256Authenticator server(String user, Credentials credentials, byte[] cbData) {
        return ScramSha256Authenticator.forCredentials(user, credentials, cbData, MOCK, RANDOM);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void succeedsWithoutChannelBinding() throws Exception {
        ScramSha256Authenticator server = server("alice", ALICE, null);
        assertEquals(List.of("SCRAM-SHA-256"), server.mechanisms());
        TestScramClient client = new TestScramClient("secret", "fyko+d2lbbFgONRv9qkxdawL", null);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        String sf = str(serverFirst);
        assertTrue(sf.matches("r=fyko\\+d2lbbFgONRv9qkxdawL[A-Za-z0-9+/]{24},s=[A-Za-z0-9+/]{22}==,i=4096"), sf);
        byte[] serverFinal = server.handleClientFinal(client.clientFinal(serverFirst));
        assertTrue(client.serverFinalValid(serverFinal));
        assertTrue(server.isComplete());
    }

    @Test
    void succeedsWithChannelBinding() throws Exception {
        ScramSha256Authenticator server = server("alice", ALICE, CERT_HASH);
        assertEquals(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), server.mechanisms());
        TestScramClient client = new TestScramClient("secret", "abc", CERT_HASH);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256-PLUS", client.clientFirst());
        assertTrue(client.serverFinalValid(server.handleClientFinal(client.clientFinal(serverFirst))));
    }

    @Test
    void onTlsTheClientMayStillChooseNoBinding() throws Exception {
        // libpq with channel_binding=disable: mechanism SCRAM-SHA-256 and flag "n".
        ScramSha256Authenticator server = server("alice", ALICE, CERT_HASH);
        TestScramClient client = new TestScramClient("secret", "abc", null);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        assertTrue(client.serverFinalValid(server.handleClientFinal(client.clientFinal(serverFirst))));
    }

    @Test
    void yFlagIsFineWhenWeCannotBind() throws Exception {
        ScramSha256Authenticator server = server("alice", ALICE, null);
        TestScramClient client = new TestScramClient(ascii("secret"), "abc", "y,,", null);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        byte[] clientFinal = client.clientFinal(serverFirst);
        assertTrue(str(clientFinal).startsWith("c=eSws,"));
        assertTrue(client.serverFinalValid(server.handleClientFinal(clientFinal)));
    }

    @Test
    void yFlagIsADowngradeWhenWeCouldBind() {
        ScramSha256Authenticator server = server("alice", ALICE, CERT_HASH);
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class,
                () -> server.handleClientFirst("SCRAM-SHA-256", ascii("y,,n=,r=abc")));
        assertEquals("28000", f.sqlState());
        assertEquals("SCRAM channel binding negotiation error", f.getMessage());
        assertEquals(Optional.of("The client supports SCRAM channel binding but thinks the server does not.  "
                + "However, this server does support channel binding."), f.detail());
    }

    @Test
    void channelBindingMismatchFails() throws Exception {
        ScramSha256Authenticator server = server("alice", ALICE, CERT_HASH);
        byte[] otherCert = ScramFunctions.sha256(ascii("another certificate (a MITM proxy's)"));
        TestScramClient client = new TestScramClient("secret", "abc", otherCert);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256-PLUS", client.clientFirst());
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class,
                () -> server.handleClientFinal(client.clientFinal(serverFirst)));
        assertEquals("28000", f.sqlState());
        assertEquals("SCRAM channel binding check failed", f.getMessage());
    }

    @Test
    void plusWithoutTlsIsAnInvalidMechanism() {
        ScramSha256Authenticator server = server("alice", ALICE, null);
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class,
                () -> server.handleClientFirst("SCRAM-SHA-256-PLUS", ascii("p=tls-server-end-point,,n=,r=abc")));
        assertEquals("08P01", f.sqlState());
        assertEquals("client selected an invalid SASL authentication mechanism", f.getMessage());
        assertThrows(AuthenticationFailure.class, () -> server("alice", ALICE, null).handleClientFirst("PLAIN", ascii("x")));
    }

    @Test
    void wrongPasswordFailsWithPostgresMessage() throws Exception {
        ScramSha256Authenticator server = server("alice", ALICE, null);
        TestScramClient client = new TestScramClient("Secret", "abc", null);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class,
                () -> server.handleClientFinal(client.clientFinal(serverFirst)));
        assertEquals("28P01", f.sqlState());
        assertEquals("password authentication failed for user \"alice\"", f.getMessage());
        assertEquals(Optional.empty(), f.detail());
        assertFalse(server.isComplete());
        assertThrows(IllegalStateException.class, () -> server.handleClientFinal(ascii("c=biws")));
    }

    @Test
    void unknownUserLooksLikeAWrongPasswordUntilTheEnd() throws Exception {
        String first = "n,,n=,r=abc";
        String sfKnown = str(server("alice", ALICE, null).handleClientFirst("SCRAM-SHA-256", ascii(first)));
        ScramSha256Authenticator mock = server("mallory", null, null);
        assertEquals(List.of("SCRAM-SHA-256"), mock.mechanisms());
        byte[] serverFirst = mock.handleClientFirst("SCRAM-SHA-256", ascii(first));
        String sfMock = str(serverFirst);
        // Same shape: nonce, 16-byte salt, 4096 iterations.
        assertEquals(sfKnown.replaceAll("r=[^,]*,s=[^,]*,", ""), sfMock.replaceAll("r=[^,]*,s=[^,]*,", ""));
        assertEquals(sfKnown.length(), sfMock.length());
        // The fake salt is stable per user name (a real user's salt does not change either) ...
        String salt = sfMock.split(",")[1];
        assertEquals(salt, str(server("mallory", null, null).handleClientFirst("SCRAM-SHA-256", ascii(first))).split(",")[1]);
        // ... differs between names, and between servers (it depends on the server's secret).
        assertNotEquals(salt, str(server("mallory2", null, null).handleClientFirst("SCRAM-SHA-256", ascii(first))).split(",")[1]);
        assertNotEquals(salt, str(ScramSha256Authenticator.forCredentials("mallory", null, null,
                MockAuthNonce.random(RANDOM), RANDOM).handleClientFirst("SCRAM-SHA-256", ascii(first))).split(",")[1]);

        TestScramClient client = new TestScramClient("secret", "abc", null);
        client.clientFirst();
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class,
                () -> mock.handleClientFinal(client.clientFinal(serverFirst)));
        assertEquals("28P01", f.sqlState());
        assertEquals("password authentication failed for user \"mallory\"", f.getMessage());
        assertEquals(Optional.empty(), f.detail());
        assertEquals(Optional.empty(), f.logDetail());
    }

    @Test
    void md5OnlyCredentialsGiveAMockExchange() throws Exception {
        Credentials md5Only = Credentials.md5(Md5Authenticator.md5Hash("erin", "secret"));
        ScramSha256Authenticator server = server("erin", md5Only, null);
        TestScramClient client = new TestScramClient("secret", "abc", null);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class,
                () -> server.handleClientFinal(client.clientFinal(serverFirst)));
        assertEquals("password authentication failed for user \"erin\"", f.getMessage());
        assertEquals(Optional.of("User \"erin\" does not have a valid SCRAM secret."), f.logDetail());
    }

    @Test
    void plainCredentialsWorkAndUseTheStableMockSalt() throws Exception {
        ScramSha256Authenticator server = server("pat", Credentials.plain("pässwörd"), null);
        TestScramClient client = new TestScramClient("pa\u0308sswo\u0308rd", "abc", null);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        assertTrue(str(serverFirst).contains(",s=" + java.util.Base64.getEncoder().encodeToString(MOCK.saltFor("pat")) + ","));
        assertTrue(client.serverFinalValid(server.handleClientFinal(client.clientFinal(serverFirst))));
    }

    @Test
    void missingInitialResponseGetsAnEmptyChallenge() throws Exception {
        ScramSha256Authenticator server = server("alice", ALICE, null);
        assertArrayEquals(new byte[0], server.handleClientFirst("SCRAM-SHA-256", null));
        TestScramClient client = new TestScramClient("secret", "abc", null);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        assertTrue(client.serverFinalValid(server.handleClientFinal(client.clientFinal(serverFirst))));
    }

    @Test
    void extensionsAreIgnoredButSigned() throws Exception {
        ScramSha256Authenticator server = server("alice", ALICE, null);
        server.fixServerNonceForTesting("SRV");
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", ascii("n,,n=whoever,r=abc,x=ext"));
        assertEquals("r=abcSRV,", str(serverFirst).substring(0, 9));
        // Compute a proof by hand over an AuthMessage that includes the extension attributes.
        ScramVerifier v = ScramVerifier.parse(ALICE.scramSecret().orElseThrow());
        byte[] salted = ScramFunctions.saltedPassword(ascii("secret"), v.salt(), v.iterations());
        String withoutProof = "c=biws,r=abcSRV,z=more";
        byte[] authMessage = ascii("n=whoever,r=abc,x=ext," + str(serverFirst) + "," + withoutProof);
        byte[] clientKey = ScramFunctions.clientKey(salted);
        byte[] proof = ScramFunctions.xor(clientKey, ScramFunctions.hmac(ScramFunctions.sha256(clientKey), authMessage));
        byte[] serverFinal = server.handleClientFinal(ascii(withoutProof + ",p=" + java.util.Base64.getEncoder().encodeToString(proof)));
        assertEquals("v=" + java.util.Base64.getEncoder().encodeToString(
                ScramFunctions.hmac(ScramFunctions.serverKey(salted), authMessage)), str(serverFinal));
    }

    /** Malformed client-first-messages: SQLSTATE, message and detail as auth-scram.c words them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "SCRAM-SHA-256      | ''                                   | 08P01 | malformed SCRAM message | The message is empty.",
        "SCRAM-SHA-256      | x,,n=,r=abc                          | 08P01 | malformed SCRAM message | Unexpected channel-binding flag \"'x'\".",
        "SCRAM-SHA-256      | n;,n=,r=abc                          | 08P01 | malformed SCRAM message | Comma expected, but found character \"';'\".",
        "SCRAM-SHA-256      | n                                    | 08P01 | malformed SCRAM message | Comma expected, but found character \"0x00\".",
        "SCRAM-SHA-256      | n,a=bob,n=,r=abc                     | 0A000 | client uses authorization identity, but it is not supported | NULL",
        "SCRAM-SHA-256      | n,x,n=,r=abc                         | 08P01 | malformed SCRAM message | Unexpected attribute \"'x'\" in client-first-message.",
        "SCRAM-SHA-256      | n,,m=ext,n=,r=abc                    | 0A000 | client requires an unsupported SCRAM extension | NULL",
        "SCRAM-SHA-256      | n,,r=abc                             | 08P01 | malformed SCRAM message | Expected attribute \"n\" but found \"'r'\".",
        "SCRAM-SHA-256      | n,,n                                 | 08P01 | malformed SCRAM message | Expected character \"=\" for attribute \"n\".",
        "SCRAM-SHA-256      | n,,n=                                | 08P01 | malformed SCRAM message | Expected attribute \"r\" but found \"0x00\".",
        "SCRAM-SHA-256      | n,,n=,r=a b                          | 08P01 | non-printable characters in SCRAM nonce | NULL",
        "SCRAM-SHA-256      | n,,n=,r=abc,1=x                      | 08P01 | malformed SCRAM message | Attribute expected, but found invalid character \"'1'\".",
        "SCRAM-SHA-256      | p=tls-server-end-point,,n=,r=abc     | 08P01 | malformed SCRAM message | The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.",
        "SCRAM-SHA-256-PLUS | n,,n=,r=abc                          | 08P01 | malformed SCRAM message | The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not include channel binding data.",
        "SCRAM-SHA-256-PLUS | y,,n=,r=abc                          | 08P01 | malformed SCRAM message | The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not include channel binding data.",
        "SCRAM-SHA-256-PLUS | p=tls-unique,,n=,r=abc               | 08P01 | unsupported SCRAM channel-binding type \"tls-unique\" | NULL",
    })
    void malformedClientFirst(String mechanism, String message, String sqlState, String text, String detail) {
        ScramSha256Authenticator server = server("alice", ALICE, CERT_HASH.clone());
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class,
                () -> server.handleClientFirst(mechanism, ascii(message)));
        assertEquals(sqlState, f.sqlState());
        assertEquals(text, f.getMessage());
        assertEquals(Optional.ofNullable(detail), f.detail());
        assertThrows(IllegalStateException.class, () -> server.handleClientFinal(ascii("c=biws")));
    }

    @Test
    void nulByteIsALengthMismatch() {
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class,
                () -> server("alice", ALICE, null).handleClientFirst("SCRAM-SHA-256", ascii("n,,n=,r=abc\0def")));
        assertEquals("malformed SCRAM message", f.getMessage());
        assertEquals(Optional.of("Message length does not match input length."), f.detail());
    }

    /** Malformed client-final-messages, after a server-first of {@code r=abcSRV,...}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "''                                      | 08P01 | malformed SCRAM message | The message is empty.",
        "r=abcSRV,p=AAAA                         | 08P01 | malformed SCRAM message | Expected attribute \"c\" but found \"'r'\".",
        "c=eSws,r=abcSRV,p=AAAA                  | 08P01 | unexpected SCRAM channel-binding attribute in client-final-message | NULL",
        "c=cD10bHMtc2VydmVyLWVuZC1wb2ludCws,r=abcSRV,p=AAAA | 08P01 | unexpected SCRAM channel-binding attribute in client-final-message | NULL",
        "c=biws,r=abcSRV                         | 08P01 | malformed SCRAM message | Attribute expected, but found end of string.",
        "c=biws,r=abcSRV,p=AAAA                  | 08P01 | malformed SCRAM message | Malformed proof in client-final-message.",
        "c=biws,r=abcSRV,p=not base64!           | 08P01 | malformed SCRAM message | Malformed proof in client-final-message.",
        "c=biws,r=abcSRV,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,x=y | 08P01 | malformed SCRAM message | Garbage found at the end of client-final-message.",
        "c=biws,r=abcXYZ,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= | 08P01 | invalid SCRAM response | Nonce does not match.",
        "c=biws,r=abc,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=    | 08P01 | invalid SCRAM response | Nonce does not match.",
        "c=biws,r=abcSRV,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= | 28P01 | password authentication failed for user \"alice\" | NULL",
    })
    void malformedClientFinal(String message, String sqlState, String text, String detail) throws Exception {
        ScramSha256Authenticator server = server("alice", ALICE, null);
        server.fixServerNonceForTesting("SRV");
        server.handleClientFirst("SCRAM-SHA-256", ascii("n,,n=,r=abc"));
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class, () -> server.handleClientFinal(ascii(message)));
        assertEquals(sqlState, f.sqlState());
        assertEquals(text, f.getMessage());
        assertEquals(Optional.ofNullable(detail), f.detail());
        assertFalse(server.isComplete());
    }

    @Test
    void handlesOnlyOneClientFirst() throws Exception {
        ScramSha256Authenticator server = server("alice", ALICE, null);
        server.handleClientFirst("SCRAM-SHA-256", ascii("n,,n=,r=abc"));
        assertThrows(IllegalStateException.class, () -> server.handleClientFirst("SCRAM-SHA-256", ascii("n,,n=,r=abc")));
    }

    @Test
    void mechanismListsPlusFirst() {
        assertEquals(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), ScramSha256Authenticator.mechanisms(true));
        assertEquals(List.of("SCRAM-SHA-256"), ScramSha256Authenticator.mechanisms(false));
    }
}
