package dev.tern.host.cert;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tern cert}: lists its subcommands, one class each. */
@Command(name = "cert",
        mixinStandardHelpOptions = true,
        header = "Make a development CA, broker certificates and device certificates for TLS.",
        description = {
            "For development and tests: a CA that signs a broker's certificate (for its host name) and each board's "
                + "certificate (named by its board id), as PEM files a broker and 'tern flash --ca --device-cert "
                + "--device-key' take. Private keys are written readable by their owner only (0600).",
        },
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {CertCaCommand.class, CertBrokerCommand.class, CertDeviceCommand.class})
public final class CertCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
