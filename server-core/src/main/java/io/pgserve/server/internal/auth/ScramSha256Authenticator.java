package io.pgserve.server.internal.auth;

import io.pgserve.server.auth.AuthenticationFailure;
import io.pgserve.server.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The server side of one SASL SCRAM-SHA-256(-PLUS) exchange (RFC 5802, RFC 7677), following
 * PostgreSQL's src/backend/libpq/auth-scram.c, including its error messages and SQLSTATEs.
 * One instance per connection; not thread-safe.
 *
 * <p>The session sends the messages itself:
 *
 * <pre>{@code
 * Credentials creds = store.lookup(user).orElse(null);            // off the event loop
 * ScramSha256Authenticator scram = ScramSha256Authenticator.forCredentials(
 *         user, creds, tls ? ChannelBinding.tlsServerEndPoint(cert).orElse(null) : null, mockNonce, random);
 * send(AuthenticationSASL(scram.mechanisms()));
 * // SASLInitialResponse(mechanism, data):
 * byte[] serverFirst = scram.handleClientFirst(mechanism, data); // data null if length was -1
 * send(AuthenticationSASLContinue(serverFirst));
 * // SASLResponse(data):
 * byte[] serverFinal = scram.handleClientFinal(data);
 * send(AuthenticationSASLFinal(serverFinal)); send(AuthenticationOk);
 * // any AuthenticationFailure: send ErrorResponse(FATAL, f.sqlState(), f.getMessage(), f.detail())
 * }</pre>
 *
 * <p>PostgreSQL specifics, kept here:
 *
 * <ul>
 *   <li>The user name in client-first ({@code n=}) is ignored: "in PostgreSQL the username is sent
 *       in the startup packet, and the username in the SCRAM exchange is ignored. libpq always sends
 *       it as an empty string."</li>
 *   <li>Unknown users, and users without a SCRAM verifier, get a <em>mock</em> exchange: a fake salt
 *       that is stable per user name ({@link MockAuthNonce}), the usual iteration count, and a proof
 *       check performed with the same work as a real one, so "the unknown user fails only at the end"
 *       with the same error as a wrong password.</li>
 *   <li>The only channel-binding type is {@code tls-server-end-point}; a client that answers
 *       {@code y} (supports binding but thinks the server does not) is rejected when we could bind.</li>
 *   <li>Failure of the proof is reported as {@code password authentication failed for user "..."}
 *       (SQLSTATE 28P01), not as SCRAM's {@code e=invalid-proof}, "so that the error message for
 *       invalid password is the same for all authentication methods".</li>
 * </ul>
 */
public final class ScramSha256Authenticator {
    /** Mechanism name without channel binding. */
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    /** Mechanism name with channel binding. */
    public static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";

    /** PostgreSQL's SCRAM_RAW_NONCE_LEN: random bytes in the server nonce, sent base64-encoded. */
    static final int RAW_NONCE_LENGTH = 18;

    private enum State { INIT, SALT_SENT, FINISHED, FAILED }

    private final String user;
    private final byte[] channelBindingData; // null: no TLS / no -PLUS
    private final SecureRandom random;
    private final int iterations;
    private final byte[] salt;
    private final byte[] storedKey;
    private final byte[] serverKey;
    private final boolean doomed;
    private final String logDetail;

    private State state = State.INIT;
    private String fixedServerNonce;
    private boolean channelBindingInUse;
    private char cbindFlag;
    private String clientFirstMessageBare;
    private String clientNonce;
    private String serverNonce;
    private String serverFirstMessage;

    /**
     * @param user the user name from the startup packet
     * @param verifier the user's SCRAM verifier, or {@code null} for an unknown user or one without
     *     SCRAM-capable credentials (the exchange is then a mock one, bound to fail at the end)
     * @param channelBindingData the {@code tls-server-end-point} hash of our certificate when on TLS
     *     ({@link ChannelBinding#tlsServerEndPoint}), else {@code null}
     * @param mockNonce the server's secret for fake salts
     * @param random the source of server nonces
     */
    public ScramSha256Authenticator(String user, ScramVerifier verifier, byte[] channelBindingData,
                                    MockAuthNonce mockNonce, SecureRandom random) {
        this(user, verifier, channelBindingData, mockNonce, random, null);
    }

