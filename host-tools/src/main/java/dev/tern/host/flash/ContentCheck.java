package dev.tern.host.flash;

import static dev.tern.host.flash.protocol.FlashAddress.hex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.tern.host.flash.protocol.BootloaderIdentity;
import dev.tern.host.flash.protocol.BootloaderSession;

/**
 * Whether the device holds a span's content: by the digest the bootloader computes on the chip
 * (one answer per span; AN3155's GET_CHECKSUM CRC) or by reading it back (a block at a time,
 * stopping at the first difference). Used before writing (to skip unchanged pages) and after (to
 * verify).
 */
final class ContentCheck {

    /** How the device's content is compared. */
    enum Method {
        DIGEST, READ
    }

    private final BootloaderSession session;
    private final BootloaderIdentity identity;
    private final Method method;
    private final boolean confirm;
    private final FlashProgress progress;
    private final byte[] block;

    ContentCheck(BootloaderSession session, BootloaderIdentity identity, Method method, FlashProgress progress) {
        this(session, identity, method, false, progress);
    }

    /**
     * {@code confirm}: a difference is asked (digest) or read again once before it counts (verify).
     * {@code progress} hears of each block read back (READ), inside a phase the caller started.
     */
    ContentCheck(BootloaderSession session, BootloaderIdentity identity, Method method, boolean confirm, FlashProgress progress) {
        if (method == Method.DIGEST && !identity.hasDigest()) {
            throw new IllegalArgumentException("a digest check on a bootloader without one: " + identity);
        }
        this.session = session;
        this.identity = identity;
        this.method = method;
        this.confirm = confirm;
        this.progress = progress;
        this.block = new byte[identity.maxBlock()];
    }

    Method method() {
        return method;
    }

    /** What the summary and {@code --json} call the method: the digest's name ({@code crc}) or {@code read}. */
    String label() {
        return method == Method.DIGEST ? identity.digest().orElseThrow().toLowerCase(Locale.ROOT) : "read";
    }

    /** What one digest of a whole run says: the device holds it, its flash there is erased, or span by span must tell. */
    enum RunState {
        HOLDS, ERASED, ASK_EACH
    }

    /**
     * With a digest: whether the device holds every span of {@code run} (one segment's spans, in
     * rising addresses), asked with one digest of them all, so an unchanged image costs one
     * command, not one a page; the same answer also says when the flash there is erased (a blank
     * board: every span with content differs, none needs asking). {@link RunState#ASK_EACH} when
     * they differ otherwise, are not contiguous, are fewer than two, or the method reads back.
     */
    RunState compareRun(List<FlashPlan.Span> run) throws IOException {
        if (method != Method.DIGEST || run.size() < 2) {
            return RunState.ASK_EACH;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        long start = run.get(0).address;
        for (FlashPlan.Span span : run) {
            if (span.address != start + content.size()) {
                return RunState.ASK_EACH;
            }
            content.write(span.content, 0, span.content.length);
        }
        byte[] bytes = content.toByteArray();
        String actual = session.digest(start, bytes.length);
        if (session.expectedDigest(bytes).equals(actual)) {
            return RunState.HOLDS;
        }
        byte[] erased = new byte[bytes.length];
        Arrays.fill(erased, (byte) 0xFF);
        return session.expectedDigest(erased).equals(actual) ? RunState.ERASED : RunState.ASK_EACH;
    }

    /** Null when the device holds the span's content, else where and how it differs. */
    String difference(FlashPlan.Span span) throws IOException {
        return method == Method.DIGEST ? digestDifference(span) : readDifference(span);
    }

    private String digestDifference(FlashPlan.Span span) throws IOException {
        String expected = session.expectedDigest(span.content);
        String actual = session.digest(span.address, span.content.length);
        if (!expected.equals(actual) && confirm) {
            // asked once more: a digest garbled on a noisy line is not a flash that differs
            actual = session.digest(span.address, span.content.length);
        }
        if (expected.equals(actual)) {
            return null;
        }
        return "the " + identity.digest().orElseThrow() + " of " + hex(span.address) + ".." + hex(span.end()) + " is " + actual
                + ", expected " + expected;
    }

    private String readDifference(FlashPlan.Span span) throws IOException {
        for (int at = 0; at < span.content.length; at += block.length) {
            int length = Math.min(block.length, span.content.length - at);
            session.read(span.address + at, block, 0, length);
            if (confirm && differs(span.content, at, length)) {
                // read once more: a byte flipped on a noisy line is not a flash that differs
                session.read(span.address + at, block, 0, length);
            }
            progress.advanced(length);
            for (int i = 0; i < length; i++) {
                if (block[i] != span.content[at + i]) {
                    return String.format(Locale.ROOT, "the byte at %s is 0x%02X, expected 0x%02X",
                            hex(span.address + at + i), block[i] & 0xFF, span.content[at + i] & 0xFF);
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
