package dev.tern.boards.virtual;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tern.boards.bootloader.BootloaderConfig;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.TimeFigure;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.tls.TlsSettings;

/**
 * How to start a {@link VirtualBoard}. Immutable; each setter returns a copy:
 *
 * <pre>{@code
 * VirtualBoardOptions options = VirtualBoardOptions.of(folder.resolve("flash.bin"), imageCheck)
 *         .console(ConsoleEndpoint.parse("socket://127.0.0.1:0"))
 *         .baudPacing(115200)
 *         .trustedKeys(List.of(publicKey))
 *         .boot0(true);
 * }</pre>
 */
public final class VirtualBoardOptions implements Cloneable {

    /** How long after a reset a 0x7F on the console enters the bootloader. */
    public static final Duration DEFAULT_SYNC_WINDOW = Duration.ofMillis(200);

    private BoardDefinition board;
    private Path flashFile;
    private ImageCheck imageCheck;
    private ConsoleEndpoint console = ConsoleEndpoint.socket("127.0.0.1", 0);
    private int baud;
    private LineFaults faults = LineFaults.NONE;
    private List<byte[]> trustedKeys = List.of();
    private boolean boot0;
    private Duration syncWindow = DEFAULT_SYNC_WINDOW;
    private long sensorSeed;
    private Duration interByteTimeout = Duration.ofMillis(BootloaderConfig.DEFAULT_INTER_BYTE_TIMEOUT_MS);
    private boolean getChecksum;
    private TimingMode flashTiming = TimingMode.REAL;
    private TimeFigure flashTimes = TimeFigure.TYPICAL;
    private long wearSeed;
    private TlsSettings tls;
    private boolean plainWhileNoCredentials;

    private VirtualBoardOptions() {
    }

    /**
     * The {@code virtual} board, its flash in {@code flashFile} (created erased when missing),
     * the secure-boot check {@code imageCheck}, the console on a free port of 127.0.0.1, no
     * pacing, no faults, no keys, BOOT0 low, a 200 ms sync window, sensor seed 0, flash timed
     * for real at the datasheets' typical figures, worn-cell seed 0.
     */
    public static VirtualBoardOptions of(final Path flashFile, final ImageCheck imageCheck) {
        final VirtualBoardOptions options = new VirtualBoardOptions();
        options.board = new BoardLoader().load("virtual");
        options.flashFile = Objects.requireNonNull(flashFile, "flashFile");
        options.imageCheck = Objects.requireNonNull(imageCheck, "imageCheck");
        return options;
    }

    /** Another AN3155 board definition whose flash the ROM bootloader writes. */
    public VirtualBoardOptions board(final BoardDefinition definition) {
        final VirtualBoardOptions copy = copy();
        copy.board = Objects.requireNonNull(definition, "definition");
        return copy;
    }

    public VirtualBoardOptions console(final ConsoleEndpoint endpoint) {
        final VirtualBoardOptions copy = copy();
        copy.console = Objects.requireNonNull(endpoint, "endpoint");
        return copy;
    }

    /**
     * Paces the console in both directions to {@code baud} with the board's line format
     * (115200 8N1: 10 bits a byte, 11,520 bytes/s); 0 (the default) sends as fast as it can.
     */
    public VirtualBoardOptions baudPacing(final int newBaud) {
        if (newBaud < 0) {
            throw new IllegalArgumentException("baud=" + newBaud);
        }
        final VirtualBoardOptions copy = copy();
        copy.baud = newBaud;
        return copy;
    }

    public VirtualBoardOptions faults(final LineFaults lineFaults) {
        final VirtualBoardOptions copy = copy();
        copy.faults = Objects.requireNonNull(lineFaults, "lineFaults");
        return copy;
    }

    /** The provisioned public keys, passed as they are to the {@link ImageCheck}. */
    public VirtualBoardOptions trustedKeys(final List<byte[]> keys) {
        final VirtualBoardOptions copy = copy();
        final List<byte[]> copies = new ArrayList<>();
        for (final byte[] key : keys) {
            copies.add(key.clone());
        }
        copy.trustedKeys = List.copyOf(copies);
        return copy;
    }

    /** BOOT0 at power-on (it can be changed later with {@link VirtualBoard#boot0(boolean)}). */
    public VirtualBoardOptions boot0(final boolean high) {
        final VirtualBoardOptions copy = copy();
        copy.boot0 = high;
        return copy;
    }

