package dev.tern.host.image;

import static dev.tern.boards.image.ImageFormat.hex;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.tern.boards.image.ImageFormat;
import dev.tern.boards.image.ImageFormatException;
import dev.tern.boards.image.ImageHeader;
import dev.tern.boards.image.ImageParser;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.image.McubootImage;
import dev.tern.boards.image.Tlv;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.Json;
import dev.tern.host.cli.TernException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tern image info}: what is in an image, field by field, without trusting it. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        header = "Show an image's header, TLVs, hash, key hash and signature type.",
        description = {
            "Reads any MCUboot image (Tern's or imgtool's) and says whether its SHA-256 matches. "
                + "It checks no signature: that is 'tern image verify --key KEY'.",
            "",
            "An image whose SHA-256 does not match its SHA256 TLV (or that has none) is shown in full, then "
                + "reported INVALID with exit 4, as 'tern image verify' and imgtool verify do: 'tern flash' and "
                + "secure boot refuse it.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 the image is well formed and its hash matches; 1 not an MCUboot image;",
            "  2 usage (a missing or unreadable file); 4 INVALID: the hash does not match or is missing.",
        })
final class ImageInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "The image file.")
    Path imageFile;

    @Option(names = "--json", description = "Print one JSON object, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        byte[] bytes = ImageFiles.read(imageFile, "image");
        McubootImage image;
        try {
            image = ImageParser.parse(bytes);
        } catch (ImageFormatException e) {
            throw new TernException(ExitCodes.FAILURE, imageFile + ": corrupt image: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(image, bytes.length));
        } else {
            text(out, image, bytes.length);
        }
        out.flush();
        String invalid = invalidity(image);
        if (invalid == null) {
            return ExitCodes.OK;
        }
        // the JSON object above says so too (hashMatches false): no second object on standard output
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + imageFile + ": INVALID: " + invalid);
        return ExitCodes.VERIFICATION_FAILED;
    }

    /** Why 'tern flash' and secure boot would refuse the image whatever its signature, or null. */
    private static String invalidity(McubootImage image) {
        Tlv hash = first(image.tlvs(ImageFormat.TLV_SHA256));
        if (hash == null) {
            return "no SHA256 TLV (not signed by 'tern image sign' or imgtool); 'tern flash' and secure boot refuse it";
        }
        if (!hashMatches(image, hash)) {
            return "its SHA-256 does not match the SHA256 TLV (changed after signing?); 'tern flash' and secure boot "
                    + "refuse it; sign it again";
        }
        return null;
    }

    private void text(PrintWriter out, McubootImage image, int fileSize) {
        ImageHeader header = image.header();
        Tlv hash = first(image.tlvs(ImageFormat.TLV_SHA256));
        Tlv keyHash = first(image.tlvs(ImageFormat.TLV_KEYHASH));
        KeyType signature = image.signatureType();
        out.printf(Locale.ROOT, "image:            %s (%d bytes)%n", imageFile, fileSize);
        out.printf(Locale.ROOT, "version:          %s%n", image.version());
        out.printf(Locale.ROOT, "load address:     0x%08x%n", header.loadAddress());
        out.printf(Locale.ROOT, "header size:      0x%x (%d)%n", header.headerSize(), header.headerSize());
        out.printf(Locale.ROOT, "payload:          %d bytes at 0x%x%n", header.payloadSize(), header.headerSize());
        out.printf(Locale.ROOT, "protected TLVs:   %d bytes%n", header.protectedTlvSize());
        out.printf(Locale.ROOT, "flags:            %s%n", header.flagNames());
        out.printf(Locale.ROOT, "security counter: %s%n",
                image.securityCounter().isPresent() ? Long.toString(image.securityCounter().getAsLong()) : "none");
        out.printf(Locale.ROOT, "TLV area:         %d bytes at 0x%x%n", image.end() - image.tlvAreaOffset(), image.tlvAreaOffset());
        out.println("TLVs:");
        for (Tlv tlv : image.allTlvs()) {
            out.printf(Locale.ROOT, "  %-10s %4d bytes at 0x%04x%s  %s%n", tlv.name(), tlv.length(), tlv.offset(),
                    tlv.isProtected() ? " (protected)" : "", abbreviated(tlv.value()));
        }
        out.printf(Locale.ROOT, "hash:             %s%n", hash == null ? "none" : hex(hash.value()) + " (" + hashStatus(image, hash) + ")");
        out.printf(Locale.ROOT, "key hash:         %s%n", keyHash == null ? "none" : hex(keyHash.value()));
        out.printf(Locale.ROOT, "signature:        %s%n", signature == null ? "none (unsigned)" : signature.cliName());
        if (image.trailingBytes() > 0) {
            out.printf(Locale.ROOT, "after the TLVs:   %d bytes (slot padding and trailer)%n", image.trailingBytes());
        }
    }

    private String json(McubootImage image, int fileSize) {
        ImageHeader header = image.header();
        Tlv hash = first(image.tlvs(ImageFormat.TLV_SHA256));
        Tlv keyHash = first(image.tlvs(ImageFormat.TLV_KEYHASH));
        KeyType signature = image.signatureType();
        StringBuilder json = new StringBuilder("{");
        field(json, "file", quote(imageFile.toString())).append(',');
        field(json, "fileSize", Integer.toString(fileSize)).append(',');
        field(json, "version", quote(image.version().toString())).append(',');
        field(json, "loadAddress", Long.toString(header.loadAddress())).append(',');
        field(json, "headerSize", Integer.toString(header.headerSize())).append(',');
        field(json, "payloadSize", Long.toString(header.payloadSize())).append(',');
        field(json, "protectedTlvSize", Integer.toString(header.protectedTlvSize())).append(',');
        field(json, "flags", Long.toString(header.flags())).append(',');
        field(json, "securityCounter", image.securityCounter().isPresent()
                ? Long.toString(image.securityCounter().getAsLong()) : "null").append(',');
        field(json, "tlvAreaOffset", Integer.toString(image.tlvAreaOffset())).append(',');
        json.append("\"tlvs\":[");
        List<Tlv> tlvs = image.allTlvs();
        for (int i = 0; i < tlvs.size(); i++) {
            Tlv tlv = tlvs.get(i);
            json.append(i == 0 ? "{" : ",{");
            field(json, "type", Integer.toString(tlv.type())).append(',');
            field(json, "name", quote(tlv.name())).append(',');
            field(json, "offset", Integer.toString(tlv.offset())).append(',');
            field(json, "length", Integer.toString(tlv.length())).append(',');
            field(json, "protected", Boolean.toString(tlv.isProtected())).append(',');
            field(json, "value", quote(hex(tlv.value()))).append('}');
        }
        json.append("],");
        field(json, "hash", hash == null ? "null" : quote(hex(hash.value()))).append(',');
        field(json, "hashMatches", hash == null ? "false" : Boolean.toString(hashMatches(image, hash))).append(',');
        field(json, "keyHash", keyHash == null ? "null" : quote(hex(keyHash.value()))).append(',');
        field(json, "signature", signature == null ? "null" : quote(signature.cliName())).append(',');
        field(json, "trailingBytes", Integer.toString(image.trailingBytes()));
        return json.append('}').toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return json.append('"').append(name).append("\":").append(value);
    }

    private static String quote(String text) {
        return Json.quote(text);
    }

    private static String hashStatus(McubootImage image, Tlv hash) {
        return hashMatches(image, hash) ? "matches the image"
                : "MISMATCH: the image hashes to " + hex(image.computeSha256());
    }

    private static boolean hashMatches(McubootImage image, Tlv hash) {
        return MessageDigest.isEqual(image.computeSha256(), hash.value());
    }

    private static String abbreviated(byte[] value) {
        String hex = hex(value);
        return hex.length() <= 64 ? hex : hex.substring(0, 64) + "...";
    }

    private static Tlv first(List<Tlv> tlvs) {
        return tlvs.isEmpty() ? null : tlvs.get(0);
    }
}
