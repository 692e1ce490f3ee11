package dev.tern.host.flash.esp;

import dev.tern.boards.bootloader.esp.EspPacket;

/**
 * One response packet: the op it answers, its value word (READ_REG's result; SYNC's is non-zero
 * from the ROM, 0 from a stub) and its data, which ends with the status bytes.
 */
record EspResponse(int op, int value, byte[] data) {

    /** The packet unframed, or null when it is not a response (too short, a request's direction, a size that lies). */
    static EspResponse parse(byte[] packet) {
        if (packet.length < EspPacket.HEADER_LENGTH
                || packet[EspPacket.DIRECTION_OFFSET] != EspPacket.RESPONSE) {
            return null;
        }
        int size = EspPacket.u16(packet, EspPacket.SIZE_OFFSET);
        if (size != packet.length - EspPacket.HEADER_LENGTH) {
            return null;
        }
        byte[] data = new byte[size];
        System.arraycopy(packet, EspPacket.HEADER_LENGTH, data, 0, size);
        return new EspResponse(packet[EspPacket.OP_OFFSET] & 0xFF, (int) EspPacket.u32(packet, EspPacket.VALUE_OFFSET), data);
    }

    /** The status byte, after {@code resultLength} bytes of result (as esptool reads it: the first of the trailing bytes). */
    int status(int resultLength) {
        return resultLength < data.length ? data[resultLength] & 0xFF : 0xFF;
    }

    /** The error byte that follows the status. */
    int error(int resultLength) {
        return resultLength + 1 < data.length ? data[resultLength + 1] & 0xFF : 0;
    }

    /** Whether there is room for the result and a status and error byte. */
    boolean complete(int resultLength) {
        return data.length >= resultLength + 2;
    }
}
