package dev.tern.host.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The serial ports present, read from sysfs as pyserial's {@code list_ports} reads it (Linux):
 * every {@code /sys/class/tty/NAME} with a {@code device} link is a port with hardware behind it
 * (virtual consoles, ptys and {@code /dev/tty} have none). A serial-core port whose {@code type}
 * reads 0 (PORT_UNKNOWN: the kernel probed and found no UART, as for the legacy ttyS1..ttyS31 a
 * PC kernel makes) is skipped, as is a port whose {@code /dev} node is missing. For a USB port the
 * USB device is the nearest folder above the port's device with {@code idVendor} and
 * {@code idProduct}; the interface below it tells which channel of a dual bridge it is.
 */
public final class PortScanner {

    private static final int USB_SEARCH_DEPTH = 4;
    private static final Pattern NAME_NUMBER = Pattern.compile("(.*?)(\\d+)$");

    private final Path sysfs;
    private final Path dev;

    /** {@code sysfs} stands for {@code /sys}, {@code dev} for {@code /dev}: tests give temporary trees. */
    public PortScanner(Path sysfs, Path dev) {
        this.sysfs = sysfs;
        this.dev = dev;
    }

    /** This machine's ports. */
    public static PortScanner system() {
        return new PortScanner(Path.of("/sys"), Path.of("/dev"));
    }

    /** The ports present, in natural name order (ttyACM0, ttyS0, ttyUSB2, ttyUSB10); empty where there is no sysfs. */
    public List<PortInfo> scan() throws IOException {
        Path ttyClass = sysfs.resolve("class/tty");
        List<PortInfo> ports = new ArrayList<>();
        if (!Files.isDirectory(ttyClass)) {
            return ports;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(ttyClass)) {
            stream.forEach(entries::add);
        }
        entries.sort(Comparator.comparing((Path p) -> prefix(p.getFileName().toString()))
                .thenComparingLong(p -> number(p.getFileName().toString())));
        for (Path entry : entries) {
            PortInfo port = describe(entry);
            if (port != null) {
                ports.add(port);
            }
        }
        return ports;
    }

    private PortInfo describe(Path entry) throws IOException {
        String name = entry.getFileName().toString();
        Path deviceLink = entry.resolve("device");
        if (!Files.exists(deviceLink)) {
            return null;
        }
        String uartType = read(entry.resolve("type"));
        if ("0".equals(uartType)) {
            return null;
        }
        Path node = dev.resolve(name);
        if (!Files.exists(node)) {
            return null;
        }
        Path device = deviceLink.toRealPath();
        Path interfaceDir = null;
        Path usbDevice = null;
        Path candidate = device;
        for (int depth = 0; depth <= USB_SEARCH_DEPTH && candidate != null; depth++) {
            if (Files.isRegularFile(candidate.resolve("idVendor")) && Files.isRegularFile(candidate.resolve("idProduct"))) {
                usbDevice = candidate;
                break;
            }
            interfaceDir = candidate;
            candidate = candidate.getParent();
        }
        if (usbDevice == null) {
            String description = uartType == null ? "serial port" : "UART (" + uartName(uartType) + ")";
            return new PortInfo(node.toString(), null, null, null, null, null, -1, description, null);
        }
        String vid = read(usbDevice.resolve("idVendor"));
        String pid = read(usbDevice.resolve("idProduct"));
        int usbInterface = -1;
        if (interfaceDir != null) {
            String number = read(interfaceDir.resolve("bInterfaceNumber"));
            if (number != null) {
                usbInterface = Integer.parseInt(number, 16);
            }
        }
        return new PortInfo(node.toString(), vid, pid, read(usbDevice.resolve("manufacturer")), read(usbDevice.resolve("product")),
                read(usbDevice.resolve("serial")), usbInterface, null, UsbAdapters.lookup(vid, pid, usbInterface));
    }

    /** serial_core's PORT_* numbers for the common UARTs. */
    private static String uartName(String type) {
        return switch (type) {
            case "1" -> "8250";
            case "2" -> "16450";
            case "3" -> "16550";
            case "4" -> "16550A";
            case "6" -> "16650";
            case "7" -> "16650V2";
            case "8" -> "16750";
            case "32" -> "AMBA PL011";
            default -> "type " + type;
        };
    }

    /** A sysfs attribute, trimmed; null when absent or unreadable. */
    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String prefix(String name) {
        Matcher m = NAME_NUMBER.matcher(name);
        return m.matches() ? m.group(1) : name;
    }

    private static long number(String name) {
        Matcher m = NAME_NUMBER.matcher(name);
        return m.matches() && m.group(2).length() < 18 ? Long.parseLong(m.group(2)) : -1;
    }
}
