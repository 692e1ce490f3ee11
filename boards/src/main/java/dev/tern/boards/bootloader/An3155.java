package dev.tern.boards.bootloader;

/**
 * The bytes of ST's AN3155 (USART protocol used in the STM32 bootloader).
 *
 * <pre>
 *  host                         device
 *  0x7F                   -&gt;                      (once, after reset: autobaud)
 *                         &lt;-    ACK 0x79
 *  code, code ^ 0xFF      -&gt;                      (every command)
 *                         &lt;-    ACK 0x79 or NACK 0x1F
 *  a3 a2 a1 a0, a3^a2^a1^a0 -&gt;                    (an address: big-endian, then XOR)
 * </pre>
 */
public final class An3155 {

    public static final int SYNC = 0x7F;
    public static final int ACK = 0x79;
    public static final int NACK = 0x1F;

    /** count-1, version, supported command codes, ACK. */
    public static final int GET = 0x00;
    /** version, option byte 1, option byte 2, ACK. */
    public static final int GET_VERSION = 0x01;
    /** count-1 (= 1), PID high, PID low, ACK. */
    public static final int GET_ID = 0x02;
    public static final int READ_MEMORY = 0x11;
    public static final int GO = 0x21;
    public static final int WRITE_MEMORY = 0x31;
    public static final int ERASE = 0x43;
    public static final int EXTENDED_ERASE = 0x44;
    public static final int WRITE_PROTECT = 0x63;
    public static final int WRITE_UNPROTECT = 0x73;
    public static final int READOUT_PROTECT = 0x82;
    public static final int READOUT_UNPROTECT = 0x92;
    public static final int GET_CHECKSUM = 0xA1;

    /** ERASE: N = 0xFF asks for a global erase (followed by the checksum 0x00). */
    public static final int ERASE_GLOBAL = 0xFF;
    /** EXTENDED_ERASE special N values (followed by the XOR of their two bytes). */
    public static final int EXTENDED_ERASE_MASS = 0xFFFF;
    public static final int EXTENDED_ERASE_BANK1 = 0xFFFE;
    public static final int EXTENDED_ERASE_BANK2 = 0xFFFD;
    /** 0xFFF0..0xFFFC are reserved special codes (answered with NACK). */
    public static final int EXTENDED_ERASE_RESERVED_FIRST = 0xFFF0;

    /** The largest READ_MEMORY and WRITE_MEMORY block. */
    public static final int MAX_BLOCK = 256;

    private An3155() {
    }

    /** For logs: the command's name in AN3155, or its code in hex. */
    public static String commandName(final int code) {
        switch (code) {
            case GET: return "GET";
            case GET_VERSION: return "GET_VERSION";
            case GET_ID: return "GET_ID";
            case READ_MEMORY: return "READ_MEMORY";
            case GO: return "GO";
            case WRITE_MEMORY: return "WRITE_MEMORY";
            case ERASE: return "ERASE";
            case EXTENDED_ERASE: return "EXTENDED_ERASE";
            case WRITE_PROTECT: return "WRITE_PROTECT";
            case WRITE_UNPROTECT: return "WRITE_UNPROTECT";
            case READOUT_PROTECT: return "READOUT_PROTECT";
            case READOUT_UNPROTECT: return "READOUT_UNPROTECT";
            case GET_CHECKSUM: return "GET_CHECKSUM";
            default: return "0x" + Integer.toHexString(code);
        }
    }
}
