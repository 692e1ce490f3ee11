package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** TlsSettings, TlsCredentials and BoardTime: what they accept and what they refuse. */
class TlsSettingsTest {

    private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");
    private static final CertValidity YEAR = CertValidity.days(BUILT, 365);
    private static final CertifiedKey CA = DevPki.createCa("Tern test CA", PkiKeyType.ECDSA_P256, YEAR);

    @Test
    void onlyTls12And13AreOffered() {
        TlsSettings settings = TlsSettings.of(TlsCredentials.of(List.of(CA.certificate()), null, null));

        assertEquals(List.of("TLSv1.3", "TLSv1.2"), settings.protocols());
        assertEquals(List.of("TLSv1.2"), settings.withProtocols("TLSv1.2").protocols());
        assertThrows(IllegalArgumentException.class, () -> settings.withProtocols("TLSv1.1"));
        assertThrows(IllegalArgumentException.class, () -> settings.withProtocols("TLSv1"));
    }

    @Test
    void credentialsNeedACaAndAKeyWithItsCertificate() {
        CertifiedKey device = DevPki.issueDevice(CA, "vb-1", PkiKeyType.ECDSA_P256, YEAR);

        assertThrows(IllegalArgumentException.class, () -> TlsCredentials.of(List.of(), device, null));
        assertThrows(IllegalArgumentException.class,
                () -> new FixedTlsCredentials(List.of(CA.certificate()), device.chain(), null, null));
        assertThrows(IllegalArgumentException.class, () -> TlsCredentials.of(List.of(CA.certificate()), device, new byte[31]));
        TlsCredentials none = TlsCredentials.of(List.of(CA.certificate()), null, null);
        assertTrue(none.deviceChain().isEmpty());
        assertNull(none.deviceKey());
    }

    @Test
    void credentialsPrintNamesNeverTheKey() {
        CertifiedKey device = DevPki.issueDevice(CA, "vb-1", PkiKeyType.ECDSA_P256, YEAR);
        TlsCredentials credentials = TlsCredentials.of(List.of(CA.certificate()), device, new byte[32]);

        String text = credentials.toString();

        assertEquals("TlsCredentials[1 CA(s), device CN=vb-1, pinned]", text);
        assertFalse(text.contains(Pem.privateKey(device.privateKey()).split("\n")[1].trim()));
    }

    @Test
    void aBoardWithAClockUsesItAndOneWithoutUsesTheFloorOrTheChainsStart() {
        Instant clock = Instant.parse("2030-05-05T00:00:00Z");
        BoardTime rtc = BoardTime.rtc(Clock.fixed(clock, ZoneOffset.UTC));
        BoardTime noRtc = BoardTime.noRtc(BUILT);

        assertEquals(clock, rtc.validationTime(BUILT.plusSeconds(10)));
        assertEquals(BUILT, noRtc.validationTime(BUILT.minusSeconds(10)), "a chain older than the build: the build time");
        assertEquals(BUILT.plusSeconds(10), noRtc.validationTime(BUILT.plusSeconds(10)), "a newer chain: its start");
        assertTrue(rtc.hasRtc());
        assertFalse(noRtc.hasRtc());
    }
}
