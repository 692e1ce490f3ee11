package dev.tern.boards.bootloader.esp;

/**
 * SLIP framing (RFC 1055) as the ESP ROM loader and its flashers use it: every packet travels as
 * {@code C0 ... C0}; inside it, {@code C0} is sent as {@code DB DC} and {@code DB} as
 * {@code DB DD}. Lengths and checksums are those of the unescaped packet. {@link SlipDecoder}
 * reads it back.
 */
public final class Slip {

    public static final int END = 0xC0;
    public static final int ESC = 0xDB;
    public static final int ESC_END = 0xDC;
    public static final int ESC_ESC = 0xDD;

    private Slip() {
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

    /** {@code packet[0..length)} framed and escaped, in a new array of its exact size. */
    public static byte[] frame(final byte[] packet, final int length) {
        final byte[] into = new byte[encodedCapacity(length)];
        final int count = encode(packet, 0, length, into);
        final byte[] framed = new byte[count];
        System.arraycopy(into, 0, framed, 0, count);
        return framed;
    }
}
