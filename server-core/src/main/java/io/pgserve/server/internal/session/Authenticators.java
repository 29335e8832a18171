package io.pgserve.server.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.AuthenticationFailure;
import io.pgserve.server.auth.Credentials;
import io.pgserve.server.internal.auth.ChannelBinding;
import io.pgserve.server.internal.auth.Md5Authenticator;
import io.pgserve.server.internal.auth.PasswordVerifier;
import io.pgserve.server.internal.auth.ScramSha256Authenticator;
import io.pgserve.server.internal.protocol.ProtocolException;
import io.pgserve.server.internal.protocol.Wire;
import io.pgserve.server.internal.protocol.backend.Authentication;
import io.pgserve.server.internal.protocol.backend.BackendMessage;

import java.security.cert.X509Certificate;

/**
 * The {@link AuthExchange} for each {@link AuthMethod}, over the password mechanics of
 * {@code io.pgserve.server.internal.auth}. Failures carry PostgreSQL's SQLSTATE and message; an unknown user and a
 * wrong password fail the same way, after the same work.
 */
final class Authenticators {
    private Authenticators() {
    }

    static AuthExchange create(ServerRuntime runtime, String user, X509Certificate serverCertificate,
                               X509Certificate clientCertificate) {
        ServerConfig config = runtime.config();
        if (config.authMethod() == AuthMethod.CERT) {
            return certificate(user, clientCertificate);
        }
        if (config.authMethod() == AuthMethod.TRUST) {
            return new AuthExchange() {
                @Override
                public boolean blocking() {
                    return false;
                }

                @Override
                public BackendMessage start() {
                    return Authentication.AUTHENTICATION_OK;
                }

                @Override
                public Step step(byte[] body) {
                    throw new ProtocolException("unexpected password message");
                }
            };
        }
        return new PasswordExchange(runtime, user, serverCertificate);
    }

    /**
     * pg_hba {@code cert}: the client's certificate (already verified against the trusted CAs by the TLS handshake)
     * must name the user in its common name.
     */
    private static AuthExchange certificate(String user, X509Certificate clientCertificate) {
        return new AuthExchange() {
            @Override
            public boolean blocking() {
                return false;
            }

            @Override
            public BackendMessage start() {
                if (clientCertificate == null) {
                    throw PgException.builder(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                            "connection requires a valid client certificate").severity(PgException.Severity.FATAL)
                            .build();
                }
                if (!user.equals(commonName(clientCertificate))) {
                    throw PgException.builder(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                            "certificate authentication failed for user \"" + user + "\"")
                            .severity(PgException.Severity.FATAL).build();
                }
                return Authentication.AUTHENTICATION_OK;
            }

            @Override
            public Step step(byte[] body) {
                throw new ProtocolException("unexpected password message");
            }
        };
    }

    /** The CN of a certificate's subject, or null. */
    static String commonName(X509Certificate certificate) {
        try {
            javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(
                    certificate.getSubjectX500Principal().getName());
            for (javax.naming.ldap.Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }

    /** Cleartext, MD5 or SCRAM-SHA-256, chosen once the user's credentials are known. */
    private static final class PasswordExchange implements AuthExchange {
        private final ServerRuntime runtime;
        private final String user;
        private final X509Certificate certificate;
        private AuthMethod method;
        private Credentials credentials;
        private byte[] md5Salt;
        private ScramSha256Authenticator scram;
        private boolean scramStarted;

        PasswordExchange(ServerRuntime runtime, String user, X509Certificate certificate) {
            this.runtime = runtime;
            this.user = user;
            this.certificate = certificate;
        }

        @Override
        public BackendMessage start() {
            credentials = runtime.config().credentials().lookup(user).orElse(null);
            method = runtime.config().authMethod().challengeFor(credentials);
            switch (method) {
                case PASSWORD:
                    return Authentication.CLEARTEXT;
                case MD5:
                    md5Salt = Md5Authenticator.newSalt(runtime.random());
                    return Authentication.md5(md5Salt);
                default: {
                    byte[] binding = certificate == null ? null
                            : ChannelBinding.tlsServerEndPoint(certificate).orElse(null);
                    scram = ScramSha256Authenticator.forCredentials(user, credentials, binding, runtime.mockNonce(),
                            runtime.random());
                    return Authentication.sasl(scram.mechanisms());
                }
            }
        }

        @Override
        public Step step(byte[] body) throws Exception {
            try {
                switch (method) {
                    case PASSWORD: {
                        String password = cString(body);
                        if (credentials == null || password.isEmpty()
                                || !PasswordVerifier.verify(credentials, user, password)) {
                            throw AuthenticationFailure.passwordFailed(user, credentials == null
                                    ? "Role \"" + user + "\" does not exist." : "Password does not match.");
                        }
                        return Step.done(null);
                    }
                    case MD5: {
                        String response = cString(body);
                        if (credentials == null || !Md5Authenticator.verify(credentials, user, md5Salt, response)) {
                            throw AuthenticationFailure.passwordFailed(user, credentials == null
                                    ? "Role \"" + user + "\" does not exist." : "Password does not match.");
                        }
                        return Step.done(null);
                    }
                    default:
                        return scramStep(body);
                }
            } catch (AuthenticationFailure f) {
                PgException.Builder b = PgException.builder(f.sqlState(), f.getMessage())
                        .severity(PgException.Severity.FATAL);
                f.detail().ifPresent(b::detail);
                throw b.build();
            }
        }

        private Step scramStep(byte[] body) throws AuthenticationFailure {
            if (!scramStarted) {
                // SASLInitialResponse: mechanism name, Int32 length of the initial response (-1: none), response.
                ByteBuf buf = Unpooled.wrappedBuffer(body);
                String mechanism = Wire.readCString(buf);
                Wire.require(buf, 4);
                int length = buf.readInt();
                byte[] initial = null;
                if (length >= 0) {
                    Wire.require(buf, length);
                    initial = new byte[length];
                    buf.readBytes(initial);
                }
                if (buf.isReadable()) {
                    throw new ProtocolException("invalid SASL initial response");
                }
                byte[] serverFirst = scram.handleClientFirst(mechanism, initial);
                scramStarted = initial != null;
                return Step.next(Authentication.saslContinue(serverFirst));
            }
            byte[] serverFinal = scram.handleClientFinal(body);
            return Step.done(Authentication.saslFinal(serverFinal));
        }

        private static String cString(byte[] body) {
            ByteBuf buf = Unpooled.wrappedBuffer(body);
            String s = Wire.readCString(buf);
            if (buf.isReadable()) {
                throw new ProtocolException("invalid password packet size");
            }
            return s;
        }
    }
}
