package dev.tern.boards.image;

import static dev.tern.boards.image.ImageTestKeys.RFC8032;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.boards.image.VerificationResult.Verdict;

/** Offsets refer to the 0x20-header image: payload 32, protected TLVs 36, SHA256 @52, KEYHASH @88, signature @124. */
class ImageVerifierTest {

    private static final ImageKey ECDSA = ImageKey.generate(KeyType.ECDSA_P256);
    private static final byte[] PAYLOAD = {'T', 'E', 'R', 'N'};

    private static SignOptions options(String version) {
        return SignOptions.defaults(ImageVersion.parse(version)).withHeaderSize(0x20).withSecurityCounter(3L);
    }

    private static byte[] signed(ImageKey key) throws Exception {
        return new ImageSigner(options("1.4.0+7")).sign(PAYLOAD, key);
    }

    private static VerificationResult verify(byte[] image, ImageKey... trusted) {
        return new ImageVerifier(List.of(trusted)).verify(image);
    }

    private static byte[] flipped(byte[] image, int offset) {
        byte[] copy = image.clone();
        copy[offset] ^= 0x01;
        return copy;
    }

    @Test
    void ed25519RoundTripSignParseVerify() throws Exception {
        VerificationResult result = verify(signed(RFC8032), RFC8032.publicOnly());

        assertTrue(result.ok(), result.toString());
        assertEquals("OK: image 1.4.0+7 (security counter 3), ed25519 signature by trusted " + RFC8032.publicOnly(),
                result.toString());
        assertEquals(new ImageVersion(1, 4, 0, 7), result.image().version());
    }

    @Test
    void ecdsaP256RoundTripSignParseVerify() throws Exception {
        byte[] image = signed(ECDSA);
        McubootImage parsed = ImageParser.parse(image);

        assertEquals(KeyType.ECDSA_P256, parsed.signatureType());
        assertEquals(0x30, parsed.tlvs(ImageFormat.TLV_ECDSA_SIG).get(0).value()[0]); // DER SEQUENCE of r, s
        VerificationResult result = verify(image, ECDSA.publicOnly());
        assertTrue(result.ok(), result.toString());
    }

    @Test
    void paddedImageVerifies() throws Exception {
        byte[] image = new ImageSigner(options("1").withSlot(8192, true, false)).sign(PAYLOAD, ECDSA);

        assertTrue(verify(image, ECDSA).ok());
    }

    @Test
    void anyTrustedKeyWillDoAndTheMatchingOneIsReported() throws Exception {
        VerificationResult result = verify(signed(ECDSA), RFC8032, ImageKey.generate(KeyType.ECDSA_P256), ECDSA);

        assertTrue(result.ok(), result.toString());
        assertEquals(ECDSA.type(), result.key().type());
        assertTrue(Arrays.equals(ECDSA.keyHash(), result.key().keyHash()));
    }

    @Test
    void everySingleByteChangedAnywhereInTheImageIsRefused() throws Exception {
        for (ImageKey key : List.of(RFC8032, ECDSA)) {
            byte[] image = signed(key);
            for (int i = 0; i < image.length; i++) {
                VerificationResult result = verify(flipped(image, i), key);
                assertFalse(result.ok(), key.type() + " byte " + i + ": " + result);
            }
        }
    }

    @Test
    void flippedHeaderBitIsAHashMismatch() throws Exception {
        VerificationResult result = verify(flipped(signed(RFC8032), 20), RFC8032); // iv_major

        assertEquals(Verdict.HASH_MISMATCH, result.verdict());
        assertTrue(result.reason().startsWith("SHA-256 of the first 48 bytes (header, payload, protected TLVs) is "),
                result.reason());
        assertTrue(result.reason().contains("the SHA256 TLV at offset 52 says 59f5286e"), result.reason());
    }

    @Test
    void flippedPayloadBitIsAHashMismatch() throws Exception {
        assertEquals(Verdict.HASH_MISMATCH, verify(flipped(signed(RFC8032), 33), RFC8032).verdict());
    }

    @Test
    void flippedProtectedTlvBitIsAHashMismatch() throws Exception {
        assertEquals(Verdict.HASH_MISMATCH, verify(flipped(signed(RFC8032), 44), RFC8032).verdict()); // SEC_CNT value
    }

    @Test
    void flippedStoredHashIsAHashMismatch() throws Exception {
        assertEquals(Verdict.HASH_MISMATCH, verify(flipped(signed(RFC8032), 60), RFC8032).verdict());
    }

    @Test
    void flippedKeyHashNamesAnUntrustedKey() throws Exception {
        VerificationResult result = verify(flipped(signed(RFC8032), 92), RFC8032);

        assertEquals(Verdict.UNTRUSTED_KEY, result.verdict());
        assertTrue(result.reason().contains("(KEYHASH TLV at offset 88), which is not one of the trusted keys"), result.reason());
    }

    @Test
    void flippedSignatureBitIsABadSignature() throws Exception {
        for (ImageKey key : List.of(RFC8032, ECDSA)) {
            byte[] image = signed(key);
            VerificationResult result = verify(flipped(image, image.length - 10), key);

            assertEquals(Verdict.BAD_SIGNATURE, result.verdict(), result.toString());
            assertTrue(result.reason().endsWith("signature at offset 124 does not verify with trusted " + key.publicOnly()),
                    result.reason());
        }
    }

