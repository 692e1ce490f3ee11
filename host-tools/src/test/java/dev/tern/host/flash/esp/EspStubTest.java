package dev.tern.host.flash.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

/** Reading esptool's stub JSON, refusing what is not one, and finding it where esptool 4 and 5 are installed. */
class EspStubTest {

    private static final byte[] TEXT = "text segment bytes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = {1, 2, 3, 4};

    @TempDir
    Path folder;

    @Test
    void aStubFileGivesItsSegmentsAndEntry() throws IOException {
        Path file = stubJson(folder.resolve("esp32.json"), 0x400A8004L, b64(TEXT), 0x400A8000L);
        EspStub stub = EspStub.load(file);
        assertArrayEquals(TEXT, stub.text());
        assertArrayEquals(DATA, stub.data());
        assertEquals(0x400A8000L, stub.textStart());
        assertEquals(0x3FFDED68L, stub.dataStart());
        assertEquals(0x400A8004L, stub.entry());
    }

    @Test
    void whatIsNotAStubIsAUsageErrorNamingTheFileAndWhatIsWrong() throws IOException {
        Path notJson = Files.writeString(folder.resolve("a.json"), "{\"entry\": 12,");
        assertRefused(notJson, "not JSON");
        assertRefused(stubJson(folder.resolve("b.json"), 0x400A8004L, "@@@", 0x400A8000L), "its 'text' is not base64");
        assertRefused(stubJson(folder.resolve("c.json"), 0x400B0000L, b64(TEXT), 0x400A8000L), "its entry 0x400B0000 is not in its text");
        assertRefused(stubJson(folder.resolve("d.json"), 0x10004L, b64(TEXT), 0x10000L), "not in the ESP32's instruction RAM");
        assertRefused(Files.writeString(folder.resolve("e.json"), "{\"entry\": 1074429956}"), "it has no base64 string 'text'");
        assertRefused(folder.resolve("missing.json"), "cannot be read");
    }

    @Test
    void esptool5sVersion2IsPreferredToItsVersion1AndToEsptool4sFile() throws IOException {
        Path home = folder.resolve("home");
        Path pkg = home.resolve(".local/lib/python3.12/site-packages/esptool/targets/stub_flasher");
        Path v1 = touch(pkg.resolve("1/esp32.json"));
        Path old = touch(pkg.resolve("stub_flasher_32.json"));
        assertEquals(old.getParent().resolve("1/esp32.json"), v1);
        assertEquals(Optional.of(v1), find(Map.of(), home));
        Path v2 = touch(pkg.resolve("2/esp32.json"));
        assertEquals(Optional.of(v2), find(Map.of(), home));
    }

    @Test
    void esptool4sLayoutInPlatformIoIsFound() throws IOException {
        Path home = folder.resolve("home");
        Path file = touch(home.resolve(".platformio/packages/tool-esptoolpy/esptool/targets/stub_flasher/stub_flasher_32.json"));
        assertEquals(Optional.of(file), find(Map.of(), home));
    }

    @Test
    void theVariableComesFirstThenEsptoolOnPathResolvedToItsPackage() throws IOException {
        Path prefix = folder.resolve("venv");
        Path file = touch(prefix.resolve("lib/python3.11/site-packages/esptool/targets/stub_flasher/2/esp32.json"));
        touch(prefix.resolve("bin/esptool"));
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", folder.resolve("empty") + java.io.File.pathSeparator + prefix.resolve("bin"));
        assertEquals(Optional.of(file), find(environment, folder.resolve("home")));
        environment.put(EspStubFinder.VARIABLE, "/somewhere/esp32.json");
        assertEquals(Optional.of(Path.of("/somewhere/esp32.json")), find(environment, folder.resolve("home")));
    }

    @Test
    void nothingInstalledFindsNothing() {
        assertEquals(Optional.empty(), find(Map.of("PATH", folder.toString()), folder.resolve("home")));
    }

    private Optional<Path> find(Map<String, String> environment, Path home) {
        return new EspStubFinder(environment, home, List.of(folder.resolve("system"))).find().map(EspStubFinder.Found::file);
    }

    private static void assertRefused(Path file, String what) {
        TernException e = assertThrows(TernException.class, () -> EspStub.load(file));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(file + " is not an esptool flasher stub for the ESP32: "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    private static Path stubJson(Path file, long entry, String text, long textStart) throws IOException {
        return Files.writeString(file, "{\"entry\": " + entry + ", \"text\": \"" + text + "\", \"text_start\": " + textStart
                + ", \"data\": \"" + b64(DATA) + "\", \"data_start\": " + 0x3FFDED68L + ", \"bss_start\": 1073528832}");
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{}");
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
