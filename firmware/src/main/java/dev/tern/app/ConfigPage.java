package dev.tern.app;

import dev.tern.hal.NonVolatileStorage;

/**
 * The config page that {@code tern flash --set key=value} and {@code --config FILE} write, and
 * its reader and writer. All numbers big-endian:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  'T'          |  'C'          |  'F'          |  'G'          |  0  MAGIC
 *  +---------------+---------------+-------------------------------+
 *  |  format version (1)           |  reserved (0)                 |  4  VERSION, RESERVED
 *  +-------------------------------+-------------------------------+
 *  |  body length in bytes                                         |  8  BODY_LENGTH
 *  +---------------------------------------------------------------+
 *  |  CRC-32 of bytes 0..11 and the body                           | 12  CRC
 *  +---------------------------------------------------------------+
 *  |  body: UTF-8 lines "key=value\n" ...                          | 16  BODY
 *  +---------------------------------------------------------------+
 *  |  0xFF to the end of the page (erased flash)                   |
 * </pre>
 *
 * Body lines: {@code key=value}, ended by '\n' (a '\r' before it is dropped); spaces around key
 * and value are trimmed; empty lines and lines starting with '#' are skipped. A later line for a
 * key overrides an earlier one. The header is {@link RegionFrame}'s; its CRC is CRC-32 as zlib computes it.
 *
 * <p>Reading gives one page status ({@link #OK}, {@link #BLANK} or a failure, after which every
 * setting keeps its default) and, per line, {@link #UNKNOWN_KEY}, {@link #BAD_VALUE} or
 * {@link #BAD_LINE} warnings (the line is ignored, the default kept).
 */
public final class ConfigPage {

    /** The header's length ({@link RegionFrame}'s); the body starts here. */
    public static final int HEADER_LENGTH = RegionFrame.HEADER_LENGTH;
    public static final int FORMAT_VERSION = 1;
    static final byte[] MAGIC = {'T', 'C', 'F', 'G'};

    // ---- page statuses
    /** The page was read and every line applied (warnings aside). */
    public static final int OK = 0;
    /** The header is erased (all 0xFF): nothing was written; the defaults apply. */
    public static final int BLANK = 1;
    /** The first four bytes are not "TCFG": defaults. */
    public static final int BAD_MAGIC = -300;
    /** A format version this firmware does not know: defaults. */
    public static final int UNSUPPORTED_VERSION = -301;
    /** The body length does not fit in the page: defaults. */
    public static final int BAD_LENGTH = -302;
    /** The CRC does not match (a torn or changed page): defaults. */
    public static final int BAD_CRC = -303;
    /** The storage could not be read: defaults. */
    public static final int READ_FAILED = -304;

    // ---- line warnings
    /** A key this firmware does not know: ignored. */
    public static final int UNKNOWN_KEY = -310;
    /** A known key with a value out of range or of the wrong kind: the default is kept. */
    public static final int BAD_VALUE = -311;
    /** A line without '=' or with an empty key: ignored. */
    public static final int BAD_LINE = -312;

    /** Warnings kept for the boot log; later ones are counted only. */
    public static final int MAX_WARNINGS = 16;

    private final RegionFrame frame = new RegionFrame(MAGIC, FORMAT_VERSION);
    private int status = BLANK;
    private int applied;
    private int warningCount;
    private final int[] warningStatus = new int[MAX_WARNINGS];
    private final String[] warningLine = new String[MAX_WARNINGS];

    /** Reads the page from {@code storage} into {@code config}: the page status. */
    public int read(NonVolatileStorage storage, AppConfig config) {
        applied = 0;
        warningCount = 0;
        status = readPage(storage, config);
        return status;
    }

    private int readPage(NonVolatileStorage storage, AppConfig config) {
        switch (frame.read(storage)) {
            case RegionFrame.OK:
                byte[] body = frame.body();
                applyLines(Utf8Text.string(body, 0, body.length), config);
                return OK;
            case RegionFrame.BLANK: return BLANK;
            case RegionFrame.BAD_MAGIC: return BAD_MAGIC;
            case RegionFrame.UNSUPPORTED_VERSION: return UNSUPPORTED_VERSION;
            case RegionFrame.BAD_LENGTH: return BAD_LENGTH;
            case RegionFrame.BAD_CRC: return BAD_CRC;
            default: return READ_FAILED;
        }
    }

    private void applyLines(String text, AppConfig config) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end).trim();
            start = end + 1;
            if (0 == line.length() || '#' == line.charAt(0)) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                warn(BAD_LINE, line);
                continue;
            }
            String key = line.substring(0, equals).trim();
            String value = line.substring(equals + 1).trim();
            int result = config.set(key, value);
            if (AppConfig.OK == result) {
                applied++;
            } else {
                warn(result, line);
            }
        }
    }

    private void warn(int lineStatus, String line) {
        if (warningCount < MAX_WARNINGS) {
            warningStatus[warningCount] = lineStatus;
            warningLine[warningCount] = line;
        }
        warningCount++;
    }

    /** The status of the last {@link #read}. */
    public int status() {
        return status;
    }

    /** Settings applied by the last read. */
    public int applied() {
        return applied;
    }

    /** Lines ignored by the last read (only the first {@link #MAX_WARNINGS} are kept). */
    public int warningCount() {
        return warningCount;
    }

    public int warningStatus(int index) {
        return warningStatus[index];
    }

    public String warningLine(int index) {
        return warningLine[index];
    }

    public static boolean isFailure(int pageStatus) {
        return pageStatus < 0;
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
            case UNKNOWN_KEY: return "UNKNOWN_KEY";
            case BAD_VALUE: return "BAD_VALUE";
            case BAD_LINE: return "BAD_LINE";
            default: return "UNKNOWN_STATUS";
        }
    }

    // ------------------------------------------------------------------ writing

    /** Bytes a page with {@code bodyLength} bytes of lines needs. */
    public static int encodedLength(int bodyLength) {
        return HEADER_LENGTH + bodyLength;
    }

    /**
     * Writes header and body ({@code key=value\n} lines, UTF-8) at {@code offset}: the length
     * written, or {@link #BAD_LENGTH} when {@code destination} has no room. The rest of the page
     * is for the caller to leave erased (0xFF).
     */
    public static int encode(byte[] body, int bodyOffset, int bodyLength, byte[] destination, int offset) {
        int written = RegionFrame.write(MAGIC, FORMAT_VERSION, 0, body, bodyOffset, bodyLength, destination, offset);
        return written < 0 ? BAD_LENGTH : written;
    }

    /** A whole page of {@code pageSize} bytes for the given lines ({@code "key=value\n..."}), padded with 0xFF. */
    public static byte[] encodePage(String lines, int pageSize) {
        byte[] body = Utf8Text.bytes(lines);
        if (HEADER_LENGTH + body.length > pageSize) {
            throw new IllegalArgumentException("config: " + body.length + " bytes of settings do not fit a page of "
                    + pageSize + " bytes");
        }
        byte[] page = new byte[pageSize];
        for (int i = 0; i < pageSize; i++) {
            page[i] = (byte) 0xFF;
        }
        encode(body, 0, body.length, page, 0);
        return page;
    }
}
