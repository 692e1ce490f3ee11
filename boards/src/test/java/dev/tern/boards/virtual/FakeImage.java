package dev.tern.boards.virtual;

import dev.tern.boards.image.ImageVersion;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A stand-in for the MCUboot image format until that branch merges: honest about integrity
 * (a real SHA-256) and about keys (the image names its key, which must be trusted), nothing
 * more. {@link #CHECK} is the matching {@link ImageCheck}.
 *
 * <pre>
 *  0      SHA-256 of bytes [32, end)
 *  32     magic "TFAK"
 *  36     major u8, minor u8, revision u16 BE, build u32 BE
 *  44     key length u8, key bytes
 *  45+k   payload length u32 BE
 *  49+k   payload (the firmware jar)              end = 49 + k + payload length
 * </pre>
 */
final class FakeImage {

    static final byte[] MAGIC = {'T', 'F', 'A', 'K'};
    static final byte[] KEY = {0x3f, 0x2a, 0x11, 0x07};
    static final byte[] OTHER_KEY = {0x55, 0x55, 0x55, 0x55};

    static final ImageCheck CHECK = FakeImage::check;

    private FakeImage() {
    }

    static byte[] of(final ImageVersion version, final byte[] key, final byte[] payload) {
        final ByteBuffer image = ByteBuffer.allocate(49 + key.length + payload.length);
        image.position(32).put(MAGIC).put((byte) version.major()).put((byte) version.minor())
                .putShort((short) version.revision()).putInt((int) version.build())
                .put((byte) key.length).put(key).putInt(payload.length).put(payload);
        final byte[] bytes = image.array();
        System.arraycopy(sha256(bytes, 32, bytes.length - 32), 0, bytes, 0, 32);
        return bytes;
    }

    /** A correct image of the test firmware, version {@code version} ("1.4.0"), signed with {@link #KEY}. */
    static byte[] firmware(final String version) {
        return of(ImageVersion.parse(version), KEY, TestFirmwareJar.build(version));
    }

    static Verdict check(final byte[] slot, final List<byte[]> trustedKeys) {
        final ByteBuffer image = ByteBuffer.wrap(slot);
        if (isErased(slot, 0, 49)) {
            return Verdict.refused("no image in the application slot (it is erased)");
        }
        if (!Arrays.equals(MAGIC, Arrays.copyOfRange(slot, 32, 36))) {
            return Verdict.refused("bad image magic");
        }
        image.position(36);
        final ImageVersion version = new ImageVersion(image.get() & 0xFF, image.get() & 0xFF, image.getShort() & 0xFFFF,
                image.getInt() & 0xFFFF_FFFFL);
        final byte[] key = new byte[image.get() & 0xFF];
        image.get(key);
        final long length = image.getInt() & 0xFFFF_FFFFL;
        final int payloadOffset = image.position();
        if (payloadOffset + length > slot.length) {
            return Verdict.refused("image size " + (payloadOffset + length) + " exceeds the slot (" + slot.length + ")");
        }
        if (!Arrays.equals(Arrays.copyOf(slot, 32), sha256(slot, 32, (int) (payloadOffset + length - 32)))) {
            return Verdict.refused("SHA-256 does not match: the image is damaged or partly written");
        }
        if (trustedKeys.stream().noneMatch(k -> Arrays.equals(k, key))) {
            return Verdict.refused("signed with key " + HexFormat.of().formatHex(key) + ", which is not trusted");
        }
        return Verdict.accepted(version, payloadOffset, (int) length, "sha-256, key " + HexFormat.of().formatHex(key));
    }

    private static boolean isErased(final byte[] bytes, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(final byte[] bytes, final int offset, final int length) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return digest.digest();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
