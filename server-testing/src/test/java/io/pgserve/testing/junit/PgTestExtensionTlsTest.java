package io.pgserve.testing.junit;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.types.PgType;
import io.pgserve.testing.PgConnectionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;

import static io.pgserve.testing.Stubbing.*;
import static org.junit.jupiter.api.Assertions.*;

/** The programmatic form in an instance field (a server per test), with a password, TLS and a preset stub. */
@Timeout(30)
class PgTestExtensionTlsTest {
    private static final X509Bundle CERT = certificate();
    private static final Path DIR = directory();

    @RegisterExtension
    PgTestExtension pg = PgTestExtension.builder()
            .user("app").password("s3cret").authentication(AuthMethod.SCRAM_SHA_256)
            .tls(write("server.crt", CERT.getCertificatePathPEM()), write("server.key", CERT.getPrivateKeyPEM()))
            .serverVersion("15.4")
            .stub(sql("SELECT current_setting('server_version')")
                    .willReturn(rows(column("current_setting", PgType.TEXT)).row("stubbed")))
            .build();

    @Test
    void connects_over_tls_with_scram_and_sees_the_preset_stub() throws Exception {
        PgConnectionInfo info = pg.connectionInfo();
        Properties p = new Properties();
        p.setProperty("user", info.user());
        p.setProperty("password", info.password());
        p.setProperty("sslmode", "require");
        try (Connection c = DriverManager.getConnection(info.jdbcUrl(), p)) {
            assertEquals("15.4", c.getMetaData().getDatabaseProductVersion());
            try (ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('server_version')")) {
                assertTrue(rs.next());
                assertEquals("stubbed", rs.getString(1));
            }
        }
        assertTrue(pg.server().received().size() >= 1);
    }

    @Test
    void a_wrong_password_is_refused() {
        Properties p = new Properties();
        p.setProperty("user", "app");
        p.setProperty("password", "wrong");
        PSQLException e = assertThrows(PSQLException.class,
                () -> DriverManager.getConnection(pg.connectionInfo().jdbcUrl(), p).close());
        assertEquals("28P01", e.getSQLState());
    }

    private static X509Bundle certificate() {
        try {
            return new CertificateBuilder().subject("CN=localhost").addSanIpAddress("127.0.0.1").ecp256()
                    .setIsCertificateAuthority(true).buildSelfSigned();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Path directory() {
        try {
            Path dir = Files.createTempDirectory("pgserve-testing-tls");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File write(String name, String pem) {
        try {
            Path p = DIR.resolve(name);
            Files.writeString(p, pem);
            p.toFile().deleteOnExit();
            return p.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
