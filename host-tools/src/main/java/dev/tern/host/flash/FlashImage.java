package dev.tern.host.flash;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.Region;
import dev.tern.boards.image.ImageFormat;
import dev.tern.boards.image.ImageFormatException;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageParser;
import dev.tern.boards.image.ImageVerifier;
import dev.tern.boards.image.KeyFormatException;
import dev.tern.boards.image.McubootImage;
import dev.tern.boards.image.Tlv;
import dev.tern.boards.image.VerificationResult;
import dev.tern.boards.virtual.FirmwarePayload;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.IoErrors;
import dev.tern.host.cli.TernException;
import dev.tern.host.flash.protocol.FlashAddress;

/**
 * The image {@code tern flash} writes, checked before the port is touched: a well-formed MCUboot
 * image whose SHA-256 matches (and whose signature one of {@code --key} accepts, when given),
 * that fits the board's application slot.
 */
record FlashImage(Path file, byte[] bytes, McubootImage image) {

    /** Reads and checks {@code file}: exit 2 when unreadable, 1 when too large, exit 4 when corrupt or badly signed. */
    static FlashImage load(Path file, BoardDefinition board, List<Path> keyFiles, boolean anyPayload) {
        byte[] bytes = readFile(file, "image");
        McubootImage image;
        try {
            image = ImageParser.parse(bytes);
        } catch (ImageFormatException e) {
            throw new TernException(ExitCodes.VERIFICATION_FAILED, "image " + file + " is not a valid MCUboot image: "
                    + e.getMessage() + "; nothing was flashed");
        }
        checkHash(file, image);
        if (!anyPayload) {
            checkPayload(file, bytes, image);
        }
        if (!keyFiles.isEmpty()) {
            List<ImageKey> keys = new ArrayList<>();
            for (Path keyFile : keyFiles) {
                keys.add(readKey(keyFile));
            }
            VerificationResult result = new ImageVerifier(keys).verify(bytes);
            if (!result.ok()) {
                throw new TernException(ExitCodes.VERIFICATION_FAILED, "image " + file + ": " + result
                        + "; the board's secure boot would refuse it, nothing was flashed");
            }
        }
        Region slot = board.appSlot();
        if (bytes.length > slot.size()) {
            throw new TernException(ExitCodes.FAILURE, "image " + file + " is " + bytes.length + " bytes; the "
                    + board.id() + " app slot at " + FlashAddress.hex(slot.address()) + " holds " + slot.size()
                    + " bytes (" + (bytes.length - slot.size()) + " too many)");
        }
        return new FlashImage(file, bytes, image);
    }

    private static void checkHash(Path file, McubootImage image) {
        List<Tlv> hashes = image.tlvs(ImageFormat.TLV_SHA256);
        if (hashes.isEmpty()) {
            throw new TernException(ExitCodes.VERIFICATION_FAILED, "image " + file
                    + " has no SHA256 TLV: not signed by 'tern image sign' or imgtool; nothing was flashed");
        }
        if (!MessageDigest.isEqual(hashes.get(0).value(), image.computeSha256())) {
            throw new TernException(ExitCodes.VERIFICATION_FAILED, "image " + file
                    + " is corrupt: its SHA-256 does not match the SHA256 TLV (changed after signing?); nothing was flashed");
        }
    }

    /** The board's boot stage starts a firmware jar only; anything else would leave it in its bootloader. */
    private static void checkPayload(Path file, byte[] bytes, McubootImage image) {
        int offset = image.header().headerSize();
        String problem = FirmwarePayload.problem(bytes, offset, (int) Math.min(image.header().payloadSize(), bytes.length - offset));
        if (problem != null) {
            throw new TernException(ExitCodes.VERIFICATION_FAILED, "image " + file + ": its payload " + problem
                    + "; the board could not start it, so nothing was flashed. Sign the firmware jar "
                    + "(firmware/target/tern-firmware.jar), or give --any-payload to flash it anyway");
        }
    }

    static byte[] readFile(Path file, String what) {
        return IoErrors.read(what, file);
    }

    private static ImageKey readKey(Path file) {
        try {
            return ImageKey.fromPem(new String(readFile(file, "key file"), StandardCharsets.US_ASCII));
        } catch (KeyFormatException e) {
            throw new TernException(ExitCodes.FAILURE, "key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code 0.1.0+0, 101234 bytes}. */
    String describe() {
        return image.version() + ", " + bytes.length + " bytes";
    }
}
