package dev.tern.host.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tern.app.ConfigPage;
import dev.tern.app.SensorApp;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.Region;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageSigner;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.image.SignOptions;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.hal.Firmware;

/**
 * The real sensor firmware on a virtual board for the monitor's end-to-end tests (a minimal copy
 * of what boards' RealFirmware and BoardFixture do; their test jar is not on this class path):
 * the firmware jar signed with a fresh key, in the app slot with a config page, and a board
 * started in its silent ROM bootloader (BOOT0 high) so a monitor can connect before it boots.
 */
final class MonitorTestBoard {

    static final String IMAGE_VERSION = "0.1.0";
    private static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");
    private static final ImageKey KEY = ImageKey.generate(KeyType.ED25519);

    private MonitorTestBoard() {
    }

    /** A flash file holding the signed firmware and a config page pointing at a broker that is not there. */
    static Path provision(Path folder) throws Exception {
        Path flashFile = folder.resolve("flash.bin");
        byte[] image = new ImageSigner(SignOptions.defaults(ImageVersion.parse(IMAGE_VERSION))).sign(firmwareJar(), KEY);
        String config = "broker.host=127.0.0.1\nbroker.port=" + freePort() + "\n";
        FlashGeometry geometry = VIRTUAL.flash().geometry();
        try (FlashMemory flash = FlashMemory.open(flashFile, geometry)) {
            Region app = VIRTUAL.appSlot();
            for (long at = app.address(); at < app.address() + image.length; ) {
                int page = geometry.pageAt(at);
                flash.erasePage(page);
                at = geometry.pageAddress(page) + geometry.pageSize(page);
            }
            flash.program(app.address(), image, 0, image.length);
            int page = geometry.pageAt(VIRTUAL.configPage().address());
            flash.erasePage(page);
            byte[] encoded = ConfigPage.encodePage(config, geometry.pageSize(page));
            flash.program(VIRTUAL.configPage().address(), encoded, 0, encoded.length);
        }
        return flashFile;
    }

    /** A board on {@code 127.0.0.1:consolePort} (0: any free port), waiting in its ROM bootloader. */
    static VirtualBoard startInBootloader(Path flashFile, int consolePort) throws IOException {
        return VirtualBoard.start(VirtualBoardOptions.of(flashFile, new McubootImageCheck())
                .console(ConsoleEndpoint.socket("127.0.0.1", consolePort))
                .trustedKeys(List.of(KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .boot0(true)
                // today's SessionStore erases half the 2 MB session region per save: counted, not waited for
                .flashTiming(TimingMode.ACCOUNTED));
    }

    /** BOOT0 low and reset: the boot stage checks the image and runs the firmware. */
    static void boot(VirtualBoard board) {
        board.boot0(false);
        board.reset();
    }

    /** A port of 127.0.0.1 that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    /** The tern-firmware jar on the class path, or one built from its classes folder (an IDE). */
    private static byte[] firmwareJar() throws Exception {
        Path location = Path.of(SensorApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isDirectory(location)) {
            return Files.readAllBytes(location);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Firmware.MANIFEST_ATTRIBUTE, SensorApp.class.getName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(location)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Path file : files) {
                String name = location.relativize(file).toString().replace('\\', '/');
                if (!name.startsWith("META-INF/MANIFEST")) {
                    out.putNextEntry(new JarEntry(name));
                    try (InputStream in = Files.newInputStream(file)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
