package dev.tern.boards.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.boards.flash.FlashGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled boards load from the classpath and carry the vendors' figures their files cite. */
class BundledBoardsTest {

    private static final long K = 1024;
    private static final long M = 1024 * K;
    private final BoardLoader loader = new BoardLoader();

    static Stream<String> ids() {
        return new BoardLoader().list().stream();
    }

    @Test
    void listsTheFiveBundledBoards() {
        assertEquals(List.of("esp-wrover-kit", "imxrt1170-evk", "stm32f746g-disco", "stm32f7508-dk", "virtual"),
                loader.list());
    }

    @Test
    void everyBoardFolderBesideSrcIsListedAndEveryListedIdHasAFolder() throws IOException {
        // surefire runs in the module folder, where the board folders are
        TreeSet<String> folders = new TreeSet<>();
        try (Stream<Path> entries = Files.list(Path.of("."))) {
            entries.filter(p -> Files.isRegularFile(p.resolve(BoardLoader.FILE_NAME)))
                    .forEach(p -> folders.add(p.getFileName().toString()));
        }
        assertEquals(folders, new TreeSet<>(loader.list()));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void loadsFromTheClasspathWithItsOwnId(String id) {
        BoardDefinition board = loader.load(id);
        assertEquals(id, board.id());
        assertTrue(board.engineRamBytes() <= board.engineRamBudget());
        assertTrue(board.engineRamBudget() <= board.ramSize());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void loadsFromItsFolderTheSameAsFromTheClasspath(String id) {
        assertEquals(loader.load(id), loader.load(Path.of(id)));
    }

    @Test
    void stm32f746gDiscoMatchesRm0385AndAn2606() {
        BoardDefinition board = loader.load("stm32f746g-disco");
        assertEquals("STM32F746NGH6", board.mcu().part());
        assertEquals(ChipIdSource.AN3155_GET_ID, board.mcu().chipIdSource());
        assertEquals(0x449, board.mcu().chipId());
        FlashGeometry flash = board.flash().geometry();
        assertEquals(0x0800_0000L, flash.baseAddress());
        assertEquals(1 * M, flash.size());
        assertEquals(8, flash.pageCount());
        assertEquals(32 * K, flash.pageSize(0));
        assertEquals(128 * K, flash.pageSize(4));
        assertEquals(256 * K, flash.pageSize(7));
        assertEquals(320 * K, board.ramSize());
        assertEquals(FlashProtocol.AN3155, board.bootloader().protocol());
        assertEquals(EraseCommand.EXTENDED_ERASE, board.bootloader().erase());
        assertEquals("115200 8E1", board.bootloader().line().format());
        assertEquals("115200 8N1", board.console().format());
        assertFalse(board.bootFlash().isPresent());
    }

    @Test
    void stm32f7508DkHasTwoInternalSectorsForTheBootloaderAndItsSlotsInQspi() {
        BoardDefinition board = loader.load("stm32f7508-dk");
        assertEquals(0x449, board.mcu().chipId());
        FlashDevice internal = board.bootFlash().orElseThrow();
        assertEquals(0x0800_0000L, internal.base());
        assertEquals(64 * K, internal.size());
        assertEquals(2, internal.sectorSizes().size());
        assertEquals(FlashWriter.ROM_BOOTLOADER, internal.writer());
        assertEquals(0x9000_0000L, board.flash().base());
        assertEquals(16 * M, board.flash().size());
        assertEquals(4096, board.flash().sectorSizes().size());
        assertEquals(FlashWriter.RAM_LOADER, board.flash().writer());
        assertEquals(320 * K, board.ramSize());
        assertEquals(internal, board.deviceOf(board.bootloaderRegion()).orElseThrow());
        assertEquals(board.flash(), board.deviceOf(board.appSlot()).orElseThrow());
    }

    @Test
    void espWroverKitUsesEsptoolsFigures() {
        BoardDefinition board = loader.load("esp-wrover-kit");
        assertEquals(ChipIdSource.ESP_CHIP_DETECT_MAGIC, board.mcu().chipIdSource());
        assertEquals(0x00F0_1D83L, board.mcu().chipId());
        assertEquals(0L, board.flash().base());
        assertEquals(4 * M, board.flash().size());
        assertEquals(1024, board.flash().sectorSizes().size());
        assertEquals(4 * K, (long) board.flash().sectorSizes().get(0));
        assertEquals(520 * K, board.ramSize());
        assertEquals(0x1000L, board.bootloaderRegion().address());
        assertEquals(FlashProtocol.ESP_ROM_SERIAL, board.bootloader().protocol());
        assertEquals(EraseCommand.FLASH_BEGIN, board.bootloader().erase());
        assertTrue(board.bootloader().entry().contains(EntryMethod.DTR_RTS_AUTO_RESET));
    }

    @Test
    void imxrt1170EvkHasNoChipIdAndItsFlexSpiNorAt0x30000000() {
        BoardDefinition board = loader.load("imxrt1170-evk");
        assertFalse(board.mcu().hasChipId());
        assertEquals(0x3000_0000L, board.flash().base());
        assertEquals(16 * M, board.flash().size());
        assertEquals(4096, board.flash().sectorSizes().size());
        assertEquals(2 * M, board.ramSize());
        assertEquals(FlashProtocol.NXP_SDP, board.bootloader().protocol());
        assertEquals(EraseCommand.NONE, board.bootloader().erase());
        assertEquals(FlashWriter.RAM_LOADER, board.flash().writer());
        assertEquals(List.of(EntryMethod.BOOT_MODE_SWITCH), board.bootloader().entry());
    }

    @Test
    void virtualBoardIsAnStm32f746AsStm32flashKnowsIt() {
        BoardDefinition virtual = loader.load("virtual");
        BoardDefinition disco = loader.load("stm32f746g-disco");
        assertEquals(0x449, virtual.mcu().chipId());
        assertEquals(disco.flash(), virtual.flash());
        assertEquals(disco.regions(), virtual.regions());
        assertEquals(disco.engine(), virtual.engine());
        assertEquals(disco.ramSize(), virtual.ramSize());
        assertEquals(EraseCommand.EXTENDED_ERASE, virtual.bootloader().erase());
        // stm32flash 0.7, device 0x449: flash 0x08000000-0x08100000, page sizes 32K x4, 128K, then 256K
        FlashGeometry flash = virtual.flash().geometry();
        assertEquals(0x0810_0000L, flash.baseAddress() + flash.size());
        int[] stm32flashF7 = {32 * 1024, 32 * 1024, 32 * 1024, 32 * 1024, 128 * 1024, 256 * 1024, 256 * 1024, 256 * 1024};
        for (int sector = 0; sector < stm32flashF7.length; sector++) {
            assertEquals(stm32flashF7[sector], flash.pageSize(sector), "sector " + sector);
        }
        // a pseudo-terminal carries no parity
        assertEquals("115200 8N1", virtual.bootloader().line().format());
        assertTrue(virtual.bootloader().entry().contains(EntryMethod.SYNC_AFTER_RESET));
    }
}
