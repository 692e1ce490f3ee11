package dev.tern.host.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

/**
 * The pseudo-terminal {@code tern sim --pty PATH} is given: checked to be a terminal before it is
 * opened (a typo naming a file must not truncate it), and the other end of its socat pair found
 * when socat's command line says it, so the sim can name the port the host must use.
 */
final class SimPty {

    /** File type bits of st_mode, and the character-device type. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final String LINK = "link=";

    private SimPty() {
    }

    /** Refuses a missing path (exit 3) and anything but a terminal device (exit 2); touches nothing. */
    static void check(Path pty) {
        if (!Files.exists(pty)) {
            throw new TernException(ExitCodes.UNREACHABLE, "no pseudo-terminal at " + pty + "; make a pair first, e.g. "
                    + "'socat pty,raw,echo=0,link=" + pty + " pty,raw,echo=0,link=/tmp/tern-host' (leave it running)");
        }
        String kind = Files.isDirectory(pty) ? "a directory" : Files.isRegularFile(pty) ? "a regular file"
                : isTerminal(pty) ? null : "not a terminal device";
        if (kind != null) {
            throw new TernException(ExitCodes.USAGE, "--pty " + pty + " is " + kind + ", not a pseudo-terminal; nothing "
                    + "was written to it. Give one end of a socat pair, e.g. 'socat pty,raw,echo=0,link=/tmp/board "
                    + "pty,raw,echo=0,link=/tmp/host' then --pty /tmp/board");
        }
    }

    private static boolean isTerminal(Path path) {
        try {
            Path real = path.toRealPath();
            String name = real.getFileName() == null ? "" : real.getFileName().toString();
            boolean terminalName = real.startsWith("/dev/pts/") || name.startsWith("tty") || name.startsWith("pty");
            Object mode = Files.getAttribute(real, "unix:mode");
            return terminalName && mode instanceof Integer bits && (bits & S_IFMT) == S_IFCHR;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The other end of the socat pair whose {@code link=} is {@code pty}, read from the running
     * socat's command line ({@code /proc/PID/cmdline}); empty when no socat shows it (another
     * system, a pair made without links, or by another program).
     */
    static Optional<Path> peer(Path pty) {
        return peer(pty, Path.of("/proc"));
    }

    static Optional<Path> peer(Path pty, Path proc) {
        Path real = realOrSelf(pty);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                List<String> links = socatLinks(process.resolve("cmdline"));
                if (links.size() == 2) {
                    for (int i = 0; i < 2; i++) {
                        if (realOrSelf(Path.of(links.get(i))).equals(real)) {
                            return Optional.of(Path.of(links.get(1 - i)));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc, or it cannot be read: the sim says it cannot tell
        }
        return Optional.empty();
    }

    /** The {@code link=} of each address of a socat command line, or nothing when it is not socat's. */
    private static List<String> socatLinks(Path cmdline) {
        List<String> links = new ArrayList<>();
        String[] args;
        try {
            args = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0");
        } catch (IOException | RuntimeException gone) {
            return links;
        }
        if (args.length < 3 || !(args[0].equals("socat") || args[0].endsWith("/socat"))) {
            return links;
        }
        for (int i = 1; i < args.length; i++) {
            for (String option : args[i].split(",")) {
                if (option.startsWith(LINK) && Path.of(option.substring(LINK.length())).isAbsolute()) {
                    links.add(option.substring(LINK.length()));
                }
            }
        }
        return links;
    }

    private static Path realOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
