package dev.tern.host.image;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tern image}: lists its subcommands, one class each. */
@Command(name = "image",
        mixinStandardHelpOptions = true,
        header = "Sign, verify and inspect firmware images in MCUboot's format.",
        description = {
            "Images are laid out as MCUboot's imgtool lays them out (header, protected TLVs, SHA-256, "
                + "key hash, Ed25519 or ECDSA P-256 signature), so either tool can check the other's images.",
        },
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ImageSignCommand.class, ImageVerifyCommand.class, ImageInfoCommand.class})
public final class ImageCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
