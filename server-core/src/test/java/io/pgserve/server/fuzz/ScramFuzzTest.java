package io.pgserve.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pgserve.server.PgException;
import io.pgserve.server.auth.AuthenticationFailure;
import io.pgserve.server.auth.Credentials;
import io.pgserve.server.internal.auth.MockAuthNonce;
import io.pgserve.server.internal.auth.ScramSha256Authenticator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Arbitrary client messages into a SCRAM-SHA-256 exchange: the server either answers or fails with
 * {@link AuthenticationFailure} or {@link PgException}, never anything else, and never authenticates.
 */
class ScramFuzzTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MockAuthNonce MOCK = MockAuthNonce.of(new byte[MockAuthNonce.LENGTH]);
    /** Few iterations: the fuzzer should spend its time in the parsing, not in PBKDF2. */
    private static final Credentials ALICE = Credentials.fromPassword("alice", "secret", 4096, RANDOM);
    private static final byte[] CERT_HASH = new byte[32];

    @FuzzTest(maxDuration = "60s")
    void exchange(FuzzedDataProvider data) {
        boolean tls = data.consumeBoolean();
        boolean known = data.consumeBoolean();
        ScramSha256Authenticator server = ScramSha256Authenticator.forCredentials(known ? "alice" : "mallory",
                known ? ALICE : null, tls ? CERT_HASH : null, MOCK, RANDOM);
        String mechanism = data.pickValue(new String[] {"SCRAM-SHA-256", "SCRAM-SHA-256-PLUS", "", "PLAIN"});
        byte[] clientFirst;
        if (data.consumeBoolean()) {
            // A well-formed start, so that the fuzzer also reaches client-final.
            String gs2 = data.pickValue(new String[] {"n,,", "y,,", "p=tls-server-end-point,,", "n,a=x,"});
            clientFirst = (gs2 + "n=,r=" + data.consumeAsciiString(40)).getBytes(StandardCharsets.UTF_8);
        } else {
            clientFirst = data.consumeBytes(600);
        }
        try {
            server.handleClientFirst(mechanism, clientFirst);
            byte[] clientFinal = data.consumeRemainingAsBytes();
            server.handleClientFinal(clientFinal);
            assertFalse(server.isComplete(), "a fuzzed proof authenticated");
        } catch (AuthenticationFailure | PgException expected) {
            // the only ways to fail
        }
    }
}
