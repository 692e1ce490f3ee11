package dev.tern.boards.bootloader;

import static dev.tern.boards.bootloader.An3155.ACK;
import static dev.tern.boards.bootloader.An3155.NACK;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongSupplier;

import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;

/**
 * The STM32 ROM bootloader's USART protocol (ST AN3155) as a byte-stream state machine: bytes
 * from the host go in through {@link #accept(int)} (or {@link #serve(InputStream)}), answers
 * go out on the {@link OutputStream} given at construction, flushed after each answer.
 *
 * <pre>
 *  WAIT_SYNC --0x7F/ACK--&gt; IDLE --code--&gt; COMPLEMENT --~code/ACK--&gt; FRAME (stage by stage) --&gt; IDLE
 *                          IDLE --0x7F/NACK (already synced)
 *  any NACK, or a pause longer than the inter-byte timeout inside a command --&gt; IDLE
 * </pre>
 *
 * <p>Memory map: the flash at its geometry's base (read, write, erase, GO, checksum) and,
 * optionally, one RAM region (read, write, GO, checksum; lost when the object is dropped).
 * Anything else is answered with NACK. Write protection and readout protection are not
 * supported: their four commands are listed by GET, as on the chip, and answered with NACK.
 *
 * <p>GO acknowledges the address and hands control back: {@code accept} returns {@code true}
 * and {@link #goAddress()} (or {@code serve}'s result) is where the board should jump.
 *
 * <p>Where AN3155 leaves room, this is what the virtual board does:
 * <ul>
 * <li>0x7F once synced is answered with NACK at once. (A real chip may take it as a command
 * code and NACK only after the next byte; stm32flash accepts both: "Warning: the interface
 * was not closed properly".)</li>
 * <li>A pause longer than {@link BootloaderConfig#interByteTimeoutMs()} between two bytes of
 * one command drops it silently; the next byte is a new command code. AN3155 gives no
 * figure; the default is 2 s, measured from the last byte received or answer sent.</li>
 * <li>EXTENDED_ERASE 0xFFFE/0xFFFD (bank 1/bank 2) are NACKed on a single-bank flash.</li>
 * <li>GET_CHECKSUM (0xA1), from AN3155's newer revisions and ST's forum threads on it:
 * address + XOR, ACK; size in bytes (a multiple of 4) + XOR, ACK; CRC polynomial + XOR,
 * ACK; CRC initial value + XOR, ACK; then the CRC (4 bytes, MSB first) + XOR of those 4.
 * Unconfirmed (the revision's text was not readable here): whether the size counts bytes or
 * words, whether an ACK precedes the CRC, and which polynomials a chip refuses (any is
 * accepted). The CRC is the STM32 CRC unit's ({@link Stm32Crc}). stm32flash 0.7's {@code -C}
 * speaks an older, shorter 0xA1 frame (no polynomial, no initial value) and does not work
 * with it; keep GET_CHECKSUM off (the default) for stm32flash.</li>
 * </ul>
 *
 * <p>Not thread-safe: one thread feeds one bootloader.
 */
public final class An3155Bootloader {

    /** {@link #serve(InputStream)}: the input ended before a GO. */
    public static final long NO_JUMP = -1;

    private static final int WAIT_SYNC = 0;
    private static final int IDLE = 1;
    private static final int COMPLEMENT = 2;
    private static final int FRAME = 3;

    // stages of a command's FRAME state: what the collected bytes are
    private static final int ADDRESS = 0;          // a3 a2 a1 a0 xor
    private static final int READ_COUNT = 1;       // N, N ^ 0xFF
    private static final int WRITE_DATA = 2;       // N, N+1 bytes, xor of N and the bytes
    private static final int ERASE_PAGES = 3;      // N, N+1 page bytes, xor (or 0xFF 0x00)
    private static final int EXTENDED_PAGES = 4;   // N (u16), N+1 u16 pages, xor (or 0xFFFx xor)
    private static final int CHECKSUM_SIZE = 5;    // s3 s2 s1 s0 xor
    private static final int CHECKSUM_POLY = 6;    // p3 p2 p1 p0 xor
    private static final int CHECKSUM_INIT = 7;    // i3 i2 i1 i0 xor

    private static final int EXTENDED_FRAME_MAX = 2 + 2 * 0x10000 + 1;
    private static final int CHUNK = 4096;

