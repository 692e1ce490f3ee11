package dev.tern.host.serial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A sysfs tree and a /dev folder in a temporary folder, laid out as Linux lays them out for the
 * kinds of port {@code tern ports} meets: {@code class/tty/NAME/device} links into
 * {@code devices/...}, USB attributes on the USB device, the interface number on the interface.
 */
public final class FakeSysfs implements AutoCloseable {

    private final Path root;

    private FakeSysfs(Path root) {
        this.root = root;
    }

    public static FakeSysfs create() throws IOException {
        FakeSysfs fake = new FakeSysfs(Files.createTempDirectory("tern-sysfs-"));
        Files.createDirectories(fake.sys().resolve("class/tty"));
        Files.createDirectories(fake.dev());
        return fake;
    }

    public Path sys() {
        return root.resolve("sys");
    }

    public Path dev() {
        return root.resolve("dev");
    }

    /** An ST-LINK/V2-1 on a Disco board: cdc_acm, the tty's device is the USB interface. */
    public FakeSysfs stlinkAcm(String tty, String serial) throws IOException {
        Path usb = usbDevice("1-2", "0483", "374b", "STMicroelectronics", "STM32 STLink", serial);
        return port(tty, usbInterface(usb, "1-2:1.2", 2));
    }

    /** A USB-serial bridge (ftdi_sio, cp210x, ch341): the tty's device sits under the interface. */
    public FakeSysfs usbSerial(String tty, String busPort, String vid, String pid, String manufacturer, String product,
            String serial, int interfaceNumber) throws IOException {
        Path usb = usbDevice(busPort, vid, pid, manufacturer, product, serial);
        Path portDevice = Files.createDirectories(usbInterface(usb, busPort + ":1." + interfaceNumber, interfaceNumber).resolve(tty));
        return port(tty, portDevice);
    }

    /** A 8250-family UART on the PNP bus, with serial_core's {@code type} (0: no UART found). */
    public FakeSysfs uart(String tty, int type) throws IOException {
        Path device = Files.createDirectories(sys().resolve("devices/pnp0/00:0" + tty.charAt(tty.length() - 1)));
        port(tty, device);
        write(sys().resolve("class/tty/" + tty + "/type"), Integer.toString(type));
        return this;
    }

    /** A tty with no device behind it (a virtual console). */
    public FakeSysfs virtual(String tty) throws IOException {
        Files.createDirectories(sys().resolve("class/tty/" + tty));
        Files.createFile(dev().resolve(tty));
        return this;
    }

    /** Removes the /dev node, as in a container that shows the host's sysfs. */
    public FakeSysfs withoutNode(String tty) throws IOException {
        Files.delete(dev().resolve(tty));
        return this;
    }

    private Path usbDevice(String busPort, String vid, String pid, String manufacturer, String product, String serial) throws IOException {
        Path usb = Files.createDirectories(sys().resolve("devices/pci0000:00/0000:00:14.0/usb1/" + busPort));
        write(usb.resolve("idVendor"), vid);
        write(usb.resolve("idProduct"), pid);
        if (manufacturer != null) {
            write(usb.resolve("manufacturer"), manufacturer);
        }
        if (product != null) {
            write(usb.resolve("product"), product);
        }
        if (serial != null) {
            write(usb.resolve("serial"), serial);
        }
        return usb;
    }

    private static Path usbInterface(Path usb, String name, int number) throws IOException {
        Path iface = Files.createDirectories(usb.resolve(name));
        write(iface.resolve("bInterfaceNumber"), String.format("%02x", number));
        return iface;
    }

    private FakeSysfs port(String tty, Path device) throws IOException {
        Path entry = Files.createDirectories(sys().resolve("class/tty/" + tty));
        // relative, as the kernel makes it
        Files.createSymbolicLink(entry.resolve("device"), entry.relativize(device));
        Files.createFile(dev().resolve(tty));
        return this;
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
