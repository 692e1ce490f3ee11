package dev.tern.boards.image;

import static dev.tern.boards.image.ImageTestKeys.RFC8032;
import static dev.tern.boards.image.ImageTestKeys.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Byte-exact layouts. The vector below was cross-checked once against imgtool's procedure
 * (imgtool 2.x sources, mcu-tools/mcuboot scripts/imgtool/image.py and keys/ed25519.py, 2025,
 * with multi-signature and KEYID support) re-run with pyca/cryptography, the library imgtool
 * signs with: same SHA-256, same key hash of the DER SubjectPublicKeyInfo, and the same Ed25519
 * signature over the digest (Ed25519 is deterministic). imgtool itself could not be installed
 * here (PyPI is not reachable), so the vector was not produced by running it.
 */
class ImageSignerTest {

    private static final byte[] PAYLOAD = "TERN".getBytes(StandardCharsets.US_ASCII);

    /** imgtool sign -k rfc8032.pem -H 32 --version 1.4.0+7 --security-counter 3, on "TERN". */
    private static final byte[] RFC8032_IMAGE = hex(""
            // header
            + "3db8f396"    // ih_magic 0x96f3b83d (LE)
            + "00000000"    // ih_load_addr 0
            + "2000"        // ih_hdr_size 0x20: the payload follows the header directly
            + "0c00"        // ih_protect_tlv_size 12: info 4 + SEC_CNT 4 + 4
            + "04000000"    // ih_img_size 4
            + "00000000"    // ih_flags: none
            + "01"          // iv_major 1
            + "04"          // iv_minor 4
            + "0000"        // iv_revision 0
            + "07000000"    // iv_build_num 7
            + "00000000"    // _pad
            // payload at 32
            + "5445524e"    // "TERN"
            // protected TLV area at 36
            + "0869" + "0c00"               // magic 0x6908, it_tlv_tot 12
            + "50" + "00" + "0400"          // SEC_CNT, pad, length 4
            + "03000000"                    // security counter 3
            // TLV area at 48
            + "0769" + "9000"               // magic 0x6907, it_tlv_tot 144
            + "10" + "00" + "2000"          // SHA256, pad, length 32: SHA-256 of bytes 0..47
            + "59f5286e7066fbb4995eff0e875332d401310d22076ddbe97f25000f61752b33"
            + "01" + "00" + "2000"          // KEYHASH, pad, length 32: SHA-256 of the 44-byte SPKI
            + "06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9"
            + "24" + "00" + "4000"          // ED25519, pad, length 64: signature of the 32-byte digest
            + "86132f7a1b0ca52b590fb2790470cde83656cbc42138c5afea72b8b486da694f"
            + "d0daae74835987aceb35fa8bdcb7c74e5302dd04f3784ae62aa42d7e788adf0a");

    @Test
    void rfc8032KeyAndFixedPayloadGiveTheImgtoolLayoutByteForByte() throws Exception {
        SignOptions options = SignOptions.defaults(ImageVersion.parse("1.4.0+7")).withHeaderSize(0x20)
                .withSecurityCounter(3L);

        byte[] image = new ImageSigner(options).sign(PAYLOAD, RFC8032);

        assertEquals(192, image.length);
        assertArrayEquals(RFC8032_IMAGE, image);
    }

    @Test
    void keyHashIsTheSha256OfTheDerSubjectPublicKeyInfo() {
        byte[] spki = RFC8032.publicKeyDer();

        assertArrayEquals(hex("302a300506032b6570032100" // SEQ { SEQ { id-Ed25519 }, BIT STRING (32 bytes) }
                + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), spki);
        assertArrayEquals(ImageSigner.sha256(spki), RFC8032.keyHash());
    }

