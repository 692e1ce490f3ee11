package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.tls.CertValidity;
import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.DevPki;
import dev.tern.boards.tls.Pem;
import dev.tern.boards.tls.PkiKeyType;
import dev.tern.boards.tls.PublicKeyPin;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.testsupport.PtyPair;

/**
 * {@code tern flash --ca --device-cert --device-key --broker-pin} end to end over a pseudo-terminal:
 * the real firmware and the credentials into a blank virtual board; the firmware boots, reads the
 * region and says what it holds with the key redacted; then a flash with a device key that does
 * not match its certificate is refused before anything is sent, and the board keeps running.
 */
@Timeout(120)
class FlashCredentialsOverPtyTest {

    private static final SensorFirmware FIRMWARE = SensorFirmware.find();
    private static final Duration BOOT = Duration.ofSeconds(15);
    private static final CertValidity MONTH = CertValidity.days(Instant.now(), 30);

    @TempDir
    Path folder;

    @Tag("socat")
    @Test
    void theFirmwareBootsWithTheInstalledCredentialsAndNeverShowsTheKey() throws Exception {
        ImageKey imageKey = ImageKey.generate(KeyType.ED25519);
        Path image = TestImages.write(folder, "firmware.bin", FIRMWARE.signed(imageKey));
        CertifiedKey ca = DevPki.createCa("Tern test CA", PkiKeyType.ECDSA_P256, MONTH);
        CertifiedKey device = DevPki.issueDevice(ca, "virtual", PkiKeyType.ECDSA_P256, MONTH);
        CertifiedKey broker = DevPki.issueBroker(ca, "localhost", PkiKeyType.ECDSA_P256, MONTH);
        Path caFile = Files.writeString(folder.resolve("ca.pem"), Pem.certificate(ca.certificate()));
        Path certFile = Files.writeString(folder.resolve("device.pem"), Pem.certificates(device.chain()));
        Path keyFile = Files.writeString(folder.resolve("device-key.pem"), Pem.privateKey(device.privateKey()));
        String pin = PublicKeyPin.hex(PublicKeyPin.of(broker.certificate()));
        int chainBytes = device.chain().get(0).getEncoded().length + device.chain().get(1).getEncoded().length;
        try (PtyPair pty = PtyPair.open();
             VirtualBoard board = VirtualBoard.start(boardOn(pty.a(), imageKey))) {
            assertTrue(board.awaitMode(BoardMode.BOOTLOADER, BOOT), "a blank board waits in its bootloader");
            String port = pty.b().toString();

            Tern flash = Tern.run("flash", image, "--port", port, "--set", "log.trace=false", "--ca", caFile,
                    "--device-cert", certFile, "--device-key", keyFile, "--broker-pin", pin,
                    "--monitor", "--until", "tls: credentials", "--timeout", "30s");
            System.out.println("[flash credentials pty]\n" + flash.out + flash.err);
            assertEquals(ExitCodes.OK, flash.exitCode, flash.toString());
            assertTrue(flash.out.contains("write 0x08010000..0x08018000 done (credentials, "), flash.out);
            assertTrue(flash.out.contains("verify ok (crc, "), flash.out);
            assertTrue(flash.out.contains("tls: credentials OK: 1 CA certificate (" + ca.certificate().getEncoded().length
                    + " B), device chain of 2 (" + chainBytes + " B), device key [redacted], broker pin sha256:"
                    + pin.substring(0, 16) + "..."), flash.out);
            String key = Base64.getEncoder().encodeToString(device.privateKey().getEncoded());
            assertFalse((flash.out + flash.err).contains(key.substring(key.length() - 24)), "no key bytes on the console");
            assertTrue(board.awaitMode(BoardMode.RUNNING, BOOT), "the flashed firmware runs");

            CertifiedKey other = DevPki.issueDevice(ca, "virtual", PkiKeyType.ECDSA_P256, MONTH);
            Path wrongKey = Files.writeString(folder.resolve("other-key.pem"), Pem.privateKey(other.privateKey()));
            long before = board.lineStats().toBoard();
            Tern refused = Tern.run("flash", image, "--port", port, "--ca", caFile, "--device-cert", certFile,
                    "--device-key", wrongKey);
            assertEquals(ExitCodes.USAGE, refused.exitCode, refused.toString());
            assertTrue(refused.err.contains("does not belong to the certificate"), refused.err);
            assertEquals(before, board.lineStats().toBoard(), "not a byte went to the board");
            assertEquals(BoardMode.RUNNING, board.mode(), "the board keeps running what it had");
            assertNull(board.failure(), "board failure");
        }
    }

    private static VirtualBoardOptions boardOn(Path console, ImageKey key) throws Exception {
        return VirtualBoardOptions.of(Files.createTempDirectory("tern-flash-creds").resolve("flash.bin"), new McubootImageCheck())
                .console(ConsoleEndpoint.pty(console))
                .trustedKeys(List.of(key.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .bootloaderGetChecksum(true)
                .flashTiming(TimingMode.ACCOUNTED);
    }
}
