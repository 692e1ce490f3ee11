package dev.tern.boards.virtual.testfirmware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.tern.hal.Board;
import dev.tern.hal.Console;
import dev.tern.hal.Firmware;
import dev.tern.hal.NonVolatileStorage;
import dev.tern.hal.Sensors;

/**
 * A tiny firmware the virtual board tests flash (packed into a jar by {@code TestFirmwareJar},
 * with its banner as a resource): only {@code java.*} and {@code dev.tern.hal.*}. It prints its
 * banner and answers console commands, one per line:
 * {@code ping}, {@code nvs}, {@code save N}, {@code sensors}, {@code reset}, {@code bootloader},
 * {@code throw}, {@code whoami}, {@code see CLASS}.
 */
public final class EchoFirmware implements Firmware {

    private Board board;
    private Console console;
    private final StringBuilder outbox = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private final byte[] in = new byte[256];

    @Override
    public void boot(final Board newBoard) {
        board = newBoard;
        console = board.console();
        say(banner() + " on " + board.boardId());
        flush();
    }

    @Override
    public int step(final long nowMillis) {
        int work = flush();
        final int count = console.read(in, 0, in.length);
        for (int i = 0; i < count; i++) {
            final char c = (char) (in[i] & 0xFF);
            if (c == '\n') {
                command(line.toString().trim(), nowMillis);
                line.setLength(0);
            } else if (c != '\r') {
                line.append(c);
            }
        }
        return work + count;
    }

    private void command(final String command, final long nowMillis) {
        if (command.equals("ping")) {
            say("pong");
        } else if (command.equals("whoami")) {
            say("loader " + getClass().getClassLoader().getName() + ", hal " + (Board.class.getClassLoader() == getClass().getClassLoader()));
        } else if (command.startsWith("see ")) {
            final String name = command.substring(4);
            try {
                Class.forName(name, false, getClass().getClassLoader());
                say("visible " + name);
            } catch (final ClassNotFoundException e) {
                say("hidden " + name);
            }
        } else if (command.equals("nvs")) {
            say("nvs: session " + check(board.sessionStorage()) + "; config " + check(board.configPage()));
        } else if (command.startsWith("save ")) {
            final NonVolatileStorage session = board.sessionStorage();
            final int length = Integer.parseInt(command.substring(5));
            final int page = session.pageSize();
            session.erase(1);
            final byte[] zeros = new byte[length];
            final int result = session.program(page, zeros, 0, length);
            say("saved " + length + " result " + result);
        } else if (command.equals("sensors")) {
            final Sensors sensors = board.sensors();
            say("sensors: count=" + sensors.count() + " t=" + sensors.read(Sensors.TEMPERATURE, nowMillis)
                    + " h=" + sensors.read(Sensors.HUMIDITY, nowMillis) + " p=" + sensors.read(Sensors.PRESSURE, nowMillis)
                    + " x=" + sensors.read(7, nowMillis));
        } else if (command.equals("reset")) {
            say("resetting");
            flushAll();
            board.reset();
        } else if (command.equals("bootloader")) {
            say("bye");
            flushAll();
            board.enterBootloader();
        } else if (command.equals("throw")) {
            throw new IllegalStateException("asked to throw");
        } else {
            say("unknown: " + command);
        }
    }

    /** Flash semantics on the last page of a region: erase, program clears bits only, bounds. */
    private static String check(final NonVolatileStorage storage) {
        final int page = storage.size() / storage.pageSize() - 1;
        final int at = page * storage.pageSize();
        final byte[] one = new byte[1];
        final int erase = storage.erase(page);
        storage.read(at, one, 0, 1);
        final int erased = one[0] & 0xFF;
        storage.program(at, new byte[] {0x0F}, 0, 1);
        storage.program(at, new byte[] {(byte) 0xF0}, 0, 1);
        storage.read(at, one, 0, 1);
        final int anded = one[0] & 0xFF;
        final int beyond = storage.program(storage.size() - 1, new byte[2], 0, 2);
        final int noPage = storage.erase(page + 1);
        return "size=" + storage.size() + " page=" + storage.pageSize() + " erase=" + erase + " erased=" + Integer.toHexString(erased)
                + " anded=" + Integer.toHexString(anded) + " beyond=" + beyond + " nopage=" + noPage;
    }

    private String banner() {
        try (InputStream resource = EchoFirmware.class.getResourceAsStream("/testfirmware/banner.txt")) {
            return resource == null ? "no banner" : new String(resource.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (final IOException e) {
            return "banner unreadable: " + e;
        }
    }

    private void say(final String text) {
        outbox.append(text).append("\r\n");
    }

    private int flush() {
        if (outbox.length() == 0) {
            return 0;
        }
        final byte[] bytes = outbox.toString().getBytes(StandardCharsets.UTF_8);
        final int written = console.write(bytes, 0, bytes.length);
        outbox.delete(0, new String(bytes, 0, written, StandardCharsets.UTF_8).length());
        return written;
    }

    private void flushAll() {
        while (outbox.length() > 0) {
            flush();
        }
    }
}
