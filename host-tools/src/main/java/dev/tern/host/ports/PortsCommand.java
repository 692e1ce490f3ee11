package dev.tern.host.ports;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.Json;
import dev.tern.host.cli.TernException;
import dev.tern.host.serial.PortInfo;
import dev.tern.host.serial.PortScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern ports}: the serial ports present, with what tells them apart. */
@Command(name = "ports",
        mixinStandardHelpOptions = true,
        header = "List the serial ports present, and the board or adapter each likely is.",
        description = {
            "One line per port: the device to give --port, and for a USB port its VID:PID, "
                + "manufacturer, product and serial number, with the board or USB-serial adapter "
                + "that VID:PID belongs to. Read from sysfs (Linux). A port on another machine is "
                + "reached as rfc2217://host:port (ser2net) or socket://host:port."
        })
public final class PortsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON, for scripts.")
    boolean json;

    @Option(names = "--sysfs-root", hidden = true, paramLabel = "DIR", description = "Read sysfs from DIR instead of /sys (tests).")
    Path sysfsRoot = Path.of("/sys");

    @Option(names = "--dev-root", hidden = true, paramLabel = "DIR", description = "Look for device nodes in DIR instead of /dev (tests).")
    Path devRoot = Path.of("/dev");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PortInfo> ports;
        try {
            ports = new PortScanner(sysfsRoot, devRoot).scan();
        } catch (IOException e) {
            throw new TernException(ExitCodes.FAILURE, "cannot list the ports under " + sysfsRoot + "/class/tty: " + e.getMessage(), e);
        }
        if (json) {
            out.println(ports.stream().map(p -> Json.object(fields(p))).toList().toString());
            return ExitCodes.OK;
        }
        if (ports.isEmpty()) {
            out.println("no serial ports found");
            out.println("Plug the board in (its USB cable, not only power), or for the virtual board run 'tern sim'.");
            return ExitCodes.OK;
        }
        table(out, ports);
        return ExitCodes.OK;
    }

    private static Map<String, Object> fields(PortInfo port) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("port", port.device());
        putIfPresent(fields, "vid", port.vid());
        putIfPresent(fields, "pid", port.pid());
        putIfPresent(fields, "manufacturer", port.manufacturer());
        putIfPresent(fields, "product", port.product());
        putIfPresent(fields, "serialNumber", port.serialNumber());
        if (port.usbInterface() >= 0) {
            fields.put("usbInterface", port.usbInterface());
        }
        putIfPresent(fields, "description", port.description());
        if (port.likely() != null) {
            fields.put("likely", port.likely().board() ? "board" : "adapter");
            fields.put("likelyText", port.likely().text());
        }
        return fields;
    }

    private static void putIfPresent(Map<String, Object> fields, String key, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
    }

    private static void table(PrintWriter out, List<PortInfo> ports) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PORT", "USB ID", "DESCRIPTION", "SERIAL", "LIKELY"});
        for (PortInfo port : ports) {
            rows.add(new String[] {
                port.device(),
                port.usbId() == null ? "-" : port.usbId(),
                description(port),
                port.serialNumber() == null ? "-" : port.serialNumber(),
                port.likely() == null ? "-" : port.likely().toString()
            });
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.append(row[4]).toString().stripTrailing());
        }
        out.println();
        out.println("Give one to --port; a port on another machine is rfc2217://host:port (ser2net) or socket://host:port.");
    }

    private static String description(PortInfo port) {
        if (port.description() != null) {
            return port.description();
        }
        String text = ((port.manufacturer() == null ? "" : port.manufacturer()) + " "
                + (port.product() == null ? "" : port.product())).strip();
        return text.isEmpty() ? "USB serial" : text;
    }
}
