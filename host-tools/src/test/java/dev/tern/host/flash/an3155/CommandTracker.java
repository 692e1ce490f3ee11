package dev.tern.host.flash.an3155;

import dev.tern.boards.bootloader.An3155;

/**
 * Follows the host's AN3155 frames byte by byte, as the bootloader parses them, so a test can
 * tell which command a byte ends and where a WRITE goes. It assumes the bootloader NACKs only
 * a wrong complement, an unknown code, or a frame's last byte (true of the commands the flash
 * client sends to {@link BootloaderServer}).
 */
final class CommandTracker {

    private static final int[] KNOWN = {An3155.GET, An3155.GET_VERSION, An3155.GET_ID, An3155.READ_MEMORY, An3155.GO,
        An3155.WRITE_MEMORY, An3155.ERASE, An3155.EXTENDED_ERASE, An3155.GET_CHECKSUM};

    private final byte[] frame = new byte[2 + 2 * 0x10000 + 1];
    private int code = -1;
    private int received;
    private long address;

    /**
     * Takes one host byte; returns the command code it completed, or -1. {@code synced}: the
     * bootloader took its 0x7F already (before that it ignores everything else).
     */
    int accept(int b, boolean synced) {
        if (code < 0) {
            if (!synced || An3155.SYNC == b) {
                return -1;
            }
            code = b;
            received = -1; // the complement comes next
            return -1;
        }
        if (received < 0) {
            if ((code ^ 0xFF) != b || !known(code)) {
                code = -1;
                return -1;
            }
            received = 0;
            return complete() ? finish() : -1;
        }
        frame[received++] = (byte) b;
        if (received == 4 + 1) {
            address = (frame[0] & 0xFFL) << 24 | (frame[1] & 0xFFL) << 16 | (frame[2] & 0xFFL) << 8 | frame[3] & 0xFFL;
        }
        return complete() ? finish() : -1;
    }

    /** Whether the next byte is the checksum byte of a WRITE to {@code target}. */
    boolean isLastByteOfWriteTo(long target) {
        return code == An3155.WRITE_MEMORY && received >= 6 && address == target && received == 5 + (frame[5] & 0xFF) + 2;
    }

    long address() {
        return address;
    }

    int writeLength() {
        return (frame[5] & 0xFF) + 1;
    }

    boolean isMassErase() {
        return (frame[0] & 0xFF) >= 0xFF;
    }

    private int finish() {
        int done = code;
        code = -1;
        return done;
    }

    /** Whether the bytes received complete the current command's frames. */
    private boolean complete() {
        switch (code) {
            case An3155.GET:
            case An3155.GET_VERSION:
            case An3155.GET_ID:
                return true;
            case An3155.GO:
                return received == 5;
            case An3155.READ_MEMORY:
                return received == 5 + 2;
            case An3155.WRITE_MEMORY:
                return received > 5 && received == 5 + 1 + (frame[5] & 0xFF) + 1 + 1;
            case An3155.GET_CHECKSUM:
                return received == 20;
            case An3155.ERASE:
                return received >= 1 && received == ((frame[0] & 0xFF) == 0xFF ? 2 : (frame[0] & 0xFF) + 3);
            default: // EXTENDED_ERASE
                if (received < 2) {
                    return false;
                }
                int n = (frame[0] & 0xFF) << 8 | frame[1] & 0xFF;
                return received == (n >= An3155.EXTENDED_ERASE_RESERVED_FIRST ? 3 : 2 + 2 * (n + 1) + 1);
        }
    }

    private static boolean known(int command) {
        for (int k : KNOWN) {
            if (k == command) {
                return true;
            }
        }
        return false;
    }
}
