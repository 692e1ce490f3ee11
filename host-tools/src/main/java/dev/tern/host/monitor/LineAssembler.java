package dev.tern.host.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Cuts the console's byte stream into lines, whatever the reads' boundaries. A line ends at LF,
 * CR LF or a lone CR (the LF of a CR LF split across two reads is still one ending). Each line
 * carries the time its FIRST byte arrived, not its last. A line longer than {@link #MAX_LINE}
 * bytes is cut there. Text is decoded as UTF-8 (bad bytes become U+FFFD) and control characters
 * other than TAB are shown as {@code \xNN}, so bootloader bytes cannot upset the terminal. The
 * monitor and the demo's console relay both cut lines here.
 */
public final class LineAssembler implements ByteSink {

    /** What receives each line. */
    public interface Lines {
        void line(String text, Instant firstByte) throws IOException;
    }

    static final int MAX_LINE = 4096;

    private final Lines lines;
    private final byte[] pending = new byte[MAX_LINE];
    private int length;
    private boolean started;
    private Instant firstByte;
    private boolean afterCr;

    public LineAssembler(Lines lines) {
        this.lines = lines;
    }

    @Override
    public void accept(byte[] bytes, int offset, int count, Instant arrived) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (afterCr) {
                afterCr = false;
                if ('\n' == b) {
                    continue; // the LF of a CR LF: the line ended at the CR
                }
            }
            if (!started) {
                started = true;
                firstByte = arrived;
            }
            if ('\n' == b || '\r' == b) {
                afterCr = '\r' == b;
                emit();
            } else {
                pending[length++] = b;
                if (length == MAX_LINE) {
                    emit();
                }
            }
        }
    }

    /** Emits a started line that has not ended (a prompt, a line cut by a vanishing port). */
    @Override
    public void flush() throws IOException {
        if (started && length > 0) {
            emit();
        }
    }

    private void emit() throws IOException {
        String text = printable(new String(pending, 0, length, StandardCharsets.UTF_8));
        Instant at = firstByte;
        length = 0;
        started = false;
        firstByte = null;
        lines.line(text, at);
    }

    /** Control characters (but TAB) as {@code \xNN}. */
    static String printable(String text) {
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7F;
            if (control && shown == null) {
                shown = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (shown != null) {
                if (control) {
                    shown.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                } else {
                    shown.append(c);
                }
            }
        }
        return shown == null ? text : shown.toString();
    }
}
