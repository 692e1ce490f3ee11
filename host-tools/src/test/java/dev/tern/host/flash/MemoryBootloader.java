package dev.tern.host.flash;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.tern.boards.flash.FlashGeometry;
import dev.tern.host.flash.protocol.BootloaderIdentity;
import dev.tern.host.flash.protocol.BootloaderSession;

/**
 * A bootloader of no real protocol, in memory, for the flash steps' tests: blocks of up to
 * {@code maxBlock} bytes, a SHA-256 digest of a region (or none), NOR semantics (erase to 0xFF,
 * a write only clears bits). It records what it was asked.
 */
final class MemoryBootloader implements BootloaderSession {

    /** One write: where and how many bytes. */
    record Write(long address, int length) {
    }

    private final FlashGeometry geometry;
    private final byte[] flash;
    private final int maxBlock;
    private final boolean hasDigest;
    private final long chipId;
    final List<Write> writes = new ArrayList<>();
    final List<Integer> erasedPages = new ArrayList<>();
    int digests;
    /** Every write leaves its first byte one bit off, as a worn cell would. */
    boolean worn;
    long goAddress = -1;
    /** Set: the session holds every write until {@link #flush()}, as the ESP32's gathers chunks; what was printed then is kept. */
    java.util.function.Supplier<String> gatherUntilFlush;
    String printedAtFlush;
    private boolean holding;
    /** Says every write was checked by its digest as it was sent (as the ESP32's session does). */
    boolean checksAsItWrites;

    MemoryBootloader(FlashGeometry geometry, long chipId, int maxBlock, boolean hasDigest) {
        this.geometry = geometry;
        this.flash = new byte[(int) geometry.size()];
        Arrays.fill(flash, (byte) 0xFF);
        this.chipId = chipId;
        this.maxBlock = maxBlock;
        this.hasDigest = hasDigest;
    }

    @Override
    public String port() {
        return "memory";
    }

    @Override
    public BootloaderIdentity identify() {
        return new BootloaderIdentity("9.9", "CHIP_ID", chipId, "in memory", maxBlock,
                hasDigest ? Optional.of("SHA-256") : Optional.empty(), "HASH_REGION");
    }

    @Override
    public void erase(int[] pages, Duration wait) {
        for (int page : pages) {
            int at = offset(geometry.pageAddress(page));
            Arrays.fill(flash, at, at + geometry.pageSize(page), (byte) 0xFF);
            erasedPages.add(page);
        }
    }

    @Override
    public void eraseAll(Duration wait) {
        Arrays.fill(flash, (byte) 0xFF);
    }

    @Override
    public void write(long address, byte[] from, int offset, int length) {
        if (length < 1 || length > maxBlock) {
            throw new IllegalArgumentException("length=" + length);
        }
        writes.add(new Write(address, length));
        holding = gatherUntilFlush != null;
        int at = offset(address);
        for (int i = 0; i < length; i++) {
            flash[at + i] &= from[offset + i];
        }
        if (worn) {
            flash[at] ^= 0x01;
        }
    }

    @Override
    public boolean verifiesAsItWrites() {
        return checksAsItWrites;
    }

    @Override
    public boolean holdsWrites() {
        return holding;
    }

    @Override
    public void flush() {
        if (holding) {
            printedAtFlush = gatherUntilFlush.get();
            holding = false;
        }
    }

    @Override
    public void read(long address, byte[] into, int offset, int length) {
        if (length < 1 || length > maxBlock) {
            throw new IllegalArgumentException("length=" + length);
        }
        System.arraycopy(flash, offset(address), into, offset, length);
    }

    @Override
    public String digest(long address, long length) throws IOException {
        if (!hasDigest) {
            throw new IllegalStateException("no digest on this bootloader");
        }
        digests++;
        int at = offset(address);
        return sha256(Arrays.copyOfRange(flash, at, at + (int) length));
    }

    @Override
    public String expectedDigest(byte[] content) {
        return sha256(content);
    }

    @Override
    public void go(long address) {
        goAddress = address;
    }

    @Override
    public int blocksResent() {
        return 0;
    }

    @Override
    public int lineRetries() {
        return 0;
    }

    byte[] read(long address, int length) {
        int at = offset(address);
        return Arrays.copyOfRange(flash, at, at + length);
    }

    private int offset(long address) {
        return (int) (address - geometry.baseAddress());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
