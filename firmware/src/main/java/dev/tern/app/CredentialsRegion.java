package dev.tern.app;

import dev.tern.hal.NonVolatileStorage;

/**
 * The credentials region that {@code tern flash --ca --device-cert --device-key --broker-pin}
 * writes: the TLS trust material, apart from the config page. Its reader (a flyweight over the
 * region's bytes, read once at boot) and its writer. All numbers big-endian:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  'T'          |  'C'          |  'R'          |  'D'          |  0  MAGIC
 *  +---------------+---------------+-------------------------------+
 *  |  format version (1)           |  entry count                  |  4  VERSION, ENTRY_COUNT
 *  +-------------------------------+-------------------------------+
 *  |  body length in bytes                                         |  8  BODY_LENGTH
 *  +---------------------------------------------------------------+
 *  |  CRC-32 of bytes 0..11 and the body                           | 12  CRC
 *  +---------------+---------------+-------------------------------+
 *  |  entry type   |  reserved (0) |  value length                 | 16  BODY: entries, each
 *  +---------------+---------------+-------------------------------+       a 4-byte head
 *  |  value: length bytes                                          |       and its value
 *  +---------------------------------------------------------------+
 *  |  0xFF to the end of the region (erased flash)                 |
 * </pre>
 *
 * Entries: {@link #CA_CERTIFICATE} (DER, one per CA, at least one), {@link #DEVICE_CERTIFICATE}
 * (DER, the device's chain, its own certificate first), {@link #DEVICE_KEY} (PKCS#8 DER, present
 * exactly when a device certificate is), {@link #BROKER_PIN} (the SHA-256 of the broker's
 * SubjectPublicKeyInfo, 32 bytes, optional). The header is {@link RegionFrame}'s; its CRC is zlib's CRC-32.
 *
 * <p>Nothing here prints a value: the key's bytes stay in {@link #bytes()} for the TLS transport.
 */
public final class CredentialsRegion {

    /** The header's length ({@link RegionFrame}'s; its own field holds the entry count); the body starts here. */
    public static final int HEADER_LENGTH = RegionFrame.HEADER_LENGTH;
    public static final int ENTRY_HEAD_LENGTH = 4;
    public static final int FORMAT_VERSION = 1;
    static final byte[] MAGIC = {'T', 'C', 'R', 'D'};

    // ---- entry types
    /** A CA certificate the broker's chain must lead to (DER). */
    public static final int CA_CERTIFICATE = 1;
    /** A certificate of the device's chain, its own first (DER). */
    public static final int DEVICE_CERTIFICATE = 2;
    /** The device's private key (PKCS#8 DER). */
    public static final int DEVICE_KEY = 3;
    /** SHA-256 of the broker's SubjectPublicKeyInfo (32 bytes). */
    public static final int BROKER_PIN = 4;

    public static final int PIN_LENGTH = 32;
    public static final int MAX_CA_CERTIFICATES = 8;
    public static final int MAX_CHAIN_CERTIFICATES = 4;
    /** The largest value an entry holds (its length field is 16 bits). */
    public static final int MAX_VALUE_LENGTH = 0xFFFF;

    // ---- region statuses
    /** The region was read: at least one CA, and a device identity or none. */
    public static final int OK = 0;
    /** The header is erased (all 0xFF): no credentials were installed. */
    public static final int BLANK = 1;
    /** The first four bytes are not "TCRD". */
    public static final int BAD_MAGIC = -330;
    /** A format version this firmware does not know. */
    public static final int UNSUPPORTED_VERSION = -331;
    /** The body length does not fit in the region. */
    public static final int BAD_LENGTH = -332;
    /** The CRC does not match (a torn or changed region). */
    public static final int BAD_CRC = -333;
    /** The storage could not be read. */
    public static final int READ_FAILED = -334;
    /** An entry of an unknown type, one that runs past the body, or a pin that is not 32 bytes. */
    public static final int BAD_ENTRY = -335;
    /** No CA certificate: the broker could not be verified. */
    public static final int NO_CA_CERTIFICATE = -336;
    /** A device certificate without its key, or a key without a certificate. */
    public static final int INCOMPLETE_DEVICE_IDENTITY = -337;
    /** More CA or chain certificates than {@link #MAX_CA_CERTIFICATES} / {@link #MAX_CHAIN_CERTIFICATES}. */
    public static final int TOO_MANY_CERTIFICATES = -338;

