package dev.tern.host.flash.esp;

import java.io.ByteArrayOutputStream;

/**
 * Unframes SLIP bytes as they arrive, a byte at a time: {@link #accept} returns a whole packet
 * when its closing {@code C0} came. Bytes outside a frame (a boot banner, noise) are counted and
 * dropped; an escape that is neither {@code DC} nor {@code DD} spoils the frame, which is dropped
 * at its end.
 */
final class SlipDecoder {

    private final ByteArrayOutputStream packet = new ByteArrayOutputStream(64);
    private boolean inFrame;
    private boolean escaped;
    private boolean spoiled;
    private long strayBytes;
    private long spoiledFrames;

    /** The next byte of the line; a complete packet when {@code b} closed one, else null. */
    byte[] accept(int b) {
        b &= 0xFF;
        if (!inFrame) {
            if (b == Slip.END) {
                startFrame();
            } else {
                strayBytes++;
            }
            return null;
        }
        if (b == Slip.END) {
            if (packet.size() == 0 && !spoiled) {
                return null; // back-to-back END bytes: an empty frame, or the start of the next one
            }
            byte[] done = spoiled ? null : packet.toByteArray();
            if (spoiled) {
                spoiledFrames++;
            }
            startFrame();
            // the END that closed a frame may open none: the next byte decides
            inFrame = false;
            return done;
        }
        if (escaped) {
            escaped = false;
            if (b == Slip.ESC_END) {
                packet.write(Slip.END);
            } else if (b == Slip.ESC_ESC) {
                packet.write(Slip.ESC);
            } else {
                spoiled = true;
            }
        } else if (b == Slip.ESC) {
            escaped = true;
        } else {
            packet.write(b);
        }
        return null;
    }

    /** Bytes seen outside any frame since the decoder began: text, noise, a wrong speed. */
    long strayBytes() {
        return strayBytes;
    }

    /** Frames dropped for a bad escape. */
    long spoiledFrames() {
        return spoiledFrames;
    }

    /** Forgets a half-received frame (after the input was discarded). */
    void reset() {
        inFrame = false;
        packet.reset();
        escaped = false;
        spoiled = false;
    }

    private void startFrame() {
        inFrame = true;
        packet.reset();
        escaped = false;
        spoiled = false;
    }
}
