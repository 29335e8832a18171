package io.pgserve.server.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * tls-server-end-point (RFC 5929 section 4.1) for certificates made with
 * {@code openssl req -x509 ...}; the expected hashes come from
 * {@code openssl x509 -outform der | openssl dgst -<hash>}.
 */
class ChannelBindingTest {
    private static final String SHA1RSA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIICAjCCAWugAwIBAgIUMv2SKVFXtxTLTVQbAFkGtvzqMGwwDQYJKoZIhvcNAQEF
            BQAwEjEQMA4GA1UEAwwHc2hhMXJzYTAgFw0yNjExMjIwMzU3NTNaGA8yMTI2MTAy
            OTAzNTc1M1owEjEQMA4GA1UEAwwHc2hhMXJzYTCBnzANBgkqhkiG9w0BAQEFAAOB
            jQAwgYkCgYEAq1VjtqAlDGn/XcfuoCIlBdBqNs8Aynu2wTgwcq4rncspDN9g3Ai6
            OV2Xyvum2pSRHsNPLuklmt8g/Aqv97+0pQfOcH5DTknIVHKl5wqIq7FcRw1N2D7l
            km/Zx1xDHSV84yNGa+4fLYrkBZKYIKGZpQzQY69kW4G8SOrVz2ECo00CAwEAAaNT
            MFEwHQYDVR0OBBYEFKqCcVK13Qc0m8CxMmLLATUmlktFMB8GA1UdIwQYMBaAFKqC
            cVK13Qc0m8CxMmLLATUmlktFMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQEF
            BQADgYEAPFrjO/NC/1alBmSUoXIKVAiIyYaQYTUUsm3EmUdWG4wA4SpNucR8uXys
            Fpv3Gx2yQRqsrpnqJlwTxHLT/GSMGJqClwwDkaPcQoNyp9mZ37s2CGxi6si+AIeg
            8GPrh+xlR2hFypsR6ku5dGKhoNcBkENGVGw5V/xcoIUF9n1DyuI=
            -----END CERTIFICATE-----
            """;

    private static final String SHA384EC_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBuzCCAUCgAwIBAgIUS5nHKQP5CBfhgxGJ3PP+C295M/UwCgYIKoZIzj0EAwMw
            EzERMA8GA1UEAwwIc2hhMzg0ZWMwIBcNMjYxMTIyMDM1NzUzWhgPMjEyNjEwMjkw
            MzU3NTNaMBMxETAPBgNVBAMMCHNoYTM4NGVjMHYwEAYHKoZIzj0CAQYFK4EEACID
            YgAEYnN+n8P5Ez3t6z0bbt/M+SZuFK8Y0nredEzuR/KlOgnjJA4IkbO1dOjFlFe+
            M3wD7XCAUJsEuFhoSjFXp4Bg3+5v9/ZMhAHkD6iDkf3SJNLGR9nqwK7cesIqiZZE
            xQ8qo1MwUTAdBgNVHQ4EFgQUlkEyDKntmrF9d1T034dJLuLSlnQwHwYDVR0jBBgw
            FoAUlkEyDKntmrF9d1T034dJLuLSlnQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjO
            PQQDAwNpADBmAjEA/VlTW0k0BJdxImbwqIm0j3qF+BAHGOyJpbNqFLqIgKRl7ck2
            8G1hxEg03GgVXG/pAjEA5soM3LnyR6KiBlXfly1708QSiqb/KFsQh8TkKpoEVvZ7
            H/ms5Gi4s5J01BvPh//D
            -----END CERTIFICATE-----
            """;

    private static final String SHA512RSA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIICBjCCAW+gAwIBAgIUeuB6pxUuX+TjXTLIQzwlWtA13s8wDQYJKoZIhvcNAQEN
            BQAwFDESMBAGA1UEAwwJc2hhNTEycnNhMCAXDTI2MTEyMjAzNTc1M1oYDzIxMjYx
            MDI5MDM1NzUzWjAUMRIwEAYDVQQDDAlzaGE1MTJyc2EwgZ8wDQYJKoZIhvcNAQEB
            BQADgY0AMIGJAoGBAPDEUgWjvFHjKU+4DetOMGB5wF3cgbNjjD2SHYclu+rVc9W/
            ifWdPMJQm5lP6ztqd1QKnsSga+10XgDCbojpwEuezvSENUTNVCTpe5yVfkL+dTrJ
            8BRxrAjZECihze9KlFxIEC2nGCxdgsG/mxaGX9Ov6Q5MqKp1i1g/D4aW+N59AgMB
            AAGjUzBRMB0GA1UdDgQWBBQdDs/QSdswwdG8lkDGlqfRwxNULjAfBgNVHSMEGDAW
            gBQdDs/QSdswwdG8lkDGlqfRwxNULjAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3
            DQEBDQUAA4GBAOL+rG45gfbErPFARYODaLK/zTI/QXIGehbL9b8eqGAlmZTaMIfs
            rJbRe1jkE5PFjjuo0fu1UwD2XlxDRRTZLWAotk5Hr138YGZG6bBIsfwjhqFtBiBh
            OQYewTeRqgQ4/PN9z0Kmm0vfxoWVaSyi4IdIStafKhMon9KOJ742kUxM
            -----END CERTIFICATE-----
            """;

    private static final String ED25519_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBOjCB7aADAgECAhQ3HL3qtdb/hMFvBDVBLXxSRYo99DAFBgMrZXAwEjEQMA4G
            A1UEAwwHZWQyNTUxOTAgFw0yNjExMjIwMzU3NTNaGA8yMTI2MTAyOTAzNTc1M1ow
            EjEQMA4GA1UEAwwHZWQyNTUxOTAqMAUGAytlcAMhAHtQDbnu6UGDnTcwDqyB37Zo
            2eQuUNpw4lq9vt81UXkso1MwUTAdBgNVHQ4EFgQUznFpCxl1fltyD2ituzR7raYr
            pUEwHwYDVR0jBBgwFoAUznFpCxl1fltyD2ituzR7raYrpUEwDwYDVR0TAQH/BAUw
            AwEB/zAFBgMrZXADQQBnoMpMms6htA2Ewr521OXQMSfrj2tW8E6Us99URShjwXAK
            GiZDVEAstPhSYuar7gGO8fDguph9kroMsbmwk0sP
            -----END CERTIFICATE-----
            """;

    private static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String hash(String pem) throws Exception {
        return HexFormat.of().formatHex(ChannelBinding.tlsServerEndPoint(cert(pem)).orElseThrow());
    }

    @Test
    void sha1SignatureIsUpgradedToSha256() throws Exception {
        assertEquals("e58cb5c8178003e9b9799ee2ec0cd2b0e3690246798f2e853b4cb1ed0a398186", hash(SHA1RSA_PEM));
    }

    @Test
    void otherHashesAreUsedAsIs() throws Exception {
        assertEquals("d9cbfa701ab595687fb85b6d630c54d697bbf6228123743f0fa1ed002b9d28aadd8afeeaa85c766c4458ac47467f9b01",
                hash(SHA384EC_PEM));
        assertEquals("56f859bafef729b1902d9bc865bab7fec8e5e10cf8c18a4ac2123b22ef26903a2cd1f213ed9b49ba72b0b07466d716c6dc9ceb3626e2d9a42fa5576f6ed97444",
                hash(SHA512RSA_PEM));
    }

    @Test
    void signatureWithoutASingleHashHasNoBinding() throws Exception {
        assertTrue(ChannelBinding.tlsServerEndPoint(cert(ED25519_PEM)).isEmpty());
    }
}
