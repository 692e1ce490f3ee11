package dev.tern.host.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code tern sim}'s own commands, one a line on its standard input (the board's console is
 * elsewhere, on the socket or pty): {@code wear} prints the flash wear report, {@code bootloader}
 * and {@code reset} press the board's buttons (a pty has no DTR/RTS to do it), {@code help} lists
 * the commands. Reads until the input ends.
 */
final class SimConsole {

    static final String HELP = "sim: commands: 'wear' (erases per flash unit, % of endurance, busy time), "
            + "'bootloader' (hold BOOT0 high / GPIO0 low and reset: the ROM loader waits for a flasher), "
            + "'reset' (release it and reset: the board boots its flash), 'help'";

    /** The board's reset with its boot pin set: into the ROM loader, or booting the flash. */
    interface Buttons {
        void resetInto(boolean romLoader);
    }

    private final Supplier<? extends Iterable<String>> wearReport;
    private final Buttons buttons;
    private final PrintWriter out;

    SimConsole(Supplier<? extends Iterable<String>> wearReport, Buttons buttons, PrintWriter out) {
        this.wearReport = wearReport;
        this.buttons = buttons;
        this.out = out;
    }

    /** Answers every line of {@code in} until it ends. */
    void serve(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            answer(line.trim());
        }
    }

    void answer(String command) {
        synchronized (out) {
            switch (command) {
                case "" -> {
                    return;
                }
                case "wear" -> {
                    for (String line : wearReport.get()) {
                        out.println(line);
                    }
                }
                case "bootloader" -> {
                    buttons.resetInto(true);
                    out.println("sim: reset with the boot pin set: the board waits in its ROM loader");
                }
                case "reset" -> {
                    buttons.resetInto(false);
                    out.println("sim: reset: the board boots its flash");
                }
                case "help" -> out.println(HELP);
                default -> out.println("sim: unknown command '" + command + "'; " + HELP.substring("sim: ".length()));
            }
            out.flush();
        }
    }

    /** Serves {@code in} on a daemon thread (it may block on a terminal until the process ends). */
    void start(InputStream in) {
        Thread thread = new Thread(() -> {
            try {
                serve(in);
            } catch (IOException e) {
                // the input went away: no more commands
            }
        }, "tern-sim-commands");
        thread.setDaemon(true);
        thread.start();
    }
}
