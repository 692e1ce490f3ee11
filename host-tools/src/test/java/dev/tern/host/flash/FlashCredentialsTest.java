package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.app.CredentialsRegion;
import dev.tern.boards.definition.Region;
import dev.tern.boards.tls.CertValidity;
import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.DevPki;
import dev.tern.boards.tls.Pem;
import dev.tern.boards.tls.PkiKeyType;
import dev.tern.boards.tls.PublicKeyPin;
import dev.tern.hal.testing.FlashFake;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;
import dev.tern.host.flash.an3155.BootloaderServer;

/** {@code tern flash --ca --device-cert --device-key --broker-pin} against the virtual board's bootloader on a socket. */
@Timeout(60)
class FlashCredentialsTest {

    private static final long CREDENTIALS = 0x0801_0000L;
    private static final int REGION = 32 * 1024;
    private static final CertValidity MONTH = CertValidity.days(Instant.now(), 30);

    @TempDir
    Path folder;

    private final CertifiedKey ca = DevPki.createCa("Tern test CA", PkiKeyType.ECDSA_P256, MONTH);
    private final CertifiedKey device = DevPki.issueDevice(ca, "virtual", PkiKeyType.ECDSA_P256, MONTH);
    private final CertifiedKey broker = DevPki.issueBroker(ca, "localhost", PkiKeyType.ECDSA_P256, MONTH);

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private Path image() throws IOException {
        return TestImages.write(folder, "app.bin", TestImages.signed(4096, 4096));
    }

    /** The region read back from the board, as the firmware reads it. */
    private static CredentialsRegion readRegion(BootloaderServer server) throws IOException {
        byte[] bytes = server.read(CREDENTIALS, REGION);
        FlashFake flash = new FlashFake(1, REGION);
        flash.erase(0);
        flash.program(0, bytes, 0, bytes.length);
        CredentialsRegion region = new CredentialsRegion();
        region.read(flash);
        return region;
    }

