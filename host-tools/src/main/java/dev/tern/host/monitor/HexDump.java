package dev.tern.host.monitor;

import java.io.IOException;
import java.time.Instant;

/**
 * {@code --hex}: the bytes as rows of 16, laid out as {@code hexdump -C} lays them out, each row
 * with the time its first byte arrived:
 *
 * <pre>
 *   00000000  7f 79 1f 00 41 42 43 44  45 46 47 48 49 4a 4b 4c  |.y..ABCDEFGHIJKL|
 *   00000010  0d 0a                                             |..|
 * </pre>
 *
 * The offset counts the bytes received since the monitor started. A row is shown when it is full,
 * or when the line goes quiet ({@link #flush}); the next row then starts where that one stopped.
 */
final class HexDump implements ByteSink {

    static final int ROW = 16;

    private final LineAssembler.Lines rows;
    private final byte[] row = new byte[ROW];
    private int filled;
    private long offset;
    private Instant firstByte;

    HexDump(LineAssembler.Lines rows) {
        this.rows = rows;
    }

    @Override
    public void accept(byte[] bytes, int start, int count, Instant arrived) throws IOException {
        for (int i = start; i < start + count; i++) {
            if (filled == 0) {
                firstByte = arrived;
            }
            row[filled++] = bytes[i];
            if (filled == ROW) {
                emit();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (filled > 0) {
            emit();
        }
    }

    private void emit() throws IOException {
        String text = format(offset, row, filled);
        offset += filled;
        filled = 0;
        rows.line(text, firstByte);
    }

    /** One row: offset, up to 16 bytes in hex (a gap after the eighth), the bytes as ASCII ('.' when not printable). */
    static String format(long offset, byte[] bytes, int count) {
        StringBuilder text = new StringBuilder(78);
        String hexOffset = Long.toHexString(offset);
        text.append("0".repeat(Math.max(0, 8 - hexOffset.length()))).append(hexOffset).append(' ');
        for (int i = 0; i < ROW; i++) {
            text.append(i == 8 ? "  " : " ");
            if (i < count) {
                int b = bytes[i] & 0xFF;
                text.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            } else {
                text.append("  ");
            }
        }
        text.append("  |");
        for (int i = 0; i < count; i++) {
            int b = bytes[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return text.append('|').toString();
    }
}