    private final RegionFrame frame = new RegionFrame(MAGIC, FORMAT_VERSION);
    private final int[] caOffset = new int[MAX_CA_CERTIFICATES];
    private final int[] caLength = new int[MAX_CA_CERTIFICATES];
    private final int[] chainOffset = new int[MAX_CHAIN_CERTIFICATES];
    private final int[] chainLength = new int[MAX_CHAIN_CERTIFICATES];
    private byte[] bytes = new byte[0];
    private int status = BLANK;
    private int caCount;
    private int chainCount;
    private int keyOffset;
    private int keyLength;
    private int pinOffset;

    /** Reads and checks the region: its status; the pieces are valid only when it is {@link #OK}. */
    public int read(NonVolatileStorage storage) {
        caCount = 0;
        chainCount = 0;
        keyLength = 0;
        pinOffset = -1;
        status = readRegion(storage);
        if (OK != status) {
            forget();
        }
        return status;
    }

    private int readRegion(NonVolatileStorage storage) {
        switch (frame.read(storage)) {
            case RegionFrame.OK:
                bytes = frame.body();
                return parseEntries(frame.field());
            case RegionFrame.BLANK: return BLANK;
            case RegionFrame.BAD_MAGIC: return BAD_MAGIC;
            case RegionFrame.UNSUPPORTED_VERSION: return UNSUPPORTED_VERSION;
            case RegionFrame.BAD_LENGTH: return BAD_LENGTH;
            case RegionFrame.BAD_CRC: return BAD_CRC;
            default: return READ_FAILED;
        }
    }

    private int parseEntries(int count) {
        int at = 0;
        for (int i = 0; i < count; i++) {
            if (bytes.length - at < ENTRY_HEAD_LENGTH) {
                return BAD_ENTRY;
            }
            int type = bytes[at] & 0xFF;
            int length = RegionFrame.getShort(bytes, at + 2);
            int value = at + ENTRY_HEAD_LENGTH;
            if (length > bytes.length - value) {
                return BAD_ENTRY;
            }
            int result = take(type, value, length);
            if (OK != result) {
                return result;
            }
            at = value + length;
        }
        if (at != bytes.length) {
            return BAD_ENTRY;
        }
        if (0 == caCount) {
            return NO_CA_CERTIFICATE;
        }
        if ((0 == chainCount) != (0 == keyLength)) {
            return INCOMPLETE_DEVICE_IDENTITY;
        }
        return OK;
    }

    private int take(int type, int value, int length) {
        switch (type) {
            case CA_CERTIFICATE:
                if (caCount == MAX_CA_CERTIFICATES) {
                    return TOO_MANY_CERTIFICATES;
                }
                caOffset[caCount] = value;
                caLength[caCount++] = length;
                return OK;
            case DEVICE_CERTIFICATE:
                if (chainCount == MAX_CHAIN_CERTIFICATES) {
                    return TOO_MANY_CERTIFICATES;
                }
                chainOffset[chainCount] = value;
                chainLength[chainCount++] = length;
                return OK;
            case DEVICE_KEY:
                if (0 != keyLength || 0 == length) {
                    return BAD_ENTRY;
                }
                keyOffset = value;
                keyLength = length;
                return OK;
            case BROKER_PIN:
                if (PIN_LENGTH != length || pinOffset >= 0) {
                    return BAD_ENTRY;
                }
                pinOffset = value;
                return OK;
            default:
                return BAD_ENTRY;
        }
    }

    /** After a failed read nothing of the region is kept: no half-read key stays in RAM. */
    private void forget() {
        RegionFrame.wipe(bytes);
        caCount = 0;
        chainCount = 0;
        keyLength = 0;
        pinOffset = -1;
    }

    /** The status of the last {@link #read}. */
    public int status() {
        return status;
    }

    /** The region's body: every offset below points into it. */
    public byte[] bytes() {
        return bytes;
    }

    public int caCount() {
        return caCount;
    }

    public int caOffset(int index) {
        return caOffset[index];
    }

    public int caLength(int index) {
        return caLength[index];
    }

    /** Certificates of the device's chain (0 when the board has no device identity). */
    public int chainCount() {
        return chainCount;
    }

    public int chainOffset(int index) {
        return chainOffset[index];
    }

    public int chainLength(int index) {
        return chainLength[index];
    }

    public boolean hasDeviceKey() {
        return keyLength > 0;
    }

    public int keyOffset() {
        return keyOffset;
    }

    public int keyLength() {
        return keyLength;
    }

    public boolean hasBrokerPin() {
        return pinOffset >= 0;
    }

    /** Where the pin's {@link #PIN_LENGTH} bytes start, or -1 when there is none. */
    public int pinOffset() {
        return pinOffset;
    }

    public static boolean isFailure(int regionStatus) {
        return regionStatus < 0;
    }

