package dev.tern.host.flash.esp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tern.host.flash.protocol.NoBootloaderAnswerException;
import dev.tern.host.serial.LineSettings;

/**
 * Raises the line from the ROM's 115200 to the asked speed (CHANGE_BAUDRATE), checks the new speed
 * carries commands, and steps down (halving, to the ROM's speed at worst) while it does not.
 *
 * <p>The ESP32 ROM sets its UART from an 8 MHz clock it calibrated at reset, and that calibration
 * is off: esptool reads the ROM's calibration (RTCCALICFG1) and the clock's eFuse trim and tells
 * the ROM a "false" baud, {@code baud x romFreq / 40 MHz}, so the rate on the wire is right. So
 * does this ({@link EspLoaderDialect#changeBaudWords}); esptool's stub sets its UART from the right
 * clock and is told the baud itself, and the old one.
 */
final class EspBaudRate {

    static final long RTC_CALI_CFG1 = 0x3FF5F06CL;
    static final long EFUSE_BLK0_WORD4 = 0x3FF5A000L + 4 * 4;
    private static final int RTC_CALI_VALUE_SHIFT = 7;
    private static final int RTC_CALI_VALUE_MASK = 0x01FFFFFF;
    /** READ_REGs at the new speed that must all come back right before it is kept. */
    private static final int PROBES = 3;
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);
    /** CHANGE_BAUDRATE sent at a speed that loses bytes may be lost too: sent this many times. */
    private static final int CHANGE_ATTEMPTS = 3;

    /** The speed kept, why it is not the one asked for (null when it is), and the ROM's clock for later changes. */
    record Outcome(int baud, String fellBack, double romClock) {
    }

    private EspBaudRate() {
    }

    /** Moves the line from {@code rom} (the speed synced at) to {@code wanted}, or the fastest below it that works. */
    static Outcome raise(EspRomClient client, LineSettings rom, int wanted) throws IOException {
        return raise(client, rom, rom.baud(), wanted);
    }

    /** As {@link #raise(EspRomClient, LineSettings, int)}, from {@code current} (the loader's speed now). */
    static Outcome raise(EspRomClient client, LineSettings rom, int current, int wanted) throws IOException {
        if (wanted <= current) {
            return new Outcome(current, null, 0);
        }
        double clock = client.dialect() == EspLoaderDialect.ROM ? romClock(client) : 0;
        return settle(client, rom, current, wanted, clock, new ArrayList<>());
    }

    /**
     * After the line lost bytes at {@code current} (above the ROM's speed) in the middle of a
     * flash: the next speed down that carries commands, halving, the ROM's at worst.
     */
    static Outcome stepDown(EspRomClient client, LineSettings rom, int current, double romClock) throws IOException {
        List<Integer> failed = new ArrayList<>();
        failed.add(current);
        return settle(client, rom, current, Math.max(rom.baud(), current / 2), romClock, failed);
    }

    /** Tries {@code from}, then halves down to the ROM's speed, with the ROM's UART at {@code romAt} to begin with. */
    private static Outcome settle(EspRomClient client, LineSettings rom, int romAt, int from, double romClock, List<Integer> failed)
            throws IOException {
        List<Integer> ladder = new ArrayList<>();
        for (int baud = from; baud > rom.baud(); baud /= 2) {
            ladder.add(baud);
        }
        ladder.add(rom.baud());
        for (int baud : ladder) {
            for (int attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
                client.listenAt(rom.withBaud(romAt));
                client.changeBaud(romAt, romClock, rom.withBaud(baud));
                if (probe(client)) {
                    String why = failed.isEmpty() ? null : "the line lost bytes at " + bauds(failed) + " baud: fell back to " + baud;
                    return new Outcome(baud, why, romClock);
                }
                client.listenAt(rom.withBaud(romAt));
                if (!probe(client)) {
                    romAt = baud; // the ROM took the change: the next one is sent at this speed
                    break;
                }
                // the ROM missed the change and still answers at the old speed: send it again
            }
            if (baud != rom.baud()) {
                failed.add(baud);
            }
        }
        throw new EspLineException("lost the ESP32 ROM loader on " + client.port() + " after changing the baud rate (the line lost"
                + " bytes at " + bauds(failed) + " baud): reset the board into its download mode and flash at " + rom.baud() + " baud");
    }

    /** {@code 921600 and 460800}. */
    private static String bauds(List<Integer> list) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            text.append(i == 0 ? "" : i == list.size() - 1 ? " and " : ", ").append(list.get(i));
        }
        return text.toString();
    }

    /** What the ROM thinks its 8 MHz clock is, in Hz (0 when it cannot say: the baud is sent uncorrected). */
    private static double romClock(EspRomClient client) throws IOException {
        long calibration = (client.readRegister(RTC_CALI_CFG1) >>> RTC_CALI_VALUE_SHIFT) & RTC_CALI_VALUE_MASK;
        long trim = client.readRegister(EFUSE_BLK0_WORD4) & 0xFF;
        return calibration * 15625.0 * trim / 40;
    }

    /** esptool's ESP32ROM.change_baud: the baud the ROM must be told for {@code baud} to be on the wire. */
    static int falseBaud(int baud, double romClock) {
        if (romClock <= 0) {
            return baud;
        }
        double valid = romClock > 33_000_000 ? 40_000_000 : 26_000_000;
        return (int) Math.floor(baud * romClock / valid);
    }

    private static boolean probe(EspRomClient client) throws IOException {
        try {
            for (int i = 0; i < PROBES; i++) {
                if (client.readRegister(EspChip.MAGIC_REGISTER, PROBE_TIMEOUT) != EspChip.ESP32_MAGIC) {
                    return false;
                }
            }
            return true;
        } catch (EspRomException | NoBootloaderAnswerException e) {
            return false;
        }
    }
}
