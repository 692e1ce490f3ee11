package dev.tern.host.flash.esp;

import java.io.ByteArrayOutputStream;

/**
 * SLIP framing as the ESP ROM loader uses it (RFC 1055): every packet is {@code C0 ... C0}; inside
 * it {@code C0} travels as {@code DB DC} and {@code DB} as {@code DB DD}. Lengths and checksums are
 * those of the unescaped packet.
 */
final class Slip {

    static final int END = 0xC0;
    static final int ESC = 0xDB;
    static final int ESC_END = 0xDC;
    static final int ESC_ESC = 0xDD;

    private Slip() {
    }

    /** {@code packet[0..length)} framed and escaped. */
    static byte[] frame(byte[] packet, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + length / 16 + 2);
        out.write(END);
        for (int i = 0; i < length; i++) {
            int b = packet[i] & 0xFF;
            if (b == END) {
                out.write(ESC);
                out.write(ESC_END);
            } else if (b == ESC) {
                out.write(ESC);
                out.write(ESC_ESC);
            } else {
                out.write(b);
            }
        }
        out.write(END);
        return out.toByteArray();
    }
}
