package io.pgserve.server.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pgserve.server.auth.AuthenticationFailure;
import io.pgserve.server.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.shaded.com.ongres.scram.client.ScramClient;
import org.postgresql.shaded.com.ongres.scram.common.StringPreparation;

/**
 * Our server side against an independent client implementation: the SCRAM client that pgjdbc
 * bundles (com.ongres.scram), configured the way pgjdbc's ScramAuthenticator configures it.
 */
class PgjdbcClientInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MockAuthNonce MOCK = MockAuthNonce.random(RANDOM);
    // Made by PostgreSQL 15 for password 'pässwörd' (see PostgresCompatibilityTest).
    private static final Credentials BOB = Credentials.parse(
            "SCRAM-SHA-256$4096:i3vT46AGZZr+0JKXYser7A==$Mdrem2JJNJuIFH4ZybsPt1r9C6LAE2/K81HArq6qG/I=:P9UBUEI/W4KIqEkOyl3OTb/Vy+lUpGhgAV+lEDR5MTk=");

    private static void exchange(ScramSha256Authenticator server, String password, byte[] cbData) throws Exception {
        ScramClient.FinalBuildStage builder = ScramClient.builder()
                .advertisedMechanisms(server.mechanisms())
                .username("*")
                .password(password.toCharArray())
                .stringPreparation(StringPreparation.POSTGRESQL_PREPARATION);
        if (cbData != null) {
            builder.channelBinding("tls-server-end-point", cbData);
        }
        ScramClient client = builder.build();
        String mechanism = client.getScramMechanism().getName();
        byte[] serverFirst = server.handleClientFirst(mechanism,
                client.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8));
        client.serverFirstMessage(new String(serverFirst, StandardCharsets.UTF_8));
        byte[] serverFinal = server.handleClientFinal(
                client.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8));
        client.serverFinalMessage(new String(serverFinal, StandardCharsets.UTF_8)); // throws if v= is wrong
    }

    @Test
    void withoutChannelBinding() throws Exception {
        ScramSha256Authenticator server = ScramSha256Authenticator.forCredentials("bob", BOB, null, MOCK, RANDOM);
        exchange(server, "pässwörd", null);
        assertEquals(true, server.isComplete());
    }

    @Test
    void withChannelBinding() throws Exception {
        byte[] certHash = ScramFunctions.sha256("cert".getBytes(StandardCharsets.US_ASCII));
        ScramSha256Authenticator server = ScramSha256Authenticator.forCredentials("bob", BOB, certHash, MOCK, RANDOM);
        assertEquals(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), server.mechanisms());
        exchange(server, "pässwörd", certHash);
        assertEquals(true, server.isComplete());
    }

    @Test
    void wrongPassword() {
        ScramSha256Authenticator server = ScramSha256Authenticator.forCredentials("bob", BOB, null, MOCK, RANDOM);
        AuthenticationFailure f = assertThrows(AuthenticationFailure.class, () -> exchange(server, "passwörd", null));
        assertEquals("password authentication failed for user \"bob\"", f.getMessage());
    }
}
