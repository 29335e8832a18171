package io.pgserve.server.auth;

/**
 * How the server authenticates a connection, named after pg_hba.conf's methods.
 *
 * <pre>{@code
 * AuthMethod configured = AuthMethod.MD5;
 * Credentials creds = store.lookup(user).orElse(null);
 * switch (configured.challengeFor(creds)) {
 *     case TRUST -> sendAuthenticationOk();
 *     case PASSWORD -> sendAuthenticationCleartextPassword();
 *     case MD5 -> sendAuthenticationMD5Password(salt);
 *     case SCRAM_SHA_256 -> sendAuthenticationSASL(ScramSha256Authenticator.mechanisms(tls));
 * }
 * }</pre>
 */
public enum AuthMethod {
    /** No password: every client is accepted (pg_hba {@code trust}). */
    TRUST,
    /** Cleartext password (AuthenticationCleartextPassword, pg_hba {@code password}); use only over TLS. */
    PASSWORD,
    /** MD5 challenge-response (AuthenticationMD5Password, pg_hba {@code md5}). */
    MD5,
    /** SASL SCRAM-SHA-256, with channel binding ({@code -PLUS}) on TLS (pg_hba {@code scram-sha-256}). */
    SCRAM_SHA_256,
    /**
     * A TLS client certificate, signed by a CA given to {@code PgServer.Builder.tlsClientCertificates}, whose
     * common name (CN) is the user name (pg_hba {@code cert}). No credential store is needed.
     */
    CERT;

    /**
     * The challenge the server actually sends when this method is configured and the user's stored
     * credentials are {@code credentials} ({@code null} for an unknown user). This follows
     * PostgreSQL's CheckPWChallengeAuth: "md5" is honoured only when an MD5 exchange can succeed
     * (the store holds an MD5 hash, or a plain password); otherwise, including for unknown users,
     * SCRAM-SHA-256 is used (as PostgreSQL does with its default {@code password_encryption}), so the
     * choice does not reveal whether the user exists unless the store mixes MD5 and SCRAM users.
     * The other methods are returned unchanged.
     */
    public AuthMethod challengeFor(Credentials credentials) {
        if (this == MD5 && (credentials == null || !credentials.supports(MD5))) {
            return SCRAM_SHA_256;
        }
        return this;
    }
}