    private final BootloaderConfig config;
    private final FlashMemory flash;
    private final FlashGeometry geometry;
    private final OutputStream out;
    private final LongSupplier clock;
    private final byte[] ram;
    private final byte[] frame = new byte[EXTENDED_FRAME_MAX];
    private final byte[] reply = new byte[1 + An3155.MAX_BLOCK + 1];
    private final byte[] chunk = new byte[CHUNK];

    private int state = WAIT_SYNC;
    private int command;
    private int stage;
    private int received;
    private long address;
    private long checksumSize;
    private int checksumPolynomial;
    private long lastActivityMs;
    private long goAddress = NO_JUMP;

    public An3155Bootloader(final BootloaderConfig config, final FlashMemory flash, final OutputStream out) {
        this.config = config;
        this.flash = flash;
        this.geometry = flash.geometry();
        this.out = out;
        this.clock = config.clockMs();
        this.ram = new byte[config.ramSize()];
        this.lastActivityMs = clock.getAsLong();
    }

    /**
     * Feeds bytes from {@code in} until the host's GO is acknowledged (returns its address)
     * or the input ends (returns {@link #NO_JUMP}). Reads one byte at a time, so no byte after
     * the GO is consumed; pass a buffered stream and keep using it afterwards for speed.
     */
    public long serve(final InputStream in) throws IOException {
        while (true) {
            final int b = in.read();
            if (b < 0) {
                return NO_JUMP;
            }
            if (accept(b)) {
                return goAddress;
            }
        }
    }

    /**
     * One byte from the host.
     *
     * @return true when it completed a GO: control goes to {@link #goAddress()}
     * @throws dev.tern.boards.flash.PowerLostException when the flash lost power during the command
     */
    public boolean accept(final int b) throws IOException {
        final long timeout = config.interByteTimeoutMs();
        if (timeout > 0 && (state == COMPLEMENT || state == FRAME) && clock.getAsLong() - lastActivityMs > timeout) {
            // a real bootloader drops a command whose bytes stop coming; this byte starts anew
            state = IDLE;
        }
        try {
            return step(b & 0xFF);
        } finally {
            lastActivityMs = clock.getAsLong();
        }
    }

    /** Where the last acknowledged GO jumps, or {@link #NO_JUMP}. */
    public long goAddress() {
        return goAddress;
    }

    /** Whether the host's 0x7F has been answered. */
    public boolean isSynced() {
        return state != WAIT_SYNC;
    }

    private boolean step(final int b) throws IOException {
        switch (state) {
            case WAIT_SYNC:
                // autobaud: anything but 0x7F is line noise before the sync
                if (An3155.SYNC == b) {
                    state = IDLE;
                    send(ACK);
                }
                return false;
            case IDLE:
                if (An3155.SYNC == b) {
                    // already synced (a host that lost track re-sends 0x7F); answered at once
                    send(NACK);
                } else {
                    command = b;
                    state = COMPLEMENT;
                }
                return false;
            case COMPLEMENT:
                if ((command ^ 0xFF) != b) {
                    refuse();
                } else {
                    start();
                }
                return false;
            default:
                frame[received++] = (byte) b;
                return received == frameLength() && complete();
        }
    }

    /** The command and its complement arrived: answer now or wait for its first frame. */
    private void start() throws IOException {
        state = IDLE;
        switch (command) {
            case An3155.GET:
                get();
                return;
            case An3155.GET_VERSION:
                send(ACK, config.version(), 0x00, 0x00, ACK);
                return;
            case An3155.GET_ID:
                send(ACK, 1, config.productId() >> 8, config.productId() & 0xFF, ACK);
                return;
            case An3155.READ_MEMORY:
            case An3155.WRITE_MEMORY:
            case An3155.GO:
                expect(ADDRESS);
                return;
            case An3155.GET_CHECKSUM:
                if (config.servesGetChecksum()) {
                    expect(ADDRESS);
                } else {
                    refuse();
                }
                return;
            default:
                if (config.eraseCommand().code() == command) {
                    expect(command == An3155.ERASE ? ERASE_PAGES : EXTENDED_PAGES);
                } else {
                    // unknown codes, the erase command this chip lacks, write/readout protection
                    refuse();
                }
        }
    }

