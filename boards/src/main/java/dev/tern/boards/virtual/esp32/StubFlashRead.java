package dev.tern.boards.virtual.esp32;

import java.io.IOException;
import java.security.MessageDigest;

import dev.tern.boards.flash.FlashMemory;

/**
 * The stub's READ_FLASH after its answer: data frames of {@code packetSize} bytes (the last one
 * shorter), at most {@code maxInFlight} of them unacknowledged; the host acknowledges each with a
 * u32 frame holding the total it received. When everything is acknowledged the stub sends the
 * 16-byte MD5 of the data and the transfer is over.
 */
final class StubFlashRead {

    private final FlashMemory flash;
    private final long offset;
    private final long length;
    private final int packetSize;
    private final int maxInFlight;
    private final MessageDigest md5;
    private final byte[] packet;
    private long sent;
    private long acknowledged;
    private boolean digestSent;

    StubFlashRead(final FlashMemory flash, final long offset, final long length, final int packetSize, final int maxInFlight) {
        this.flash = flash;
        this.offset = offset;
        this.length = length;
        this.packetSize = packetSize;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.packet = new byte[packetSize];
        this.md5 = EspLoader.md5();
    }

    /** The next data frame when the window allows one, its length into {@code into}; -1 when none now. */
    int nextPacket(final byte[][] into) throws IOException {
        if (sent >= length || sent - acknowledged >= (long) maxInFlight * packetSize) {
            return -1;
        }
        final int count = (int) Math.min(packetSize, length - sent);
        flash.read(offset + sent, packet, 0, count);
        md5.update(packet, 0, count);
        sent += count;
        into[0] = packet;
        return count;
    }

    /** The host's acknowledgement: the total bytes it has. */
    void acknowledged(final long total) {
        acknowledged = Math.max(acknowledged, Math.min(total, sent));
    }

    /** The MD5 frame, once, when all data is acknowledged; null otherwise. */
    byte[] digestWhenDone() {
        if (digestSent || acknowledged < length) {
            return null;
        }
        digestSent = true;
        return md5.digest();
    }

    boolean done() {
        return digestSent;
    }
}
