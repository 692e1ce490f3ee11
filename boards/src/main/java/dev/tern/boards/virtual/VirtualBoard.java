package dev.tern.boards.virtual;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.bootloader.An3155Bootloader;
import dev.tern.boards.bootloader.BootloaderConfig;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.ChipIdSource;
import dev.tern.boards.definition.EraseCommand;
import dev.tern.boards.definition.FlashDevice;
import dev.tern.boards.definition.FlashProtocol;
import dev.tern.boards.definition.FlashWriter;
import dev.tern.boards.definition.Parity;
import dev.tern.boards.definition.Region;
import dev.tern.boards.definition.SerialLine;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.virtual.esp32.EspLoader;
import dev.tern.boards.virtual.esp32.EspRamUpload;
import dev.tern.boards.virtual.esp32.EspRomBanner;
import dev.tern.boards.virtual.esp32.LoaderLink;
import dev.tern.boards.tls.TlsSession;
import dev.tern.hal.Firmware;

/**
 * A simulated board in this process: an STM32 whose ROM bootloader speaks AN3155 on the console
 * line, flash kept in a file, a secure-boot stage that runs only a verified image, and the
 * flashed firmware (a jar) running against the HAL. Tests and {@code tern sim} start one:
 *
 * <pre>{@code
 * try (VirtualBoard board = VirtualBoard.start(VirtualBoardOptions.of(flashFile, imageCheck))) {
 *     String console = board.consoleUrl();   // socket://127.0.0.1:40123
 *     ...
 *     board.cutPower();
 *     board.powerOn();
 * }
 * }</pre>
 *
 * <h2>Boot flow</h2>
 * <pre>
 *  power-on / reset()  --BOOT0 high-----------------------------------------&gt; ROM BOOTLOADER
 *        |
 *        +-- SYNC_WINDOW (syncWindow, 200 ms): 0x7F arrives -----------------&gt; ROM BOOTLOADER
 *        |   (it is the host's sync byte: answered with ACK; other bytes are discarded)
 *        v
 *  CHECKING: read the application slot, ImageCheck, then version &gt;= last booted
 *        |-- refused: "boot: refused: REASON; staying in bootloader" -------&gt; ROM BOOTLOADER
 *        |-- "boot: image 1.4.0+0 verified (HOW)", record the version
 *        v
 *  RUNNING: the payload jar in its own class loader, Tern-Firmware class, boot(board), step(now)...
 *        |-- Board.reset() ---------------------------------------------------&gt; reset (window, check)
 *        |-- Board.enterBootloader() -----------------------------------------&gt; ROM BOOTLOADER
 *        |-- the firmware throws: "fault: ...; staying in bootloader" -------&gt; ROM BOOTLOADER
 *
 *  ROM BOOTLOADER (AN3155, silent) --GO to any address--&gt; CHECKING (the secure-boot stage
 *        at the flash base runs first, as ST's GO to the application runs MCUboot, then the app)
 * </pre>
 *
 * <p>No image runs without a passing {@link ImageCheck} in the same boot: GO, reset and power-on
 * all go through CHECKING. The boot stage's lines end with CR LF. The ROM bootloader itself
 * prints nothing (a host syncing with 0x7F must see only AN3155 bytes); a host should discard
 * what it received before its first 0x7F (stm32flash flushes the port when it opens it).
 *
 * <h2>An ESP32 board</h2>
 * A board whose ROM speaks the ESP serial protocol ({@code esp-wrover-kit}) boots the ESP32's way:
 * at every reset the line goes back to the console's rate and the ROM prints its banner
 * ({@link EspRomBanner}); the BOOT0 setting stands for GPIO0 held low, which gives download mode
 * ({@link EspLoader}, until a FLASH_END leaves it), else CHECKING as above. There is no 0x7F window.
 * A refused image halts it ({@link BoardMode#HALTED}): silent until reset, where an STM32 board
 * stays in its bootloader.
 *
 * <h2>Power</h2>
 * {@link #cutPower()} and {@link #reset()} may be called from any thread at any instant. The
 * board thread's flash operations are atomic with respect to them (the cut lands between two);
 * a cut inside one is {@link #cutPowerAfterFlashBytes(long)}: that many more bytes are
 * programmed or erased, the byte at the cut is left half done, and the board goes dark at once.
 * With the flash timed ({@link VirtualBoardOptions#flashTiming}), an outside cut also lands
 * inside an erase or program the board thread is stalled in, done in proportion to its time.
 *
 * <h2>Flash</h2>
 * Each of the definition's flash devices is a file (the main one {@link #flashFile()}, others
 * {@link #flashFileOf}) with a wear file beside it ({@code .wear}: erases per unit, across
 * runs). Every erase and program is charged its datasheet time, typical by default: in
 * {@code REAL} timing the board thread sleeps for it, which is what the CPU does on the parts
 * the definitions describe (internal F7 flash and the ESP32's and RT1170's code flash: the CPU
 * is held up because it runs from that flash; a QSPI data chip: a blocking driver polls its
 * status, so the firmware's thread waits but interrupts run). {@link #flashWear()} reports.
 * Guarantee: once the board has lost power or been reset from outside, every HAL call of the
 * old firmware throws {@link BoardStopped} (and its flash views write nothing more), its
 * sockets are closed, it is never stepped again, and {@code cutPower()}/{@code reset()} return
 * only after its thread ended (they wait up to 5 s for a firmware that loops without calling
 * the HAL, then report it by {@link #failure()}). A cut also loses the console's FIFOs; the
 * console's socket or pty stays open, as a host's serial adapter does. {@link #powerOn()}
 * reopens the flash file and boots from what it holds.
 */
