package dev.tern.host.flash.an3155;

import static dev.tern.boards.bootloader.An3155.ACK;
import static dev.tern.boards.bootloader.An3155.NACK;
import static dev.tern.host.flash.protocol.FlashAddress.hex;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.bootloader.Stm32Crc;
import dev.tern.boards.definition.EraseCommand;
import dev.tern.boards.definition.FlashProtocol;
import dev.tern.host.flash.protocol.NoBootloaderAnswerException;
import dev.tern.host.serial.SerialLink;

/**
 * The host's side of ST's AN3155 over a {@link SerialLink}: sync, GET, GET_ID, READ_MEMORY,
 * WRITE_MEMORY (a NACKed block is sent again, a bounded number of times), ERASE or
 * EXTENDED_ERASE by page or all, GET_CHECKSUM and GO. Every wait is bounded; a missing or wrong
 * answer is an {@link An3155Exception} naming the command and the address.
 *
 * <p>On a noisy line (a dropped byte leaves the bootloader waiting for the rest of a frame, a
 * flipped one turns an ACK into garbage) GET, GET_ID, READ, WRITE, ERASE of pages and
 * GET_CHECKSUM recover: when the answer is missing or is neither ACK nor NACK, the client waits
 * out the bootloader's inter-byte timeout (so it drops any half-received command), discards what
 * came in, and sends the command again from its start, up to {@code lineAttempts} times in all.
 * Then an {@link An3155Exception} names the address, the attempts and the line; when nothing at
 * all came back in any attempt, a {@link NoBootloaderAnswerException}.
 *
 * <pre>
 *  host                                   device
 *  0x7F                          -&gt;       ACK (or NACK: synced already)
 *  code, code ^ 0xFF             -&gt;       ACK
 *  a3 a2 a1 a0, xor              -&gt;       ACK            (READ, WRITE, GO, GET_CHECKSUM)
 *  N-1, data..., xor             -&gt;       ACK            (WRITE: after programming)
 * </pre>
 */
public final class An3155Client {

    /** How long a command's ACK may take (AN3155 hosts use about 0.5 to 1 s). */
    static final Duration ANSWER = Duration.ofSeconds(1);
    /** How long GET_CHECKSUM over a large region may take. */
    static final Duration CHECKSUM = Duration.ofSeconds(5);
    /** The first sync's wait; each retry waits twice as long as the one before. */
    static final Duration FIRST_SYNC_WAIT = Duration.ofMillis(300);
    /** How long the line must stay quiet after a sync's answer for it to count (console text does not). */
    static final Duration AFTER_SYNC_QUIET = Duration.ofMillis(30);
    public static final int SYNC_ATTEMPTS = 3;
    public static final int WRITE_ATTEMPTS = 3;
    /** How many times in all one command is sent when its answer is missing or garbled. */
    public static final int LINE_ATTEMPTS = 5;
    /**
     * How long to stay quiet before sending a command again after a missing or garbled answer:
     * a little over the bootloader's inter-byte timeout (2 s on the virtual board), after which
     * it has dropped any half-received command and takes the next byte as a new one.
     */
    public static final Duration RECOVERY_WAIT = Duration.ofMillis(2_200);

    private final SerialLink link;
    private final int writeAttempts;
    private final int lineAttempts;
    private final Duration recoveryWait;
    private final byte[] frame = new byte[2 + 2 * 0x10000 + 1];
    private final byte[] answer = new byte[An3155.MAX_BLOCK + 2];
    private int writeRetries;
    private int lineRetries;

    public An3155Client(SerialLink link) {
        this(link, WRITE_ATTEMPTS);
    }

    /** {@code writeAttempts}: how many times one block is sent before its NACK ends the flash. */
    public An3155Client(SerialLink link, int writeAttempts) {
        this(link, writeAttempts, LINE_ATTEMPTS, RECOVERY_WAIT);
    }

