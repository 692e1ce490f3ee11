package dev.tern.boards.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.app.FirmwareVersion;
import dev.tern.app.SensorApp;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageVerifier;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.image.VerificationResult;
import dev.tern.hal.Firmware;

class SensorFirmwareTest {

    private static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");

    @TempDir
    Path folder;

    @Test
    void versionIsTheOneTheFirmwareReadsForItsBootBanner() throws Exception {
        assertEquals(FirmwareVersion.read(), SensorFirmware.find().version());
    }

    @Test
    void imageVersionIsTheNumericPartOfTheVersion() {
        assertEquals("0.1.0", SensorFirmware.numericPart("0.1.0-SNAPSHOT"));
        assertEquals("2.7", SensorFirmware.numericPart("2.7"));
        assertThrows(IllegalStateException.class, () -> SensorFirmware.numericPart(FirmwareVersion.UNKNOWN));
    }

    @Test
    void theJarFileNamesTheSensorAppAsItsFirmware() throws Exception {
        Path jar = SensorFirmware.find().jarFile(folder);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(SensorApp.class.getName(), file.getManifest().getMainAttributes().getValue(Firmware.MANIFEST_ATTRIBUTE));
        }
    }

    @Test
    void theSignedImageVerifiesWithItsKeyAtTheImageVersionAndCarriesTheJar() throws Exception {
        SensorFirmware firmware = SensorFirmware.find();
        ImageKey key = ImageKey.generate(KeyType.ED25519);
        VerificationResult result = new ImageVerifier(List.of(key.publicOnly())).verify(firmware.signed(key));
        assertTrue(result.ok(), result.toString());
        assertEquals(ImageVersion.parse(firmware.imageVersion()), result.image().version());
        assertArrayEquals(firmware.jar(), result.image().payload());
    }

    @Test
    void provisioningWritesTheImageIntoTheAppSlotAndTheConfigPage() throws Exception {
        byte[] image = "an image".getBytes(StandardCharsets.US_ASCII);
        Path flashFile = folder.resolve("flash.bin");
        ProvisionedFlash.write(VIRTUAL, flashFile, image, "broker.port=1883\n");
        try (FlashMemory flash = FlashMemory.open(flashFile, VIRTUAL.flash().geometry())) {
            byte[] slot = new byte[image.length + 1];
            flash.read(VIRTUAL.appSlot().address(), slot, 0, slot.length);
            assertArrayEquals(image, Arrays.copyOf(slot, image.length));
            assertEquals(FlashMemory.ERASED, slot[image.length] & 0xFF, "the rest of the slot is erased");
            byte[] config = new byte[(int) VIRTUAL.configPage().size()];
            flash.read(VIRTUAL.configPage().address(), config, 0, config.length);
            assertTrue(new String(config, StandardCharsets.US_ASCII).contains("broker.port=1883"));
        }
    }
}