    private ScramSha256Authenticator(String user, ScramVerifier verifier, byte[] channelBindingData,
                                     MockAuthNonce mockNonce, SecureRandom random, String mockLogDetail) {
        this.user = Objects.requireNonNull(user, "user");
        this.random = Objects.requireNonNull(random, "random");
        Objects.requireNonNull(mockNonce, "mockNonce");
        if (channelBindingData != null && channelBindingData.length == 0) {
            throw new IllegalArgumentException("empty channel-binding data");
        }
        this.channelBindingData = channelBindingData == null ? null : channelBindingData.clone();
        if (verifier != null) {
            this.iterations = verifier.iterations();
            this.salt = verifier.salt();
            this.storedKey = verifier.storedKey();
            this.serverKey = verifier.serverKey();
            this.doomed = false;
            this.logDetail = null;
        } else {
            // mock_scram_secret: deterministic salt, default iterations; "StoredKey and ServerKey are
            // not used in a doomed authentication" -- but the proof is still computed against them.
            this.iterations = mockNonce.iterations();
            this.salt = mockNonce.saltFor(user);
            this.storedKey = new byte[ScramFunctions.KEY_LENGTH];
            this.serverKey = new byte[ScramFunctions.KEY_LENGTH];
            this.doomed = true;
            this.logDetail = mockLogDetail;
        }
    }

    /**
     * Creates the authenticator for whatever {@code credentials} hold: a SCRAM verifier is used as
     * is; a plain password is turned into a verifier with the user's stable salt from
     * {@code mockNonce} (so its salt looks just like an unknown user's would); an MD5-only or absent
     * credential gives a mock exchange.
     */
    public static ScramSha256Authenticator forCredentials(String user, Credentials credentials,
                                                          byte[] channelBindingData, MockAuthNonce mockNonce,
                                                          SecureRandom random) {
        ScramVerifier verifier = null;
        String mockDetail = null;
        if (credentials != null) {
            if (credentials.scramSecret().isPresent()) {
                verifier = ScramVerifier.parse(credentials.scramSecret().get());
            } else if (credentials.plainPassword().isPresent()) {
                verifier = ScramVerifier.generate(credentials.plainPassword().get(), mockNonce.saltFor(user),
                        mockNonce.iterations());
            } else {
                mockDetail = "User \"" + user + "\" does not have a valid SCRAM secret.";
            }
        }
        return new ScramSha256Authenticator(user, verifier, channelBindingData, mockNonce, random, mockDetail);
    }

    /**
     * The mechanisms to list in AuthenticationSASL, "in decreasing order of importance. So the
     * channel-binding variants go first, if they are supported."
     *
     * @param channelBinding whether channel-binding data is available (we are on TLS and the
     *     certificate's hash could be computed)
     */
    public static List<String> mechanisms(boolean channelBinding) {
        return channelBinding ? List.of(SCRAM_SHA_256_PLUS, SCRAM_SHA_256) : List.of(SCRAM_SHA_256);
    }

    /** The mechanisms for this exchange: {@link #mechanisms(boolean)} for its channel-binding data. */
    public List<String> mechanisms() {
        return mechanisms(channelBindingData != null);
    }

    /** For tests: use this server nonce instead of a random one. Call before the first message. */
    void fixServerNonceForTesting(String nonce) {
        this.fixedServerNonce = nonce;
    }

    /** Whether the exchange finished successfully. */
    public boolean isComplete() {
        return state == State.FINISHED;
    }

