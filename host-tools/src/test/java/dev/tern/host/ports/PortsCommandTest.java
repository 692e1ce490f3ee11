package dev.tern.host.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.serial.FakeSysfs;

class PortsCommandTest {

    @Test
    void listsEachPortWithItsUsbIdDescriptionSerialAndLikelyBoard() throws Exception {
        try (FakeSysfs sysfs = FakeSysfs.create()
                .stlinkAcm("ttyACM0", "066DFF535155878281123456")
                .usbSerial("ttyUSB0", "1-3", "10c4", "ea60", "Silicon Labs", "CP2102 USB to UART Bridge Controller", "0001", 0)
                .uart("ttyS0", 4)
                .uart("ttyS1", 0)) {
            Tern tern = ports(sysfs);

            assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
            String[] lines = tern.out.split("\n");
            assertTrue(lines[0].matches("PORT +USB ID +DESCRIPTION +SERIAL +LIKELY"), lines[0]);
            assertTrue(lines[1].matches(".*/ttyACM0 +0483:374b +STMicroelectronics STM32 STLink +066DFF535155878281123456 +"
                    + "board stm32f746g-disco or stm32f7508-dk \\(ST-LINK/V2-1 virtual COM port; other ST boards have it too\\)"), lines[1]);
            assertTrue(lines[2].matches(".*/ttyS0 +- +UART \\(16550A\\) +- +-"), lines[2]);
            assertTrue(lines[3].matches(".*/ttyUSB0 +10c4:ea60 +Silicon Labs CP2102 USB to UART Bridge Controller +0001 +"
                    + "adapter Silicon Labs CP210x USB-UART bridge"), lines[3]);
            assertEquals("", lines[4]);
            assertTrue(lines[5].startsWith("Give one to --port"), lines[5]);
            assertTrue(!tern.out.contains("ttyS1"), tern.out);
        }
    }

    @Test
    void jsonHasOneObjectPerPortWithOnlyTheFieldsKnown() throws Exception {
        try (FakeSysfs sysfs = FakeSysfs.create().stlinkAcm("ttyACM0", "0669").uart("ttyS0", 4)) {
            Tern tern = ports(sysfs, "--json");

            assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
            String acm = sysfs.dev().resolve("ttyACM0").toString();
            String uart = sysfs.dev().resolve("ttyS0").toString();
            assertEquals("[{\"port\":\"" + acm + "\",\"vid\":\"0483\",\"pid\":\"374b\",\"manufacturer\":\"STMicroelectronics\","
                    + "\"product\":\"STM32 STLink\",\"serialNumber\":\"0669\",\"usbInterface\":2,\"likely\":\"board\","
                    + "\"likelyText\":\"stm32f746g-disco or stm32f7508-dk (ST-LINK/V2-1 virtual COM port; other ST boards have it too)\"}, "
                    + "{\"port\":\"" + uart + "\",\"description\":\"UART (16550A)\"}]", tern.out.strip());
        }
    }

    @Test
    void noPortsSaysSoWithWhatToDoAndSucceeds() throws Exception {
        try (FakeSysfs sysfs = FakeSysfs.create().virtual("tty0").uart("ttyS1", 0)) {
            Tern tern = ports(sysfs);

            assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
            assertEquals("no serial ports found\n"
                    + "Plug the board in (its USB cable, not only power), or for the virtual board run 'tern sim'.\n", tern.out);
        }
    }

    @Test
    void noPortsInJsonIsAnEmptyArray() throws Exception {
        try (FakeSysfs sysfs = FakeSysfs.create()) {
            Tern tern = ports(sysfs, "--json");

            assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
            assertEquals("[]", tern.out.strip());
        }
    }

    @Test
    void helpNamesTheCommandAndHidesTheTestOptions() {
        Tern tern = Tern.run("ports", "--help");

        assertEquals(ExitCodes.OK, tern.exitCode, tern::toString);
        assertTrue(tern.out.contains("List the serial ports present"), tern.out);
        assertTrue(!tern.out.contains("--sysfs-root"), tern.out);
        assertTrue(Tern.run("--help").out.contains("ports"));
    }

    private static Tern ports(FakeSysfs sysfs, String... more) {
        Object[] args = new Object[5 + more.length];
        args[0] = "ports";
        args[1] = "--sysfs-root";
        args[2] = sysfs.sys();
        args[3] = "--dev-root";
        args[4] = sysfs.dev();
        System.arraycopy(more, 0, args, 5, more.length);
        return Tern.run(args);
    }
}
