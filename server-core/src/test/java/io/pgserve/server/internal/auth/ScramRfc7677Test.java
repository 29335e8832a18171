package io.pgserve.server.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 example of RFC 7677 section 3, driven through the server side byte for byte. */
class ScramRfc7677Test {
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL =
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @Test
    void serverProducesTheRfcMessages() throws Exception {
        ScramVerifier verifier = ScramVerifier.generate("pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        // The n= user name ("user") is ignored; PostgreSQL authenticates the startup packet's user.
        ScramSha256Authenticator server = new ScramSha256Authenticator("startup-user", verifier, null,
                MockAuthNonce.random(new SecureRandom()), new SecureRandom());
        server.fixServerNonceForTesting("%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", CLIENT_FIRST.getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(SERVER_FIRST.getBytes(StandardCharsets.US_ASCII), serverFirst);

        byte[] serverFinal = server.handleClientFinal(CLIENT_FINAL.getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(SERVER_FINAL.getBytes(StandardCharsets.US_ASCII), serverFinal);
        assertTrue(server.isComplete());
    }

    @Test
    void verifierTextFormRoundTrips() {
        ScramVerifier verifier = ScramVerifier.generate("pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        String text = verifier.toString();
        assertEquals("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY="
                + ":wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", text);
        assertEquals(verifier, ScramVerifier.parse(text));
        assertEquals(text, ScramVerifier.parse(text).toString());
    }

    @Test
    void testClientReproducesTheRfcClientFinal() {
        TestScramClient client = new TestScramClient("pencil", "rOprNGfwEbeRWgbNEkqO", null);
        client.userName = "user";
        assertEquals(CLIENT_FIRST, new String(client.clientFirst(), StandardCharsets.US_ASCII));
        byte[] clientFinal = client.clientFinal(SERVER_FIRST.getBytes(StandardCharsets.US_ASCII));
        assertEquals(CLIENT_FINAL, new String(clientFinal, StandardCharsets.US_ASCII));
        assertTrue(client.serverFinalValid(SERVER_FINAL.getBytes(StandardCharsets.US_ASCII)));
    }
}