    /** The window after a reset in which 0x7F enters the bootloader; zero turns it off. */
    public VirtualBoardOptions syncWindow(final Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("window=" + window);
        }
        final VirtualBoardOptions copy = copy();
        copy.syncWindow = window;
        return copy;
    }

    public VirtualBoardOptions sensorSeed(final long seed) {
        final VirtualBoardOptions copy = copy();
        copy.sensorSeed = seed;
        return copy;
    }

    /** The bootloader drops a command whose next byte is later than this (AN3155 gives no figure; 2 s). */
    public VirtualBoardOptions bootloaderInterByteTimeout(final Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout=" + timeout);
        }
        final VirtualBoardOptions copy = copy();
        copy.interByteTimeout = timeout;
        return copy;
    }

    /**
     * Whether the ROM bootloader lists and serves GET_CHECKSUM (0xA1), as newer STM32 bootloaders
     * do; off by default, because stm32flash 0.7's {@code -C} speaks an older frame of it.
     */
    public VirtualBoardOptions bootloaderGetChecksum(final boolean served) {
        final VirtualBoardOptions copy = copy();
        copy.getChecksum = served;
        return copy;
    }

    /**
     * {@link TimingMode#REAL} (the default): every erase and program stalls the board thread for
     * its datasheet time; {@link TimingMode#ACCOUNTED}: the time is only counted, for fast tests.
     */
    public VirtualBoardOptions flashTiming(final TimingMode mode) {
        final VirtualBoardOptions copy = copy();
        copy.flashTiming = Objects.requireNonNull(mode, "mode");
        return copy;
    }

    /** The datasheet figure charged: {@link TimeFigure#TYPICAL} (the default) or {@link TimeFigure#MAX}. */
    public VirtualBoardOptions flashTimes(final TimeFigure figure) {
        final VirtualBoardOptions copy = copy();
        copy.flashTimes = Objects.requireNonNull(figure, "figure");
        return copy;
    }

    /** Seed of the worn-cell failures past endurance (see {@link dev.tern.boards.flash.WornCells}). */
    public VirtualBoardOptions wearSeed(final long seed) {
        final VirtualBoardOptions copy = copy();
        copy.wearSeed = seed;
        return copy;
    }

    /**
     * Connect to the broker over TLS with {@code settings} (null: plain TCP, the default). Settings
     * without credentials ({@link #tlsFromCredentialsRegion()}) take them from the board's
     * credentials region at each connect, as a real board does; tests may also pass them in.
     */
    public VirtualBoardOptions tls(final TlsSettings settings) {
        final VirtualBoardOptions copy = copy();
        copy.tls = settings;
        return copy;
    }

    /** TLS 1.2 and 1.3, the host's clock as the board's, the credentials from the board's credentials region. */
    public VirtualBoardOptions tlsFromCredentialsRegion() {
        return tls(TlsSettings.of(null));
    }

    /**
     * TLS from the credentials region when it holds any, plain TCP while it is blank: what
     * {@code tern sim} does, so one simulated board serves either until {@code tern flash --ca} installs credentials.
     * A region that holds something unusable (a bad CRC) still gives a named failure and no connection.
     */
    public VirtualBoardOptions tlsWhenCredentialsInstalled() {
        final VirtualBoardOptions copy = tlsFromCredentialsRegion();
        copy.plainWhileNoCredentials = true;
        return copy;
    }

    /** Whether a blank credentials region means plain TCP ({@link #tlsWhenCredentialsInstalled()}). */
    public boolean plainWhileNoCredentials() {
        return plainWhileNoCredentials;
    }

    /** The board's TLS settings, or null for plain TCP. */
    public TlsSettings tls() {
        return tls;
    }

    public TimingMode flashTiming() {
        return flashTiming;
    }

    public TimeFigure flashTimes() {
        return flashTimes;
    }

    public long wearSeed() {
        return wearSeed;
    }

    public boolean bootloaderGetChecksum() {
        return getChecksum;
    }

    public BoardDefinition board() {
        return board;
    }

    public Path flashFile() {
        return flashFile;
    }

    public ImageCheck imageCheck() {
        return imageCheck;
    }

    public ConsoleEndpoint console() {
        return console;
    }

    public int baud() {
        return baud;
    }

    public LineFaults faults() {
        return faults;
    }

    /** Copies of the keys. */
    public List<byte[]> trustedKeys() {
        final List<byte[]> copies = new ArrayList<>();
        for (final byte[] key : trustedKeys) {
            copies.add(key.clone());
        }
        return copies;
    }

    public boolean boot0() {
        return boot0;
    }

    public Duration syncWindow() {
        return syncWindow;
    }

    public long sensorSeed() {
        return sensorSeed;
    }

    public Duration bootloaderInterByteTimeout() {
        return interByteTimeout;
    }

    private VirtualBoardOptions copy() {
        try {
            return (VirtualBoardOptions) clone();
        } catch (final CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "VirtualBoardOptions[board=" + board.id() + ", flash=" + flashFile + ", console=" + console + ", baud=" + baud
                + ", faults=" + faults + ", keys=" + trustedKeys.size() + ", boot0=" + boot0 + ", syncWindow=" + syncWindow
                + ", flashTiming=" + flashTiming + ", flashTimes=" + flashTimes + ", tls=" + (tls != null) + "]";
    }
}
