package dev.tern.boards.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of the loader, broken on purpose in a definition written to a temporary folder. */
class BoardLoaderValidationTest {

    private final BoardLoader loader = new BoardLoader();

    @TempDir
    Path temp;

    /** A valid definition to break: the virtual board's. */
    private Properties virtual() {
        return loader.load("virtual").toProperties();
    }

    private Path write(String folder, Properties properties) {
        Path dir = temp.resolve(folder);
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve(BoardLoader.FILE_NAME))) {
                properties.store(out, "written by " + getClass().getSimpleName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private Path writeText(String folder, String text) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(folder));
        Files.writeString(dir.resolve(BoardLoader.FILE_NAME), text, StandardCharsets.ISO_8859_1);
        return dir;
    }

    /** Loads a definition that must fail on {@code key}; returns the message after "file: key 'k': ". */
    private String rejected(Properties properties, String key) {
        return rejectedIn(write(properties.getProperty(BoardKeys.ID, "no-id"), properties), key);
    }

    private String rejectedIn(Path dir, String key) {
        BoardDefinitionException e = assertThrows(BoardDefinitionException.class, () -> loader.load(dir));
        String prefix = dir.resolve(BoardLoader.FILE_NAME) + ": key '" + key + "': ";
        assertTrue(e.getMessage().startsWith(prefix), () -> "expected '" + prefix + "...', got: " + e.getMessage());
        assertEquals(dir.resolve(BoardLoader.FILE_NAME).toString(), e.file());
        assertEquals(key, e.key());
        return e.getMessage().substring(prefix.length());
    }

    private Properties with(String key, String value) {
        Properties p = virtual();
        p.setProperty(key, value);
        return p;
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "expected to contain '" + expected + "': " + actual);
    }

    @Test
    void acceptsTheUnchangedDefinition() {
        assertEquals(loader.load("virtual"), loader.load(write("virtual", virtual())));
    }

    @Test
    void rejectsAnUnknownKey() {
        assertContains("unknown key", rejected(with("flash.sectorz", "4x32K"), "flash.sectorz"));
    }

    @Test
    void rejectsAMissingRequiredKey() {
        Properties p = virtual();
        p.remove(BoardKeys.FLASH + BoardKeys.SECTORS);
        assertContains("missing", rejected(p, "flash.sectors"));
    }

    @Test
    void rejectsAnEmptyValue() {
        assertContains("empty", rejected(with(BoardKeys.NAME, "  "), "board.name"));
    }

    @Test
    void rejectsAKeyGivenTwice() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String key : virtual().stringPropertyNames()) {
            text.append(key).append(" = ").append(virtual().getProperty(key).replace("\\", "\\\\")).append('\n');
        }
        text.append("ram.size = 256K\n");
        assertContains("more than once", rejectedIn(writeText("virtual", text.toString()), "ram.size"));
    }

    @Test
    void rejectsAMalformedNumber() {
        assertContains("got '0x8G00000'", rejected(with("flash.base", "0x8G00000"), "flash.base"));
        assertContains("got '12Q'", rejected(with("ram.size", "12Q"), "ram.size"));
        assertContains("got '-1'", rejected(with("console.baud", "-1"), "console.baud"));
    }

    @Test
    void rejectsAMalformedSectorList() {
        assertContains("COUNTxSIZE", rejected(with("flash.sectors", "4*32K, 1x128K, 3x256K"), "flash.sectors"));
        assertContains("sector group 'Zx32K': expected a number", rejected(with("flash.sectors", "Zx32K"), "flash.sectors"));
    }

    @Test
    void rejectsAFlashSizeThatIsNotTheSumOfItsSectors() {
        String problem = rejected(with("flash.size", "2M"), "flash.size");
        assertContains("not the sum of flash.sectors (1048576 bytes in 8 sectors)", problem);
    }

    @Test
    void rejectsOverlappingRegions() {
        String problem = rejected(with("region.session", "0x08008000, 64K"), "region.session");
        assertContains("overlaps region.config [0x8008000, 0x8010000)", problem);
    }

    @Test
    void rejectsARegionOutsideFlash() {
        String problem = rejected(with("region.config", "0x08100000, 32K"), "region.config");
        assertContains("[0x8100000, 0x8108000) is outside flash [0x8000000, 0x8100000)", problem);
    }

    @Test
    void rejectsASlotLargerThanFlash() {
        String problem = rejected(with("region.app", "0x08020000, 2M"), "region.app");
        assertContains("app region of 2097152 bytes is larger than the flash (1048576 bytes)", problem);
    }

    @Test
    void rejectsAnAppSlotThatDoesNotStartOnASectorBoundary() {
        String problem = rejected(with("region.app", "0x08021000, 892K"), "region.app");
        assertContains("does not start on an erase-unit boundary", problem);
    }

    @Test
    void rejectsAConfigPageThatDoesNotEndOnASectorBoundary() {
        String problem = rejected(with("region.config", "0x08008000, 16K"), "region.config");
        assertContains("does not end on an erase-unit boundary", problem);
    }

    @Test
    void acceptsABootloaderThatIsNotSectorAligned() {
        Properties p = with("region.bootloader", "0x08000000, 20K");
        assertEquals(20 * 1024, loader.load(write("virtual", p)).bootloaderRegion().size());
    }

    @Test
    void rejectsSessionPagesOfASingleSector() {
        Properties p = with("region.session", "0x08010000, 32K");
        p.setProperty("region.credentials", "0x90400000, 32K"); // out of the internal sectors the session takes here
        assertContains("at least two erase units", rejected(p, "region.session"));
    }

    @Test
    void rejectsACredentialsRegionThatOverlapsTheConfigPageOrSplitsAnEraseUnit() {
        assertContains("[0x8008000, 0x8010000) overlaps region.config [0x8008000, 0x8010000)",
                rejected(with("region.credentials", "0x08008000, 32K"), "region.credentials"));
        assertContains("does not end on an erase-unit boundary",
                rejected(with("region.credentials", "0x08010000, 16K"), "region.credentials"));
    }

    @Test
    void acceptsACredentialsRegionInTheDataFlash() {
        Properties p = with("region.credentials", "0x90400000, 16K");
        assertEquals(0x9040_0000L, loader.load(write("virtual", p)).credentialsRegion().address());
    }

    @Test
    void rejectsSessionPagesOfMixedSizes() {
        Properties p = with("region.app", "0x08040000, 768K");
        p.setProperty("region.session", "0x08018000, 160K");
        assertContains("one size, got 32768 and 131072", rejected(p, "region.session"));
    }

    @Test
    void rejectsSessionPagesTooSmallForTheEnginesLargestSession() {
        Properties p = with("engine.offlineQueueBytes", "32K");
        p.setProperty("region.session", "0x08010000, 64K");
        p.setProperty("region.credentials", "0x90400000, 32K");
        assertContains("holds 2 erase units but the session journal needs 4 for two checkpoints of the engine sizing's largest session",
                rejected(p, "region.session"));
    }

    @Test
    void rejectsEngineSizingThatDoesNotFitTheRamBudget() {
        String problem = rejected(with("engine.ramBudget", "12K"), "engine.ramBudget");
        assertContains("needs 15472 bytes of static RAM", problem);
        assertContains("but the budget is 12288", problem);
    }

    @Test
    void rejectsAFlashWithoutAnEraseTimeForOneOfItsSectorSizes() {
        String problem = rejected(with("flash.eraseTime", "32K 250ms..500ms, 256K 1s..2s"), "flash.eraseTime");
        assertContains("no erase time for the 128K units of flash.sectors", problem);
    }

    @Test
    void rejectsAnEraseTimeForASizeTheFlashDoesNotHave() {
        String problem = rejected(with("dataFlash.eraseTime", "4K 250ms..800ms, 64K 700ms..3s"), "dataFlash.eraseTime");
        assertContains("an erase time for 64K units, but dataFlash.sectors has none of that size", problem);
    }

    @Test
    void rejectsATypicalTimeAboveTheMaximum() {
        assertContains("the maximum 16us is less than the typical 100us",
                rejected(with("flash.programTime", "100us..16us"), "flash.programTime"));
    }

    @Test
    void rejectsATimeWithoutAUnit() {
        assertContains("expected a time: a number and ns, us, ms or s",
                rejected(with("flash.programTime", "16..100us"), "flash.programTime"));
    }

    @Test
    void rejectsAnEnduranceOfZero() {
        assertContains("must be 1..", rejected(with("dataFlash.endurance", "0"), "dataFlash.endurance"));
    }

    @Test
    void rejectsAPartialDataFlashGroup() {
        Properties p = loader.load("virtual").toProperties();
        p.remove("dataFlash.endurance");
        assertContains("all together or not at all", rejected(p, "dataFlash.endurance"));
    }

    @Test
    void placesTheSessionInDataFlashButNeverTheAppSlot() {
        String problem = rejected(with("region.app", "0x90400000, 896K"), "region.app");
        assertContains("[0x90400000, 0x904E0000) is outside flash [0x8000000, 0x8100000)", problem);
    }

    @Test
    void rejectsARamBudgetLargerThanTheRam() {
        assertContains("more than ram.size", rejected(with("engine.ramBudget", "1M"), "engine.ramBudget"));
    }

    @Test
    void rejectsEngineSizingTheEngineItselfRefuses() {
        assertContains("64..65535 (MqttConfig)", rejected(with("engine.maxPacketSize", "32"), "engine.maxPacketSize"));
        assertContains("1..65535", rejected(with("engine.outgoingSlots", "0"), "engine.outgoingSlots"));
        assertContains("0 (automatic) or >= maxPacketSize (MqttConfig)",
                rejected(with("engine.outgoingPoolBytes", "1000"), "engine.outgoingPoolBytes"));
    }

    @Test
    void rejectsABoardIdWithCharactersOutsideLowerCaseDigitsAndDashes() {
        Properties p = with(BoardKeys.ID, "Virtual_1");
        assertContains("[a-z0-9-]", rejected(p, "board.id"));
    }

    @Test
    void rejectsAnIdThatIsNotTheNameOfItsFolder() {
        String problem = rejectedIn(write("my-board", virtual()), "board.id");
        assertContains("'virtual' is not the name of its folder 'my-board'", problem);
    }

    @Test
    void loadByIdRejectsABadIdBeforeLookingItUp() {
        BoardDefinitionException e = assertThrows(BoardDefinitionException.class, () -> loader.load("../virtual"));
        assertTrue(e.getMessage().startsWith("boards/../virtual/board.properties: board id '../virtual'"),
                e.getMessage());
        assertNull(e.key());
    }

    @Test
    void loadByIdNamesTheBundledBoardsWhenTheIdIsUnknown() {
        BoardDefinitionException e = assertThrows(BoardDefinitionException.class, () -> loader.load("nucleo-f401re"));
        assertEquals("boards/nucleo-f401re/board.properties: no bundled board 'nucleo-f401re'; bundled: "
                + "esp-wrover-kit, imxrt1170-evk, stm32f746g-disco, stm32f7508-dk, virtual", e.getMessage());
    }

    @Test
    void reportsAMissingFile() {
        Path dir = temp.resolve("nothing-here");
        BoardDefinitionException e = assertThrows(BoardDefinitionException.class, () -> loader.load(dir));
        assertEquals(dir.resolve(BoardLoader.FILE_NAME) + ": no such file", e.getMessage());
    }

    @Test
    void rejectsAChipIdWhenTheLoaderReportsNone() {
        Properties p = with(BoardKeys.CHIP_ID_SOURCE, "none");
        assertContains("must be absent", rejected(p, "mcu.chipId"));
    }

    @Test
    void requiresAChipIdWhenTheLoaderReportsOne() {
        Properties p = virtual();
        p.remove(BoardKeys.CHIP_ID);
        assertContains("missing", rejected(p, "mcu.chipId"));
    }

    @Test
    void rejectsAnEraseCommandOfAnotherProtocol() {
        String problem = rejected(with(BoardKeys.ERASE, "flash-begin"), "bootloader.eraseCommand");
        assertContains("not an erase of protocol an3155", problem);
    }

    @Test
    void rejectsAWordThatIsNoneOfTheChoices() {
        assertContains("'mark' is not one of none, even, odd", rejected(with("console.parity", "mark"), "console.parity"));
        assertContains("'jtag' is not one of", rejected(with(BoardKeys.ENTRY, "boot-pin-reset, jtag"), "bootloader.entry"));
    }

    @Test
    void rejectsAnEntryMethodGivenTwice() {
        Properties p = with(BoardKeys.ENTRY, "console-command, boot-pin-reset, console-command");
        assertContains("'console-command' is given twice", rejected(p, "bootloader.entry"));
    }

    @Test
    void rejectsAnOutOfRangeLineSetting() {
        assertContains("must be 5..8, got 9", rejected(with("console.dataBits", "9"), "console.dataBits"));
        assertContains("must be 1..2, got 3", rejected(with("bootloader.stopBits", "3"), "bootloader.stopBits"));
    }

    @Test
    void rejectsAPartialBootFlashGroup() {
        Properties p = with("bootFlash.base", "0x08000000");
        assertContains("all together or not at all", rejected(p, "bootFlash.sectors"));
    }

    @Test
    void placesTheBootloaderInBootFlashButNeverTheAppSlot() {
        Properties p = loader.load("stm32f7508-dk").toProperties();
        p.setProperty("region.app", "0x08000000, 64K");
        p.setProperty("region.bootloader", "0x90800000, 4K");
        p.setProperty("region.config", "0x90801000, 4K");
        p.setProperty("region.session", "0x90802000, 64K");
        String problem = rejected(p, "region.app");
        assertContains("[0x8000000, 0x8010000) is outside flash [0x90000000, 0x91000000)", problem);
    }
}
