package dev.tern.boards.virtual;

import static dev.tern.boards.bootloader.An3155.ACK;

import java.io.IOException;
import java.time.Duration;

import dev.tern.boards.bootloader.An3155;

/**
 * The host side of AN3155, raw bytes over a {@link HostLink}, as a flasher sends them: enough
 * to sync, identify, erase, write and GO, each answer awaited with a bounded timeout.
 */
final class An3155Host {

    static final Duration ANSWER = Duration.ofSeconds(5);

    private final HostLink link;
    private final Duration answer;

    An3155Host(final HostLink link) {
        this(link, ANSWER);
    }

    An3155Host(final HostLink link, final Duration answer) {
        this.link = link;
        this.answer = answer;
    }

    /** 0x7F, then ACK (or NACK: already synced). */
    int sync() throws IOException {
        link.send(An3155.SYNC);
        return link.read(1, answer)[0] & 0xFF;
    }

    /** GET_ID: the product id. */
    int getId() throws IOException {
        command(An3155.GET_ID);
        final byte[] reply = link.read(4, answer);
        expect(reply[0], 1, "GET_ID count-1");
        expect(reply[3], ACK, "GET_ID final ACK");
        return (reply[1] & 0xFF) << 8 | reply[2] & 0xFF;
    }

    /** EXTENDED_ERASE of the given sectors. */
    void extendedErase(final int... pages) throws IOException {
        command(An3155.EXTENDED_ERASE);
        final byte[] frame = new byte[2 + 2 * pages.length + 1];
        frame[0] = (byte) ((pages.length - 1) >> 8);
        frame[1] = (byte) (pages.length - 1);
        for (int i = 0; i < pages.length; i++) {
            frame[2 + 2 * i] = (byte) (pages[i] >> 8);
            frame[3 + 2 * i] = (byte) pages[i];
        }
        frame[frame.length - 1] = xor(frame, 0, frame.length - 1);
        link.send(frame);
        expect(link.read(1, answer)[0], ACK, "EXTENDED_ERASE");
    }

    /** WRITE_MEMORY in blocks of up to 256 bytes, the last padded with 0xFF to a multiple of 4. */
    void write(final long address, final byte[] data) throws IOException {
        for (int done = 0; done < data.length; done += An3155.MAX_BLOCK) {
            final int length = Math.min(An3155.MAX_BLOCK, data.length - done);
            final int padded = (length + 3) & ~3;
            command(An3155.WRITE_MEMORY);
            address(address + done);
            final byte[] frame = new byte[padded + 2];
            frame[0] = (byte) (padded - 1);
            java.util.Arrays.fill(frame, 1, padded + 1, (byte) 0xFF);
            System.arraycopy(data, done, frame, 1, length);
            frame[padded + 1] = xor(frame, 0, padded + 1);
            link.send(frame);
            expect(link.read(1, answer)[0], ACK, "WRITE_MEMORY data at 0x" + Long.toHexString(address + done));
        }
    }

    /** GO: the address is acknowledged, the board jumps. */
    void go(final long address) throws IOException {
        command(An3155.GO);
        address(address);
    }

    private void command(final int code) throws IOException {
        link.send(code, code ^ 0xFF);
        expect(link.read(1, answer)[0], ACK, "command 0x" + Integer.toHexString(code));
    }

    private void address(final long address) throws IOException {
        final byte[] frame = {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address, 0};
        frame[4] = xor(frame, 0, 4);
        link.send(frame);
        expect(link.read(1, answer)[0], ACK, "address 0x" + Long.toHexString(address));
    }

    private static byte xor(final byte[] bytes, final int from, final int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= bytes[i];
        }
        return (byte) x;
    }

    private static void expect(final byte got, final int wanted, final String what) throws IOException {
        if ((got & 0xFF) != wanted) {
            throw new IOException(what + ": expected 0x" + Integer.toHexString(wanted) + ", got 0x" + Integer.toHexString(got & 0xFF));
        }
    }
}