    /**
     * Handles the SASLInitialResponse.
     *
     * @param mechanism the mechanism the client selected
     * @param clientFirst the initial response, or {@code null} if the client sent none (length -1):
     *     then an empty challenge is returned, to be sent as AuthenticationSASLContinue, and the
     *     client's next SASLResponse must be passed to this method again
     * @return the server-first-message, e.g. {@code r=<nonce>,s=<salt>,i=4096}
     * @throws AuthenticationFailure on an invalid mechanism or a malformed message
     */
    public byte[] handleClientFirst(String mechanism, byte[] clientFirst) throws AuthenticationFailure {
        if (state != State.INIT) {
            throw new IllegalStateException("client-first-message already handled");
        }
        try {
            // scram_init: "If the client nevertheless tries to select [the PLUS variant we did not
            // advertise], it's a protocol violation like selecting any other SASL mechanism."
            if (SCRAM_SHA_256_PLUS.equals(mechanism) && channelBindingData != null) {
                channelBindingInUse = true;
            } else if (SCRAM_SHA_256.equals(mechanism)) {
                channelBindingInUse = false;
            } else {
                throw AuthenticationFailure.protocolViolation(
                        "client selected an invalid SASL authentication mechanism", null);
            }
            if (clientFirst == null) {
                // "If the client didn't include an Initial Client Response ... send an empty challenge".
                return new byte[0];
            }
            readClientFirstMessage(checkInput(clientFirst));
            serverNonce = fixedServerNonce != null ? fixedServerNonce : newServerNonce();
            serverFirstMessage = "r=" + clientNonce + serverNonce
                    + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
            state = State.SALT_SENT;
            return serverFirstMessage.getBytes(StandardCharsets.ISO_8859_1);
        } catch (AuthenticationFailure | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Handles the SASLResponse carrying the client-final-message.
     *
     * @return the server-final-message {@code v=<ServerSignature>}, to be sent as
     *     AuthenticationSASLFinal before AuthenticationOk
     * @throws AuthenticationFailure on a malformed message, channel-binding mismatch, or a wrong proof
     *     / unknown user (28P01, identical in both cases)
     */
    public byte[] handleClientFinal(byte[] clientFinal) throws AuthenticationFailure {
        if (state != State.SALT_SENT) {
            throw new IllegalStateException("not expecting a client-final-message in state " + state);
        }
        state = State.FAILED; // until proven otherwise
        String input = checkInput(clientFinal);
        Cursor c = new Cursor(input);

        /*
         * client-final-message-without-proof = channel-binding "," nonce ["," extensions]
         * client-final-message = client-final-message-without-proof "," proof
         * channel-binding = "c=" base64   ;; base64 encoding of cbind-input.
         * cbind-input = gs2-header [ cbind-data ]
         */
        String channelBinding = c.readAttrValue('c');
        if (channelBindingInUse) {
            byte[] header = "p=tls-server-end-point,,".getBytes(StandardCharsets.US_ASCII);
            byte[] cbindInput = Arrays.copyOf(header, header.length + channelBindingData.length);
            System.arraycopy(channelBindingData, 0, cbindInput, header.length, channelBindingData.length);
            byte[] expected = Base64.getEncoder().encode(cbindInput);
            if (!MessageDigest.isEqual(expected, channelBinding.getBytes(StandardCharsets.ISO_8859_1))) {
                throw new AuthenticationFailure(AuthenticationFailure.INVALID_AUTHORIZATION_SPECIFICATION,
                        "SCRAM channel binding check failed", null, null);
            }
        } else {
            // "the binding data is expected to always be "biws", which is "n,," base64-encoded, or
            // "eSws", which is "y,,". We also have to check whether the flag is the same one that
            // the client originally sent."
            if (!(channelBinding.equals("biws") && cbindFlag == 'n')
                    && !(channelBinding.equals("eSws") && cbindFlag == 'y')) {
                throw AuthenticationFailure.protocolViolation(
                        "unexpected SCRAM channel-binding attribute in client-final-message", null);
            }
        }

        String finalNonce = c.readAttrValue('r');

        // Skip optional extensions until the proof attribute "p".
        int proofStart;
        char attr;
        String proofValue;
        do {
            proofStart = c.pos - 1; // the ',' before the attribute
            attr = c.peek();
            proofValue = c.readAnyAttr();
        } while (attr != 'p');

        byte[] clientProof = decodeBase64(proofValue);
        if (clientProof == null || clientProof.length != ScramFunctions.KEY_LENGTH) {
            throw malformed("Malformed proof in client-final-message.");
        }
        if (!c.atEnd()) {
            throw malformed("Garbage found at the end of client-final-message.");
        }
        String clientFinalWithoutProof = input.substring(0, proofStart);

        if (!finalNonce.equals(clientNonce + serverNonce)) {
            throw AuthenticationFailure.protocolViolation("invalid SCRAM response", "Nonce does not match.");
        }

        // AuthMessage := client-first-message-bare + "," + server-first-message + "," +
        //                client-final-message-without-proof
        byte[] authMessage = (clientFirstMessageBare + "," + serverFirstMessage + "," + clientFinalWithoutProof)
                .getBytes(StandardCharsets.ISO_8859_1);

        // "We calculate the client proof even in a mock authentication, even though it's bound to
        // fail, to thwart timing attacks to determine if a role with the given name exists or not."
        byte[] clientSignature = ScramFunctions.hmac(storedKey, authMessage);
        byte[] clientKey = ScramFunctions.xor(clientProof, clientSignature);
        boolean proofOk = MessageDigest.isEqual(ScramFunctions.sha256(clientKey), storedKey);
        if (!proofOk || doomed) {
            throw AuthenticationFailure.passwordFailed(user, logDetail);
        }

        byte[] serverSignature = ScramFunctions.hmac(serverKey, authMessage);
        state = State.FINISHED;
        return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.US_ASCII);
    }

    /*
     * client-first-message = gs2-header client-first-message-bare
     * gs2-header = gs2-cbind-flag "," [ authzid ] ","
     * gs2-cbind-flag = ("p=" cb-name) / "n" / "y"
     * client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]
     * e.g. "n,,n=,r=rOprNGfwEbeRWgbNEkqO"
     */
    private void readClientFirstMessage(String input) throws AuthenticationFailure {
        Cursor c = new Cursor(input);
        cbindFlag = c.peek();
        switch (cbindFlag) {
            case 'n' -> {
                // The client does not support channel binding or has decided not to use it.
                if (channelBindingInUse) {
                    throw malformed("The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not "
                            + "include channel binding data.");
                }
                c.pos++;
                c.expectComma();
            }
            case 'y' -> {
                // "The client supports channel binding and thinks that the server does not. In this
                // case, the server must fail authentication if it supports channel binding."
                if (channelBindingInUse) {
                    throw malformed("The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not "
                            + "include channel binding data.");
                }
                if (channelBindingData != null) {
                    throw new AuthenticationFailure(AuthenticationFailure.INVALID_AUTHORIZATION_SPECIFICATION,
                            "SCRAM channel binding negotiation error",
                            "The client supports SCRAM channel binding but thinks the server does not.  "
                                    + "However, this server does support channel binding.", null);
                }
                c.pos++;
                c.expectComma();
            }
            case 'p' -> {
                // The client requires channel binding, e.g. "p=tls-server-end-point".
                if (!channelBindingInUse) {
                    throw malformed("The client selected SCRAM-SHA-256 without channel binding, but the SCRAM "
                            + "message includes channel binding data.");
                }
                String type = c.readAttrValue('p');
                if (!type.equals(ChannelBinding.TLS_SERVER_END_POINT)) {
                    throw AuthenticationFailure.protocolViolation(
                            "unsupported SCRAM channel-binding type \"" + sanitizeString(type) + "\"", null);
                }
            }
            default -> throw malformed("Unexpected channel-binding flag \"" + sanitizeChar(cbindFlag) + "\".");
        }

        // "Forbid optional authzid (authorization identity). We don't support it."
        if (c.peek() == 'a') {
            throw new AuthenticationFailure(AuthenticationFailure.FEATURE_NOT_SUPPORTED,
                    "client uses authorization identity, but it is not supported", null, null);
        }
        if (c.peek() != ',') {
            throw malformed("Unexpected attribute \"" + sanitizeChar(c.peek()) + "\" in client-first-message.");
        }
        c.pos++;
        clientFirstMessageBare = input.substring(c.pos);

        // "Any mandatory extensions would go here. We don't support any." RFC 5802 allows failing now.
        if (c.peek() == 'm') {
            throw new AuthenticationFailure(AuthenticationFailure.FEATURE_NOT_SUPPORTED,
                    "client requires an unsupported SCRAM extension", null, null);
        }
        c.readAttrValue('n'); // ignored: PostgreSQL uses the startup packet's user name
        clientNonce = c.readAttrValue('r');
        // c-nonce = printable; printable = %x21-2B / %x2D-7E
        for (int i = 0; i < clientNonce.length(); i++) {
            char ch = clientNonce.charAt(i);
            if (ch < 0x21 || ch > 0x7E || ch == ',') {
                throw AuthenticationFailure.protocolViolation("non-printable characters in SCRAM nonce", null);
            }
        }
        // "There can be any number of optional extensions after this. We don't support any
        // extensions, so ignore them."
        while (!c.atEnd()) {
            c.readAnyAttr();
        }
    }

    /**
     * PostgreSQL treats SCRAM payloads as C strings: "Check that the input length agrees with the
     * string length of the input." Bytes are mapped 1:1 to chars (ISO-8859-1) so that the exact bytes
     * go into AuthMessage.
     */
    private static String checkInput(byte[] input) throws AuthenticationFailure {
        if (input == null || input.length == 0) {
            throw malformed("The message is empty.");
        }
        for (byte b : input) {
            if (b == 0) {
                throw malformed("Message length does not match input length.");
            }
        }
        return new String(input, StandardCharsets.ISO_8859_1);
    }

    private String newServerNonce() {
        // "we generate some random bytes, and base64 encode them"
        byte[] raw = new byte[RAW_NONCE_LENGTH];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static byte[] decodeBase64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static AuthenticationFailure malformed(String detail) {
        return AuthenticationFailure.protocolViolation("malformed SCRAM message", detail);
    }

    /** PostgreSQL's sanitize_char: printable ASCII as {@code 'c'}, anything else as {@code 0xNN}. */
    static String sanitizeChar(char c) {
        return c >= 0x21 && c <= 0x7E ? "'" + c + "'" : String.format("0x%02x", (int) c & 0xFF);
    }

    /** PostgreSQL's sanitize_str: non-printable characters become '?', truncated to 30 characters. */
    static String sanitizeString(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 30; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x21 && c <= 0x7E ? c : '?');
        }
        return sb.toString();
    }

