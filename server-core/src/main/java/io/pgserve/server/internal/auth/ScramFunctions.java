package io.pgserve.server.internal.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 primitives of RFC 5802 section 2.2 / RFC 7677, with the key names of section 3.
 *
 * <pre>
 * SaltedPassword  := Hi(Normalize(password), salt, i)
 * ClientKey       := HMAC(SaltedPassword, "Client Key")
 * StoredKey       := H(ClientKey)
 * ServerKey       := HMAC(SaltedPassword, "Server Key")
 * ClientSignature := HMAC(StoredKey, AuthMessage)
 * ClientProof     := ClientKey XOR ClientSignature
 * ServerSignature := HMAC(ServerKey, AuthMessage)
 * </pre>
 */
public final class ScramFunctions {
    /** Length of every SCRAM-SHA-256 key, signature and proof: the SHA-256 output size. */
    public static final int KEY_LENGTH = 32;

    private static final byte[] CLIENT_KEY = "Client Key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ScramFunctions() {
    }

    /** HMAC-SHA-256. An empty key is allowed (RFC 2104 pads keys with zeros, so it equals a single 0 byte). */
    public static byte[] hmac(byte[] key, byte[]... data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // SecretKeySpec refuses empty keys; HMAC zero-pads the key to the block size anyway.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            for (byte[] d : data) {
                mac.update(d);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** SHA-256. */
    public static byte[] sha256(byte[]... data) {
        MessageDigest md = digest("SHA-256");
        for (byte[] d : data) {
            md.update(d);
        }
        return md.digest();
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /**
     * RFC 5802 {@code Hi(str, salt, i)}, i.e. PBKDF2 with HMAC-SHA-256 and one output block.
     * {@code password} must already be normalized (see {@link SaslPrep}); it is used as raw bytes
     * (javax.crypto's PBKDF2 takes chars, which cannot carry PostgreSQL's non-UTF-8 fallback).
     */
    public static byte[] hi(byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1}); // U1 := HMAC(str, salt + INT(1))
            byte[] result = u.clone();
            for (int n = 1; n < iterations; n++) {
                u = mac.doFinal(u);
                for (int k = 0; k < result.length; k++) {
                    result[k] ^= u[k];
                }
            }
            Arrays.fill(u, (byte) 0);
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** {@code SaltedPassword} for a password as typed: SASLprep (PostgreSQL-style) then {@link #hi}. */
    public static byte[] saltedPassword(byte[] rawPassword, byte[] salt, int iterations) {
        byte[] prepared = SaslPrep.prepare(rawPassword);
        try {
            return hi(prepared, salt, iterations);
        } finally {
            Arrays.fill(prepared, (byte) 0);
        }
    }

    /** {@code ClientKey := HMAC(SaltedPassword, "Client Key")}. */
    public static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, CLIENT_KEY);
    }

    /** {@code ServerKey := HMAC(SaltedPassword, "Server Key")}. */
    public static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, SERVER_KEY);
    }

    /** XOR of two equally long arrays. */
    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch");
        }
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] ^ b[i]);
        }
        return r;
    }
}
