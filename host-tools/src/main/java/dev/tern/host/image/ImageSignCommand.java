package dev.tern.host.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageSigner;
import dev.tern.boards.image.ImageTooLargeException;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.SignOptions;
import dev.tern.boards.virtual.FirmwarePayload;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.NumberConverter;
import dev.tern.host.cli.TernException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code tern image sign}: payload in, signed MCUboot image out, as {@code imgtool sign --pad-header}. */
@Command(name = "sign",
        header = "Make a signed image from a payload (the firmware jar).",
        description = {
            "Adds the header in front of PAYLOAD and the TLVs after it: SHA-256, the key hash and the "
                + "signature, with the security counter in the protected TLVs when asked. With --slot-size "
                + "the image must fit the slot with MCUboot's trailer; --pad fills the slot to its end.",
        })
final class ImageSignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // not mixinStandardHelpOptions: --version is the image's version here, and picocli drops the whole
    // mixin (so --help too) when one of its names is taken
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEY", description = "Private key (PEM) to sign with.")
    Path keyFile;

    @Option(names = "--version", required = true, paramLabel = "VERSION", converter = VersionConverter.class,
            description = "Image version major.minor.revision[+build], e.g. 1.4.0 or 1.4.0+7.")
    ImageVersion version;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Image file to write.")
    Path output;

    @Parameters(paramLabel = "PAYLOAD", description = "The payload, e.g. firmware/target/tern-firmware.jar.")
    Path payload;

    @Option(names = {"-H", "--header-size"}, paramLabel = "SIZE", defaultValue = "0x200", converter = NumberConverter.class,
            description = "Header size: where the payload starts (default ${DEFAULT-VALUE}).")
    long headerSize;

    @Option(names = "--header-fill", paramLabel = "BYTE", defaultValue = "0x00", converter = NumberConverter.class,
            description = "Byte between the 32-byte header and the payload (default ${DEFAULT-VALUE}; "
                    + "imgtool --pad-header writes 0xff).")
    long headerFill;

    @Option(names = "--load-address", paramLabel = "ADDR", defaultValue = "0", converter = NumberConverter.class,
            description = "Load address; when not 0 the RAM_LOAD flag is set, as imgtool --load-addr does.")
    long loadAddress;

    @Option(names = "--security-counter", paramLabel = "N|auto",
            description = "Security counter (protected SEC_CNT TLV) for rollback protection; "
                    + "'auto' derives it from the version as imgtool does.")
    String securityCounter;

    @Option(names = "--slot-size", paramLabel = "SIZE", defaultValue = "0", converter = NumberConverter.class,
            description = "Slot size: refuse an image that does not fit with the trailer.")
    long slotSize;

    @Option(names = "--pad", description = "Pad the image to --slot-size with the erased value and the trailer magic.")
    boolean pad;

    @Option(names = "--confirm", description = "With --pad: mark the image confirmed (image_ok) so it does not revert.")
    boolean confirm;

    @Option(names = "--align", paramLabel = "N", defaultValue = "1", description = "Flash write alignment: 1, 2, 4, 8, 16 or 32.")
    int align;

    @Option(names = "--max-sectors", paramLabel = "N", defaultValue = "128", description = "Sectors in the slot's swap status.")
    int maxSectors;

    @Option(names = "--overwrite-only", description = "Trailer for MCUboot's overwrite-only upgrades.")
    boolean overwriteOnly;

    @Option(names = "--erased-value", paramLabel = "BYTE", defaultValue = "0xff", converter = NumberConverter.class,
            description = "What erased flash reads as (default ${DEFAULT-VALUE}).")
    long erasedValue;

    @Override
    public Integer call() {
        SignOptions options = options();
        ImageKey key = ImageFiles.readKey(keyFile);
        if (!key.hasPrivateKey()) {
            throw new TernException(ExitCodes.FAILURE, "key file " + keyFile + " holds a public " + key.type()
                    + " key; signing needs the private key (made by 'tern keygen')");
        }
        byte[] payloadBytes = ImageFiles.read(payload, "payload");
        byte[] image;
        try {
            image = new ImageSigner(options).sign(payloadBytes, key);
        } catch (ImageTooLargeException e) {
            throw new TernException(ExitCodes.FAILURE, payload + ": " + e.getMessage() + " (is --slot-size right for this board?)", e);
        }
        ImageFiles.write(output, image, "image");
        String problem = FirmwarePayload.problem(payloadBytes, 0, payloadBytes.length);
        if (problem != null) {
            // imgtool signs any payload, and so does this; but say that no Tern board can start this one
            spec.commandLine().getErr().println("tern image sign: warning: " + payload + " " + problem
                    + "; a Tern board cannot start it and 'tern flash' refuses it unless --any-payload");
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "signed %s -> %s: version %s, payload %d bytes, image %d bytes, %s%n",
                payload, output, version, payloadBytes.length, image.length, key);
        return ExitCodes.OK;
    }

    private SignOptions options() {
        if (pad && slotSize == 0) {
            throw new ParameterException(spec.commandLine(), "--pad needs --slot-size: the size to pad to");
        }
        if (confirm && !pad) {
            throw new ParameterException(spec.commandLine(), "--confirm needs --pad: image_ok lives in the slot trailer");
        }
        Long counter = null;
        if (securityCounter != null) {
            try {
                counter = "auto".equals(securityCounter) ? version.autoSecurityCounter()
                        : new NumberConverter().convert(securityCounter);
            } catch (TypeConversionException e) {
                throw new ParameterException(spec.commandLine(), "--security-counter: " + e.getMessage() + " or 'auto'");
            }
        }
        try {
            return SignOptions.defaults(version).withHeaderSize(Math.toIntExact(headerSize))
                    .withHeaderPadding((int) headerFill).withLoadAddress(loadAddress).withSecurityCounter(counter)
                    .withSlot(slotSize, pad, confirm)
                    .withTrailer(align, maxSectors, overwriteOnly, (int) erasedValue);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
