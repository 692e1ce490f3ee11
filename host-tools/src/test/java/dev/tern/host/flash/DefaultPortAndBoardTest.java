package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.HostContext;
import dev.tern.host.monitor.MonitorCommand;
import dev.tern.host.serial.FakeSysfs;
import dev.tern.host.serial.PortScanner;

/** Without --port and --board: TERN_PORT, then tern.properties, then the one USB port; the board assumed only where it is safe. */
@Timeout(30)
class DefaultPortAndBoardTest {

    /** A closed port on 127.0.0.1: connecting is refused at once. */
    private static final String NOTHING_THERE = "socket://127.0.0.1:1";

    @TempDir
    Path folder;

    private final Map<String, String> environment = new HashMap<>();
    private FakeSysfs sysfs;
    private Path image;

    @BeforeEach
    void setUp() throws IOException {
        sysfs = FakeSysfs.create();
        image = TestImages.write(folder, "app.bin", TestImages.signed(1024, 1));
        Files.createDirectories(folder.resolve("work"));
        Files.createDirectories(folder.resolve("home"));
    }

    @AfterEach
    void tearDown() throws Exception {
        sysfs.close();
    }

    private HostContext context() {
        return new HostContext(environment, folder.resolve("work"), folder.resolve("home"), new PortScanner(sysfs.sys(), sysfs.dev()));
    }

    private Tern flash(Object... options) {
        Object[] args = new Object[options.length + 2];
        args[0] = "flash";
        args[1] = image;
        System.arraycopy(options, 0, args, 2, options.length);
        return Tern.runWith(commandLine -> ((FlashCommand) commandLine.getSubcommands().get("flash").getCommand()).serial.context = context(),
                args);
    }

    @Test
    void ternPortIsUsedAndSaidAndTheVirtualBoardAssumedOnASocket() {
        environment.put("TERN_PORT", NOTHING_THERE);

        Tern run = flash();

        assertEquals(ExitCodes.UNREACHABLE, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("port " + NOTHING_THERE + " (TERN_PORT)\nboard virtual (assumed: a socket:// port is where"
                + " 'tern sim' serves the virtual board; give --board for another)\n"), run.out);
        assertTrue(run.err.startsWith("tern flash: " + NOTHING_THERE + ": cannot connect"), run.err);
    }

    @Test
    void theProfileInTheWorkingFolderGivesPortAndBoardTheEnvironmentAndOptionsWin() throws IOException {
        Path profile = folder.resolve("work/tern.properties");
        Files.writeString(profile, "# this project's board\nport = " + NOTHING_THERE + "\nboard = virtual\n");

        Tern saved = flash();
        environment.put("TERN_PORT", "socket://127.0.0.1:2");
        Tern environmentWins = flash();
        Tern optionWins = flash("--port", "socket://127.0.0.1:3", "--board", "nope");

        assertTrue(saved.out.startsWith("port " + NOTHING_THERE + " (port= in " + profile + ")\nboard virtual (board= in " + profile
                + ")\n"), saved.out);
        assertTrue(environmentWins.out.startsWith("port socket://127.0.0.1:2 (TERN_PORT)\n"), environmentWins.out);
        assertEquals(ExitCodes.USAGE, optionWins.exitCode, optionWins.toString());
        assertTrue(optionWins.err.startsWith("tern flash: no board 'nope'"), optionWins.err);
    }

    @Test
    void theUsersConfigProfileCountsWhenTheFolderHasNone() throws IOException {
        Path profile = folder.resolve("home/.config/tern/tern.properties");
        Files.createDirectories(profile.getParent());
        Files.writeString(profile, "port=" + NOTHING_THERE + "\n");

        Tern run = flash();

        assertTrue(run.out.startsWith("port " + NOTHING_THERE + " (port= in " + profile + ")\n"), run.out);
    }

    @Test
    void theOnlyUsbSerialPortIsPickedAndSaidButOnADeviceTheBoardMustBeNamed() throws IOException {
        sysfs.uart("ttyS0", 4).stlinkAcm("ttyACM0", "066DFF");
        String device = sysfs.dev().resolve("ttyACM0").toString();

        Tern noBoard = flash();
        Tern named = flash("--board", "stm32f746g-disco");

        assertEquals(ExitCodes.USAGE, noBoard.exitCode, noBoard.toString());
        assertTrue(noBoard.err.startsWith("tern flash: which board is on " + device + "? Give --board ID ("), noBoard.err);
        assertTrue(noBoard.err.contains("set TERN_BOARD, or save board=ID in ./tern.properties: the board decides the bootloader's"
                + " line (8E1 on an STM32's ROM, 8N1 on the virtual board)"), noBoard.err);
        assertTrue(named.out.startsWith("port " + device + " (the only USB serial port present, "), named.out);
        assertEquals(ExitCodes.UNREACHABLE, named.exitCode, "the fake device is no terminal: " + named);
    }

    @Test
    void severalUsbPortsOrNoneAreAUsageErrorThatNeverGuesses() throws IOException {
        Tern none = flash();
        sysfs.stlinkAcm("ttyACM0", "066DFF").usbSerial("ttyUSB0", "1-3", "10c4", "ea60", "Silicon Labs", "CP2102", "0001", 0);
        Tern two = flash();

        assertEquals(ExitCodes.USAGE, none.exitCode, none.toString());
        assertTrue(none.err.startsWith("tern flash: no --port, and no USB serial port is present to use: give --port PORT, set"
                + " TERN_PORT, or save port=PORT in ./tern.properties (for 'tern sim': socket://127.0.0.1:4000)"), none.err);
        assertEquals(ExitCodes.USAGE, two.exitCode, two.toString());
        assertTrue(two.err.contains("2 USB serial ports are present (" + sysfs.dev().resolve("ttyACM0") + " ("), two.err);
        assertTrue(two.err.contains(sysfs.dev().resolve("ttyUSB0") + " (") && two.err.contains("tern does not guess"), two.err);
    }

    @Test
    void monitorTakesTheSameDefaultAndSaysWhichPort() {
        environment.put("TERN_PORT", NOTHING_THERE);

        Tern run = Tern.runWith(commandLine -> ((MonitorCommand) commandLine.getSubcommands().get("monitor").getCommand())
                .serialOptions().context = context(), "monitor", "--timeout", "1s");

        assertEquals(ExitCodes.UNREACHABLE, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("monitor: port " + NOTHING_THERE + " (TERN_PORT)\n"), run.err);
    }
}
