package dev.tern.boards.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.tern.boards.image.VerificationResult.Verdict;
import dev.tern.testsupport.fuzz.FuzzInput;
import dev.tern.testsupport.fuzz.GeneratedInputs;

/**
 * Fuzz targets: {@link ImageParser} and {@link ImageVerifier}, the code between a flashed image
 * and secure boot. The trusted keys are two throwaway public keys (ECDSA P-256, Ed25519) in
 * {@code fuzz-images/}, beside one image signed by each; their private halves were never kept
 * (see {@link #writeSeedImages}).
 * <ul>
 * <li>{@link #parseAndVerify}: any bytes give a parsed image or an {@link ImageFormatException}
 * naming a field and an offset, and a verification result with a verdict and a reason (MALFORMED
 * exactly when the parser refused); nothing else is thrown. A VALID result has a trusted key.</li>
 * <li>{@link #mutatedSignedImage}: the input edits a valid signed image (XOR at chosen offsets,
 * truncation, bytes appended). An edit anywhere in the signed region (header, payload, protected
 * TLVs) is never VALID; a single changed byte anywhere before the end of the TLV area is never
 * VALID; an image with only bytes appended after its TLV area (slot padding) stays VALID; a
 * higher minimum version or security counter refuses it as DOWNGRADE or SECURITY_COUNTER_TOO_LOW.</li>
 * </ul>
 */
class ImageFuzzTest {

    private static final String FOLDER = "fuzz-images/";

    /** Loaded on first use, so that {@link #writeSeedImages} runs before they exist. */
    private static final class Seeds {
        static final List<byte[]> SIGNED = List.of(resource("signed-ecdsa-p256.bin"), resource("signed-ed25519.bin"));
        static final ImageVerifier VERIFIER = new ImageVerifier(List.of(key("ecdsa-p256.pub"), key("ed25519.pub")));
    }

    @FuzzTest(maxDuration = "30s")
    void parseAndVerify(byte[] data) {
        checkArbitrary(data);
    }

    @FuzzTest(maxDuration = "30s")
    void mutatedSignedImage(byte[] data) {
        checkMutation(data);
    }

    @Test
    void generatedInputsKeepEveryPropertyOfArbitraryBytes() {
        GeneratedInputs.run("ImageFuzzTest-parseAndVerify", 20261129L, 10_000, 400,
                GeneratedInputs.corpus(ImageFuzzTest.class, "parseAndVerify"), ImageFuzzTest::checkArbitrary);
    }

    @Tag("slow")
    @Test
    void generatedInputsKeepEveryPropertyOfMutatedImages() {
        GeneratedInputs.run("ImageFuzzTest-mutatedSignedImage", 20261130L, 1_500, 64,
                GeneratedInputs.corpus(ImageFuzzTest.class, "mutatedSignedImage"), ImageFuzzTest::checkMutation);
    }

    @Test
    void theSeedImagesVerify() {
        for (byte[] image : Seeds.SIGNED) {
            VerificationResult result = Seeds.VERIFIER.verify(image);
            assertTrue(result.ok(), result.toString());
        }
    }

    static VerificationResult checkArbitrary(byte[] data) {
        McubootImage parsed = null;
        String refusal = null;
        try {
            parsed = ImageParser.parse(data);
        } catch (ImageFormatException e) {
            refusal = e.getMessage();
            assertNotNull(e.field(), "a refusal names the field");
            assertTrue(e.offset() >= 0 && e.offset() <= Math.max(data.length, 0xffff), "offset " + e.offset());
            assertTrue(refusal != null && !refusal.isEmpty(), "a refusal says why");
        }
        if (parsed != null) {
            assertTrue(parsed.end() <= data.length && parsed.header().hashedLength() <= parsed.tlvAreaOffset(),
                    "parsed areas inside the image");
        }
        VerificationResult result = Seeds.VERIFIER.verify(data);
        assertNotNull(result.verdict());
        assertTrue(result.reason() != null && !result.reason().isEmpty(), "a verdict says why");
        assertEquals(refusal != null, result.verdict() == Verdict.MALFORMED && result.image() == null,
                "MALFORMED without an image exactly when the parser refuses: " + result);
        if (result.ok()) {
            assertNotNull(result.key(), "VALID names the trusted key");
        }
        return result;
    }

