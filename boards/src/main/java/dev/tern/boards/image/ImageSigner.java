package dev.tern.boards.image;

import static dev.tern.boards.image.ImageFormat.*;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;

/**
 * Makes an image from a payload the way {@code imgtool sign} does: header, payload, protected TLVs
 * (SEC_CNT when a security counter is given), then the TLV area with SHA256, KEYHASH and the
 * signature, and optionally slot padding with the trailer magic.
 */
public final class ImageSigner {

    private final SignOptions options;

    public ImageSigner(SignOptions options) {
        this.options = options;
    }

    /** A signed image; {@code key} must hold a private key. */
    public byte[] sign(byte[] payload, ImageKey key) throws ImageTooLargeException {
        if (!key.hasPrivateKey()) {
            throw new IllegalArgumentException("signing needs a private key, this is a public " + key.type() + " key");
        }
        return write(payload, key);
    }

    /** An image with the SHA256 TLV only, as {@code imgtool sign} without a key writes it. */
    public byte[] unsigned(byte[] payload) throws ImageTooLargeException {
        return write(payload, null);
    }

    private byte[] write(byte[] payload, ImageKey key) throws ImageTooLargeException {
        int headerSize = options.headerSize();
        int protectedSize = options.securityCounter() == null ? 0 : TLV_INFO_SIZE + TLV_HEADER_SIZE + 4;
        long hashedLength = (long) headerSize + payload.length + protectedSize;
        if (hashedLength > Integer.MAX_VALUE - 0x10000) {
            throw new ImageTooLargeException("payload of " + payload.length + " bytes is too large for an image");
        }
        byte[] hashed = new byte[(int) hashedLength];
        Arrays.fill(hashed, HEADER_SIZE, headerSize, (byte) options.headerPadding());
        long flags = options.loadAddress() != 0 ? FLAG_RAM_LOAD : 0;
        new ImageHeader(options.loadAddress(), headerSize, protectedSize, payload.length, flags, options.version())
                .writeTo(hashed);
        System.arraycopy(payload, 0, hashed, headerSize, payload.length);
        if (protectedSize != 0) {
            int at = headerSize + payload.length;
            putU16(hashed, at, TLV_PROT_INFO_MAGIC);
            putU16(hashed, at + 2, protectedSize);
            putU16(hashed, at + 4, TLV_SEC_CNT);
            putU16(hashed, at + 6, 4);
            putU32(hashed, at + 8, options.securityCounter());
        }
        byte[] digest = sha256(hashed);

        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        entry(entries, TLV_SHA256, digest);
        if (key != null) {
            entry(entries, TLV_KEYHASH, key.keyHash());
            entry(entries, key.type().signatureTlv(), signature(key, hashed, digest));
        }
        int tlvTotal = TLV_INFO_SIZE + entries.size();
        byte[] image = Arrays.copyOf(hashed, hashed.length + tlvTotal);
        putU16(image, hashed.length, TLV_INFO_MAGIC);
        putU16(image, hashed.length + 2, tlvTotal);
        System.arraycopy(entries.toByteArray(), 0, image, hashed.length + TLV_INFO_SIZE, entries.size());
        return options.slotSize() == 0 ? image : fitToSlot(image);
    }

    /**
     * Ed25519 signs the 32-byte digest (imgtool's {@code sign_digest}); ECDSA P-256 signs the hashed
     * region with SHA-256, that is the same digest, and the JDK returns the DER (r, s) imgtool writes.
     */
    static byte[] signature(ImageKey key, byte[] hashed, byte[] digest) {
        try {
            Signature signer = Signature.getInstance(key.type() == KeyType.ED25519 ? "Ed25519" : "SHA256withECDSA");
            signer.initSign(key.privateKey());
            signer.update(key.type() == KeyType.ED25519 ? digest : hashed);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + key + " failed", e);
        }
    }

    private byte[] fitToSlot(byte[] image) throws ImageTooLargeException {
        long slot = options.slotSize();
        int trailer = options.trailerSize();
        if (image.length + (long) trailer > slot) {
            throw new ImageTooLargeException(String.format("image of %d bytes (0x%x) + trailer of %d bytes exceeds the "
                    + "slot size %d (0x%x) by %d bytes", image.length, image.length, trailer, slot, slot,
                    image.length + trailer - slot));
        }
        if (!options.pad()) {
            return image;
        }
        byte[] padded = Arrays.copyOf(image, (int) slot);
        Arrays.fill(padded, image.length, padded.length, (byte) options.erasedValue());
        byte[] magic = bootMagic(options.maxAlign());
        System.arraycopy(magic, 0, padded, padded.length - magic.length, magic.length);
        if (options.confirm() && !options.overwriteOnly()) {
            int magicArea = SignOptions.alignUp(SignOptions.BOOT_MAGIC_SIZE, options.maxAlign());
            padded[padded.length - magicArea - options.maxAlign()] = 0x01;
        }
        return padded;
    }

    /** The trailer magic: fixed for a max alignment of 8, else u16 max_align then a fixed tail. */
    static byte[] bootMagic(int maxAlign) {
        if (maxAlign == SignOptions.DEFAULT_MAX_ALIGN) {
            return BOOT_MAGIC.clone();
        }
        byte[] magic = new byte[SignOptions.BOOT_MAGIC_SIZE];
        putU16(magic, 0, maxAlign);
        System.arraycopy(BOOT_MAGIC_ALIGNED_TAIL, 0, magic, 2, BOOT_MAGIC_ALIGNED_TAIL.length);
        return magic;
    }

    private static void entry(ByteArrayOutputStream out, int type, byte[] value) {
        // imgtool packs 'BBH': type byte, a zero byte, u16 length; the same bytes as a u16 type
        out.write(type);
        out.write(0);
        out.write(value.length);
        out.write(value.length >>> 8);
        out.writeBytes(value);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
