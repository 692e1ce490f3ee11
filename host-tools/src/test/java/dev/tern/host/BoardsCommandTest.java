package dev.tern.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoardsCommandTest {

    @Test
    void listsEveryBundledBoardWithItsMcuFlashRamAndProtocol() {
        Tern tern = Tern.run("boards");

        assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
        assertTrue(tern.out.startsWith("ID "), tern.out);
        assertTrue(tern.out.matches("(?s).*\\nstm32f746g-disco +STM32F746NGH6 +1 MiB +320 KiB +an3155\\n.*"), tern.out);
        for (String id : new String[] {"stm32f7508-dk", "esp-wrover-kit", "imxrt1170-evk", "virtual"}) {
            assertTrue(tern.out.contains("\n" + id + " "), id + " missing:\n" + tern.out);
        }
    }

    @Test
    void describesOneBoardWithEverySetting() {
        Tern tern = Tern.run("boards", "virtual");

        assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
        assertTrue(tern.out.startsWith("virtual: "), tern.out);
        assertTrue(tern.out.contains("  flash.sectors = "), tern.out);
        assertTrue(tern.out.contains("  mcu.chipId = 0x449"), tern.out);
        assertTrue(tern.out.contains("engine static RAM "), tern.out);
        assertTrue(tern.out.contains("  dataFlash.eraseTime = 4K 250ms..800ms\n"), tern.out);
        assertTrue(tern.out.contains("  flash.endurance = 10000\n"), tern.out);
        assertTrue(tern.out.contains("  (session: 512 units of 4 KiB in dataFlash, 100000 erase cycles each,"
                + " erase 250 ms typical / 800 ms max)\n"), tern.out);
    }

    @Test
    void jsonListsTheBoardsForScripts() {
        Tern tern = Tern.run("boards", "--json");

        assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
        assertTrue(tern.out.strip().startsWith("[{\"id\":\"esp-wrover-kit\"")
                || tern.out.strip().startsWith("[{\"id\":"), tern.out);
        assertTrue(tern.out.contains("{\"id\":\"virtual\",\"name\":"), tern.out);
        assertTrue(tern.out.contains("\"flashBytes\":1048576,\"ramBytes\":327680,\"protocol\":\"an3155\""), tern.out);
    }

    @Test
    void anUnknownBoardIsAUsageErrorNamingTheKnownOnes() {
        Tern tern = Tern.run("boards", "stm32f4-nope");

        assertEquals(ExitCodes.USAGE, tern.exitCode, tern::toString);
        assertTrue(tern.err.contains("tern boards: no board 'stm32f4-nope'; known boards: "), tern.err);
        assertTrue(tern.err.contains("virtual"), tern.err);
    }
}
