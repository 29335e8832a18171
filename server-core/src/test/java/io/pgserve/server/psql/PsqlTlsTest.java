package io.pgserve.server.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgserve.server.PgServer;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** psql over TLS: sslmode, \conninfo, SCRAM-SHA-256-PLUS channel binding, and a server that requires TLS. */
@Timeout(60)
class PsqlTlsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.write(dir);
        server = PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> new PsqlTestHandler())
                .authentication(AuthMethod.SCRAM_SHA_256, CredentialStore.builder().user("alice", "secret").build())
                .tls(certs.certificate(), certs.privateKey())
                .build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String failedLine(PgServer s, String message) {
        return "psql: error: connection to server at \"127.0.0.1\", port " + s.port() + " failed: " + message + "\n";
    }

    @Test
    void conninfoShowsTls13() {
        Psql.Result r = Psql.tcp(server, "alice").password("secret").sslMode("require").args("-c", "\\conninfo").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stderr(), r::toString);
        String[] lines = r.stdout().split("\n", -1);
        assertEquals(3, lines.length, r::toString);
        assertEquals("You are connected to database \"postgres\" as user \"alice\" on host \"127.0.0.1\" at port \""
                + server.port() + "\".", lines[0]);
        assertTrue(lines[1].startsWith("SSL connection (protocol: TLSv1.3, cipher: TLS_")
                && lines[1].endsWith(", compression: off)"), lines[1]);
        assertEquals("", lines[2]);
    }

    @Test
    void conninfoShowsTlsWithTrust() {
        try (PgServer trust = PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> new PsqlTestHandler())
                .tls(certs.certificate(), certs.privateKey())
                .build().start()) {
            Psql.Result r = Psql.tcp(trust, "alice").sslMode("require").unaligned()
                    .args("-c", "select 1", "-c", "\\conninfo").run();
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("", r.stderr(), r::toString);
            assertTrue(r.stdout().startsWith("1\nYou are connected to database \"postgres\" as user \"alice\" on host "
                    + "\"127.0.0.1\" at port \"" + trust.port() + "\".\nSSL connection (protocol: TLSv1.3, cipher: TLS_"),
                    r::toString);
            assertTrue(r.stdout().endsWith(", compression: off)\n"), r::toString);
        }
    }

    @Test
    void scramOverTlsWithDefaultChannelBindingPreference() {
        Psql.Result r = Psql.tcp(server, "alice").password("secret").sslMode("require").unaligned()
                .args("-c", "select current_user").run();
        assertEquals(new Psql.Result(0, "alice\n", ""), r, r::toString);
    }

    @Test
    void scramPlusWithChannelBindingRequired() {
        Psql.Result r = Psql.bare().password("secret").unaligned()
                .args("-d", "host=127.0.0.1 port=" + server.port() + " user=alice dbname=postgres sslmode=require"
                        + " channel_binding=require", "-c", "select current_user", "-c", "\\conninfo")
                .run();
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stderr(), r::toString);
        assertTrue(r.stdout().startsWith("alice\nYou are connected to database \"postgres\" as user \"alice\""),
                r::toString);
        assertTrue(r.stdout().contains("\nSSL connection (protocol: TLSv1.3"), r::toString);
    }

    @Test
    void wrongPasswordOverTls() {
        Psql.Result r = Psql.bare().password("wrong").unaligned()
                .args("-d", "host=127.0.0.1 port=" + server.port() + " user=alice dbname=postgres sslmode=require"
                        + " channel_binding=require", "-c", "select 1")
                .run();
        assertEquals(new Psql.Result(2, "",
                failedLine(server, "FATAL:  password authentication failed for user \"alice\"")), r, r::toString);
    }

    @Test
    void preferModeUsesTls() {
        Psql.Result r = Psql.tcp(server, "alice").password("secret").sslMode("prefer").args("-c", "\\conninfo").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("\nSSL connection (protocol: TLSv1.3"), r::toString);
    }

    @Test
    void plainConnectionToTlsServerStillWorks() {
        Psql.Result r = Psql.tcp(server, "alice").password("secret").sslMode("disable")
                .args("-c", "\\conninfo").run();
        assertEquals(new Psql.Result(0, "You are connected to database \"postgres\" as user \"alice\" on host "
                + "\"127.0.0.1\" at port \"" + server.port() + "\".\n", ""), r, r::toString);
    }

    @Test
    void requireTlsRefusesAPlainClient() {
        try (PgServer strict = PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> new PsqlTestHandler())
                .tls(certs.certificate(), certs.privateKey())
                .requireTls(true)
                .build().start()) {
            Psql.Result r = Psql.tcp(strict, "alice").sslMode("disable").args("-c", "select 1").run();
            assertEquals(new Psql.Result(2, "", failedLine(strict, "FATAL:  no pg_hba.conf entry for host "
                    + "\"127.0.0.1\", user \"alice\", database \"postgres\", no encryption")), r, r::toString);

            Psql.Result tls = Psql.tcp(strict, "alice").sslMode("require").unaligned().args("-c", "select 1").run();
            assertEquals(new Psql.Result(0, "1\n", ""), tls, tls::toString);
        }
    }

    @Test
    void sslRequiredButServerHasNoTls() {
        try (PgServer plain = PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> new PsqlTestHandler()).build().start()) {
            Psql.Result r = Psql.tcp(plain, "alice").sslMode("require").args("-c", "select 1").run();
            assertEquals(new Psql.Result(2, "", failedLine(plain, "server does not support SSL, but SSL was required")),
                    r, r::toString);
        }
    }
}
