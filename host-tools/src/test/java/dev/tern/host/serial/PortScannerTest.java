package dev.tern.host.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class PortScannerTest {

    @Test
    void aUsbPortGivesItsIdsStringsAndTheBoardItLikelyIs() throws IOException {
        try (FakeSysfs sysfs = FakeSysfs.create().stlinkAcm("ttyACM0", "066DFF535155878281123456")) {
            List<PortInfo> ports = new PortScanner(sysfs.sys(), sysfs.dev()).scan();

            assertEquals(1, ports.size(), ports::toString);
            PortInfo port = ports.get(0);
            assertEquals(sysfs.dev().resolve("ttyACM0").toString(), port.device());
            assertEquals("0483:374b", port.usbId());
            assertEquals("STMicroelectronics", port.manufacturer());
            assertEquals("STM32 STLink", port.product());
            assertEquals("066DFF535155878281123456", port.serialNumber());
            assertEquals(2, port.usbInterface());
            assertTrue(port.likely().board());
            assertTrue(port.likely().text().startsWith("stm32f746g-disco or stm32f7508-dk"), port.likely().text());
        }
    }

    @Test
    void aBridgeAloneIsNamedAnAdapterNotABoard() throws IOException {
        try (FakeSysfs sysfs = FakeSysfs.create()
                .usbSerial("ttyUSB0", "1-3", "10c4", "ea60", "Silicon Labs", "CP2102 USB to UART Bridge Controller", "0001", 0)) {
            PortInfo port = new PortScanner(sysfs.sys(), sysfs.dev()).scan().get(0);

            assertEquals("10c4:ea60", port.usbId());
            assertEquals("adapter Silicon Labs CP210x USB-UART bridge", port.likely().toString());
        }
    }

    @Test
    void theTwoChannelsOfAnFt2232AreToldApartByInterface() throws IOException {
        try (FakeSysfs sysfs = FakeSysfs.create()
                .usbSerial("ttyUSB1", "1-4", "0403", "6010", "FTDI", "Dual RS232-HS", null, 0)
                .usbSerial("ttyUSB2", "1-5", "0403", "6010", "FTDI", "Dual RS232-HS", null, 1)) {
            List<PortInfo> ports = new PortScanner(sysfs.sys(), sysfs.dev()).scan();

            assertEquals("adapter FTDI FT2232 channel A (JTAG on an esp-wrover-kit, not its console)", ports.get(0).likely().toString());
            assertEquals("board esp-wrover-kit (FT2232HL channel B, its console)", ports.get(1).likely().toString());
            assertNull(ports.get(0).serialNumber());
        }
    }

    @Test
    void anUnknownUsbIdHasNoGuess() throws IOException {
        try (FakeSysfs sysfs = FakeSysfs.create().usbSerial("ttyUSB0", "1-3", "1234", "5678", "Acme", "Widget", "9", 0)) {
            assertNull(new PortScanner(sysfs.sys(), sysfs.dev()).scan().get(0).likely());
        }
    }

    @Test
    void aUartTheKernelFoundIsListedAndThePlaceholdersWithoutOneAreNot() throws IOException {
        try (FakeSysfs sysfs = FakeSysfs.create().uart("ttyS0", 4).uart("ttyS1", 0).uart("ttyS2", 0)) {
            List<PortInfo> ports = new PortScanner(sysfs.sys(), sysfs.dev()).scan();

            assertEquals(1, ports.size(), ports::toString);
            assertEquals(sysfs.dev().resolve("ttyS0").toString(), ports.get(0).device());
            assertEquals("UART (16550A)", ports.get(0).description());
            assertNull(ports.get(0).usbId());
        }
    }

    @Test
    void virtualTerminalsAndPortsWithoutADeviceNodeAreLeftOut() throws IOException {
        try (FakeSysfs sysfs = FakeSysfs.create().virtual("tty0").virtual("console")
                .usbSerial("ttyUSB0", "1-3", "1a86", "7523", null, "USB Serial", null, 0).withoutNode("ttyUSB0")) {
            assertEquals(List.of(), new PortScanner(sysfs.sys(), sysfs.dev()).scan());
        }
    }

    @Test
    void portsComeInNaturalNameOrder() throws IOException {
        try (FakeSysfs sysfs = FakeSysfs.create()
                .usbSerial("ttyUSB10", "1-6", "1a86", "7523", null, null, null, 0)
                .usbSerial("ttyUSB2", "1-7", "1a86", "7523", null, null, null, 0)
                .stlinkAcm("ttyACM0", "1")) {
            List<String> names = new PortScanner(sysfs.sys(), sysfs.dev()).scan().stream()
                    .map(p -> p.device().substring(p.device().lastIndexOf('/') + 1)).toList();

            assertEquals(List.of("ttyACM0", "ttyUSB2", "ttyUSB10"), names);
        }
    }

    @Test
    void noSysfsMeansNoPorts() throws IOException {
        try (FakeSysfs sysfs = FakeSysfs.create()) {
            assertEquals(List.of(), new PortScanner(sysfs.sys().resolve("absent"), sysfs.dev()).scan());
        }
    }
}
