package dev.tern.host.flash.esp;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

import dev.tern.boards.flash.FlashGeometry;
import dev.tern.host.flash.protocol.BootloaderIdentity;
import dev.tern.host.flash.protocol.BootloaderSession;
import dev.tern.host.flash.protocol.NoBootloaderAnswerException;
import dev.tern.host.serial.LineSettings;

/**
 * {@code tern flash}'s steps in the ESP32 ROM loader's commands, ROM only (no stub): SYNC, the
 * chip's magic word, SPI_ATTACH and SPI_SET_PARAMS, then CHANGE_BAUDRATE to the asked speed.
 * Erase and write go through {@link EspFlashWriter} (the ROM erases as a transfer begins); a
 * region's digest is SPI_FLASH_MD5. Reads are READ_FLASH_SLOW, 64 bytes a command (the fast
 * READ_FLASH is the stub's); GO is esptool's soft reset (run user code).
 */
public final class EspRomSession implements BootloaderSession {

    /** How {@code tern flash} talks to the ROM: the speed to raise the line to, compression, SYNCs to try. */
    public record Settings(LineSettings romLine, int baud, boolean compress, int syncAttempts) {

        /** esptool's defaults: deflate, 35 SYNCs; {@code baud} null: stay at the ROM's speed. */
        public static Settings of(LineSettings romLine, Integer baud) {
            return new Settings(romLine, baud == null ? romLine.baud() : baud, true, EspRomClient.SYNC_ATTEMPTS);
        }

        public Settings withCompress(boolean on) {
            return new Settings(romLine, baud, on, syncAttempts);
        }

        public Settings withSyncAttempts(int attempts) {
            return new Settings(romLine, baud, compress, attempts);
        }
    }

    private final EspRomClient client;
    private final FlashGeometry geometry;
    private final Settings settings;
    private final EspFlashWriter writer;
    private final Consumer<String> notices;
    private EspBaudRate.Outcome speed;
    private int commandsResent;

    /** {@code notices}: where to say what the user should know mid-flash (a slower baud after the line lost bytes). */
    public EspRomSession(EspRomClient client, FlashGeometry geometry, Settings settings, Consumer<String> notices) {
        this.client = client;
        this.geometry = geometry;
        this.settings = settings;
        this.notices = notices;
        this.writer = new EspFlashWriter(client, geometry, settings.compress(), this::slowDown);
    }

    @Override
    public String port() {
        return client.port();
    }

    @Override
    public BootloaderIdentity identify() throws IOException {
        int value = client.sync(settings.syncAttempts());
        if (value == 0) {
            throw new EspRomException("a flasher stub answers on " + port() + " (its SYNC value is 0), not the ESP32 ROM loader that"
                    + " tern flash speaks: reset the board into its download mode (hold Boot, press and release EN) and flash again");
        }
        int magic = EspChip.requireEsp32(client);
        client.spiAttach();
        client.spiSetParams(geometry.size());
        EspBaudRate.Outcome baud = EspBaudRate.raise(client, settings.romLine(), settings.baud());
        speed = baud;
        String details = baud.baud() + " baud" + (baud.fellBack() == null ? "" : " (" + baud.fellBack() + ")")
                + (settings.compress() ? ", FLASH_DEFL (deflate)" : ", FLASH_DATA (uncompressed)") + ", SPI_FLASH_MD5";
        return new BootloaderIdentity("ESP32 ROM", "READ_REG 0x40001000", magic, details, EspRomProtocol.ROM_BLOCK,
                Optional.of("MD5"), "SPI_FLASH_MD5");
    }

    @Override
    public void erase(int[] pages, Duration wait) throws IOException {
        writer.erase(pages, wait);
    }

    @Override
    public void eraseAll(Duration wait) throws IOException {
        client.flashBegin(geometry.size(), 0, geometry.baseAddress(), wait);
        writer.erasedAll();
    }

    @Override
    public void write(long address, byte[] from, int offset, int length) throws IOException {
        writer.write(address, from, offset, length);
    }

    @Override
    public void flush() throws IOException {
        writer.finish();
    }

    /** Each chunk's SPI_FLASH_MD5 is compared as soon as the chunk is written ({@link EspFlashWriter}). */
    @Override
    public boolean verifiesAsItWrites() {
        return true;
    }

    @Override
    public boolean holdsWrites() {
        return writer.holdsWrites();
    }

    @Override
    public void read(long address, byte[] into, int offset, int length) throws IOException {
        writer.finish();
        slowingDownOnLineTrouble(() -> {
            client.readFlashSlow(address, into, offset, length);
            return null;
        });
    }

    @Override
    public String digest(long address, long length) throws IOException {
        writer.finish();
        return slowingDownOnLineTrouble(() -> client.md5(address, length));
    }

    @Override
    public String expectedDigest(byte[] content) {
        return md5Hex(content, 0, content.length);
    }

    /**
     * Runs the flashed code, then listens at the ROM's speed again: the second stage and the app
     * set UART0 to the console's 115200 whatever CHANGE_BAUDRATE raised the loader to (and a
     * reset gives the ROM's banner at 115200), so what the board says next is read at that speed.
     */
    @Override
    public void go(long address) throws IOException {
        writer.finish();
        client.runUserCode();
        client.listenAt(settings.romLine());
    }

    @Override
    public int blocksResent() {
        return client.blocksResent() + writer.chunksResent();
    }

    @Override
    public int lineRetries() {
        return writer.lineRetries() + commandsResent;
    }

    /** A command the session sends again after the line lost its answer. */
    private interface Command<T> {
        T send() throws IOException;
    }

    /**
     * Sends {@code command}; while the line runs above the ROM's speed, an answer the line lost
     * or garbled steps the speed down (and says so) and the command goes again.
     */
    private <T> T slowingDownOnLineTrouble(Command<T> command) throws IOException {
        while (true) {
            try {
                return command.send();
            } catch (EspLineException | NoBootloaderAnswerException e) {
                if (speed == null || speed.baud() <= settings.romLine().baud()) {
                    throw e;
                }
                commandsResent++;
                client.discardInput();
                slowDown();
            }
        }
    }

    /** A chunk's transfer broke: above the ROM's speed, the line steps down before the chunk goes again. */
    private void slowDown() throws IOException {
        if (speed == null || speed.baud() <= settings.romLine().baud()) {
            return;
        }
        int from = speed.baud();
        speed = EspBaudRate.stepDown(client, settings.romLine(), from, speed.romClock());
        notices.accept("the line to " + port() + " lost bytes at " + from + " baud: fell back to " + speed.baud() + " baud");
    }

    /** MD5 as the ROM answers SPI_FLASH_MD5: 32 lower-case hex characters. */
    static String md5Hex(byte[] bytes, int offset, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(bytes, offset, length);
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