    /**
     * {@code lineAttempts}: how many times in all a command is sent when its answer is missing or
     * garbled (a NACKed block still counts against {@code writeAttempts} too); {@code recoveryWait}:
     * how long to stay quiet before sending it again (longer than the bootloader's inter-byte timeout).
     */
    public An3155Client(SerialLink link, int writeAttempts, int lineAttempts, Duration recoveryWait) {
        if (writeAttempts < 1 || lineAttempts < 1 || recoveryWait.isNegative()) {
            throw new IllegalArgumentException("writeAttempts=" + writeAttempts + ", lineAttempts=" + lineAttempts
                    + ", recoveryWait=" + recoveryWait);
        }
        this.link = link;
        this.writeAttempts = writeAttempts;
        this.lineAttempts = lineAttempts;
        this.recoveryWait = recoveryWait;
    }

    /** The port's name, for messages. */
    public String port() {
        return link.name();
    }

    /** Blocks sent again so far, after a NACK or a missing or garbled answer. */
    public int writeRetries() {
        return writeRetries;
    }

    /** Commands (writes included) sent again so far after a missing or garbled answer. */
    public int lineRetries() {
        return lineRetries;
    }

    /**
     * Sends 0x7F until the device answers ACK (synced now) or NACK (synced already), up to
     * {@code attempts} times, each wait twice the one before. Returns the answer.
     *
     * @throws NoBootloaderAnswerException naming the port and what to check when nothing came
     */
    public int sync(int attempts) throws IOException {
        Duration wait = FIRST_SYNC_WAIT;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            link.discardInput();
            writeBytes(An3155.SYNC);
            int reply = awaitAckOrNack(wait);
            if (reply >= 0) {
                return reply;
            }
            wait = wait.multipliedBy(2);
        }
        throw new NoBootloaderAnswerException("no answer from bootloader on " + link.name() + " after " + attempts + " syncs", true);
    }

    /** GET: the protocol version and the commands the device has. */
    public BootloaderInfo get() throws IOException {
        return recovering("GET", -1, 0, this::getOnce);
    }

    private BootloaderInfo getOnce() throws IOException {
        command(An3155.GET, "GET");
        readFully(answer, 0, 1, ANSWER, "GET");
        int count = (answer[0] & 0xFF) + 1; // the version byte and the codes
        readFully(answer, 0, count, ANSWER, "GET");
        int version = answer[0] & 0xFF;
        Set<Integer> codes = new HashSet<>();
        for (int i = 1; i < count; i++) {
            codes.add(answer[i] & 0xFF);
        }
        expectAck("GET", ANSWER);
        return new BootloaderInfo(version, codes);
    }

    /** GET_ID: the product id (0x449 for an STM32F74x/75x). */
    public int getId() throws IOException {
        return recovering("GET_ID", -1, 0, this::getIdOnce);
    }

    private int getIdOnce() throws IOException {
        command(An3155.GET_ID, "GET_ID");
        readFully(answer, 0, 1, ANSWER, "GET_ID");
        int count = (answer[0] & 0xFF) + 1;
        readFully(answer, 0, count, ANSWER, "GET_ID");
        int id = 0;
        for (int i = 0; i < count; i++) {
            id = id << 8 | answer[i] & 0xFF;
        }
        expectAck("GET_ID", ANSWER);
        return id;
    }

    /** READ_MEMORY of 1 to 256 bytes at {@code address}. */
    public void read(long address, byte[] into, int offset, int length) throws IOException {
        checkBlock(length);
        String what = "READ_MEMORY at " + hex(address);
        recovering(what, address, 0, () -> {
            command(An3155.READ_MEMORY, what);
            sendAddress(address, what);
            int n = length - 1;
            writeBytes(n, n ^ 0xFF);
            expectAck(what, ANSWER);
            readFully(into, offset, length, ANSWER, what);
            return null;
        });
    }

    /**
     * WRITE_MEMORY of up to 256 bytes (a multiple of 4) at {@code address} (4-byte aligned). A
     * NACK at any step sends the whole block again, up to the attempts given at construction.
     */
    public void write(long address, byte[] from, int offset, int length) throws IOException {
        checkBlock(length);
        if ((length & 3) != 0 || (address & 3) != 0) {
            throw new IllegalArgumentException("WRITE_MEMORY needs 4-byte alignment: address=" + hex(address) + ", length=" + length);
        }
        String what = "WRITE_MEMORY at " + hex(address);
        frame[0] = (byte) (length - 1);
        int xor = length - 1;
        for (int i = 0; i < length; i++) {
            frame[1 + i] = from[offset + i];
            xor ^= from[offset + i];
        }
        frame[1 + length] = (byte) xor;
        recovering(what, address, length, () -> {
            command(An3155.WRITE_MEMORY, what);
            sendAddress(address, what);
            link.write(frame, 0, length + 2);
            expectAck(what, ANSWER);
            return null;
        });
    }

    /**
     * Erases the given pages with {@code eraseCommand} (ERASE 0x43 or EXTENDED_ERASE 0x44), waiting
     * up to {@code wait} for the ACK that says they are erased.
     */
    public void erase(EraseCommand eraseCommand, int[] pages, Duration wait) throws IOException {
        requireAn3155(eraseCommand);
        if (pages.length == 0) {
            return;
        }
        String what = eraseCommand.name() + " of page" + (pages.length > 1 ? "s " : " ")
                + pageList(pages);
        if (pages.length == 1) {
            recovering(what, -1, 0, () -> {
                eraseOnce(eraseCommand, pages, what, wait);
                return null;
            });
        } else {
            eraseOnce(eraseCommand, pages, what, wait);
        }
    }

    private void eraseOnce(EraseCommand eraseCommand, int[] pages, String what, Duration wait) throws IOException {
        command(eraseCommand.code(), what);
        int n = 0;
        int xor = 0;
        if (EraseCommand.ERASE == eraseCommand) {
            if (pages.length > 255) {
                throw new IllegalArgumentException("ERASE takes at most 255 pages: pages=" + pages.length);
            }
            frame[n++] = (byte) (pages.length - 1);
            xor = pages.length - 1;
            for (int page : pages) {
                frame[n++] = (byte) page;
                xor ^= page;
            }
        } else {
            n = putU16(frame, n, pages.length - 1);
            xor = (pages.length - 1 >> 8) ^ (pages.length - 1 & 0xFF);
            for (int page : pages) {
                n = putU16(frame, n, page);
                xor ^= page >> 8 ^ page & 0xFF;
            }
        }
        frame[n++] = (byte) xor;
        link.write(frame, 0, n);
        expectAck(what, wait);
    }

    /** Erases the whole flash (ERASE 0xFF 0x00 or EXTENDED_ERASE 0xFFFF), waiting up to {@code wait} for the ACK. */
    public void massErase(EraseCommand eraseCommand, Duration wait) throws IOException {
        requireAn3155(eraseCommand);
        String what = "mass erase";
        command(eraseCommand.code(), what);
        if (EraseCommand.ERASE == eraseCommand) {
            writeBytes(An3155.ERASE_GLOBAL, 0x00);
        } else {
            writeBytes(0xFF, 0xFF, 0x00);
        }
        expectAck(what, wait);
    }

    private static void requireAn3155(EraseCommand eraseCommand) {
        if (!eraseCommand.belongsTo(FlashProtocol.AN3155)) {
            throw new IllegalArgumentException("not an AN3155 erase command: eraseCommand=" + eraseCommand);
        }
    }

    /**
     * GET_CHECKSUM: the STM32 CRC ({@link Stm32Crc}, default polynomial and initial value) of
     * {@code length} bytes (a multiple of 4) at {@code address}, as the virtual board frames it:
     * address, size in bytes, polynomial, initial value (each 4 bytes and their XOR, each ACKed),
     * then the CRC's 4 bytes, most significant first, and their XOR.
     */
    public int checksum(long address, long length) throws IOException {
        String what = "GET_CHECKSUM at " + hex(address);
        return recovering(what, address, 0, () -> checksumOnce(address, length, what));
    }

    private int checksumOnce(long address, long length, String what) throws IOException {
        command(An3155.GET_CHECKSUM, what);
        sendAddress(address, what);
        sendWord(length, what);
        sendWord(Stm32Crc.DEFAULT_POLYNOMIAL & 0xFFFF_FFFFL, what);
        link.write(word(Stm32Crc.DEFAULT_INITIAL_VALUE & 0xFFFF_FFFFL), 0, 5);
        expectAck(what, CHECKSUM);
        readFully(answer, 0, 5, ANSWER, what);
        if ((answer[0] ^ answer[1] ^ answer[2] ^ answer[3] ^ answer[4]) != 0) {
            throw new LineFault(what + ": the CRC's check byte does not match (line noise?)", true);
        }
        return (answer[0] & 0xFF) << 24 | (answer[1] & 0xFF) << 16 | (answer[2] & 0xFF) << 8 | answer[3] & 0xFF;
    }

    /** GO: the device jumps to {@code address} once it has acknowledged it. */
    public void go(long address) throws IOException {
        String what = "GO to " + hex(address);
        command(An3155.GO, what);
        sendAddress(address, what);
    }

    // ------------------------------------------------------------------ recovery

    /** One exchange with the bootloader, sent again from its start when it fails. */
    private interface Exchange<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code exchange}; a NACK runs it again at once (a WRITE, {@code blockLength} > 0: up to
     * {@code writeAttempts} NACKs; other commands: the same bound), a missing or garbled answer
     * after {@link #recover()}, up to {@code lineAttempts} attempts in all. {@code address} -1:
     * the command has none.
     */
    private <T> T recovering(String what, long address, int blockLength, Exchange<T> exchange) throws IOException {
        int nacks = 0;
        int faults = 0;
        boolean anyAnswer = false;
        LineFault lastFault = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return exchange.run();
            } catch (NackException e) {
                nacks++;
                anyAnswer = true;
                if (nacks >= writeAttempts || attempt >= lineAttempts) {
                    if (faults > 0) {
                        throw lineError(what, attempt, e.getMessage());
                    }
                    if (blockLength > 0) {
                        throw new An3155Exception("the bootloader refused the block at " + hex(address) + " (" + blockLength
                                + " bytes) " + nacks + " times (NACK); the flash there may be write-protected or worn");
                    }
                    throw e;
                }
                link.discardInput();
            } catch (LineFault e) {
                faults++;
                anyAnswer |= e.answered;
                lastFault = e;
                if (attempt >= lineAttempts) {
                    if (!anyAnswer) {
                        throw new NoBootloaderAnswerException(what + ": " + link.name() + " stopped answering (no byte back in "
                                + attempt + " attempts, " + lineRetries + " retries in all); is the board still powered and connected?", false);
                    }
                    throw lineError(what, attempt, lastFault.getMessage());
                }
                recover();
                lineRetries++;
            }
            if (blockLength > 0) {
                writeRetries++;
            }
        }
    }

    /** {@code what} names the command and its address (or pages). */
    private An3155Exception lineError(String what, int attempts, String last) {
        return new An3155Exception(what + " failed " + attempts + " times (last: " + last + "): the line to " + link.name()
                + " loses or corrupts bytes: check the cable and the baud rate; " + lineRetries + " retries in all");
    }

    /** Quiet for longer than the bootloader's inter-byte timeout (it drops a half-received command), then a clean input. */
    private void recover() throws IOException {
        long deadline = System.nanoTime() + recoveryWait.toNanos();
        byte[] sink = new byte[256];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            link.read(sink, 0, sink.length, Duration.ofNanos(left)); // whatever the bootloader still says is stale
        }
        link.discardInput();
    }

    // ------------------------------------------------------------------ framing

    private void command(int code, String what) throws IOException {
        writeBytes(code, code ^ 0xFF);
        expectAck(what, ANSWER);
    }

    private void sendAddress(long address, String what) throws IOException {
        link.write(word(address), 0, 5);
        expectAck(what, ANSWER);
    }

    private void sendWord(long value, String what) throws IOException {
        link.write(word(value), 0, 5);
        expectAck(what, ANSWER);
    }

    /** Four bytes big-endian and their XOR. */
    private byte[] word(long value) {
        byte[] bytes = new byte[5];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (value >>> (24 - 8 * i));
        }
        bytes[4] = (byte) (bytes[0] ^ bytes[1] ^ bytes[2] ^ bytes[3]);
        return bytes;
    }

    private void expectAck(String what, Duration timeout) throws IOException {
        readFully(answer, 0, 1, timeout, what);
        int reply = answer[0] & 0xFF;
        if (NACK == reply) {
            throw new NackException(what + ": the bootloader answered NACK");
        }
        if (ACK != reply) {
            throw new LineFault(what + ": expected ACK (0x79), got 0x" + Integer.toHexString(reply)
                    + " (out of step with the bootloader; is something else using " + link.name() + "?)", true);
        }
    }

    /**
     * ACK or NACK within {@code wait}, followed by silence: a bootloader says nothing after its
     * answer, while a running firmware's console text may hold 'y' (0x79) or 0x1F and goes on.
     * Other bytes are skipped; -1 when no lone answer came.
     */
    private int awaitAckOrNack(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] one = new byte[1];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            if (link.read(one, 0, 1, Duration.ofNanos(left)) == 1) {
                int reply = one[0] & 0xFF;
                if ((ACK == reply || NACK == reply) && link.read(one, 0, 1, AFTER_SYNC_QUIET) == 0) {
                    return reply;
                }
            }
        }
    }

    private void readFully(byte[] into, int offset, int length, Duration timeout, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int done = 0;
        while (done < length) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LineFault(what + ": no answer within " + timeout.toMillis() + " ms"
                        + (done > 0 ? " (" + done + " of " + length + " bytes came)" : ""), done > 0);
            }
            done += link.read(into, offset + done, length - done, Duration.ofNanos(left));
        }
    }

    private void writeBytes(int... bytes) throws IOException {
        for (int i = 0; i < bytes.length; i++) {
            answer[i] = (byte) bytes[i];
        }
        link.write(answer, 0, bytes.length);
    }

    private static int putU16(byte[] into, int at, int value) {
        into[at] = (byte) (value >> 8);
        into[at + 1] = (byte) value;
        return at + 2;
    }

    private static void checkBlock(int length) {
        if (length < 1 || length > An3155.MAX_BLOCK) {
            throw new IllegalArgumentException("a block is 1 to 256 bytes: length=" + length);
        }
    }

    private static String pageList(int[] pages) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pages.length && i < 8; i++) {
            text.append(i > 0 ? "," : "").append(pages[i]);
        }
        return text.append(pages.length > 8 ? ",..." : "").toString();
    }

    /** A missing answer, or one that is neither ACK nor NACK: the line lost or flipped a byte, or something else talks. */
    static final class LineFault extends An3155Exception {
        private static final long serialVersionUID = 1L;
        /** Whether any byte at all came back. */
        final boolean answered;

        LineFault(String message, boolean answered) {
            super(message);
            this.answered = answered;
        }
    }

    /** A NACK where an ACK was expected: the device is back in its idle state and takes a new command. */
    static final class NackException extends An3155Exception {
        private static final long serialVersionUID = 1L;

        NackException(String message) {
            super(message);
        }
    }
}