public final class VirtualBoard implements AutoCloseable {

    /** F7 SRAM starts at 0x20000000; the ROM bootloader keeps its first 16 KB (AN2606). */
    private static final long RAM_BASE = 0x2000_4000L;
    private static final int ROM_RESERVED_RAM = 16 * 1024;
    private static final long STOP_TIMEOUT_MS = 5_000;
    private static final long IDLE_NANOS = 500_000;
    private static final long FIRMWARE_IDLE_NANOS = 1_000_000;
    /** How long a baud change may wait for the answer before it to leave at the old rate. */
    private static final long BAUD_CHANGE_TIMEOUT_MS = 5_000;

    private static final int ENTER_RESET = 0;
    private static final int ENTER_BOOTLOADER = 1;
    private static final int ENTER_SYNCED_BOOTLOADER = 2;
    private static final int ENTER_SECOND_STAGE = 3;
    private static final int ENTER_HALTED = 4;

    private final VirtualBoardOptions options;
    private final BoardDefinition definition;
    private final BootloaderConfig bootloaderConfig;
    private final ConsoleLine line;
    private final RollbackStore rollback;
    private final BoardFlash boardFlash;
    private final List<byte[]> trustedKeys;
    /** An ESP32: its ROM speaks the ESP serial protocol, GPIO0 (the {@link #boot0} pin here) picks download mode. */
    private final boolean espRom;
    private final Object control = new Object();

    private volatile boolean boot0;
    private volatile BoardMode mode = BoardMode.OFF;
    private volatile VirtualHal hal;
    private volatile Throwable failure;
    /** The RAM upload of the last ESP32 loader in which a flasher stub started, or null. */
    private volatile EspRamUpload stubUpload;
    private volatile TransportTap transportTap;
    /** The console line of the last refused boot, and how many boots refused (written by the board thread only). */
    private volatile String lastRefusal;
    private final AtomicInteger refusals = new AtomicInteger();
    private BoardRun run; // guarded by control

