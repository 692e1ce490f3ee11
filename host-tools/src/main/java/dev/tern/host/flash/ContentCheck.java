package dev.tern.host.flash;

import java.io.IOException;
import java.util.Locale;

import dev.tern.boards.bootloader.An3155;

/**
 * Whether the device holds a span's content: by GET_CHECKSUM (one CRC per span, computed on the
 * chip) or by READ_MEMORY (256 bytes at a time, stopping at the first difference). Used before
 * writing (to skip unchanged pages) and after (to verify).
 */
final class ContentCheck {

    /** How the device's content is compared. */
    enum Method {
        CRC("crc"), READ("read");

        final String label;

        Method(String label) {
            this.label = label;
        }
    }

    private final An3155Client client;
    private final Method method;
    private final boolean confirm;
    private final FlashProgress progress;
    private final byte[] block = new byte[An3155.MAX_BLOCK];

    ContentCheck(An3155Client client, Method method, FlashProgress progress) {
        this(client, method, false, progress);
    }

    /**
     * {@code confirm}: a difference is asked (CRC) or read again once before it counts (verify).
     * {@code progress} hears of each block read back (READ), inside a phase the caller started.
     */
    ContentCheck(An3155Client client, Method method, boolean confirm, FlashProgress progress) {
        this.client = client;
        this.method = method;
        this.confirm = confirm;
        this.progress = progress;
    }


    Method method() {
        return method;
    }

    /** Null when the device holds the span's content, else where and how it differs. */
    String difference(FlashPlan.Span span) throws IOException {
        return method == Method.CRC ? crcDifference(span) : readDifference(span);
    }

    private String crcDifference(FlashPlan.Span span) throws IOException {
        int expected = span.crc();
        int actual = client.checksum(span.address, span.content.length);
        if (expected != actual && confirm) {
            // asked once more: a CRC garbled on a noisy line is not a flash that differs
            actual = client.checksum(span.address, span.content.length);
        }
        if (expected == actual) {
            return null;
        }
        return String.format(Locale.ROOT, "the CRC of %s..%s is 0x%08X, expected 0x%08X", An3155Client.hex(span.address),
                An3155Client.hex(span.end()), actual, expected);
    }

    private String readDifference(FlashPlan.Span span) throws IOException {
        for (int at = 0; at < span.content.length; at += An3155.MAX_BLOCK) {
            int length = Math.min(An3155.MAX_BLOCK, span.content.length - at);
            client.read(span.address + at, block, 0, length);
            if (confirm && differs(span.content, at, length)) {
                // read once more: a byte flipped on a noisy line is not a flash that differs
                client.read(span.address + at, block, 0, length);
            }
            progress.advanced(length);
            for (int i = 0; i < length; i++) {
                if (block[i] != span.content[at + i]) {
                    return String.format(Locale.ROOT, "the byte at %s is 0x%02X, expected 0x%02X",
                            An3155Client.hex(span.address + at + i), block[i] & 0xFF, span.content[at + i] & 0xFF);
                }
            }
        }
        return null;
    }

    private boolean differs(byte[] content, int at, int length) {
        for (int i = 0; i < length; i++) {
            if (block[i] != content[at + i]) {
                return true;
            }
        }
        return false;
    }
}