    public static String name(int status) {
        switch (status) {
            case OK: return "OK";
            case BLANK: return "BLANK";
            case BAD_MAGIC: return "BAD_MAGIC";
            case UNSUPPORTED_VERSION: return "UNSUPPORTED_VERSION";
            case BAD_LENGTH: return "BAD_LENGTH";
            case BAD_CRC: return "BAD_CRC";
            case READ_FAILED: return "READ_FAILED";
            case BAD_ENTRY: return "BAD_ENTRY";
            case NO_CA_CERTIFICATE: return "NO_CA_CERTIFICATE";
            case INCOMPLETE_DEVICE_IDENTITY: return "INCOMPLETE_DEVICE_IDENTITY";
            case TOO_MANY_CERTIFICATES: return "TOO_MANY_CERTIFICATES";
            default: return "UNKNOWN_STATUS";
        }
    }

    // ------------------------------------------------------------------ writing

    /** Bytes the region needs for these pieces ({@code deviceKey} and {@code brokerPin} may be null). */
    public static int encodedLength(byte[][] caCertificates, byte[][] chain, byte[] deviceKey, byte[] brokerPin) {
        int length = HEADER_LENGTH;
        for (int i = 0; i < caCertificates.length; i++) {
            length += ENTRY_HEAD_LENGTH + caCertificates[i].length;
        }
        for (int i = 0; i < chain.length; i++) {
            length += ENTRY_HEAD_LENGTH + chain[i].length;
        }
        if (deviceKey != null) {
            length += ENTRY_HEAD_LENGTH + deviceKey.length;
        }
        if (brokerPin != null) {
            length += ENTRY_HEAD_LENGTH + brokerPin.length;
        }
        return length;
    }

    /**
     * The whole region of {@code regionSize} bytes, padded with 0xFF.
     *
     * @throws IllegalArgumentException when the pieces do not fit, a value is longer than
     *         {@link #MAX_VALUE_LENGTH}, or a count or the pin's length is outside the format
     */
    public static byte[] encodeRegion(byte[][] caCertificates, byte[][] chain, byte[] deviceKey, byte[] brokerPin,
                                      int regionSize) {
        if (caCertificates.length == 0 || caCertificates.length > MAX_CA_CERTIFICATES
                || chain.length > MAX_CHAIN_CERTIFICATES) {
            throw new IllegalArgumentException("credentials: caCertificates=" + caCertificates.length + " (1 to "
                    + MAX_CA_CERTIFICATES + "), chain=" + chain.length + " (0 to " + MAX_CHAIN_CERTIFICATES + ")");
        }
        if ((chain.length == 0) != (deviceKey == null)) {
            throw new IllegalArgumentException("credentials: a device certificate and its key go together");
        }
        if (brokerPin != null && brokerPin.length != PIN_LENGTH) {
            throw new IllegalArgumentException("credentials: brokerPin length=" + brokerPin.length + ", expected " + PIN_LENGTH);
        }
        int length = encodedLength(caCertificates, chain, deviceKey, brokerPin);
        if (length > regionSize) {
            throw new IllegalArgumentException("credentials: " + length + " bytes do not fit the credentials region of "
                    + regionSize + " bytes");
        }
        byte[] region = new byte[regionSize];
        for (int i = 0; i < regionSize; i++) {
            region[i] = (byte) 0xFF;
        }
        int at = HEADER_LENGTH;
        int entries = 0;
        for (int i = 0; i < caCertificates.length; i++, entries++) {
            at = putEntry(region, at, CA_CERTIFICATE, caCertificates[i]);
        }
        for (int i = 0; i < chain.length; i++, entries++) {
            at = putEntry(region, at, DEVICE_CERTIFICATE, chain[i]);
        }
        if (deviceKey != null) {
            at = putEntry(region, at, DEVICE_KEY, deviceKey);
            entries++;
        }
        if (brokerPin != null) {
            at = putEntry(region, at, BROKER_PIN, brokerPin);
            entries++;
        }
        RegionFrame.write(MAGIC, FORMAT_VERSION, entries, region, HEADER_LENGTH, at - HEADER_LENGTH, region, 0);
        return region;
    }

    private static int putEntry(byte[] region, int at, int type, byte[] value) {
        if (value.length == 0 || value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("credentials: entry type=" + type + " length=" + value.length
                    + " (1 to " + MAX_VALUE_LENGTH + ")");
        }
        region[at] = (byte) type;
        region[at + 1] = 0;
        RegionFrame.putShort(region, at + 2, value.length);
        System.arraycopy(value, 0, region, at + ENTRY_HEAD_LENGTH, value.length);
        return at + ENTRY_HEAD_LENGTH + value.length;
    }
}