    static void checkMutation(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        byte[] original = Seeds.SIGNED.get(in.choose(Seeds.SIGNED.size()));
        McubootImage parsed = parse(original);
        int signedEnd = (int) parsed.header().hashedLength();
        int end = parsed.end();

        byte[] image = original.clone();
        int edits = in.choose(4);
        for (int i = 0; i < edits; i++) {
            int at = in.u16() % image.length;
            image[at] ^= (byte) in.u8();
        }
        switch (in.choose(4)) {
            case 1 -> image = Arrays.copyOf(image, in.u16() % (image.length + 1));
            case 2 -> {
                byte[] padding = in.bytes(48);
                byte[] padded = Arrays.copyOf(image, image.length + padding.length);
                System.arraycopy(padding, 0, padded, image.length, padding.length);
                image = padded;
            }
            default -> { }
        }
        VerificationResult result = checkArbitrary(image);

        int changedSigned = 0;
        int changedBeforeEnd = 0;
        for (int i = 0; i < Math.min(end, image.length); i++) {
            if (image[i] != original[i]) {
                changedBeforeEnd++;
                changedSigned += i < signedEnd ? 1 : 0;
            }
        }
        boolean truncated = image.length < end;
        if (changedSigned > 0) {
            assertFalse(result.ok(), changedSigned + " signed bytes changed, still " + result);
        }
        if (changedBeforeEnd == 1) {
            assertFalse(result.ok(), "one byte changed before the end of the TLV area, still " + result);
        }
        if (truncated) {
            assertFalse(result.ok(), "cut to " + image.length + " of " + end + " bytes, still " + result);
        }
        if (changedBeforeEnd == 0 && !truncated) {
            assertTrue(result.ok(), "only bytes after the TLV area differ: " + result);
            ImageVersion above = new ImageVersion(parsed.version().major() + 1, 0, 0, 0);
            assertEquals(Verdict.DOWNGRADE, Seeds.VERIFIER.minimumVersion(above).verify(image).verdict());
            long counter = parsed.securityCounter().orElse(0);
            assertEquals(Verdict.SECURITY_COUNTER_TOO_LOW,
                    Seeds.VERIFIER.minimumSecurityCounter(counter + 1).verify(image).verdict());
        }
    }

    private static McubootImage parse(byte[] image) {
        try {
            return ImageParser.parse(image);
        } catch (ImageFormatException e) {
            throw new AssertionError("seed image does not parse: " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ImageFuzzTest.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + FOLDER + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImageKey key(String name) {
        try {
            return ImageKey.fromPem(new String(resource(name), StandardCharsets.US_ASCII));
        } catch (KeyFormatException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Made the committed seed images once: {@code mvn -pl boards -am test -Dtest=ImageFuzzTest#writeSeedImages
     * -Dtern.fuzz.writeSeedImages=true}. Each key is generated here, signs one image, and only its
     * public half is written: no private key exists anywhere after the run.
     */
    @Test
    @EnabledIfSystemProperty(named = "tern.fuzz.writeSeedImages", matches = "true")
    void writeSeedImages() throws Exception {
        Path folder = Path.of("src/test/resources/dev/tern/boards/image/" + FOLDER);
        Path seeds = Path.of("src/test/resources/dev/tern/boards/image/ImageFuzzTestInputs/parseAndVerify");
        Files.createDirectories(folder);
        Files.createDirectories(seeds);
        byte[] payload = "PK\u0003\u0004 a firmware jar stands here".getBytes(StandardCharsets.US_ASCII);
        for (KeyType type : List.of(KeyType.ECDSA_P256, KeyType.ED25519)) {
            String name = type == KeyType.ECDSA_P256 ? "ecdsa-p256" : "ed25519";
            ImageKey key = ImageKey.generate(type);
            SignOptions options = SignOptions.defaults(ImageVersion.parse("1.4.2+7")).withHeaderSize(0x20)
                    .withSecurityCounter(3L);
            byte[] image = new ImageSigner(options).sign(payload, key);
            Files.write(folder.resolve("signed-" + name + ".bin"), image);
            Files.write(seeds.resolve("signed-" + name + ".bin"), image);
            Files.writeString(folder.resolve(name + ".pub"), key.publicKeyPem(), StandardCharsets.US_ASCII);
        }
        Files.write(seeds.resolve("unsigned.bin"),
                new ImageSigner(SignOptions.defaults(ImageVersion.parse("1.0.0")).withHeaderSize(0x20)).unsigned(payload));
    }
}
