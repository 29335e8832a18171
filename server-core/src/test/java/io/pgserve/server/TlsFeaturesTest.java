package io.pgserve.server;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Direct TLS (PostgreSQL 17's sslnegotiation=direct), certificate reload, client-certificate authentication. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsFeaturesTest {
    private static final X509Bundle CA = ca("CN=pgserve test CA");
    private PgServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static X509Bundle ca(String subject) {
        try {
            return new CertificateBuilder().subject(subject).setIsCertificateAuthority(true).ecp256()
                    .buildSelfSigned();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static X509Bundle leaf(X509Bundle issuer, String subject) throws Exception {
        return new CertificateBuilder().subject(subject).addSanDnsName("localhost").addSanIpAddress("127.0.0.1")
                .ecp256().buildIssuedBy(issuer);
    }

    private static Path write(Path dir, String name, String pem) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, pem);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private static QueryHandler selectOne() {
        return query -> QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)),
                List.<Object[]>of(new Object[] {1}));
    }

    /** A TLS socket that opens with the ClientHello, offering {@code alpn} (none when null). */
    private SSLSocket directTls(String alpn) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        if (alpn != null) {
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {alpn});
            socket.setSSLParameters(params);
        }
        socket.startHandshake();
        return socket;
    }

    private PgServer startTls(Path dir, X509Bundle cert) throws Exception {
        Path certFile = write(dir, "server.crt", cert.getCertificatePathPEM());
        Path keyFile = write(dir, "server.key", cert.getPrivateKeyPEM());
        server = PgServer.builder().port(0).tls(certFile.toFile(), keyFile.toFile()).handler(s -> selectOne())
                .build().start();
        return server;
    }

    @Test
    void directTlsWithThePostgresqlAlpnProtocol(@TempDir Path dir) throws Exception {
        startTls(dir, leaf(CA, "CN=localhost"));
        try (SSLSocket socket = directTls("postgresql")) {
            assertEquals("postgresql", socket.getApplicationProtocol());
            socket.getOutputStream().write(FrontendEncoder.startup(Map.of("user", "u")));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals('R', in.readByte());
            assertEquals(8, in.readInt());
            assertEquals(0, in.readInt(), "AuthenticationOk");
        }
        // SSLRequest negotiation keeps working beside it.
        try (RawPgClient plain = RawPgClient.connect(server.port())) {
            plain.send(FrontendEncoder.sslRequest());
            assertEquals('S', plain.readByte());
        }
    }

    @Test
    void directTlsWithoutAlpnIsRefused(@TempDir Path dir) throws Exception {
        startTls(dir, leaf(CA, "CN=localhost"));
        try (SSLSocket socket = directTls(null)) {
            socket.getOutputStream().write(FrontendEncoder.startup(Map.of("user", "u")));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals('E', in.readByte());
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            String fields = new String(body, StandardCharsets.UTF_8);
            assertTrue(fields.contains("C08P01"), fields);
            assertTrue(fields.contains(
                    "received direct SSL connection request without ALPN protocol negotiation extension"), fields);
        }
    }

    private static boolean connects(PgServer server, Path rootCert) {
        Properties p = new Properties();
        p.setProperty("user", "u");
        p.setProperty("sslmode", "verify-ca");
        p.setProperty("sslrootcert", rootCert.toString());
        p.setProperty("connectTimeout", "10");
        try (var c = DriverManager.getConnection(server.jdbcUrl(), p)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void reloadTlsPicksUpARenewedCertificate(@TempDir Path dir) throws Exception {
        startTls(dir, leaf(CA, "CN=localhost"));
        Path oldCa = write(dir, "old-ca.crt", CA.getCertificatePEM());
        X509Bundle newCa = ca("CN=renewed CA");
        Path newCaFile = write(dir, "new-ca.crt", newCa.getCertificatePEM());
        assertTrue(connects(server, oldCa));
        assertTrue(!connects(server, newCaFile));

        X509Bundle renewed = leaf(newCa, "CN=localhost");
        Files.move(write(dir, "tmp.crt", renewed.getCertificatePathPEM()), dir.resolve("server.crt"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(write(dir, "tmp.key", renewed.getPrivateKeyPEM()), dir.resolve("server.key"),
                StandardCopyOption.REPLACE_EXISTING);
        server.reloadTls();
        assertTrue(connects(server, newCaFile));
        assertTrue(!connects(server, oldCa));
    }

    private static String psql(PgServer server, String user, Path cert, Path key) throws Exception {
        StringBuilder conn = new StringBuilder("host=127.0.0.1 port=" + server.port() + " user=" + user
                + " dbname=postgres sslmode=require");
        if (cert != null) {
            conn.append(" sslcert=").append(cert).append(" sslkey=").append(key);
        } else {
            conn.append(" sslcert=/nonexistent sslkey=/nonexistent");
        }
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-w", "-A", "-t", conn.toString(), "-c", "select 1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void clientCertificateAuthentication(@TempDir Path dir) throws Exception {
        X509Bundle serverCert = leaf(CA, "CN=localhost");
        Path certFile = write(dir, "server.crt", serverCert.getCertificatePathPEM());
        Path keyFile = write(dir, "server.key", serverCert.getPrivateKeyPEM());
        Path caFile = write(dir, "ca.crt", CA.getCertificatePEM());
        server = PgServer.builder().port(0).tls(certFile.toFile(), keyFile.toFile())
                .tlsClientCertificates(caFile.toFile()).authentication(AuthMethod.CERT, null)
                .handler(s -> selectOne()).build().start();
        X509Bundle alice = new CertificateBuilder().subject("CN=alice").addExtendedKeyUsageClientAuth().ecp256()
                .buildIssuedBy(CA);
        Path aliceCert = write(dir, "alice.crt", alice.getCertificatePathPEM());
        Path aliceKey = write(dir, "alice.key", alice.getPrivateKeyPEM());

        assertEquals("1\n", psql(server, "alice", aliceCert, aliceKey));
        String wrongUser = psql(server, "bob", aliceCert, aliceKey);
        assertTrue(wrongUser.contains("FATAL:  certificate authentication failed for user \"bob\""), wrongUser);
        String noCert = psql(server, "alice", null, null);
        assertTrue(noCert.contains("FATAL:  connection requires a valid client certificate"), noCert);

        X509Bundle stranger = new CertificateBuilder().subject("CN=alice").setIsCertificateAuthority(true).ecp256()
                .buildSelfSigned();
        Path strangerCert = write(dir, "stranger.crt", stranger.getCertificatePathPEM());
        Path strangerKey = write(dir, "stranger.key", stranger.getPrivateKeyPEM());
        String untrusted = psql(server, "alice", strangerCert, strangerKey);
        assertTrue(!untrusted.startsWith("1"), "a certificate from an unknown CA must not log in: " + untrusted);
        assertThrows(IllegalStateException.class, () -> PgServer.builder().authentication(AuthMethod.CERT, null)
                .handler(s -> selectOne()).build());
    }
}
