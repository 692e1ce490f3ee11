package dev.tern.host.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.SessionLife;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

class BoardsCommandTest {

    @Test
    void listsEveryBundledBoardWithItsMcuFlashRamAndProtocol() {
        Tern tern = Tern.run("boards");

        assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
        assertTrue(tern.out.startsWith("ID "), tern.out);
        assertTrue(tern.out.matches("(?s).*\\nstm32f746g-disco +STM32F746NGH6 +1 MiB +320 KiB +an3155 +yes\\n.*"), tern.out);
        for (String id : new String[] {"stm32f7508-dk", "esp-wrover-kit", "imxrt1170-evk", "virtual"}) {
            assertTrue(tern.out.contains("\n" + id + " "), id + " missing:\n" + tern.out);
        }
    }

    @Test
    void saysForEachBoardWhetherTernFlashCanFlashItAndWhyNot() {
        Tern text = Tern.run("boards");
        Tern json = Tern.run("boards", "--json");
        Tern one = Tern.run("boards", "stm32f7508-dk");

        assertTrue(text.out.matches("(?s).*\\nvirtual +.* an3155 +yes\\n.*"), text.out);
        assertTrue(text.out.matches("(?s).*\\nstm32f7508-dk +.* an3155 +not yet\\n.*"), text.out);
        assertTrue(text.out.contains("stm32f7508-dk: not yet flashed by tern flash: its app slot and config page are in external"
                + " flash at 0x90000000, which the ROM bootloader cannot program: that needs a flash loader in RAM, not written yet."),
                text.out);
        assertTrue(text.out.matches("(?s).*\\nesp-wrover-kit +.* esp-rom-serial +yes\\n.*"), text.out);
        assertTrue(text.out.contains("imxrt1170-evk: not yet flashed by tern flash: its ROM speaks NXP's serial downloader"),
                text.out);
        assertTrue(json.out.contains("\"id\":\"virtual\",") && json.out.contains("\"ternFlash\":true,\"ternFlashNot\":\"\""),
                json.out);
        assertTrue(json.out.contains("\"protocol\":\"an3155\",\"ternFlash\":false,\"ternFlashNot\":\"its app slot"), json.out);
        assertTrue(one.out.contains("\n  tern flash: not yet: its app slot and config page are in external flash"), one.out);
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
        assertTrue(tern.out.contains("  (session: 1024 units of 4 KiB in dataFlash, 100000 erase cycles each,"
                + " erase 250 ms typical / 800 ms max)\n"), tern.out);
    }

    @Test
    void describesTheProjectedSessionLifeFromTheBoardsRegion() {
        for (String id : new String[] {"virtual", "esp-wrover-kit"}) {
            BoardDefinition board = new BoardLoader().load(id);
            Tern tern = Tern.run("boards", id);

            assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
            for (int qos = 1; qos <= 2; qos++) {
                SessionLife.Projection life = SessionLife.project(board, qos);
                // perfect spreading of the journal bytes alone bounds it from above
                double bound = (double) board.sessionEndurance() * board.sessionPages().size()
                        / (life.bytesPerMessage() * 3 * 365.25 * 86_400);
                assertTrue(life.years() < bound && life.years() > 0.8 * bound, id + ": " + life);
                assertTrue(tern.out.contains(String.format(Locale.ROOT,
                        "  (session life at 3 sensors x 1 reading/s, QoS %d: %.1f years; %d B journal per %d B PUBLISH with its seq,"
                                + " spread evenly over %d units, checkpoint ", qos, life.years(), life.bytesPerMessage(),
                        life.publishLength(), board.sessionEraseUnits())), tern.out);
            }
            assertTrue(tern.out.contains("PUBLISH: " + SessionLife.SENSOR_TOPIC), tern.out);
        }
    }

    @Test
    void jsonDescribesTheSessionLifeToo() {
        BoardDefinition board = new BoardLoader().load("imxrt1170-evk");
        Tern tern = Tern.run("boards", "imxrt1170-evk", "--json");

        assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
        SessionLife.Projection qos2 = SessionLife.project(board, 2);
        assertTrue(tern.out.contains("\"sessionLife.qos2.years\":" + Math.round(qos2.years() * 10) / 10.0), tern.out);
        assertTrue(tern.out.contains("\"sessionLife.qos1.bytesPerMessage\":"
                + SessionLife.project(board, 1).bytesPerMessage()), tern.out);
    }

    @Test
    void jsonGivesNumbersAsNumbersAndFlagsAsFlags() {
        Tern tern = Tern.run("boards", "virtual", "--json");

        assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
        assertTrue(tern.out.contains("\"console.baud\":115200,"), tern.out);
        assertTrue(tern.out.contains("\"flash.base\":134217728,"), tern.out);
        assertTrue(tern.out.contains("\"ram.size\":327680,"), tern.out);
        assertTrue(tern.out.contains("\"console.parity\":\"none\""), tern.out);
        assertTrue(tern.out.contains("\"flash.sectors\":\"4x32K, 1x128K, 3x256K\""), tern.out);
        assertFalse(tern.out.contains("\"115200\""), tern.out);
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
