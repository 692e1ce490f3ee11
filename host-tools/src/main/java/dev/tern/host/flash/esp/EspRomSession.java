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
 * {@code tern flash}'s steps in the ESP32 ROM loader's commands: SYNC, the chip's magic word,
 * SPI_ATTACH and SPI_SET_PARAMS, then CHANGE_BAUDRATE to the asked speed. A region's digest is
 * SPI_FLASH_MD5 (so an unchanged image is found with the ROM alone). With a flasher stub
 * ({@link Settings#stub()}), the first erase or write uploads it ({@link EspStubStart}) and the
 * line is raised only then, as esptool does: the stub's 16 KB blocks; what differs between the two
 * loaders is {@link EspLoaderDialect}. Erase and write go through {@link EspFlashWriter}. Reads
 * are the ROM's READ_FLASH_SLOW (64 bytes a command) or the stub's READ_FLASH; GO is esptool's
 * soft reset (run user code), from the ROM after a stub rebooted the chip into it.
 */
public final class EspRomSession implements BootloaderSession {

    /** How {@code tern flash} talks to the ROM: the speed to raise the line to, compression, SYNCs to try. */
    public record Settings(LineSettings romLine, int baud, boolean compress, int syncAttempts, EspStub stub) {

        /** esptool's defaults: deflate, 35 SYNCs, ROM only; {@code baud} null: stay at the ROM's speed. */
        public static Settings of(LineSettings romLine, Integer baud) {
            return new Settings(romLine, baud == null ? romLine.baud() : baud, true, EspRomClient.SYNC_ATTEMPTS, null);
        }

        public Settings withCompress(boolean on) {
            return new Settings(romLine, baud, on, syncAttempts, stub);
        }

        public Settings withSyncAttempts(int attempts) {
            return new Settings(romLine, baud, compress, attempts, stub);
        }

        /** Writes through {@code flasher} (null: the ROM only). */
        public Settings withStub(EspStub flasher) {
            return new Settings(romLine, baud, compress, syncAttempts, flasher);
        }
    }

    /** SYNCs to the ROM after the stub rebooted the chip into it (it answers at once, or the chip booted its app). */
    private static final int SYNCS_AFTER_REBOOT = 10;

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
        this.writer = new EspFlashWriter(client, geometry, settings.compress(),
                () -> speed == null ? settings.romLine().baud() : speed.baud(), this::slowDown);
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
        String details;
        if (settings.stub() == null) {
            speed = EspBaudRate.raise(client, settings.romLine(), settings.baud());
            details = speed.baud() + " baud" + (speed.fellBack() == null ? "" : " (" + speed.fellBack() + ")");
        } else {
            // the stub goes up at the ROM's speed and raises the line itself: nothing to raise if nothing is written
            speed = new EspBaudRate.Outcome(settings.romLine().baud(), null, 0);
            details = speed.baud() + " baud; writes through flasher stub " + settings.stub().file() + " at " + settings.baud() + " baud";
        }
        details += (settings.compress() ? ", FLASH_DEFL (deflate)" : ", FLASH_DATA (uncompressed)") + ", SPI_FLASH_MD5";
        return new BootloaderIdentity("ESP32 ROM", "READ_REG 0x40001000", magic, details, EspRomProtocol.ROM_BLOCK,
                Optional.of("MD5"), "SPI_FLASH_MD5");
    }

    @Override
    public void erase(int[] pages, Duration wait) throws IOException {
        startStub();
        writer.erase(pages, wait);
    }

    @Override
    public void eraseAll(Duration wait) throws IOException {
        startStub();
        if (client.dialect().hasStubCommands()) {
            client.eraseFlash(wait);
        } else {
            client.flashBegin(geometry.size(), 0, geometry.baseAddress(), wait);
        }
        writer.erasedAll();
    }

    @Override
    public void write(long address, byte[] from, int offset, int length) throws IOException {
        startStub();
        writer.write(address, from, offset, length);
    }

    /** The whole-image MD5 differed: the stub (when given) starts, and the page MD5s already go through it at full speed. */
    @Override
    public void changesAhead() throws IOException {
        startStub();
    }

    /**
     * Bytes are about to change: with a stub given and not running yet, uploads it, then as esptool
     * does raises the line (the stub's CHANGE_BAUDRATE) and attaches the flash again.
     */
    private void startStub() throws IOException {
        if (settings.stub() == null || client.dialect() == EspLoaderDialect.STUB) {
            return;
        }
        EspStubStart.run(client, settings.stub());
        speed = EspBaudRate.raise(client, settings.romLine(), speed.baud(), settings.baud());
        client.spiAttach();
        client.spiSetParams(geometry.size());
        notices.accept("flasher stub " + settings.stub().describe() + " running: " + EspLoaderDialect.STUB.block() / 1024
                + " KB blocks at " + speed.baud() + " baud" + (speed.fellBack() == null ? "" : " (" + speed.fellBack() + ")"));
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
            if (client.dialect().hasStubCommands()) {
                client.readFlash(address, into, offset, length);
            } else {
                client.readFlashSlow(address, into, offset, length);
            }
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

    /** esptool's soft reset "stay in bootloader" from the stub: the chip reboots into the ROM loader (download mode strapped). */
    @Override
    public void stay() throws IOException {
        writer.finish();
        if (client.dialect() == EspLoaderDialect.STUB) {
            client.rebootFromStub();
            client.listenAt(settings.romLine());
        }
    }

    /**
     * Runs the flashed code, then listens at the ROM's speed again: the second stage and the app
     * set UART0 to the console's 115200 whatever CHANGE_BAUDRATE raised the loader to (and a
     * reset gives the ROM's banner at 115200), so what the board says next is read at that speed.
     * The ESP32's stub cannot run user code: it reboots the chip, which comes back in the ROM
     * loader (download mode still strapped) and is told to run the code from there; a chip that
     * booted its app instead (GPIO0 released) needs nothing more.
     */
    @Override
    public void go(long address) throws IOException {
        writer.finish();
        if (client.dialect() == EspLoaderDialect.STUB) {
            client.rebootFromStub();
            client.listenAt(settings.romLine());
            try {
                client.sync(SYNCS_AFTER_REBOOT);
            } catch (NoBootloaderAnswerException e) {
                notices.accept("the board restarted from flash after the flasher stub rebooted it");
                return;
            }
            client.spiAttach();
        }
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
