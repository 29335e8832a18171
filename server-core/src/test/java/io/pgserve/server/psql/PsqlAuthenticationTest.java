package io.pgserve.server.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgserve.server.PgServer;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** psql logging in with each authentication method; the texts are those of PostgreSQL 15 with libpq 15. */
@Timeout(60)
class PsqlAuthenticationTest {

    private static PgServer server(AuthMethod method) {
        PgServer.Builder b = PgServer.builder().host("127.0.0.1").port(0).handler(session -> new PsqlTestHandler());
        if (method != AuthMethod.TRUST) {
            b.authentication(method, CredentialStore.builder().user("alice", "secret").build());
        }
        return b.build().start();
    }

    private static String failedLine(PgServer server, String message) {
        return "psql: error: connection to server at \"127.0.0.1\", port " + server.port() + " failed: " + message
                + "\n";
    }

    @Test
    void trustAcceptsAnyUserWithoutPassword() {
        try (PgServer server = server(AuthMethod.TRUST)) {
            Psql.Result r = Psql.tcp(server, "alice").unaligned().args("-c", "select current_user").run();
            assertEquals(new Psql.Result(0, "alice\n", ""), r, r::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AuthMethod.class, names = {"PASSWORD", "MD5", "SCRAM_SHA_256"})
    void rightPasswordLogsIn(AuthMethod method) {
        try (PgServer server = server(method)) {
            Psql.Result r = Psql.tcp(server, "alice").password("secret").unaligned()
                    .args("-c", "select current_user").run();
            assertEquals(new Psql.Result(0, "alice\n", ""), r, r::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AuthMethod.class, names = {"PASSWORD", "MD5", "SCRAM_SHA_256"})
    void wrongPasswordIsRefused(AuthMethod method) {
        try (PgServer server = server(method)) {
            Psql.Result r = Psql.tcp(server, "alice").password("Secret").unaligned().args("-c", "select 1").run();
            assertEquals(new Psql.Result(2, "",
                    failedLine(server, "FATAL:  password authentication failed for user \"alice\"")), r, r::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AuthMethod.class, names = {"PASSWORD", "MD5", "SCRAM_SHA_256"})
    void unknownUserGetsTheSameMessage(AuthMethod method) {
        try (PgServer server = server(method)) {
            Psql.Result r = Psql.tcp(server, "mallory").password("secret").unaligned().args("-c", "select 1").run();
            assertEquals(new Psql.Result(2, "",
                    failedLine(server, "FATAL:  password authentication failed for user \"mallory\"")), r,
                    r::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AuthMethod.class, names = {"PASSWORD", "MD5", "SCRAM_SHA_256"})
    void noPasswordAtAll(AuthMethod method) {
        try (PgServer server = server(method)) {
            Psql.Result r = Psql.tcp(server, "alice").unaligned().args("-c", "select 1").run();
            assertEquals(new Psql.Result(2, "", failedLine(server, "fe_sendauth: no password supplied")), r,
                    r::toString);
            // The server is not left in a bad state by the client giving up mid-exchange.
            Psql.Result again = Psql.tcp(server, "alice").password("secret").unaligned().args("-c", "select 1").run();
            assertEquals(new Psql.Result(0, "1\n", ""), again, again::toString);
        }
    }

    @Test
    void scramWithoutTlsCannotSatisfyChannelBindingRequire() {
        try (PgServer server = server(AuthMethod.SCRAM_SHA_256)) {
            Psql.Result r = Psql.bare().password("secret").unaligned()
                    .args("-d", "host=127.0.0.1 port=" + server.port() + " user=alice dbname=postgres"
                            + " channel_binding=require", "-c", "select 1")
                    .run();
            assertEquals(new Psql.Result(2, "", failedLine(server, "channel binding required, but SSL not in use")),
                    r, r::toString);
        }
    }
}
