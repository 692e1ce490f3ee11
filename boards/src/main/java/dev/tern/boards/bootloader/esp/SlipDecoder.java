package dev.tern.boards.bootloader.esp;

/**
 * Unframes {@link Slip} bytes as they arrive, a byte at a time, into one buffer:
 * {@link #accept} says when a frame ended ({@link #frame()}, {@link #length()}). Bytes outside a
 * frame (a boot banner, noise) are counted and dropped, so a line's noise before the first C0
 * costs nothing. A frame with an escape that is neither {@code DC} nor {@code DD}, or longer than
 * the buffer, is dropped whole at its end. Back-to-back C0s are an empty frame: none is reported.
 */
public final class SlipDecoder {

    private final byte[] frame;
    private int length;
    private boolean inFrame;
    private boolean escaped;
    private boolean spoiled;
    private long strayBytes;
    private long droppedFrames;

    public SlipDecoder(final int maxFrame) {
        this.frame = new byte[maxFrame];
    }

    /** Takes one byte from the line: true when it ended a whole frame. */
    public boolean accept(final int b) {
        final int value = b & 0xFF;
        if (Slip.END == value) {
            if (inFrame && (length > 0 || spoiled)) {
                inFrame = false; // the END that closed a frame opens none: the next C0 does
                if (!spoiled) {
                    return true;
                }
                droppedFrames++;
                return false;
            }
            startFrame(); // an opening C0, or back-to-back C0s
            return false;
        }
        if (!inFrame) {
            strayBytes++;
            return false;
        }
        int decoded = value;
        if (escaped) {
            escaped = false;
            if (Slip.ESC_END == value) {
                decoded = Slip.END;
            } else if (Slip.ESC_ESC == value) {
                decoded = Slip.ESC;
            } else {
                spoiled = true;
                return false;
            }
        } else if (Slip.ESC == value) {
            escaped = true;
            return false;
        }
        if (length == frame.length) {
            spoiled = true;
        } else if (!spoiled) {
            frame[length++] = (byte) decoded;
        }
        return false;
    }

    /** The last frame's bytes, valid until the next {@link #accept}. */
    public byte[] frame() {
        return frame;
    }

    public int length() {
        return length;
    }

    /** Bytes seen outside any frame since the decoder began: text, noise, a wrong speed. */
    public long strayBytes() {
        return strayBytes;
    }

    /** Frames dropped for a bad escape or a length over the buffer. */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Forgets a half-received frame (after the input was discarded). */
    public void reset() {
        inFrame = false;
        length = 0;
        escaped = false;
        spoiled = false;
    }

    private void startFrame() {
        inFrame = true;
        length = 0;
        escaped = false;
        spoiled = false;
    }
}
