package io.pgserve.server.psql;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A self-signed server certificate for 127.0.0.1 / localhost, written as PEM files for PgServer.Builder#tls. */
record TestCertificates(File certificate, File privateKey) {

    static TestCertificates write(Path dir) throws Exception {
        X509Bundle bundle = new CertificateBuilder()
                .subject("CN=localhost")
                .setIsCertificateAuthority(true)
                .addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1")
                .notBefore(Instant.now().minus(1, ChronoUnit.DAYS))
                .notAfter(Instant.now().plus(1, ChronoUnit.DAYS))
                .rsa2048()
                .buildSelfSigned();
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        Files.writeString(cert, bundle.getCertificatePEM());
        Files.writeString(key, bundle.getPrivateKeyPEM());
        return new TestCertificates(cert.toFile(), key.toFile());
    }
}
