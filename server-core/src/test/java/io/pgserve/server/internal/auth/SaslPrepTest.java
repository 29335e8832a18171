package io.pgserve.server.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SASLprep with PostgreSQL's fallback to raw bytes (src/common/saslprep.c). */
class SaslPrepTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void asciiIsReturnedUnchangedEvenWithControlCharacters() {
        assertArrayEquals(utf8("a\u0007b"), SaslPrep.prepare("a\u0007b"));
        assertArrayEquals(utf8("IX"), SaslPrep.prepare("IX"));
    }

    @Test
    void mapsSpacesDropsNothingCharactersAndNormalizes() {
        assertArrayEquals(utf8("a b"), SaslPrep.prepare("a\u00A0b"));      // C.1.2 -> space
        assertArrayEquals(utf8("ab\u00E9"), SaslPrep.prepare("a\u00ADbe\u0301")); // B.1 soft hyphen dropped, NFKC
        assertArrayEquals(utf8("IX"), SaslPrep.prepare("\u2168"));         // NFKC compatibility mapping
        assertArrayEquals(utf8("a b"), SaslPrep.prepare("a\u200Bb"));      // U+200B is in C.1.2 as well as B.1
    }

    @Test
    void fallsBackToRawBytes() {
        assertNull(SaslPrep.tryPrepare(utf8("\u00FC\u0007")));    // prohibited control character
        assertNull(SaslPrep.tryPrepare(utf8("\u00FC\uE000")));    // private use
        assertNull(SaslPrep.tryPrepare(utf8("\u00FC\u0221")));    // unassigned in Unicode 3.2
        assertNull(SaslPrep.tryPrepare(utf8("\u05D0a")));         // RandALCat with LCat
        assertNull(SaslPrep.tryPrepare(utf8("\u05D01")));         // RandALCat not last
        assertNull(SaslPrep.tryPrepare(utf8("\u00AD\u00AD")));    // maps to nothing: "don't allow empty password"
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9};
        assertNull(SaslPrep.tryPrepare(latin1));                  // not UTF-8
        assertArrayEquals(latin1, SaslPrep.prepare(latin1));
        assertNull(SaslPrep.tryPrepare(new byte[] {(byte) 0xC0, (byte) 0xAF}));             // overlong
        assertNull(SaslPrep.tryPrepare(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})); // surrogate
        assertArrayEquals(utf8("\u05D01\u05D1"), SaslPrep.prepare("\u05D01\u05D1")); // valid RTL string
    }

    @Test
    void prohibitionIsCheckedBeforeNormalizationLikePostgres() {
        // U+2FF0 (IDEOGRAPHIC DESCRIPTION CHARACTER, C.7) is prohibited as input ...
        assertNull(SaslPrep.tryPrepare(utf8("\u00FC\u2FF0")));
        // ... while U+FB1D's NFKC form (U+05D9 U+05B4) is checked only in its original, mapped form.
        assertArrayEquals(utf8(java.text.Normalizer.normalize("\uFB1D", java.text.Normalizer.Form.NFKC)),
                SaslPrep.prepare("\uFB1D"));
    }
}