    private VirtualBoard(final VirtualBoardOptions options, final ConsoleLine line, final BoardFlash boardFlash) {
        this.options = options;
        this.boardFlash = boardFlash;
        this.definition = options.board();
        this.line = line;
        this.rollback = new RollbackStore(options.flashFile());
        this.trustedKeys = options.trustedKeys();
        this.boot0 = options.boot0();
        this.espRom = definition.bootloader().protocol() == FlashProtocol.ESP_ROM_SERIAL;
        // a board whose ROM speaks another protocol is simulated with the AN3155 bootloader of an STM32F7
        final EraseCommand erase = definition.bootloader().erase().belongsTo(FlashProtocol.AN3155)
                ? definition.bootloader().erase() : EraseCommand.EXTENDED_ERASE;
        // an ESP32's id is its 32-bit detect word, served by its own loader: the AN3155 config gets a placeholder
        final int an3155Id = definition.bootloader().protocol() == FlashProtocol.AN3155 ? (int) definition.mcu().chipId() : 0;
        this.bootloaderConfig = BootloaderConfig.of(an3155Id, erase)
                .ram(RAM_BASE, (int) Math.max(0, definition.ramSize() - ROM_RESERVED_RAM))
                .getChecksum(options.bootloaderGetChecksum())
                .interByteTimeout(options.bootloaderInterByteTimeout().toMillis(), () -> System.nanoTime() / 1_000_000L);
    }

    /**
     * Opens the console (listening or on the pty) and powers the board on.
     *
     * @throws IllegalArgumentException when the board is not one the virtual board can be: an
     *         AN3155 board with a chip id whose main flash the ROM bootloader writes
     */
    public static VirtualBoard start(final VirtualBoardOptions options) throws IOException {
        checkSimulable(options.board());
        final ConsoleEndpoint endpoint = options.console();
        final LineEndpoint opened = endpoint.isSocket()
                ? SocketEndpoint.listen(endpoint.host(), endpoint.port()) : PtyEndpoint.open(endpoint.ptyPath());
        final ConsoleLine line = new ConsoleLine(opened, options.baud(), bitsPerByte(options.board().console()), options.faults());
        line.start();
        BoardFlash flash = null;
        try {
            flash = new BoardFlash(options.board(), options.flashFile(), options.flashTiming(), options.flashTimes(),
                    options.wearSeed());
            final VirtualBoard board = new VirtualBoard(options, line, flash);
            board.powerOn();
            return board;
        } catch (final IOException | RuntimeException e) {
            line.close();
            if (flash != null) {
                flash.close();
            }
            throw e;
        }
    }

    /**
     * Refuses a board the virtual board cannot be, before anything starts ({@link #start} checks it too).
     *
     * @throws IllegalArgumentException naming what the board has that the virtual board does not simulate
     */
    public static void checkSimulable(final BoardDefinition board) {
        final boolean an3155 = board.bootloader().protocol() == FlashProtocol.AN3155
                && board.mcu().chipIdSource() == ChipIdSource.AN3155_GET_ID;
        final boolean esp = board.bootloader().protocol() == FlashProtocol.ESP_ROM_SERIAL
                && board.mcu().chipIdSource() == ChipIdSource.ESP_CHIP_DETECT_MAGIC;
        if (!(an3155 || esp) || board.flash().writer() != FlashWriter.ROM_BOOTLOADER || board.bootFlash().isPresent()) {
            throw new IllegalArgumentException("the virtual board simulates AN3155 and ESP32 ROM boards whose main flash the"
                    + " ROM bootloader writes (a dataFlash beside it is fine, a bootFlash is not): board=" + board.id()
                    + ", protocol=" + board.bootloader().protocol().key()
                    + ", writer=" + board.flash().writer().key() + ", bootFlash=" + board.bootFlash().isPresent());
        }
    }

    /** Start bit, data bits, parity bit, stop bits: 10 for 8N1. */
    private static int bitsPerByte(final SerialLine console) {
        return 1 + console.dataBits() + (console.parity() == Parity.NONE ? 0 : 1) + console.stopBits();
    }

    /** {@code socket://127.0.0.1:PORT} with the port it listens on, or the pty path. */
    public String consoleUrl() {
        return line.url();
    }

    public BoardMode mode() {
        return mode;
    }