    @Test
    void truncatedImageIsMalformedAndNotParsed() throws Exception {
        byte[] image = signed(RFC8032);

        VerificationResult result = verify(Arrays.copyOf(image, image.length - 1), RFC8032);

        assertEquals(Verdict.MALFORMED, result.verdict());
        assertNull(result.image());
        assertTrue(result.toString().startsWith("REFUSED (malformed image): TLV it_tlv_tot at offset 50"), result.toString());
    }

    @Test
    void imageSignedWithAnotherKeyOfTheSameTypeIsUntrusted() throws Exception {
        ImageKey other = ImageKey.generate(KeyType.ED25519);

        VerificationResult result = verify(signed(other), RFC8032);

        assertEquals(Verdict.UNTRUSTED_KEY, result.verdict());
        assertTrue(result.reason().startsWith("signed by ed25519 key sha256:" + ImageFormat.hex(other.keyHash())),
                result.reason());
    }

    @Test
    void imageSignedWithAnotherKeyTypeIsAKeyTypeMismatch() throws Exception {
        VerificationResult result = verify(signed(RFC8032), ECDSA);

        assertEquals(Verdict.KEY_TYPE_MISMATCH, result.verdict());
        assertEquals("the image has a ed25519 signature (ED25519 TLV at offset 124) but the trusted keys are ["
                + ECDSA.publicOnly() + "]", result.reason());
    }

    @Test
    void unsignedImageIsRefused() throws Exception {
        byte[] image = new ImageSigner(options("1.4.0")).unsigned(PAYLOAD);

        VerificationResult result = verify(image, RFC8032);

        assertEquals(Verdict.UNSIGNED, result.verdict());
        assertEquals("no signature TLV (ED25519 0x24 or ECDSASIG 0x22) in the TLV area at offset 48: the image was made "
                + "without a key", result.reason());
    }

    @Test
    void versionBelowTheMinimumIsADowngrade() throws Exception {
        byte[] image = new ImageSigner(options("1.3.9+99")).sign(PAYLOAD, RFC8032);
        ImageVerifier verifier = new ImageVerifier(List.of(RFC8032)).minimumVersion(ImageVersion.parse("1.4.0"));

        VerificationResult result = verifier.verify(image);

        assertEquals(Verdict.DOWNGRADE, result.verdict());
        assertEquals("version 1.3.9+99 is lower than the minimum 1.4.0+0 (build numbers are not compared)", result.reason());
        assertTrue(verifier.verify(signed(RFC8032)).ok(), "1.4.0+7 meets the minimum 1.4.0");
    }

    @Test
    void securityCounterBelowTheMinimumIsRefused() throws Exception {
        ImageVerifier verifier = new ImageVerifier(List.of(RFC8032)).minimumSecurityCounter(4L);

        VerificationResult result = verifier.verify(signed(RFC8032));

        assertEquals(Verdict.SECURITY_COUNTER_TOO_LOW, result.verdict());
        assertEquals("security counter 3 is lower than the minimum 4", result.reason());
        assertTrue(new ImageVerifier(List.of(RFC8032)).minimumSecurityCounter(3L).verify(signed(RFC8032)).ok());
    }

    @Test
    void missingSecurityCounterIsRefusedWhenAMinimumIsSet() throws Exception {
        byte[] image = new ImageSigner(SignOptions.defaults(ImageVersion.parse("9"))).sign(PAYLOAD, RFC8032);

        VerificationResult result = new ImageVerifier(List.of(RFC8032)).minimumSecurityCounter(1L).verify(image);

        assertEquals(Verdict.SECURITY_COUNTER_TOO_LOW, result.verdict());
        assertTrue(result.reason().startsWith("no SEC_CNT TLV"), result.reason());
    }

    @Test
    void encryptedImageIsUnsupported() throws Exception {
        byte[] image = signed(RFC8032);
        image[16] = ImageFormat.FLAG_ENCRYPTED_AES128;

        VerificationResult result = verify(image, RFC8032);

        assertEquals(Verdict.UNSUPPORTED, result.verdict());
        assertTrue(result.reason().startsWith("encrypted image (ih_flags ENCRYPTED_AES128 at offset 16)"), result.reason());
    }

    @Test
    void ecdsaSignatureZeroPaddedTo72BytesAsOldImgtoolDidStillVerifies() throws Exception {
        McubootImage parsed = ImageParser.parse(signed(ECDSA));
        ByteArrayOutputStream tlvs = new ByteArrayOutputStream();
        for (Tlv tlv : parsed.tlvs()) {
            byte[] value = tlv.type() == ImageFormat.TLV_ECDSA_SIG ? Arrays.copyOf(tlv.value(), 72) : tlv.value();
            tlvs.write(new byte[] {(byte) tlv.type(), 0, (byte) value.length, 0});
            tlvs.write(value);
        }
        byte[] image = Arrays.copyOf(parsed.bytes(), parsed.tlvAreaOffset() + 4 + tlvs.size());
        ImageFormat.putU16(image, parsed.tlvAreaOffset(), ImageFormat.TLV_INFO_MAGIC);
        ImageFormat.putU16(image, parsed.tlvAreaOffset() + 2, 4 + tlvs.size());
        System.arraycopy(tlvs.toByteArray(), 0, image, parsed.tlvAreaOffset() + 4, tlvs.size());

        VerificationResult result = verify(image, ECDSA);

        assertTrue(result.ok(), result.toString());
        assertSame(Verdict.VALID, result.verdict());
    }
}
