package io.pgserve.server.internal.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;

/**
 * Channel-binding data for SCRAM-SHA-256-PLUS. PostgreSQL supports only the
 * {@code tls-server-end-point} type (RFC 5929 section 4.1): the hash of the server's DER-encoded
 * certificate, where "if the certificate's signatureAlgorithm uses a single hash function and that
 * hash function is either MD5 or SHA-1, then use SHA-256; if the certificate's signatureAlgorithm uses
 * a single hash function and that hash function neither MD5 nor SHA-1, then use the hash function
 * associated with the certificate's signatureAlgorithm".
 *
 * <pre>{@code
 * X509Certificate cert = (X509Certificate) sslSession.getLocalCertificates()[0];
 * byte[] cbData = ChannelBinding.tlsServerEndPoint(cert).orElse(null); // null: offer no -PLUS
 * }</pre>
 */
public final class ChannelBinding {
    /** The only channel-binding type PostgreSQL (and we) support. */
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";

    private ChannelBinding() {
    }

    /**
     * The {@code tls-server-end-point} hash of the server certificate, or empty when its signature
     * algorithm does not name a single hash function (e.g. Ed25519, RSASSA-PSS). PostgreSQL 15 fails
     * for those too ("could not determine server certificate signature algorithm"); a server should
     * then simply not offer SCRAM-SHA-256-PLUS.
     */
    public static Optional<byte[]> tlsServerEndPoint(X509Certificate certificate) {
        String sigAlg = certificate.getSigAlgName().toUpperCase(Locale.ROOT); // e.g. SHA256WITHRSA
        int with = sigAlg.indexOf("WITH");
        if (with <= 0) {
            return Optional.empty();
        }
        String hash = switch (sigAlg.substring(0, with)) {
            case "MD5", "SHA1", "SHA-1" -> "SHA-256";
            case "SHA224", "SHA-224" -> "SHA-224";
            case "SHA256", "SHA-256" -> "SHA-256";
            case "SHA384", "SHA-384" -> "SHA-384";
            case "SHA512", "SHA-512" -> "SHA-512";
            case "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512" -> sigAlg.substring(0, with);
            default -> null;
        };
        if (hash == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(hash).digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return Optional.empty();
        }
    }
}
