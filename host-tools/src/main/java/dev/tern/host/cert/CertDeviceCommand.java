package dev.tern.host.cert;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.DevPki;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern cert device --board-id ID}: a board's client certificate, named by its id, signed by the CA. */
@Command(name = "device", mixinStandardHelpOptions = true,
        header = "Make a board's certificate (CN = its board id, for mutual TLS), signed by the CA.")
public final class CertDeviceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CertOutput output;

    @Mixin
    IssuerFiles issuer;

    @Option(names = "--board-id", required = true, paramLabel = "ID",
            description = "The board's id, as its console's boot line names it (device ...): the certificate's CN.")
    String boardId;

    @Override
    public Integer call() {
        if (boardId.isBlank() || boardId.chars().anyMatch(c -> c < 0x21 || c > 0x7E || c == ',' || c == '+' || c == '=')) {
            throw new TernException(ExitCodes.USAGE, "--board-id '" + boardId + "': printable ASCII without spaces, ',', '+'"
                    + " or '=' (it becomes the certificate's CN)");
        }
        CertifiedKey ca = issuer.read();
        output.check();
        CertifiedKey device = DevPki.issueDevice(ca, boardId, output.type, output.validity());
        output.write(device);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote device certificate CN=" + boardId + " (" + CertOutput.name(output.type) + ", " + output.days
                + " days, signed by " + ca.certificate().getSubjectX500Principal().getName() + ") to " + output.certificateFile);
        out.println("wrote its private key to " + output.keyFile + " (readable by its owner only)");
        return ExitCodes.OK;
    }
}
