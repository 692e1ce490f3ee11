package dev.tern.host.cert;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.DevPki;
import dev.tern.host.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern cert ca}: a self-signed development CA. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        header = "Make a development CA: a self-signed certificate that signs broker and device certificates.")
public final class CertCaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CertOutput output;

    @Option(names = "--name", paramLabel = "CN", defaultValue = "Tern development CA",
            description = "The CA's common name (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        output.check();
        CertifiedKey ca = DevPki.createCa(name, output.type, output.validity());
        output.write(ca);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote CA certificate CN=" + name + " (" + CertOutput.name(output.type) + ", " + output.days + " days) to "
                + output.certificateFile);
        out.println("wrote its private key to " + output.keyFile + " (readable by its owner only)");
        return ExitCodes.OK;
    }
}