    private void get() throws IOException {
        int n = 0;
        reply[n++] = (byte) ACK;
        reply[n++] = 0; // count - 1, filled in below
        reply[n++] = (byte) config.version();
        final int[] codes = {An3155.GET, An3155.GET_VERSION, An3155.GET_ID, An3155.READ_MEMORY, An3155.GO,
            An3155.WRITE_MEMORY, config.eraseCommand().code(), An3155.WRITE_PROTECT, An3155.WRITE_UNPROTECT,
            An3155.READOUT_PROTECT, An3155.READOUT_UNPROTECT};
        for (final int code : codes) {
            reply[n++] = (byte) code;
        }
        if (config.servesGetChecksum()) {
            reply[n++] = (byte) An3155.GET_CHECKSUM;
        }
        reply[1] = (byte) (n - 3); // the version and the codes that follow, minus one
        reply[n++] = (byte) ACK;
        out.write(reply, 0, n);
        out.flush();
    }

    private void expect(final int nextStage) throws IOException {
        send(ACK);
        state = FRAME;
        stage = nextStage;
        received = 0;
    }

    /** How many bytes the current stage's frame has, or -1 while that is not known yet. */
    private int frameLength() {
        switch (stage) {
            case READ_COUNT:
                return 2;
            case WRITE_DATA:
                return received < 1 ? -1 : (frame[0] & 0xFF) + 3;
            case ERASE_PAGES:
                return received < 1 ? -1 : (frame[0] & 0xFF) == An3155.ERASE_GLOBAL ? 2 : (frame[0] & 0xFF) + 3;
            case EXTENDED_PAGES:
                if (received < 2) {
                    return -1;
                }
                final int n = u16(0);
                return n >= An3155.EXTENDED_ERASE_RESERVED_FIRST ? 3 : 2 + 2 * (n + 1) + 1;
            default:
                return 5; // an address, size, polynomial or initial value and its XOR
        }
    }

    /** The current frame is complete: check it, act, answer. */
    private boolean complete() throws IOException {
        state = IDLE;
        switch (stage) {
            case ADDRESS:
                return addressReceived();
            case READ_COUNT:
                readMemory();
                return false;
            case WRITE_DATA:
                writeMemory();
                return false;
            case ERASE_PAGES:
                erase();
                return false;
            case EXTENDED_PAGES:
                extendedErase();
                return false;
            case CHECKSUM_SIZE:
                checksumSize = u32(0) & 0xFFFF_FFFFL;
                if (!xorIsZero(5) || checksumSize == 0 || (checksumSize & 3) != 0 || !mapped(address, checksumSize)) {
                    refuse();
                } else {
                    expect(CHECKSUM_POLY);
                }
                return false;
            case CHECKSUM_POLY:
                checksumPolynomial = u32(0);
                if (xorIsZero(5)) {
                    expect(CHECKSUM_INIT);
                } else {
                    refuse();
                }
                return false;
            default:
                checksum();
                return false;
        }
    }

    private boolean addressReceived() throws IOException {
        address = u32(0) & 0xFFFF_FFFFL;
        final boolean aligned = (address & 3) == 0;
        final boolean valid = xorIsZero(5) && mapped(address, 1)
                && (aligned || command == An3155.READ_MEMORY || command == An3155.GO);
        if (!valid) {
            refuse();
            return false;
        }
        switch (command) {
            case An3155.READ_MEMORY:
                expect(READ_COUNT);
                return false;
            case An3155.WRITE_MEMORY:
                expect(WRITE_DATA);
                return false;
            case An3155.GO:
                send(ACK);
                goAddress = address;
                return true;
            default:
                expect(CHECKSUM_SIZE);
                return false;
        }
    }

    private void readMemory() throws IOException {
        final int n = frame[0] & 0xFF;
        if ((frame[1] & 0xFF) != (n ^ 0xFF) || !mapped(address, n + 1)) {
            refuse();
            return;
        }
        reply[0] = (byte) ACK;
        load(address, reply, 1, n + 1);
        out.write(reply, 0, n + 2);
        out.flush();
    }

    private void writeMemory() throws IOException {
        final int length = (frame[0] & 0xFF) + 1;
        if (!xorIsZero(length + 2) || (length & 3) != 0 || !mapped(address, length)) {
            refuse();
            return;
        }
        if (geometry.contains(address, length)) {
            flash.program(address, frame, 1, length);
        } else {
            System.arraycopy(frame, 1, ram, (int) (address - config.ramStart()), length);
        }
        send(ACK);
    }

