package dev.tern.host.flash.an3155;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.bootloader.An3155Bootloader;
import dev.tern.boards.bootloader.BootloaderConfig;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;

/**
 * The boards module's AN3155 bootloader (the virtual board's ROM) over a socket on 127.0.0.1,
 * on the virtual board's flash layout, with faults a test asks for: a WRITE to an address NACKed
 * (its checksum byte damaged on the way, as line noise would) a number of times, or a byte that
 * reads back wrong after it was written. A {@link CommandTracker} follows the host's frames to
 * count commands and place the faults. After GO it prints a boot line, as the board's boot
 * stage does. One host at a time; the bootloader stays synced across connections.
 */
public final class BootloaderServer implements AutoCloseable {

    public static final FlashGeometry GEOMETRY = new BoardLoader().load("virtual").flash().geometry();
    public static final int CHIP = 0x449;

    private final ServerSocket server;
    private final FlashMemory flash;
    private final An3155Bootloader bootloader;
    private final CommandTracker tracker = new CommandTracker();
    private final Thread thread;
    private final Object lock = new Object();
    private volatile OutputStream out;
    private volatile boolean closed;
    private volatile String bootLine = "boot: image 1.2.3+0 verified (fake)";

    private long nackAddress = -1;
    private int nacksLeft;
    private long corruptAddress = -1;
    private int writes;
    private int erases;
    private int massErases;
    private int checksums;
    private int reads;
    private long goAddress = -1;

    private BootloaderServer(ServerSocket server, FlashMemory flash, BootloaderConfig config) {
        this.server = server;
        this.flash = flash;
        this.bootloader = new An3155Bootloader(config, flash, new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        });
        this.thread = new Thread(this::serve, "bootloader-server");
        thread.setDaemon(true);
    }

    /** The virtual board's chip (0x449, EXTENDED_ERASE); {@code getChecksum} whether GET lists 0xA1. */
    public static BootloaderServer start(Path folder, boolean getChecksum) throws IOException {
        return start(folder, BootloaderConfig.of(CHIP, dev.tern.boards.definition.EraseCommand.EXTENDED_ERASE).getChecksum(getChecksum));
    }

    public static BootloaderServer start(Path folder, BootloaderConfig config) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(200);
        BootloaderServer started = new BootloaderServer(server, FlashMemory.open(folder.resolve("flash-" + System.nanoTime() + ".bin"),
                GEOMETRY), config);
        started.thread.start();
        return started;
    }

    public String url() {
        return "socket://127.0.0.1:" + server.getLocalPort();
    }

    /** The next {@code times} WRITEs to {@code address} are NACKed (their checksum byte damaged in transit). */
    public void nackWrites(long address, int times) {
        synchronized (lock) {
            nackAddress = address;
            nacksLeft = times;
        }
    }

    /** Once the byte at {@code address} is written, one more of its bits is cleared (a weak cell). */
    public void corruptAfterWrite(long address) {
        synchronized (lock) {
            corruptAddress = address;
        }
    }

    public void bootLine(String line) {
        bootLine = line;
    }

    public int writes() {
        synchronized (lock) {
            return writes;
        }
    }

    public int erases() {
        synchronized (lock) {
            return erases;
        }
    }

    public int massErases() {
        synchronized (lock) {
            return massErases;
        }
    }

    public int checksums() {
        synchronized (lock) {
            return checksums;
        }
    }

    public int reads() {
        synchronized (lock) {
            return reads;
        }
    }

    public long goAddress() {
        synchronized (lock) {
            return goAddress;
        }
    }

    /** Resets the command counts (between two flashes). */
    public void clearCounts() {
        synchronized (lock) {
            writes = 0;
            erases = 0;
            massErases = 0;
            checksums = 0;
            reads = 0;
            goAddress = -1;
        }
    }

    public byte[] read(long address, int length) throws IOException {
        synchronized (lock) {
            byte[] bytes = new byte[length];
            flash.read(address, bytes, 0, length);
            return bytes;
        }
    }

    private void serve() {
        while (!closed) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(200);
                socket.setTcpNoDelay(true);
                out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                byte[] chunk = new byte[4096];
                while (!closed) {
                    int count;
                    try {
                        count = in.read(chunk);
                    } catch (SocketTimeoutException e) {
                        continue;
                    }
                    if (count < 0) {
                        break;
                    }
                    for (int i = 0; i < count; i++) {
                        feed(chunk[i] & 0xFF);
                    }
                }
            } catch (SocketTimeoutException e) {
                // no host yet
            } catch (IOException e) {
                // the host went away: wait for the next
            }
        }
    }

    private void feed(int b) throws IOException {
        synchronized (lock) {
            int sent = b;
            if (tracker.isLastByteOfWriteTo(nackAddress) && nacksLeft > 0) {
                nacksLeft--;
                sent = b ^ 0x01; // the XOR check fails: the bootloader NACKs the block
            }
            int command = tracker.accept(b, bootloader.isSynced());
            boolean go = bootloader.accept(sent);
            if (command == An3155.WRITE_MEMORY) {
                writes++;
                corruptIfWritten(tracker.address(), tracker.writeLength());
            } else if (command == An3155.EXTENDED_ERASE || command == An3155.ERASE) {
                erases++;
                if (tracker.isMassErase()) {
                    massErases++;
                }
            } else if (command == An3155.GET_CHECKSUM) {
                checksums++;
            } else if (command == An3155.READ_MEMORY) {
                reads++;
            }
            if (go) {
                goAddress = bootloader.goAddress();
                out.write((bootLine + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private void corruptIfWritten(long address, int length) throws IOException {
        if (corruptAddress >= address && corruptAddress < address + length) {
            int value = flash.read(corruptAddress);
            flash.program(corruptAddress, new byte[] {(byte) (value & (value - 1))}, 0, 1);
            corruptAddress = -1;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flash.close();
    }
}
