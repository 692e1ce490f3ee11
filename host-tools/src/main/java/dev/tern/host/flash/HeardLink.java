package dev.tern.host.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.SerialLink;

/**
 * A link that remembers what came back on it (how many bytes, and the last few hundred, including
 * what a discard threw away), so a flash that gets no bootloader answer can say what it heard
 * instead: nothing, text (a running firmware, or {@code tern sim} saying its console is busy) or
 * noise (a wrong baud or parity).
 */
final class HeardLink implements SerialLink {

    private static final int KEPT = 512;
    /** How much a discard reads at most (a chatty line must not hold it forever). */
    private static final int DISCARD_LIMIT = 64 * 1024;

    private final SerialLink link;
    private final byte[] last = new byte[KEPT];
    private final byte[] scratch = new byte[512];
    private long count;

    HeardLink(SerialLink link) {
        this.link = link;
    }

    /** How many bytes came back since the port was opened. */
    long count() {
        return count;
    }

    /**
     * The last complete line of printable text heard (a newline after it), or null: text that
     * says who is on the other end.
     */
    String lastTextLine() {
        int kept = (int) Math.min(count, KEPT);
        String text = new String(ordered(kept), StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        for (int i = lines.length - 2; i >= 0; i--) { // the part after the last newline is not a complete line
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                return line.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? line : null;
            }
        }
        return null;
    }

    private byte[] ordered(int kept) {
        byte[] bytes = new byte[kept];
        int start = (int) ((count - kept) % KEPT);
        for (int i = 0; i < kept; i++) {
            bytes[i] = last[(start + i) % KEPT];
        }
        return bytes;
    }

    private void heard(byte[] buffer, int offset, int length) {
        for (int i = 0; i < length; i++) {
            last[(int) (count % KEPT)] = buffer[offset + i];
            count++;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        int read = link.read(buffer, offset, length, timeout);
        heard(buffer, offset, read);
        return read;
    }

    /** Reads what is waiting, so it is heard, instead of the port dropping it unseen. */
    @Override
    public void discardInput() throws IOException {
        for (int total = 0; total < DISCARD_LIMIT; ) {
            int read = read(scratch, 0, scratch.length, Duration.ZERO);
            if (read == 0) {
                break;
            }
            total += read;
        }
        link.discardInput();
    }

    @Override
    public String name() {
        return link.name();
    }

    @Override
    public void configure(LineSettings settings) throws IOException {
        link.configure(settings);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        link.write(buffer, offset, length);
    }

    @Override
    public boolean hasModemLines() {
        return link.hasModemLines();
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
        link.setDtr(asserted);
    }

    @Override
    public void setRts(boolean asserted) throws IOException {
        link.setRts(asserted);
    }

    @Override
    public void close() throws IOException {
        link.close();
    }

    @Override
    public String toString() {
        return link.toString();
    }
}
