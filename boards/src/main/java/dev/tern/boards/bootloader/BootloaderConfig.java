package dev.tern.boards.bootloader;

import java.util.function.LongSupplier;

import dev.tern.boards.definition.EraseCommand;
import dev.tern.boards.definition.FlashProtocol;

/**
 * What a board's ROM bootloader says about itself and which memory it serves. Plain
 * parameters, so a board definition (or a test) can build one:
 *
 * <pre>{@code
 * BootloaderConfig f746 = BootloaderConfig.of(0x449, EraseCommand.EXTENDED_ERASE)
 *         .version(0x31)
 *         .ram(0x2000_4000L, 0x4_C000);
 * }</pre>
 *
 * Instances are immutable; every {@code with}-style method returns a copy.
 */
public final class BootloaderConfig {

    /** No RAM region: reads, writes and GO in RAM are answered with NACK. */
    public static final int NO_RAM = 0;
    /** A single-bank flash: EXTENDED_ERASE 0xFFFE and 0xFFFD are answered with NACK. */
    public static final int SINGLE_BANK = -1;
    /** The default pause after which a half-received command is dropped. */
    public static final long DEFAULT_INTER_BYTE_TIMEOUT_MS = 2_000;

    private final int productId;
    private final EraseCommand eraseCommand;
    private final int version;
    private final boolean getChecksum;
    private final long ramStart;
    private final int ramSize;
    private final int bank2FirstPage;
    private final long interByteTimeoutMs;
    private final LongSupplier clockMs;

    private BootloaderConfig(final int productId, final EraseCommand eraseCommand, final int version, final boolean getChecksum,
            final long ramStart, final int ramSize, final int bank2FirstPage, final long interByteTimeoutMs, final LongSupplier clockMs) {
        if (productId < 0 || productId > 0xFFFF) {
            throw new IllegalArgumentException("productId must fit two bytes: productId=0x" + Integer.toHexString(productId));
        }
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("version must fit one byte: version=0x" + Integer.toHexString(version));
        }
        if (ramSize < 0 || interByteTimeoutMs < 0) {
            throw new IllegalArgumentException("ramSize=" + ramSize + ", interByteTimeoutMs=" + interByteTimeoutMs);
        }
        this.productId = productId;
        this.eraseCommand = eraseCommand;
        this.version = version;
        this.getChecksum = getChecksum;
        this.ramStart = ramStart;
        this.ramSize = ramSize;
        this.bank2FirstPage = bank2FirstPage;
        this.interByteTimeoutMs = interByteTimeoutMs;
        this.clockMs = clockMs;
    }

    /**
     * A bootloader for chip {@code productId} (GET_ID's PID, e.g. 0x449 for STM32F74x/75x)
     * with the given erase command; version 0x31 (3.1, no GET_CHECKSUM), no RAM, one bank.
     */
    public static BootloaderConfig of(final int productId, final EraseCommand eraseCommand) {
        if (!eraseCommand.belongsTo(FlashProtocol.AN3155)) {
            throw new IllegalArgumentException("not an AN3155 erase command: eraseCommand=" + eraseCommand);
        }
        return new BootloaderConfig(productId, eraseCommand, 0x31, false, 0, NO_RAM, SINGLE_BANK,
                DEFAULT_INTER_BYTE_TIMEOUT_MS, BootloaderConfig::monotonicMillis);
    }

    /** The version byte of GET and GET_VERSION, e.g. 0x31 for 3.1. */
    public BootloaderConfig version(final int newVersion) {
        return new BootloaderConfig(productId, eraseCommand, newVersion, getChecksum, ramStart, ramSize, bank2FirstPage, interByteTimeoutMs, clockMs);
    }

    /** Whether GET lists GET_CHECKSUM (0xA1) and the command is served (newer bootloaders, v3.3 on). */
    public BootloaderConfig getChecksum(final boolean served) {
        return new BootloaderConfig(productId, eraseCommand, version, served, ramStart, ramSize, bank2FirstPage, interByteTimeoutMs, clockMs);
    }

    /** A RAM region the host may read, write and GO to (the part the ROM code leaves free). */
    public BootloaderConfig ram(final long start, final int size) {
        return new BootloaderConfig(productId, eraseCommand, version, getChecksum, start, size, bank2FirstPage, interByteTimeoutMs, clockMs);
    }

    /** A dual-bank flash whose bank 2 starts at page {@code firstPage}. */
    public BootloaderConfig dualBank(final int firstPage) {
        return new BootloaderConfig(productId, eraseCommand, version, getChecksum, ramStart, ramSize, firstPage, interByteTimeoutMs, clockMs);
    }

    /**
     * After a pause longer than this between two bytes of one command, the bootloader drops
     * the command silently and takes the next byte as a new command code. 0 waits forever.
     * The clock is in milliseconds and only compared with itself (tests pass a fake one).
     */
    public BootloaderConfig interByteTimeout(final long timeoutMs, final LongSupplier clock) {
        return new BootloaderConfig(productId, eraseCommand, version, getChecksum, ramStart, ramSize, bank2FirstPage, timeoutMs, clock);
    }

    public int productId() {
        return productId;
    }

    public EraseCommand eraseCommand() {
        return eraseCommand;
    }

    public int version() {
        return version;
    }

    public boolean servesGetChecksum() {
        return getChecksum;
    }

    public long ramStart() {
        return ramStart;
    }

    public int ramSize() {
        return ramSize;
    }

    public int bank2FirstPage() {
        return bank2FirstPage;
    }

    public long interByteTimeoutMs() {
        return interByteTimeoutMs;
    }

    public LongSupplier clockMs() {
        return clockMs;
    }

    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000L;
    }

    @Override
    public String toString() {
        return "BootloaderConfig[pid=0x" + Integer.toHexString(productId) + ", erase=" + eraseCommand + ", version=0x"
                + Integer.toHexString(version) + ", getChecksum=" + getChecksum + ", ram=0x" + Long.toHexString(ramStart)
                + "+" + ramSize + ", bank2FirstPage=" + bank2FirstPage + ", interByteTimeoutMs=" + interByteTimeoutMs + "]";
    }
}
