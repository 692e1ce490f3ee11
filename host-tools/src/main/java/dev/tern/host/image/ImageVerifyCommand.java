package dev.tern.host.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageVerifier;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.VerificationResult;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.Json;
import dev.tern.host.cli.NumberConverter;
import dev.tern.host.cli.TernException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tern image verify}: the check a board's secure boot makes, run on the host. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        header = "Check an image as a board's secure boot would: hash, signature, version.",
        description = {
            "Exits 0 when the image is well formed, its SHA-256 matches, it is signed by one of the "
                + "given keys and its version and security counter meet the minimums; otherwise exits 4 "
                + "and says what failed.",
        })
final class ImageVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEY",
            description = "Trusted key (PEM, public or private); repeat for several.")
    List<Path> keyFiles;

    @Parameters(paramLabel = "IMAGE", description = "The signed image.")
    Path imageFile;

    @Option(names = "--min-version", paramLabel = "VERSION", converter = VersionConverter.class,
            description = "Refuse an image older than this (major.minor.revision; the build is not compared).")
    ImageVersion minimumVersion;

    @Option(names = "--min-security-counter", paramLabel = "N", converter = NumberConverter.class,
            description = "Refuse an image whose security counter is missing or lower.")
    Long minimumSecurityCounter;

    @Option(names = "--json", description = "Print one JSON object (ok, verdict, reason, version), for scripts; the exit code is the same.")
    boolean json;

    @Override
    public Integer call() {
        List<ImageKey> keys = new ArrayList<>();
        for (Path keyFile : keyFiles) {
            keys.add(ImageFiles.readKey(keyFile).publicOnly());
        }
        byte[] image = ImageFiles.read(imageFile, "image");
        VerificationResult result = new ImageVerifier(keys).minimumVersion(minimumVersion)
                .minimumSecurityCounter(minimumSecurityCounter).verify(image);
        if (json) {
            spec.commandLine().getOut().println(Json.object(asMap(result)));
            if (!result.ok()) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + imageFile + ": " + result);
            }
            return result.ok() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
        if (!result.ok()) {
            throw new TernException(ExitCodes.VERIFICATION_FAILED, imageFile + ": " + result);
        }
        spec.commandLine().getOut().println(imageFile + ": " + result);
        return ExitCodes.OK;
    }

    /** {@code {"file":..., "ok":false, "verdict":"BAD_SIGNATURE", "reason":..., "version":...}}. */
    private Map<String, Object> asMap(VerificationResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", imageFile.toString());
        map.put("ok", result.ok());
        map.put("verdict", result.verdict().name());
        map.put("reason", result.reason());
        if (result.image() != null) {
            map.put("version", result.image().version().toString());
        }
        return map;
    }
}
