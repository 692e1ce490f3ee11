package dev.tern.host;

import dev.tern.host.boards.BoardsCommand;
import dev.tern.host.cert.CertCommand;
import dev.tern.host.cli.HelpCommand;
import dev.tern.host.cli.TernVersion;
import dev.tern.host.demo.DemoCommand;
import dev.tern.host.flash.FlashCommand;
import dev.tern.host.image.ImageCommand;
import dev.tern.host.image.KeygenCommand;
import dev.tern.host.monitor.MonitorCommand;
import dev.tern.host.ports.PortsCommand;
import dev.tern.host.sim.SimCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code tern} command: lists its subcommands; each subcommand is its own class. */
@Command(name = "tern",
        mixinStandardHelpOptions = true,
        versionProvider = TernVersion.class,
        header = "Flash Java MQTT boards over a serial line, watch their logs, see their readings arrive.",
        description = {
            "",
            "Tern puts reliable MQTT (QoS 0, 1 and 2, persistent sessions) on Java-capable "
                + "microcontroller boards. With no hardware, 'tern demo' runs the whole chain against "
                + "a virtual board and an embedded broker."
        },
        synopsisSubcommandLabel = "[COMMAND]",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 ok, 1 failure, 2 usage or input (a bad option or value, a file that cannot be",
            "  read or written), 3 device or port not reachable, 4 verification or signature",
            "  failure; 130 interrupted (Ctrl-C), except 'tern monitor', which ends with 0.",
            "",
            "Environment:",
            "  TERN_DEBUG           set: a failure also prints its stack trace",
            "  TERN_PLAIN_PROGRESS  set: 'tern flash' prints plain lines, no progress bar",
            "  TERN_JAVA_OPTS       options for the JVM the ./tern script starts (-Xmx256m)",
            "  NO_COLOR             set: no colors (monitor, demo) unless --color=always",
            "  COLUMNS              the progress bar's width (default: the terminal's)",
            "  TERM                 dumb: 'tern demo' prints lines instead of a live table",
            "  (docs/environment.md)",
            "",
            "Run 'tern COMMAND --help' for a command's options."
        },
        subcommands = {HelpCommand.class, FlashCommand.class, MonitorCommand.class, PortsCommand.class,
            BoardsCommand.class, KeygenCommand.class, CertCommand.class, ImageCommand.class, SimCommand.class, DemoCommand.class})
public final class TernCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // 'tern' alone: show what there is to do rather than doing nothing silently
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
