package dev.tern.host.cert;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.DevPki;
import dev.tern.boards.tls.PublicKeyPin;
import dev.tern.host.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern cert broker --host NAME}: a broker's server certificate, signed by the CA. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        header = "Make a broker's certificate for a host name (and 127.0.0.1), signed by the CA.")
public final class CertBrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CertOutput output;

    @Mixin
    IssuerFiles issuer;

    @Option(names = "--host", required = true, paramLabel = "NAME",
            description = "The name boards connect to (broker.host): subjectAltName DNS, or IP when it is an address.")
    String host;

    @Override
    public Integer call() {
        CertifiedKey ca = issuer.read();
        output.check();
        CertifiedKey broker = DevPki.issueBroker(ca, host, output.type, output.validity());
        output.write(broker);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote broker certificate CN=" + host + " (" + CertOutput.name(output.type) + ", " + output.days
                + " days, signed by " + ca.certificate().getSubjectX500Principal().getName() + ") to " + output.certificateFile);
        out.println("wrote its private key to " + output.keyFile + " (readable by its owner only)");
        out.println("broker key pin sha256:" + PublicKeyPin.hex(PublicKeyPin.of(broker.certificate()))
                + " (for tern flash --broker-pin)");
        return ExitCodes.OK;
    }
}
