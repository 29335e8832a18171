package io.pgserve.server.internal.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * SASLprep (RFC 4013) of a password, with PostgreSQL's lenient fallback (src/common/saslprep.c).
 *
 * <p>PostgreSQL does not insist that passwords be valid, prohibited-character-free Unicode: "If the
 * password isn't valid UTF-8, or contains characters prohibited by the SASLprep profile, we skip the
 * SASLprep pre-processing and use the raw bytes in calculating the hash." (auth-scram.c). So
 * {@link #prepare(byte[])} never fails; it returns either the prepared UTF-8 bytes or the input
 * unchanged. The steps, in PostgreSQL's order:
 *
 * <ol>
 *   <li>Pure ASCII input is returned as is ("An ASCII string requires no further processing"),
 *       even if it contains control characters.</li>
 *   <li>Invalid UTF-8 (overlong forms, surrogates, beyond U+10FFFF, truncated) → raw bytes.</li>
 *   <li>Map: RFC 3454 C.1.2 non-ASCII spaces → U+0020; B.1 characters → nothing. An input that
 *       maps to nothing is "prohibited" ("don't allow empty password") → raw bytes.</li>
 *   <li>Normalize with NFKC.</li>
 *   <li>Prohibit (C.1.2, C.2.1, C.2.2, C.3–C.9, and A.1 unassigned in Unicode 3.2) and check bidi
 *       (RFC 3454 section 6) → raw bytes when violated. Note: PostgreSQL runs these two checks on
 *       the <em>mapped</em> code points, i.e. before normalization, and so do we, so that we derive
 *       the very same keys as PostgreSQL for every password.</li>
 * </ol>
 *
 * <p>NFKC uses {@link Normalizer}, i.e. the JDK's Unicode version. Since only code points assigned in
 * Unicode 3.2 survive step 5, and Unicode normalization is stable for assigned characters, this
 * agrees with PostgreSQL's own tables.
 */
final class SaslPrep {
    private SaslPrep() {
    }

    /** Prepares a password given as a Java string (encoded as UTF-8 first). */
    static byte[] prepare(String password) {
        return prepare(password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Prepares a password given as raw bytes (as it arrives in a PasswordMessage).
     *
     * @return the SASLprep'd password as UTF-8, or a copy of {@code password} when PostgreSQL would
     *     use the raw bytes
     */
    static byte[] prepare(byte[] password) {
        byte[] prepared = tryPrepare(password);
        return prepared != null ? prepared : password.clone();
    }

    /** Returns the prepared bytes, or {@code null} when the raw bytes must be used. */
    static byte[] tryPrepare(byte[] password) {
        if (isAscii(password)) {
            return password.clone();
        }
        String decoded = decodeStrictUtf8(password);
        if (decoded == null) {
            return null;
        }

        // 1) Map.
        int[] mapped = decoded.codePoints()
                .filter(cp -> !SaslPrepTables.contains(SaslPrepTables.MAPPED_TO_NOTHING, cp)
                        || SaslPrepTables.contains(SaslPrepTables.NON_ASCII_SPACE, cp))
                .map(cp -> SaslPrepTables.contains(SaslPrepTables.NON_ASCII_SPACE, cp) ? ' ' : cp)
                .toArray();
        if (mapped.length == 0) {
            return null;
        }

        // 2) Normalize (NFKC).
        String normalized = Normalizer.normalize(new String(mapped, 0, mapped.length), Normalizer.Form.NFKC);

        // 3) Prohibit -- on the mapped input, as PostgreSQL does.
        for (int cp : mapped) {
            if (SaslPrepTables.contains(SaslPrepTables.PROHIBITED, cp)
                    || SaslPrepTables.contains(SaslPrepTables.UNASSIGNED, cp)) {
                return null;
            }
        }

        // 4) Bidi (RFC 3454 section 6): "If a string contains any RandALCat character, the string
        // MUST NOT contain any LCat character", and "a RandALCat character MUST be the first
        // character of the string, and a RandALCat character MUST be the last character".
        boolean anyRandAL = Arrays.stream(mapped).anyMatch(cp -> SaslPrepTables.contains(SaslPrepTables.RAND_AL_CAT, cp));
        if (anyRandAL) {
            if (Arrays.stream(mapped).anyMatch(cp -> SaslPrepTables.contains(SaslPrepTables.L_CAT, cp))) {
                return null;
            }
            if (!SaslPrepTables.contains(SaslPrepTables.RAND_AL_CAT, mapped[0])
                    || !SaslPrepTables.contains(SaslPrepTables.RAND_AL_CAT, mapped[mapped.length - 1])) {
                return null;
            }
        }
        return normalized.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Decodes UTF-8, rejecting anything malformed (the JDK decoder rejects overlongs and surrogates). */
    private static String decodeStrictUtf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
