package dev.tern.host.demo;

import java.util.concurrent.CountDownLatch;

import dev.tern.boards.virtual.TransportTap;

/**
 * The power cut's trigger when the board talks TLS and the proxy cannot see its packets: it reads
 * the MQTT packets the firmware writes (plaintext, from the board's side) and, once armed, halts
 * the board's CPU right after it wrote a PUBREL, so the broker's PUBCOMP can never reach it.
 */
final class PubrelWatch implements TransportTap {

    private static final int PUBREL = 0x60;
    private static final int FIRST_BYTE = 0;
    private static final int LENGTH = 1;
    private static final int BODY = 2;

    private int state = FIRST_BYTE;
    private int type;
    private int remaining;
    private int multiplier;
    private int bodySeen;
    private int packetId;
    private volatile CountDownLatch armed;
    private volatile int haltedAfterPacketId = -1;

    /** The next PUBREL halts the board; the latch opens then. */
    CountDownLatch arm() {
        CountDownLatch latch = new CountDownLatch(1);
        armed = latch;
        return latch;
    }

    void disarm() {
        armed = null;
    }

    /** The packet id of the PUBREL the board halted after, or -1. */
    int haltedAfterPacketId() {
        return haltedAfterPacketId;
    }

    @Override
    public void connectionOpened() {
        state = FIRST_BYTE;
    }

    @Override
    public boolean haltAfter(byte[] buffer, int offset, int length) {
        boolean pubrelWritten = false;
        int lastPubrelId = -1;
        for (int i = offset; i < offset + length; i++) {
            if (take(buffer[i] & 0xFF) && type == PUBREL) {
                pubrelWritten = true;
                lastPubrelId = packetId;
            }
        }
        CountDownLatch latch = armed;
        if (!pubrelWritten || latch == null) {
            return false;
        }
        armed = null;
        haltedAfterPacketId = lastPubrelId;
        latch.countDown();
        return true;
    }

    /** One byte of the stream; true when it ends a packet. */
    private boolean take(int b) {
        switch (state) {
            case FIRST_BYTE:
                type = b & 0xF0;
                remaining = 0;
                multiplier = 1;
                state = LENGTH;
                return false;
            case LENGTH:
                remaining += (b & 0x7F) * multiplier;
                multiplier *= 128;
                if ((b & 0x80) != 0) {
                    return false;
                }
                bodySeen = 0;
                packetId = 0;
                state = remaining == 0 ? FIRST_BYTE : BODY;
                return remaining == 0;
            default:
                if (bodySeen < 2) {
                    packetId = packetId << 8 | b;
                }
                bodySeen++;
                if (bodySeen < remaining) {
                    return false;
                }
                state = FIRST_BYTE;
                return true;
        }
    }
}