    /** A read position in a SCRAM message; {@code '\0'} stands for the end, as in C. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        void expectComma() throws AuthenticationFailure {
            if (peek() != ',') {
                throw malformed("Comma expected, but found character \"" + sanitizeChar(peek()) + "\".");
            }
            pos++;
        }

        /** read_attr_value: {@code attr "=" value}, consuming a following comma. */
        String readAttrValue(char attr) throws AuthenticationFailure {
            if (peek() != attr) {
                throw malformed("Expected attribute \"" + attr + "\" but found \"" + sanitizeChar(peek()) + "\".");
            }
            pos++;
            if (peek() != '=') {
                throw malformed("Expected character \"=\" for attribute \"" + attr + "\".");
            }
            pos++;
            return value();
        }

        /** read_any_attr: {@code attr-val = ALPHA "=" value}, consuming a following comma. */
        String readAnyAttr() throws AuthenticationFailure {
            char attr = peek();
            if (attr == '\0') {
                throw malformed("Attribute expected, but found end of string.");
            }
            if (!((attr >= 'A' && attr <= 'Z') || (attr >= 'a' && attr <= 'z'))) {
                throw malformed("Attribute expected, but found invalid character \"" + sanitizeChar(attr) + "\".");
            }
            pos++;
            if (peek() != '=') {
                throw malformed("Expected character \"=\" for attribute \"" + attr + "\".");
            }
            pos++;
            return value();
        }

        private String value() {
            int end = s.indexOf(',', pos);
            String v;
            if (end < 0) {
                v = s.substring(pos);
                pos = s.length();
            } else {
                v = s.substring(pos, end);
                pos = end + 1;
            }
            return v;
        }
    }
}
