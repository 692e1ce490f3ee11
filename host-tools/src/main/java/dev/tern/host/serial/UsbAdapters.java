package dev.tern.host.serial;

import java.util.List;

/**
 * USB-serial bridges by VID:PID, and the Tern boards that carry one. Only the bridge is known
 * from the ids: a CP2102 could be on any board, so it is named an adapter; an ST-LINK/V2-1 VCP
 * is on the ST boards Tern supports (and on other ST boards), so it names those boards.
 */
public final class UsbAdapters {

    /** What a VID:PID (and interface) tells: a likely board, or only the adapter. */
    public record Match(boolean board, String text) {
        @Override
        public String toString() {
            return (board ? "board " : "adapter ") + text;
        }
    }

    /** One row of the table; {@code usbInterface} -1 matches any interface. */
    private record Entry(String vid, String pid, int usbInterface, Match match) {
    }

    private static final String ST_DISCO = "stm32f746g-disco or stm32f7508-dk (ST-LINK/V2-1 virtual COM port; other ST boards have it too)";

    private static final List<Entry> TABLE = List.of(
            new Entry("0483", "374b", -1, new Match(true, ST_DISCO)),
            new Entry("0483", "3752", -1, new Match(true, ST_DISCO)),
            new Entry("0483", "374e", -1, new Match(false, "STLINK-V3 virtual COM port (an ST board or probe)")),
            new Entry("0483", "374f", -1, new Match(false, "STLINK-V3 virtual COM port (an ST board or probe)")),
            new Entry("0483", "3753", -1, new Match(false, "STLINK-V3 virtual COM port (an ST board or probe)")),
            new Entry("0483", "3754", -1, new Match(false, "STLINK-V3 virtual COM port (an ST board or probe)")),
            // the ESP-WROVER-KIT's FT2232HL: channel A (interface 0) is JTAG, channel B (interface 1) the console
            new Entry("0403", "6010", 1, new Match(true, "esp-wrover-kit (FT2232HL channel B, its console)")),
            new Entry("0403", "6010", 0, new Match(false, "FTDI FT2232 channel A (JTAG on an esp-wrover-kit, not its console)")),
            new Entry("0403", "6010", -1, new Match(false, "FTDI FT2232 dual USB-serial")),
            new Entry("0403", "6001", -1, new Match(false, "FTDI FT232R USB-serial")),
            new Entry("0403", "6014", -1, new Match(false, "FTDI FT232H USB-serial")),
            new Entry("0403", "6015", -1, new Match(false, "FTDI FT-X (FT230X/FT231X) USB-serial")),
            new Entry("10c4", "ea60", -1, new Match(false, "Silicon Labs CP210x USB-UART bridge")),
            new Entry("10c4", "ea70", -1, new Match(false, "Silicon Labs CP2105 dual USB-UART bridge")),
            new Entry("1a86", "7523", -1, new Match(false, "WCH CH340 USB-serial")),
            new Entry("1a86", "55d4", -1, new Match(false, "WCH CH9102 USB-serial")),
            new Entry("067b", "2303", -1, new Match(false, "Prolific PL2303 USB-serial")),
            new Entry("303a", "1001", -1, new Match(false, "Espressif USB-Serial/JTAG (an ESP32-S3, -C3 or -C6 on its own USB)")));

    private UsbAdapters() {
    }

    /** The match for a VID:PID on interface {@code usbInterface} (-1 when unknown), or null. */
    public static Match lookup(String vid, String pid, int usbInterface) {
        if (vid == null || pid == null) {
            return null;
        }
        for (Entry entry : TABLE) {
            if (entry.vid.equalsIgnoreCase(vid) && entry.pid.equalsIgnoreCase(pid)
                    && (entry.usbInterface == -1 || entry.usbInterface == usbInterface)) {
                return entry.match;
            }
        }
        return null;
    }
}