    private void erase() throws IOException {
        final int n = frame[0] & 0xFF;
        if (An3155.ERASE_GLOBAL == n) {
            if (frame[1] != 0) {
                refuse();
                return;
            }
            flash.eraseAll();
            send(ACK);
            return;
        }
        if (!xorIsZero(n + 3)) {
            refuse();
            return;
        }
        for (int i = 1; i <= n + 1; i++) {
            if ((frame[i] & 0xFF) >= geometry.pageCount()) {
                refuse();
                return;
            }
        }
        for (int i = 1; i <= n + 1; i++) {
            flash.erasePage(frame[i] & 0xFF);
        }
        send(ACK);
    }

    private void extendedErase() throws IOException {
        final int n = u16(0);
        if (!xorIsZero(frameLength())) {
            refuse();
            return;
        }
        if (n >= An3155.EXTENDED_ERASE_RESERVED_FIRST) {
            final int bank2 = config.bank2FirstPage();
            switch (n) {
                case An3155.EXTENDED_ERASE_MASS:
                    erasePages(0, geometry.pageCount());
                    return;
                case An3155.EXTENDED_ERASE_BANK1:
                    if (bank2 > 0) {
                        erasePages(0, bank2);
                        return;
                    }
                    break;
                case An3155.EXTENDED_ERASE_BANK2:
                    if (bank2 > 0) {
                        erasePages(bank2, geometry.pageCount());
                        return;
                    }
                    break;
                default:
                    break; // 0xFFF0..0xFFFC are reserved
            }
            refuse();
            return;
        }
        for (int i = 0; i <= n; i++) {
            if (u16(2 + 2 * i) >= geometry.pageCount()) {
                refuse();
                return;
            }
        }
        for (int i = 0; i <= n; i++) {
            flash.erasePage(u16(2 + 2 * i));
        }
        send(ACK);
    }

    private void erasePages(final int first, final int end) throws IOException {
        for (int page = first; page < end; page++) {
            flash.erasePage(page);
        }
        send(ACK);
    }

    /** GET_CHECKSUM's last frame, the initial value, arrived: ACK, then CRC (4 bytes) and XOR. */
    private void checksum() throws IOException {
        if (!xorIsZero(5)) {
            refuse();
            return;
        }
        int crc = u32(0);
        for (long done = 0; done < checksumSize; done += CHUNK) {
            final int length = (int) Math.min(CHUNK, checksumSize - done);
            load(address + done, chunk, 0, length);
            crc = Stm32Crc.update(crc, checksumPolynomial, chunk, 0, length);
        }
        final int b3 = crc >>> 24;
        final int b2 = crc >>> 16 & 0xFF;
        final int b1 = crc >>> 8 & 0xFF;
        final int b0 = crc & 0xFF;
        send(ACK, b3, b2, b1, b0, b3 ^ b2 ^ b1 ^ b0);
    }

    /** Whether [start, start + length) lies in the flash or in the RAM region. */
    private boolean mapped(final long start, final long length) {
        return geometry.contains(start, length)
                || ram.length > 0 && start >= config.ramStart() && start + length <= config.ramStart() + ram.length;
    }

    private void load(final long from, final byte[] into, final int offset, final int length) throws IOException {
        if (geometry.contains(from, length)) {
            flash.read(from, into, offset, length);
        } else {
            System.arraycopy(ram, (int) (from - config.ramStart()), into, offset, length);
        }
    }

    private boolean xorIsZero(final int length) {
        int xor = 0;
        for (int i = 0; i < length; i++) {
            xor ^= frame[i];
        }
        return xor == 0;
    }

    private int u16(final int at) {
        return (frame[at] & 0xFF) << 8 | frame[at + 1] & 0xFF;
    }

    private int u32(final int at) {
        return (frame[at] & 0xFF) << 24 | (frame[at + 1] & 0xFF) << 16 | (frame[at + 2] & 0xFF) << 8 | frame[at + 3] & 0xFF;
    }

    private void refuse() throws IOException {
        state = IDLE;
        send(NACK);
    }

    private void send(final int... bytes) throws IOException {
        for (int i = 0; i < bytes.length; i++) {
            reply[i] = (byte) bytes[i];
        }
        out.write(reply, 0, bytes.length);
        out.flush();
    }
}
