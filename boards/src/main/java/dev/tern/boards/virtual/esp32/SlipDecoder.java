package dev.tern.boards.virtual.esp32;

/**
 * SLIP framing (RFC 1055 as the ESP ROM uses it): a frame is {@code C0 ... C0}; inside, C0 is
 * sent as {@code DB DC} and DB as {@code DB DD}. Bytes between frames are ignored, so a line's
 * noise before the first C0 costs nothing. Frames longer than the buffer are dropped whole.
 */
public final class SlipDecoder {

    public static final int END = 0xC0;
    public static final int ESC = 0xDB;
    public static final int ESC_END = 0xDC;
    public static final int ESC_ESC = 0xDD;

    private final byte[] frame;
    private int length;
    private boolean inFrame;
    private boolean escaped;
    private boolean overflow;

    public SlipDecoder(final int maxFrame) {
        this.frame = new byte[maxFrame];
    }

    /** Takes one byte from the line: true when it ended a frame ({@link #frame()}, {@link #length()}). */
    public boolean accept(final int b) {
        if (END == b) {
            if (inFrame && length > 0 && !overflow) {
                inFrame = false;
                return true;
            }
            // an opening C0, or back-to-back C0s, or the end of a dropped frame: start afresh
            inFrame = true;
            length = 0;
            escaped = false;
            overflow = false;
            return false;
        }
        if (!inFrame) {
            return false;
        }
        int value = b;
        if (escaped) {
            escaped = false;
            value = ESC_END == b ? END : ESC_ESC == b ? ESC : b;
        } else if (ESC == b) {
            escaped = true;
            return false;
        }
        if (length == frame.length) {
            overflow = true;
        } else {
            frame[length++] = (byte) value;
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

    /** Escapes {@code length} bytes into {@code into} between two C0s: the count written. */
    public static int encode(final byte[] from, final int offset, final int length, final byte[] into) {
        int n = 0;
        into[n++] = (byte) END;
        for (int i = 0; i < length; i++) {
            final int b = from[offset + i] & 0xFF;
            if (END == b) {
                into[n++] = (byte) ESC;
                into[n++] = (byte) ESC_END;
            } else if (ESC == b) {
                into[n++] = (byte) ESC;
                into[n++] = (byte) ESC_ESC;
            } else {
                into[n++] = (byte) b;
            }
        }
        into[n++] = (byte) END;
        return n;
    }

    /** Room {@link #encode} needs at most for {@code length} bytes. */
    public static int encodedCapacity(final int length) {
        return 2 * length + 2;
    }
}
