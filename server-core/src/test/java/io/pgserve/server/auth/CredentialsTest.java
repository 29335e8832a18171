package io.pgserve.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgserve.server.internal.auth.PasswordVerifier;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private static final String RFC_VERIFIER = // RFC 7677's user: password "pencil"
            "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

    @Test
    void fromPasswordKeepsVerifierAndMd5ButNoPassword() {
        Credentials c = Credentials.fromPassword("alice", "secret");
        assertTrue(c.scramSecret().orElseThrow().matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/]{22}==\\$[^:]{44}:.{44}"));
        assertTrue(c.md5Hash().orElseThrow().matches("md5[0-9a-f]{32}"));
        assertTrue(c.plainPassword().isEmpty());
        assertFalse(c.toString().contains("secret"));
        assertEquals("Credentials[scram-sha-256, md5]", c.toString());
        for (AuthMethod m : AuthMethod.values()) {
            assertTrue(c.supports(m));
        }
        assertTrue(PasswordVerifier.verify(c, "alice", "secret"));
        // A fresh random salt each time.
        assertNotEquals(c.scramSecret(), Credentials.fromPassword("alice", "secret").scramSecret());
        assertTrue(Credentials.fromPassword("alice", "secret", 10000, new SecureRandom())
                .scramSecret().orElseThrow().startsWith("SCRAM-SHA-256$10000:"));
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromPassword("alice", ""));
    }

    @Test
    void parseRecognizesWhatRolpasswordHolds() {
        Credentials scram = Credentials.parse(RFC_VERIFIER);
        assertEquals(RFC_VERIFIER, scram.scramSecret().orElseThrow());
        assertTrue(PasswordVerifier.verify(scram, "user", "pencil"));
        assertFalse(scram.supports(AuthMethod.MD5));

        Credentials md5 = Credentials.parse("md5AFD04D077A4C49E8EA707A36A1ACEACF");
        assertEquals("md5afd04d077a4c49e8ea707a36a1aceacf", md5.md5Hash().orElseThrow());
        assertFalse(md5.supports(AuthMethod.SCRAM_SHA_256));
        assertTrue(PasswordVerifier.verify(md5, "erin", "secret"));

        Credentials plain = Credentials.parse("md5notahash");
        assertEquals("md5notahash", plain.plainPassword().orElseThrow());
        assertEquals("Credentials[plain]", plain.toString());

        assertThrows(IllegalArgumentException.class, () -> Credentials.parse("SCRAM-SHA-256$4096:abc$def:ghi"));
        assertThrows(IllegalArgumentException.class, () -> Credentials.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Credentials.scramVerifier("SCRAM-SHA-256$0:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU="));
        assertThrows(IllegalArgumentException.class, () -> Credentials.md5("md5xyz"));
        Credentials both = Credentials.of(RFC_VERIFIER, "md5afd04d077a4c49e8ea707a36a1aceacf");
        assertEquals("Credentials[scram-sha-256, md5]", both.toString());
    }

    @Test
    void challengeFollowsPostgres() {
        Credentials scramOnly = Credentials.scramVerifier(RFC_VERIFIER);
        Credentials md5Only = Credentials.md5("md5afd04d077a4c49e8ea707a36a1aceacf");
        assertEquals(AuthMethod.SCRAM_SHA_256, AuthMethod.MD5.challengeFor(scramOnly));
        assertEquals(AuthMethod.SCRAM_SHA_256, AuthMethod.MD5.challengeFor(null));
        assertEquals(AuthMethod.MD5, AuthMethod.MD5.challengeFor(md5Only));
        assertEquals(AuthMethod.MD5, AuthMethod.MD5.challengeFor(Credentials.plain("x")));
        assertEquals(AuthMethod.SCRAM_SHA_256, AuthMethod.SCRAM_SHA_256.challengeFor(md5Only));
        assertEquals(AuthMethod.PASSWORD, AuthMethod.PASSWORD.challengeFor(null));
        assertEquals(AuthMethod.TRUST, AuthMethod.TRUST.challengeFor(null));
    }

    @Test
    void storesHoldNoPasswords() {
        CredentialStore store = CredentialStore.builder().iterations(4100).user("alice", "secret").user("bob", "pw").build();
        Credentials alice = store.lookup("alice").orElseThrow();
        assertTrue(alice.plainPassword().isEmpty());
        assertTrue(alice.scramSecret().orElseThrow().startsWith("SCRAM-SHA-256$4100:"));
        assertTrue(PasswordVerifier.verify(alice, "alice", "secret"));
        assertFalse(PasswordVerifier.verify(store.lookup("bob").orElseThrow(), "bob", "secret"));
        assertTrue(store.lookup("carol").isEmpty());
        assertTrue(store.lookup(null).isEmpty());

        CredentialStore fromMap = CredentialStore.of(Map.of("carol", "c4rol"));
        assertTrue(PasswordVerifier.verify(fromMap.lookup("carol").orElseThrow(), "carol", "c4rol"));
        assertTrue(CredentialStore.builder().user("dave", Credentials.parse(RFC_VERIFIER)).build().lookup("dave").isPresent());
    }

    @Test
    void failureShapes() {
        AuthenticationFailure f = AuthenticationFailure.passwordFailed("alice", "Password does not match.");
        assertEquals("28P01", f.sqlState());
        assertEquals("password authentication failed for user \"alice\"", f.getMessage());
        assertTrue(f.detail().isEmpty());
        assertEquals("Password does not match.", f.logDetail().orElseThrow());
    }
}