    @Test
    void installsCaDeviceChainKeyAndPinThenAnUnchangedReflashSkipsTheRegion() throws Exception {
        Path caFile = write("ca.pem", Pem.certificate(ca.certificate()));
        Path certFile = write("device.pem", Pem.certificates(device.chain()));
        Path keyFile = write("device-key.pem", Pem.privateKey(device.privateKey()));
        String pin = PublicKeyPin.hex(PublicKeyPin.of(broker.certificate()));
        Path image = image();
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            Tern first = Tern.run("flash", image, "--port", server.url(), "--ca", caFile, "--device-cert", certFile,
                    "--device-key", keyFile, "--broker-pin", "sha256:" + pin);
            assertEquals(ExitCodes.OK, first.exitCode, first.toString());
            assertTrue(first.out.contains("credentials 0x08010000: 1 CA certificate, device CN=virtual (chain of 2) and its key, broker pin sha256:"
                    + pin + "\n"), first.out);
            assertTrue(first.out.contains("erase 0x08010000 (32 KB)\n"), first.out);
            assertTrue(first.out.contains("verify ok (crc, 2 pages)"), first.out);
            String keyBase64 = java.util.Base64.getEncoder().encodeToString(device.privateKey().getEncoded());
            assertFalse((first.out + first.err).contains(keyBase64.substring(40, 60)), "no key bytes in the output");

            CredentialsRegion region = readRegion(server);
            assertEquals(CredentialsRegion.OK, region.status());
            assertEquals(1, region.caCount());
            assertArrayEquals(ca.certificate().getEncoded(), java.util.Arrays.copyOfRange(region.bytes(), region.caOffset(0),
                    region.caOffset(0) + region.caLength(0)));
            assertEquals(2, region.chainCount(), "the device's certificate, then its CA's, as DevPki chains them");
            assertArrayEquals(device.certificate().getEncoded(), java.util.Arrays.copyOfRange(region.bytes(),
                    region.chainOffset(0), region.chainOffset(0) + region.chainLength(0)), "the device's own first");
            assertArrayEquals(device.privateKey().getEncoded(), java.util.Arrays.copyOfRange(region.bytes(), region.keyOffset(),
                    region.keyOffset() + region.keyLength()), "PKCS#8 DER of the key");
            assertArrayEquals(PublicKeyPin.of(broker.certificate()), java.util.Arrays.copyOfRange(region.bytes(),
                    region.pinOffset(), region.pinOffset() + 32));

            server.clearCounts();
            Tern second = Tern.run("flash", image, "--port", server.url(), "--ca", caFile, "--device-cert", certFile,
                    "--device-key", keyFile, "--broker-pin", pin);
            assertEquals(ExitCodes.OK, second.exitCode, second.toString());
            assertTrue(second.out.contains("skip  0x08010000..0x08018000 (32 KB, unchanged)\n"), second.out);
            assertEquals(0, server.writes(), "nothing written");

            // only a CA now: the region changes, the image does not
            server.clearCounts();
            Tern third = Tern.run("flash", image, "--port", server.url(), "--ca", caFile);
            assertEquals(ExitCodes.OK, third.exitCode, third.toString());
            assertTrue(third.out.contains("erase 0x08010000 (32 KB)\n"), third.out);
            assertEquals(1, server.erases(), "only the credentials sector");
            CredentialsRegion caOnly = readRegion(server);
            assertEquals(CredentialsRegion.OK, caOnly.status());
            assertFalse(caOnly.hasDeviceKey(), "the old key is gone with its sector");
        }
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateFlashesNothing() throws Exception {
        CertifiedKey other = DevPki.issueDevice(ca, "virtual", PkiKeyType.ECDSA_P256, MONTH);
        CertifiedKey rsa = DevPki.issueDevice(ca, "virtual", PkiKeyType.RSA_2048, MONTH);
        Path caFile = write("ca.pem", Pem.certificate(ca.certificate()));
        Path certFile = write("device.pem", Pem.certificates(device.chain()));
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            for (CertifiedKey wrong : List.of(other, rsa)) {
                Path keyFile = write("wrong-key.pem", Pem.privateKey(wrong.privateKey()));
                Tern run = Tern.run("flash", image(), "--port", server.url(), "--ca", caFile, "--device-cert", certFile,
                        "--device-key", keyFile);
                assertEquals(ExitCodes.USAGE, run.exitCode, run.toString());
                assertEquals("tern flash: --device-key " + keyFile + " does not belong to the certificate in " + certFile
                        + " (CN=virtual): the broker would refuse the board; give the key that certificate was issued for;"
                        + " nothing was flashed\n", run.err);
            }
            assertEquals(0, server.writes() + server.erases(), "the port was not even opened for a write");
        }
    }

    @Test
    void filesThatAreNotPemOfTheRightKindAreNamed() throws Exception {
        Path caFile = write("ca.pem", Pem.certificate(ca.certificate()));
        Path garbage = write("garbage.pem", "this is not PEM\n");
        Path keyAsCert = write("key.pem", Pem.privateKey(device.privateKey()));
        Path certFile = write("device.pem", Pem.certificates(device.chain()));
        Tern notPem = Tern.run("flash", image(), "--port", "socket://127.0.0.1:1", "--ca", garbage);
        assertEquals(ExitCodes.USAGE, notPem.exitCode, notPem.toString());
        assertTrue(notPem.err.startsWith("tern flash: --ca " + garbage + ": no PEM certificate found (expected -----BEGIN"
                + " CERTIFICATE-----); nothing was flashed"), notPem.err);
        Tern keyGiven = Tern.run("flash", image(), "--port", "socket://127.0.0.1:1", "--ca", caFile, "--device-cert", keyAsCert,
                "--device-key", keyAsCert);
        assertEquals(ExitCodes.USAGE, keyGiven.exitCode, keyGiven.toString());
        assertTrue(keyGiven.err.startsWith("tern flash: --device-cert " + keyAsCert + ": no PEM certificate found"), keyGiven.err);
        Tern certAsKey = Tern.run("flash", image(), "--port", "socket://127.0.0.1:1", "--ca", caFile, "--device-cert", certFile,
                "--device-key", certFile);
        assertEquals(ExitCodes.USAGE, certAsKey.exitCode, certAsKey.toString());
        assertTrue(certAsKey.err.startsWith("tern flash: --device-key " + certFile + ": no PEM private key found"), certAsKey.err);
        Tern missing = Tern.run("flash", image(), "--port", "socket://127.0.0.1:1", "--ca", folder.resolve("nope.pem"));
        assertEquals(ExitCodes.USAGE, missing.exitCode, missing.toString());
        assertTrue(missing.err.contains("nope.pem"), missing.err);
    }

    @Test
    void optionsThatDoNotGoAloneAreRefused() throws Exception {
        Path certFile = write("device.pem", Pem.certificates(device.chain()));
        Path caFile = write("ca.pem", Pem.certificate(ca.certificate()));
        Tern noCa = Tern.run("flash", image(), "--port", "socket://127.0.0.1:1", "--device-cert", certFile);
        assertEquals(ExitCodes.USAGE, noCa.exitCode, noCa.toString());
        assertTrue(noCa.err.contains("need --ca FILE"), noCa.err);
        Tern noKey = Tern.run("flash", image(), "--port", "socket://127.0.0.1:1", "--ca", caFile, "--device-cert", certFile);
        assertEquals(ExitCodes.USAGE, noKey.exitCode, noKey.toString());
        assertTrue(noKey.err.contains("--device-cert and --device-key go together"), noKey.err);
        Tern badPin = Tern.run("flash", image(), "--port", "socket://127.0.0.1:1", "--ca", caFile, "--broker-pin", "abc123");
        assertEquals(ExitCodes.USAGE, badPin.exitCode, badPin.toString());
        assertTrue(badPin.err.contains("--broker-pin 'abc123': expected the SHA-256 of the broker's public key as 64 hex digits"),
                badPin.err);
    }

    @Test
    void aRegionTooSmallForTheChainSaysHowManyBytesEachSide() throws Exception {
        CertifiedKey rsaCa = DevPki.createCa("Tern RSA CA", PkiKeyType.RSA_2048, MONTH);
        CertifiedKey rsaDevice = DevPki.issueDevice(rsaCa, "virtual", PkiKeyType.RSA_2048, MONTH);
        CredentialsFiles files = CredentialsFiles.of(write("ca.pem", Pem.certificate(rsaCa.certificate())),
                write("device.pem", Pem.certificates(rsaDevice.chain())), write("key.pem", Pem.privateKey(rsaDevice.privateKey())),
                null);
        int needed = CredentialsRegion.encodedLength(new byte[][] {rsaCa.certificate().getEncoded()},
                new byte[][] {rsaDevice.chain().get(0).getEncoded(), rsaDevice.chain().get(1).getEncoded()},
                rsaDevice.privateKey().getEncoded(), null);
        TernException tooSmall = assertThrows(TernException.class, () -> files.encodeRegion(new Region("credentials", 0x291000, 2048)));
        assertEquals(ExitCodes.FAILURE, tooSmall.exitCode());
        assertEquals("the credentials need " + needed + " bytes but the board's credentials region (0x00291000) holds 2048 bytes:"
                + " give fewer CA certificates or a shorter device chain; nothing was flashed", tooSmall.getMessage());
        assertEquals(4096, files.encodeRegion(new Region("credentials", 0x291000, 4096)).length, "fits 4 KB");
    }
}
