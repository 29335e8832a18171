package io.pgserve.server.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal client side of SCRAM-SHA-256 for tests, written from RFC 5802 section 3 the way libpq's
 * fe-auth-scram.c behaves: empty user name ({@code n=}), SASLprep'd password, and
 * {@code p=tls-server-end-point} when given channel-binding data.
 */
final class TestScramClient {
    private final byte[] password;
    private final String clientNonce;
    private final String gs2Header;
    private final byte[] channelBindingData;

    /** The SCRAM user name; libpq sends it empty, and PostgreSQL ignores it anyway. */
    String userName = "";
    private String clientFirstBare;
    private String authMessage;
    private byte[] saltedPassword;

    /** Client with flag {@code n} (no channel binding) or {@code p} (when {@code cbData} is non-null). */
    TestScramClient(String password, String clientNonce, byte[] cbData) {
        this(password.getBytes(StandardCharsets.UTF_8), clientNonce,
                cbData != null ? "p=tls-server-end-point,," : "n,,", cbData);
    }

    /** Client with an explicit gs2 header (e.g. {@code "y,,"}). */
    TestScramClient(byte[] password, String clientNonce, String gs2Header, byte[] cbData) {
        this.password = password;
        this.clientNonce = clientNonce;
        this.gs2Header = gs2Header;
        this.channelBindingData = cbData;
    }

    byte[] clientFirst() {
        clientFirstBare = "n=" + userName + ",r=" + clientNonce;
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.US_ASCII);
    }

    byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.US_ASCII);
        Map<Character, String> attrs = parse(serverFirst);
        String nonce = attrs.get('r');
        if (!nonce.startsWith(clientNonce)) {
            throw new IllegalStateException("server nonce does not extend ours");
        }
        byte[] salt = Base64.getDecoder().decode(attrs.get('s'));
        int iterations = Integer.parseInt(attrs.get('i'));
        byte[] cbindInput = gs2Header.getBytes(StandardCharsets.US_ASCII);
        if (channelBindingData != null) {
            byte[] withData = new byte[cbindInput.length + channelBindingData.length];
            System.arraycopy(cbindInput, 0, withData, 0, cbindInput.length);
            System.arraycopy(channelBindingData, 0, withData, cbindInput.length, channelBindingData.length);
            cbindInput = withData;
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbindInput) + ",r=" + nonce;
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        saltedPassword = ScramFunctions.saltedPassword(password, salt, iterations);
        byte[] clientKey = ScramFunctions.clientKey(saltedPassword);
        byte[] storedKey = ScramFunctions.sha256(clientKey);
        byte[] signature = ScramFunctions.hmac(storedKey, authMessage.getBytes(StandardCharsets.US_ASCII));
        byte[] proof = ScramFunctions.xor(clientKey, signature);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Checks the server's {@code v=} signature; false means the server did not know our key. */
    boolean serverFinalValid(byte[] serverFinal) {
        byte[] serverKey = ScramFunctions.serverKey(saltedPassword);
        byte[] expected = ScramFunctions.hmac(serverKey, authMessage.getBytes(StandardCharsets.US_ASCII));
        String v = new String(serverFinal, StandardCharsets.US_ASCII);
        return v.startsWith("v=") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(v.substring(2)));
    }

    private static Map<Character, String> parse(String message) {
        Map<Character, String> m = new HashMap<>();
        for (String part : message.split(",")) {
            m.put(part.charAt(0), part.substring(2));
        }
        return m;
    }
}
