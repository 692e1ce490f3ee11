package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.LoopbackBroker;

/** What the sensor app says at boot about the credentials region; never a byte of the key. */
class CredentialsLoaderTest {

    private static final byte[] KEY = CredentialsRegionTest.KEY;

    private static FakeBoard board() {
        return new FakeBoard("virtual", new LoopbackBroker());
    }

    @Test
    void installedCredentialsAreCountedAndTheKeyIsRedacted() {
        FakeBoard board = board().credentials(CredentialsRegion.encodeRegion(
                new byte[][] {CredentialsRegionTest.CA, CredentialsRegionTest.CA2},
                new byte[][] {CredentialsRegionTest.LEAF}, KEY, CredentialsRegionTest.PIN, 8192));
        new SensorApp().boot(board);
        assertEquals(List.of("credentials OK: 2 CA certificates (710 B), device chain of 1 (280 B), device key [redacted],"
                + " broker pin sha256:7778797a7b7c7d77..."), board.console.messages('I', "tls"));
        String console = String.join("\n", board.console.lines());
        assertFalse(console.contains(hex(KEY, 0, 8)), "no key bytes in hex");
        assertFalse(console.contains(Base64.getEncoder().encodeToString(KEY).substring(0, 12)), "nor in base64");
    }

    @Test
    void aBlankRegionIsSaidWithHowToInstallIt() {
        FakeBoard board = board();
        new SensorApp().boot(board);
        assertEquals(List.of("credentials region blank: no CA, no device certificate (install them with tern flash --ca FILE"
                + " --device-cert FILE --device-key FILE)"), board.console.messages('I', "tls"));
    }

    @Test
    void aBadCrcIsAnErrorLineNamingIt() {
        byte[] region = CredentialsRegion.encodeRegion(new byte[][] {CredentialsRegionTest.CA},
                new byte[][] {CredentialsRegionTest.LEAF}, KEY, null, 8192);
        region[100] ^= 1;
        FakeBoard board = board().credentials(region);
        CredentialsLoader loader = new CredentialsLoader();
        assertEquals(CredentialsRegion.BAD_CRC, loader.load(board));
        assertFalse(loader.usable());
        new SensorApp().boot(board);
        assertEquals(List.of("credentials region unusable (BAD_CRC): no TLS connection will be made; install them again with"
                + " tern flash --ca FILE --device-cert FILE --device-key FILE"), board.console.messages('E', "tls"));
    }

    @Test
    void aRegionWithOnlyACaIsUsable() {
        FakeBoard board = board().credentials(CredentialsRegion.encodeRegion(
                new byte[][] {CredentialsRegionTest.CA}, new byte[0][], null, null, 8192));
        CredentialsLoader loader = new CredentialsLoader();
        assertEquals(CredentialsRegion.OK, loader.load(board));
        assertTrue(loader.usable());
        new SensorApp().boot(board);
        assertEquals(List.of("credentials OK: 1 CA certificate (300 B), no device certificate"),
                board.console.messages('I', "tls"));
    }

    private static String hex(byte[] bytes, int offset, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            text.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return text.toString();
    }
}