    @Test
    void defaultHeaderIs0x200BytesZeroPaddedWithNoProtectedArea() throws Exception {
        byte[] image = new ImageSigner(SignOptions.defaults(ImageVersion.parse("1.4"))).sign(PAYLOAD, RFC8032);

        assertArrayEquals(hex("3db8f396 00000000 0002 0000 04000000 00000000 01 04 0000 00000000 00000000"),
                Arrays.copyOf(image, 32));
        for (int i = 32; i < 0x200; i++) {
            assertEquals(0, image[i], "header padding at " + i);
        }
        assertArrayEquals(PAYLOAD, Arrays.copyOfRange(image, 0x200, 0x204));
        assertArrayEquals(hex("0769 9000"), Arrays.copyOfRange(image, 0x204, 0x208)); // TLV area right after
        assertEquals(0x204 + 144, image.length);
    }

    @Test
    void headerPaddingCanBeTheErasedValueLikeImgtoolPadHeader() throws Exception {
        byte[] image = new ImageSigner(SignOptions.defaults(ImageVersion.parse("1")).withHeaderPadding(0xff))
                .unsigned(PAYLOAD);

        assertEquals((byte) 0xff, image[32]);
        assertEquals((byte) 0xff, image[0x1ff]);
    }

    @Test
    void loadAddressSetsTheRamLoadFlagAsImgtoolDoes() throws Exception {
        byte[] image = new ImageSigner(SignOptions.defaults(ImageVersion.parse("1")).withLoadAddress(0x20000000L))
                .unsigned(PAYLOAD);

        assertArrayEquals(hex("00000020"), Arrays.copyOfRange(image, 4, 8));    // ih_load_addr
        assertArrayEquals(hex("20000000"), Arrays.copyOfRange(image, 16, 20));  // ih_flags RAM_LOAD
    }

    @Test
    void unsignedImageHasOnlyTheSha256Tlv() throws Exception {
        byte[] image = new ImageSigner(SignOptions.defaults(ImageVersion.parse("1")).withHeaderSize(0x20))
                .unsigned(PAYLOAD);

        assertArrayEquals(hex("0769 2800 10 00 2000"), Arrays.copyOfRange(image, 36, 44));
        assertEquals(36 + 40, image.length);
    }

    @Test
    void paddedImageEndsWithErasedBytesImageOkAndTheTrailerMagic() throws Exception {
        SignOptions options = SignOptions.defaults(ImageVersion.parse("1")).withSlot(4096, true, true);
        byte[] image = new ImageSigner(options).sign(PAYLOAD, RFC8032);

        assertEquals(4096, image.length);
        assertEquals(432, options.trailerSize()); // 128 sectors * 3 * align 1 + 4 * 8 + 16
        assertArrayEquals(ImageFormat.BOOT_MAGIC, Arrays.copyOfRange(image, 4096 - 16, 4096));
        assertEquals(0x01, image[4096 - 16 - 8]); // image_ok, --confirm
        assertEquals((byte) 0xff, image[4096 - 16 - 7]);
        assertEquals((byte) 0xff, image[0x204 + 144]); // first byte after the TLV area
        assertTrue(ImageParser.parse(image).trailingBytes() > 0);
    }

    @Test
    void largerWriteAlignmentChangesTheTrailerMagicAsImgtoolDoes() {
        assertArrayEquals(hex("1000 2de15d29410b8d77679c110f1f8a"), ImageSigner.bootMagic(16));
    }

    @Test
    void imageThatDoesNotFitItsSlotWithTheTrailerIsRefusedSayingByHowMuch() {
        SignOptions options = SignOptions.defaults(ImageVersion.parse("1")).withSlot(1024, false, false);

        ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
                () -> new ImageSigner(options).sign(new byte[400], RFC8032));

        // 0x200 + 400 + 144 = 1056 bytes, + 432 trailer = 1488 > 1024
        assertEquals("image of 1056 bytes (0x420) + trailer of 432 bytes exceeds the slot size 1024 (0x400) by 464 bytes",
                e.getMessage());
    }

    @Test
    void signingWithAPublicKeyIsMisuse() {
        ImageSigner signer = new ImageSigner(SignOptions.defaults(ImageVersion.parse("1")));

        assertThrows(IllegalArgumentException.class, () -> signer.sign(PAYLOAD, RFC8032.publicOnly()));
    }
}