    /** Waits until the board is in {@code wanted}: true, or false after {@code timeout}. */
    public boolean awaitMode(final BoardMode wanted, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (mode != wanted) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    /**
     * Sets the BOOT0 pin (an ESP32's GPIO0 held low: download mode); it is read at the next reset
     * or power-on.
     */
    public void boot0(final boolean high) {
        boot0 = high;
    }

    public boolean isPowered() {
        synchronized (control) {
            return run != null;
        }
    }

    /** Reopens the flash file and boots (BOOT0, the sync window, the second stage). */
    public void powerOn() throws IOException {
        synchronized (control) {
            if (run != null) {
                throw new IllegalStateException("the board is already powered");
            }
            final List<FlashMemory> devices = boardFlash.power();
            line.discardReceived();
            line.listening(true);
            startLife(new BoardRun(devices), ENTER_RESET);
        }
    }

    /**
     * Watches what the firmware writes to its network connections (plaintext, under TLS too) from
     * the next connection on; null stops watching. See {@link TransportTap}.
     */
    public void tapTransport(final TransportTap tap) {
        this.transportTap = tap;
    }

    /** Cuts the power now (between two flash operations); nothing if it is off. */
    public void cutPower() {
        final BoardRun dying;
        synchronized (control) {
            dying = run;
        }
        if (dying == null) {
            return;
        }
        dying.stop();
        dying.cutFlashPower();
        awaitEnd(dying);
        powerDown(dying);
    }

    /**
     * Lets {@code bytes} more bytes of flash be programmed or erased, then cuts the power in the
     * middle of the operation that reaches the limit (see {@link FlashMemory#cutPowerAfter}).
     */
    public void cutPowerAfterFlashBytes(final long bytes) {
        synchronized (control) {
            if (run == null) {
                throw new IllegalStateException("the board has no power");
            }
            run.cutFlashPowerAfter(bytes);
        }
    }

    /**
     * Presses reset: the running code stops at once (as on a power cut, but the flash keeps
     * power and the operation under way completes), both console FIFOs are emptied, and the
     * board boots again (BOOT0, sync window, second stage).
     */
    public void reset() {
        final BoardRun old;
        synchronized (control) {
            old = run;
            if (old == null) {
                throw new IllegalStateException("the board has no power: call powerOn()");
            }
        }
        old.stop();
        awaitEnd(old);
        endHal();
        synchronized (control) {
            if (run != old || old.lostPower()) {
                return; // the power went while it stopped
            }
            line.discardReceived();
            line.discardTransmit();
            startLife(new BoardRun(old.devices), ENTER_RESET);
        }
    }

    /** What crossed the console and what the faults did. */
    public LineStats lineStats() {
        return line.stats();
    }

    /** The main flash's file. */
    public Path flashFile() {
        return options.flashFile();
    }

    /** The file holding one of the board's flash devices ({@code <flash file>.dataFlash} for dataFlash). */
    public Path flashFileOf(final FlashDevice device) {
        return BoardFlash.fileOf(options.flashFile(), device);
    }

    /** Each flash device's erases per erase unit (kept in files, so across runs) and busy time this run. */
    public List<DeviceWear> flashWear() {
        return boardFlash.wear();
    }

    /** The board-private file holding the highest version booted (see {@link RollbackStore}). */
    public Path rollbackFile() {
        return rollback.file();
    }

    /** How many boots refused the application slot's image since the board started. */
    public int refusals() {
        return refusals.get();
    }

    /** Why the last refused boot refused: its console line ({@code boot: refused: ...}), or null when none refused. */
    public String lastRefusal() {
        return lastRefusal;
    }

    /** The rollback record a board on {@code flashFile} keeps, before it starts (delete it to forget the versions booted). */
    public static Path rollbackFileOf(final Path flashFile) {
        return new RollbackStore(flashFile).file();
    }

    /** The last TLS session the board's firmware established since it last booted, or null (none, or no TLS). */
    public TlsSession tlsSession() {
        final VirtualHal current = hal;
        return current == null ? null : current.lastTlsSession();
    }

    /** What a host uploaded as the flasher stub (segments, entry) the last time one started on this ESP32, or null. */
    public EspRamUpload stubUpload() {
        return stubUpload;
    }

    /** An unexpected failure of the board (not a firmware's fault), or null. */
    public Throwable failure() {
        final Throwable board = failure;
        return board != null ? board : line.failure();
    }

    /** Cuts the power and closes the console and the wear files. */
    @Override
    public void close() throws IOException {
        cutPower();
        line.close();
        boardFlash.close();
    }

    private void startLife(final BoardRun life, final int entry) {
        run = life;
        mode = BoardMode.CHECKING;
        life.start(() -> live(life, entry));
    }

    private void awaitEnd(final BoardRun dying) {
        final Thread thread = dying.thread();
        if (thread == Thread.currentThread()) {
            throw new IllegalStateException("cutPower/reset are for the outside: the firmware calls Board.reset()");
        }
        try {
            thread.join(STOP_TIMEOUT_MS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            failure = new IllegalStateException("the firmware did not stop within " + STOP_TIMEOUT_MS
                    + " ms of a reset or power cut: it loops without calling the HAL");
        }
    }

    /** After a life that lost power: no more firmware, console FIFOs lost, flash closed. */
    private void powerDown(final BoardRun dead) {
        if (!dead.claimCleanup()) {
            return;
        }
        endHal();
        synchronized (control) {
            line.listening(false);
            line.discardTransmit();
            for (final FlashMemory device : dead.devices) {
                try {
                    device.close();
                } catch (final IOException e) {
                    failure = e;
                }
            }
            if (run == dead) {
                run = null;
                mode = BoardMode.OFF;
            }
        }
    }

    private void endHal() {
        final VirtualHal current = hal;
        if (current != null) {
            current.end();
        }
    }

    /** The board thread: one life, until a cut or an outside reset. */
    private void live(final BoardRun life, final int entry) {
        try {
            int next = entry;
            while (true) {
                switch (next) {
                    case ENTER_RESET:
                        next = afterReset(life);
                        break;
                    case ENTER_BOOTLOADER:
                    case ENTER_SYNCED_BOOTLOADER:
                        next = romBootloader(life, next == ENTER_SYNCED_BOOTLOADER);
                        break;
                    case ENTER_HALTED:
                        halt(life);
                        break;
                    default:
                        next = secondStage(life);
                        break;
                }
            }
        } catch (final BoardStopped stopped) {
            // power cut or outside reset: this life is over
        } catch (final IOException | RuntimeException | Error e) {
            failure = e;
        } finally {
            if (life.lostPower() || failure != null && life.alive()) {
                life.stop();
                powerDown(life);
            }
        }
    }

    /** BOOT0, or the window in which 0x7F enters the bootloader; else the second stage. */
    private int afterReset(final BoardRun life) {
        if (espRom) {
            return espRomStart(life);
        }
        if (boot0) {
            return ENTER_BOOTLOADER;
        }
        mode = BoardMode.SYNC_WINDOW;
        final byte[] one = new byte[1];
        final long deadline = System.nanoTime() + options.syncWindow().toNanos();
        while (System.nanoTime() - deadline < 0) {
            life.check();
            if (line.receive(one, 0, 1) == 1) {
                if (An3155.SYNC == (one[0] & 0xFF)) {
                    return ENTER_SYNCED_BOOTLOADER;
                }
                continue; // anything else in the window is discarded
            }
            line.awaitReceived(IDLE_NANOS);
        }
        return ENTER_SECOND_STAGE;
    }

    /** The ESP32 ROM: back to the console's rate, its banner, then download mode or the flash boot. */
    private int espRomStart(final BoardRun life) {
        if (options.baud() != 0 && line.baud() != options.baud()) {
            line.changeBaud(options.baud(), BAUD_CHANGE_TIMEOUT_MS);
        }
        final boolean download = boot0;
        final byte[] banner = EspRomBanner.text(download).getBytes(StandardCharsets.US_ASCII);
        transmitAll(life, banner, 0, banner.length);
        return download ? ENTER_BOOTLOADER : ENTER_SECOND_STAGE;
    }

    /** Serves the ESP32 ROM loader (and the stub once uploaded) until FLASH_END leaves it. */
    private int espLoader(final BoardRun life) throws IOException {
        final EspLoader loader = new EspLoader(life.flash, new EspLink(life),
                options.baud() != 0 ? line.baud() : definition.console().baud());
        final byte[] received = new byte[512];
        while (true) {
            life.check();
            final int count = line.receive(received, 0, received.length);
            if (count == 0) {
                life.withFlash(flash -> {
                    loader.poll();
                    return null;
                });
                line.awaitReceived(IDLE_NANOS);
            }
            for (int i = 0; i < count; i++) {
                final int b = received[i] & 0xFF;
                final int next = life.withFlash(flash -> loader.accept(b));
                if (loader.isStub() && stubUpload != loader.ramUpload()) {
                    stubUpload = loader.ramUpload();
                }
                if (EspLoader.REBOOT == next) {
                    line.discardReceived();
                    return ENTER_RESET;
                }
                if (EspLoader.RUN_APP == next) {
                    return ENTER_SECOND_STAGE;
                }
            }
        }
    }

    /** Serves AN3155 on the console until a GO; then the second stage. */
    private int romBootloader(final BoardRun life, final boolean synced) throws IOException {
        if (espRom) {
            mode = BoardMode.BOOTLOADER;
            return espLoader(life);
        }
        mode = BoardMode.BOOTLOADER;
        final An3155Bootloader bootloader = new An3155Bootloader(bootloaderConfig, life.flash, new Transmitter(life));
        if (synced) {
            feed(life, bootloader, An3155.SYNC);
        }
        final byte[] received = new byte[512];
        while (true) {
            life.check();
            final int count = line.receive(received, 0, received.length);
            if (count == 0) {
                line.awaitReceived(IDLE_NANOS);
            }
            for (int i = 0; i < count; i++) {
                if (feed(life, bootloader, received[i] & 0xFF)) {
                    return ENTER_SECOND_STAGE;
                }
            }
        }
    }

    private static boolean feed(final BoardRun life, final An3155Bootloader bootloader, final int b) throws IOException {
        return life.withFlash(flash -> bootloader.accept(b));
    }

    /** Checks the application slot and runs it, or says why not and returns to the bootloader. */
    private int secondStage(final BoardRun life) throws IOException {
        mode = BoardMode.CHECKING;
        final Region slot = definition.appSlot();
        final byte[] image = new byte[(int) slot.size()];
        life.withFlash(flash -> {
            flash.read(slot.address(), image, 0, image.length);
            return null;
        });
        Verdict verdict;
        try {
            verdict = options.imageCheck().check(image, trustedKeys);
        } catch (final RuntimeException e) {
            verdict = Verdict.refused("the image check failed: " + e);
        }
        if (verdict.ok() && (long) verdict.payloadOffset() + verdict.payloadLength() > image.length) {
            verdict = Verdict.refused("the payload lies outside the slot (offset " + verdict.payloadOffset()
                    + ", length " + verdict.payloadLength() + ", slot " + image.length + ")");
        }
        if (!verdict.ok()) {
            return refuse(life, "boot: refused: " + verdict.detail());
        }
        final ImageVersion version = verdict.version();
        final ImageVersion last;
        try {
            last = rollback.lastBooted();
        } catch (final IOException | IllegalArgumentException e) {
            return refuse(life, "boot: refused: the record of the last booted version is unreadable (" + e.getMessage() + ")");
        }
        if (last != null && version.compareTo(last) < 0) {
            return refuse(life, "boot: refused: version " + version + " is lower than " + last
                    + ", the last booted (downgrade prevention)");
        }
        say(life, "boot: image " + version + " verified (" + verdict.detail() + ")");
        final Firmware firmware;
        try {
            firmware = instantiate(image, verdict);
        } catch (final IOException | ReflectiveOperationException | LinkageError | RuntimeException e) {
            return refuse(life, "boot: cannot start image " + version + ": " + e);
        }
        rollback.booted(version);
        return runFirmware(life, firmware);
    }

    private int refuse(final BoardRun life, final String why) {
        lastRefusal = why;
        refusals.incrementAndGet();
        if (espRom) {
            say(life, why + "; halted (hold GPIO0 low and reset for download mode)");
            return ENTER_HALTED;
        }
        say(life, why + "; staying in bootloader");
        return ENTER_BOOTLOADER;
    }

    /** An ESP32 that refused its image: silent until a reset or power cut ends this life. */
    private void halt(final BoardRun life) {
        mode = BoardMode.HALTED;
        final byte[] ignored = new byte[512];
        while (true) {
            life.check();
            if (line.receive(ignored, 0, ignored.length) == 0) {
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
    }

    private static Firmware instantiate(final byte[] image, final Verdict verdict) throws IOException, ReflectiveOperationException {
        final ImageClassLoader loader = ImageClassLoader.of("tern-image-" + verdict.version(), image,
                verdict.payloadOffset(), verdict.payloadLength());
        final String name = loader.firmwareClassName();
        if (name == null) {
            throw new IOException("its jar's manifest names no " + Firmware.MANIFEST_ATTRIBUTE + " class");
        }
        final Class<?> type = Class.forName(name.trim(), true, loader);
        if (!Firmware.class.isAssignableFrom(type)) {
            throw new IOException(name + " does not implement " + Firmware.class.getName());
        }
        final Constructor<? extends Firmware> constructor = type.asSubclass(Firmware.class).getConstructor();
        return constructor.newInstance();
    }

    /** boot(board), then step(now) until the firmware asks for a reset or the bootloader. */
    private int runFirmware(final BoardRun life, final Firmware firmware) {
        mode = BoardMode.RUNNING;
        final long start = System.nanoTime();
        final VirtualHal bound = new VirtualHal(definition, uniqueIdOf(options.flashFile()), life, line, options.sensorSeed(), start,
                options.tls(), options.plainWhileNoCredentials(), () -> transportTap);
        hal = bound;
        try {
            firmware.boot(bound);
            while (bound.restartRequest() == VirtualHal.NONE) {
                life.check();
                final int work = firmware.step((System.nanoTime() - start) / 1_000_000L);
                if (work == 0 && bound.restartRequest() == VirtualHal.NONE) {
                    LockSupport.parkNanos(FIRMWARE_IDLE_NANOS);
                }
            }
        } catch (final BoardStopped stopped) {
            throw stopped;
        } catch (final RuntimeException | Error e) {
            bound.end();
            return refuse(life, "fault: the firmware threw " + e);
        } finally {
            bound.end();
        }
        if (bound.restartRequest() == VirtualHal.RESET) {
            line.discardReceived();
            return ENTER_RESET;
        }
        return ENTER_BOOTLOADER;
    }

    /** A line of the boot stage on the console, CR LF. */
    private void say(final BoardRun life, final String text) {
        final byte[] bytes = (text + "\r\n").getBytes(StandardCharsets.UTF_8);
        transmitAll(life, bytes, 0, bytes.length);
    }

    /** Queues all bytes for the host, waiting for room in the FIFO as a UART driver would. */
    private void transmitAll(final BoardRun life, final byte[] bytes, final int offset, final int length) {
        int done = 0;
        while (done < length) {
            life.check();
            final int taken = line.transmit(bytes, offset + done, length - done);
            done += taken;
            if (taken == 0) {
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
    }

    /** The ESP32 loader's UART: answers into the transmit FIFO, baud changes on the line (when paced). */
    private final class EspLink implements LoaderLink {
        private final BoardRun life;

        EspLink(final BoardRun life) {
            this.life = life;
        }

        @Override
        public void transmit(final byte[] bytes, final int offset, final int length) {
            transmitAll(life, bytes, offset, length);
        }

        @Override
        public void changeBaud(final int baud) {
            if (options.baud() != 0) {
                line.changeBaud(baud, BAUD_CHANGE_TIMEOUT_MS);
            }
        }
    }

    /** The bootloader's answers into the transmit FIFO. */
    private final class Transmitter extends OutputStream {
        private final BoardRun life;
        private final byte[] one = new byte[1];

        Transmitter(final BoardRun life) {
            this.life = life;
        }

        @Override
        public void write(final int b) {
            one[0] = (byte) b;
            transmitAll(life, one, 0, 1);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) {
            transmitAll(life, bytes, offset, length);
        }
    }

    /**
     * The virtual MCU's unique id, like an STM32's 96-bit UID: 12 bytes in hex, derived from the
     * flash file's absolute path, so each simulated board (each flash file) has its own and keeps it.
     */
    static String uniqueIdOf(final java.nio.file.Path flashFile) {
        try {
            final byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(flashFile.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (final java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
