package dev.tern.boards.image;

import static dev.tern.boards.image.ImageTestKeys.RFC8032;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Every malformed case names its field and offset. Offsets refer to the 0x20-header image below. */
class ImageParserTest {

    // header 0..31, payload 32..35, protected TLVs 36..47 (SEC_CNT entry @40), TLV area 48..191 (SHA256 @52, KEYHASH @88, ED25519 @124)
    private static byte[] image() throws Exception {
        return new ImageSigner(SignOptions.defaults(ImageVersion.parse("1.4.0+7")).withHeaderSize(0x20)
                .withSecurityCounter(3L)).sign(new byte[] {'T', 'E', 'R', 'N'}, RFC8032);
    }

    private static ImageFormatException refused(byte[] bytes) {
        return assertThrows(ImageFormatException.class, () -> ImageParser.parse(bytes));
    }

    @Test
    void parsesHeaderProtectedAndUnprotectedTlvsWithTheirOffsets() throws Exception {
        McubootImage parsed = ImageParser.parse(image());

        assertEquals(new ImageHeader(0, 0x20, 12, 4, 0, new ImageVersion(1, 4, 0, 7)), parsed.header());
        assertEquals("[SEC_CNT@40[4]]", parsed.protectedTlvs().toString());
        assertEquals("[SHA256@52[32], KEYHASH@88[32], ED25519@124[64]]", parsed.tlvs().toString());
        assertEquals(3, parsed.securityCounter().getAsLong());
        assertEquals(48, parsed.tlvAreaOffset());
        assertEquals(192, parsed.end());
        assertEquals(KeyType.ED25519, parsed.signatureType());
        assertEquals("TERN", new String(parsed.payload(), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void shorterThanAHeaderIsTruncated() throws Exception {
        ImageFormatException e = refused(Arrays.copyOf(image(), 31));

        assertEquals("image header at offset 0 (0x0): truncated: the image is 31 bytes, the header alone is 32", e.getMessage());
    }

    @Test
    void badMagicIsNamed() throws Exception {
        byte[] bytes = image();
        bytes[0] ^= 1;

        ImageFormatException e = refused(bytes);

        assertEquals("ih_magic", e.field());
        assertEquals(0, e.offset());
        assertEquals("ih_magic at offset 0 (0x0): 0x96f3b83c, expected 0x96f3b83d (not an MCUboot image)", e.getMessage());
    }

    @Test
    void bigEndianImageIsNamedAsSuch() throws Exception {
        byte[] bytes = image();
        ImageFormat.putU32(bytes, 0, Integer.reverseBytes(ImageFormat.IMAGE_MAGIC) & 0xffffffffL);

        assertTrue(refused(bytes).getMessage().contains("big-endian image"));
    }

    @Test
    void headerSizeSmallerThanTheHeader() throws Exception {
        byte[] bytes = image();
        bytes[8] = 0x10;

        ImageFormatException e = refused(bytes);

        assertEquals("ih_hdr_size", e.field());
        assertEquals(8, e.offset());
    }

    @Test
    void payloadRunningPastTheEndIsTruncation() throws Exception {
        byte[] bytes = image();
        ImageFormat.putU32(bytes, 12, 1000);

        ImageFormatException e = refused(bytes);

        assertEquals("ih_img_size at offset 12 (0xc): 1000 bytes of payload from offset 32 run past the end of the image "
                + "(192 bytes): truncated", e.getMessage());
    }

    @Test
    void protectedSizeDisagreeingWithTheProtectedAreaLength() throws Exception {
        byte[] bytes = image();
        bytes[38] = 16; // it_tlv_tot of the protected area

        ImageFormatException e = refused(bytes);

        assertEquals("protected TLV it_tlv_tot at offset 38 (0x26): 16 does not match ih_protect_tlv_size 12 in the header",
                e.getMessage());
    }

    @Test
    void badProtectedMagic() throws Exception {
        byte[] bytes = image();
        bytes[36] = 0x07;

        assertEquals("protected TLV info magic", refused(bytes).field());
    }

    @Test
    void protectedAreaNotAnnouncedByTheHeader() throws Exception {
        byte[] bytes = image();
        bytes[10] = 0;

        ImageFormatException e = refused(bytes);

        assertEquals("ih_protect_tlv_size", e.field());
        assertTrue(e.getMessage().contains("a protected TLV area (0x6908) follows the payload at offset 36"), e.getMessage());
    }

    @Test
    void protectedEntryOverrunningItsArea() throws Exception {
        byte[] bytes = image();
        bytes[42] = 8; // SEC_CNT length 8 in a 12-byte area

        ImageFormatException e = refused(bytes);

        assertEquals("SEC_CNT TLV length at offset 42 (0x2a): 8 bytes overrun the end of the protected TLV area at 48 by 4",
                e.getMessage());
    }

    @Test
    void badTlvMagic() throws Exception {
        byte[] bytes = image();
        bytes[48] = 0x08;

        ImageFormatException e = refused(bytes);

        assertEquals("TLV info magic at offset 48 (0x30): 0x6908, expected 0x6907", e.getMessage());
    }

    @Test
    void tlvAreaOverrunningTheImage() throws Exception {
        byte[] bytes = Arrays.copyOf(image(), 191);

        ImageFormatException e = refused(bytes);

        assertEquals("TLV it_tlv_tot at offset 50 (0x32): TLV area of 144 bytes from offset 48 overruns the end of the image "
                + "(191 bytes) by 1: truncated", e.getMessage());
    }

    @Test
    void tlvEntryOverrunningTheArea() throws Exception {
        byte[] bytes = image();
        bytes[126] = 65; // ED25519 length 65

        ImageFormatException e = refused(bytes);

        assertEquals("ED25519 TLV length", e.field());
        assertEquals(126, e.offset());
    }

    @Test
    void tlvHeaderCutOffByTheAreaEnd() throws Exception {
        byte[] bytes = Arrays.copyOf(image(), 194);
        bytes[50] = (byte) 146; // it_tlv_tot 146: two stray bytes after the signature

        ImageFormatException e = refused(bytes);

        assertEquals("TLV area entry at offset 192 (0xc0): a 4-byte TLV header is cut off by the end of the TLV area at 194",
                e.getMessage());
    }

    @Test
    void missingTlvAreaIsNamed() throws Exception {
        byte[] bytes = Arrays.copyOf(image(), 48);

        ImageFormatException e = refused(bytes);

        assertEquals("TLV area", e.field());
        assertEquals(48, e.offset());
    }

    @Test
    void tlvTotalSmallerThanItsInfo() throws Exception {
        byte[] bytes = image();
        bytes[50] = 2;
        bytes[51] = 0;

        assertEquals("TLV it_tlv_tot", refused(bytes).field());
    }
}
