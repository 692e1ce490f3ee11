package dev.tern.host.flash.esp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.tern.boards.bootloader.esp.EspOpcode;
import dev.tern.boards.bootloader.esp.EspPacket;
import dev.tern.boards.bootloader.esp.Slip;
import dev.tern.boards.bootloader.esp.SlipDecoder;
import dev.tern.host.serial.FakeSerialLink;
import dev.tern.host.serial.PortGoneException;

/**
 * A scripted ESP32 ROM loader for tests, written from esptool's side of the protocol: SLIP
 * frames, 4 status bytes, SYNC answered 8 times, READ_REG of the chip magic word and of the
 * registers esptool's baud correction reads, SPI_ATTACH, SPI_SET_PARAMS, CHANGE_BAUDRATE,
 * FLASH_BEGIN/DATA (erasing up front), FLASH_DEFL_BEGIN/DATA (inflating), SPI_FLASH_MD5 as 32 hex
 * characters, FLASH_END; anything else is error 0x05. Its 4 MB flash is an array. Faults a test
 * asks for: another chip's magic word, silence, answers lost above a baud rate, a byte that
 * reads back wrong after a write, the port vanishing after a number of data blocks.
 *
 * <p>Served over the board end of a {@link FakeSerialLink} pair (which knows the host's baud) or
 * a socket on 127.0.0.1 ({@code socket://} for {@code tern flash}).
 */
public final class EspRomPeer implements AutoCloseable {

    public static final int FLASH_SIZE = 4 * 1024 * 1024;
    /** RTCCALICFG1 and eFuse word 4 chosen so the ROM's clock reads 40 MHz: esptool's false baud is the baud. */
    static final int RTC_CALI = 800 << 7;
    static final int EFUSE_CK8M = 128;
    static final int SYNC_VALUE = 0x20120707;

    final byte[] flash = new byte[FLASH_SIZE];
    private final Thread thread;
    private final List<String> commands = new ArrayList<>();
    private volatile boolean closed;
    private volatile int magic = 0x00F01D83;
    private volatile boolean silent;
    private volatile String bootLog;
    private volatile int answersLostAbove = Integer.MAX_VALUE;
    private volatile int lossFromBlock;
    private volatile long corruptAddress = -1;
    private volatile int corruptTimes;
    private volatile int vanishAfterBlocks = -1;
    private volatile int baud = 115200;

    private FakeSerialLink fakeEnd;
    private FakeSerialLink hostEnd;
    private ServerSocket server;
    private OutputStream out;

    private long writeOffset;
    private long writeLimit;
    private Inflater inflater;
    private int dataBlocks;
    private volatile int runUserCode;

    private EspRomPeer(String name) {
        Arrays.fill(flash, (byte) 0xFF);
        thread = new Thread(this::serve, name);
        thread.setDaemon(true);
    }

    /** Serves the board end of {@code pair}; {@code pair[0]} is the host's. */
    public static EspRomPeer on(FakeSerialLink[] pair) {
        EspRomPeer peer = new EspRomPeer("esp-rom-peer");
        peer.hostEnd = pair[0];
        peer.fakeEnd = pair[1];
        peer.thread.start();
        return peer;
    }

    /** Serves one host at a time on a socket on 127.0.0.1. */
    public static EspRomPeer onSocket() throws IOException {
        EspRomPeer peer = new EspRomPeer("esp-rom-peer-socket");
        peer.server = new ServerSocket();
        peer.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer.thread.start();
        return peer;
    }

    public String url() {
        return "socket://127.0.0.1:" + server.getLocalPort();
    }

    public EspRomPeer magic(int value) {
        magic = value;
        return this;
    }

    /** Sends {@code text} to each host as it connects (a boot log), then stays silent: a chip not in download mode. */
    public EspRomPeer bootLog(String text) {
        bootLog = text;
        silent = true;
        return this;
    }

    public EspRomPeer silent() {
        silent = true;
        return this;
    }

    /** Answers at a speed above {@code baud} are lost on the way (a USB-serial bridge that cannot keep up). */
    public EspRomPeer answersLostAbove(int limit) {
        return answersLostAbove(limit, 0);
    }

    /** The same, from data block {@code block} on (counted from 0 over the session): a line that fails under load. */
    public EspRomPeer answersLostAbove(int limit, int block) {
        answersLostAbove = limit;
        lossFromBlock = block;
        return this;
    }

    /** The byte at {@code address} reads back flipped after each of the next {@code times} transfers that write it. */
    public EspRomPeer corrupt(long address, int times) {
        corruptAddress = address;
        corruptTimes = times;
        return this;
    }

    /** The port vanishes when data block {@code blocks} (counted from 0 over the whole session) arrives. */
    public EspRomPeer vanishAfterBlocks(int blocks) {
        vanishAfterBlocks = blocks;
        return this;
    }

    public synchronized List<String> commands() {
        return new ArrayList<>(commands);
    }

    public synchronized int count(String command) {
        int n = 0;
        for (String c : commands) {
            if (c.equals(command)) {
                n++;
            }
        }
        return n;
    }

    public synchronized void clearCommands() {
        commands.clear();
    }

    public int baud() {
        return baud;
    }

    public int runUserCode() {
        return runUserCode;
    }

    public byte[] read(long address, int length) {
        return Arrays.copyOfRange(flash, (int) address, (int) address + length);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (server != null) {
            server.close();
        }
        if (fakeEnd != null) {
            fakeEnd.vanish();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        try {
            if (fakeEnd != null) {
                serveFake();
            } else {
                while (!closed) {
                    try (Socket socket = server.accept()) {
                        socket.setSoTimeout(100);
                        out = socket.getOutputStream();
                        if (bootLog != null) {
                            out.write(bootLog.getBytes(StandardCharsets.US_ASCII));
                        }
                        serveStream(socket.getInputStream(), socket);
                    } catch (IOException e) {
                        // the host went away, or the server closed: wait for the next one
                    }
                }
            }
        } catch (IOException e) {
            // the link vanished: the test ends the peer
        }
    }

    private void serveFake() throws IOException {
        out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                fakeEnd.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                fakeEnd.write(b, off, len);
            }
        };
        SlipDecoder decoder = new SlipDecoder(EspPacket.MAX_LENGTH);
        byte[] chunk = new byte[4096];
        while (!closed) {
            int count;
            try {
                count = fakeEnd.read(chunk, 0, chunk.length, Duration.ofMillis(100));
            } catch (PortGoneException e) {
                return;
            }
            boolean garbled = hostEnd.settings() != null && hostEnd.settings().baud() != baud;
            for (int i = 0; i < count && !garbled; i++) {
                if (decoder.accept(chunk[i])) {
                    handle(Arrays.copyOf(decoder.frame(), decoder.length()));
                }
            }
        }
    }

    private void serveStream(InputStream in, Socket socket) throws IOException {
        SlipDecoder decoder = new SlipDecoder(EspPacket.MAX_LENGTH);
        byte[] chunk = new byte[4096];
        while (!closed) {
            int count;
            try {
                count = in.read(chunk);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (count < 0) {
                return;
            }
            for (int i = 0; i < count; i++) {
                if (decoder.accept(chunk[i])) {
                    handle(Arrays.copyOf(decoder.frame(), decoder.length()));
                    if (vanishAfterBlocks == -2) {
                        socket.close();
                        return;
                    }
                }
            }
        }
    }

    private void handle(byte[] packet) throws IOException {
        if (packet.length < EspPacket.HEADER_LENGTH || packet[0] != 0) {
            return;
        }
        int op = packet[1] & 0xFF;
        int size = EspPacket.u16(packet, EspPacket.SIZE_OFFSET);
        int checksum = (int) EspPacket.u32(packet, EspPacket.CHECKSUM_OFFSET);
        byte[] data = Arrays.copyOfRange(packet, EspPacket.HEADER_LENGTH, packet.length);
        synchronized (this) {
            commands.add(EspOpcode.name(op));
        }
        if (silent) {
            return;
        }
        if (size != data.length) {
            answer(op, 0, new byte[0], 0x05);
            return;
        }
        switch (op) {
            case EspOpcode.SYNC -> {
                for (int i = 0; i < 8; i++) {
                    answer(op, SYNC_VALUE, new byte[0], 0);
                }
            }
            case EspOpcode.READ_REG -> answer(op, register(word(data, 0)), new byte[0], 0);
            case EspOpcode.SPI_ATTACH -> answer(op, 0, new byte[0], data.length == 8 ? 0 : 0x05);
            case EspOpcode.SPI_SET_PARAMS -> answer(op, 0, new byte[0], word(data, 4) == FLASH_SIZE ? 0 : 0x06);
            case EspOpcode.CHANGE_BAUDRATE -> {
                answer(op, 0, new byte[0], 0);
                baud = word(data, 0);
            }
            case EspOpcode.FLASH_BEGIN, EspOpcode.FLASH_DEFL_BEGIN -> begin(op, data);
            case EspOpcode.FLASH_DATA, EspOpcode.FLASH_DEFL_DATA -> data(op, data, checksum);
            case EspOpcode.SPI_FLASH_MD5 -> {
                String md5 = EspRomSession.md5Hex(flash, word(data, 0), word(data, 4));
                answer(op, 0, md5.getBytes(StandardCharsets.US_ASCII), 0);
            }
            case EspOpcode.READ_FLASH_SLOW -> {
                byte[] block = new byte[EspRomProtocol.ROM_READ_BLOCK];
                System.arraycopy(flash, word(data, 0), block, 0, Math.min(block.length, word(data, 4)));
                answer(op, 0, block, 0);
            }
            case EspOpcode.FLASH_END -> {
                boolean run = word(data, 0) == 1;
                if (run) {
                    runUserCode++;
                }
                answer(op, 0, new byte[0], 0);
                if (run) {
                    out.write("ets Jun  8 2016 00:22:57\r\nboot: image 1.2.3+0 verified (fake)\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            default -> answer(op, 0, new byte[0], 0x05);
        }
    }

    private int register(int address) {
        if (address == (int) EspChip.MAGIC_REGISTER) {
            return magic;
        }
        if (address == (int) EspBaudRate.RTC_CALI_CFG1) {
            return RTC_CALI;
        }
        if (address == (int) EspBaudRate.EFUSE_BLK0_WORD4) {
            return EFUSE_CK8M;
        }
        return 0;
    }

    private void begin(int op, byte[] data) throws IOException {
        if (data.length != 16) {
            answer(op, 0, new byte[0], 0x05); // the ESP32 ROM takes 4 words, not the stub's 5
            return;
        }
        long size = word(data, 0) & 0xFFFFFFFFL;
        long offset = word(data, 12) & 0xFFFFFFFFL;
        long eraseEnd = (offset + size + 0xFFF) / 0x1000 * 0x1000;
        Arrays.fill(flash, (int) (offset / 0x1000 * 0x1000), (int) Math.min(FLASH_SIZE, eraseEnd), (byte) 0xFF);
        writeOffset = offset;
        writeLimit = offset + size;
        inflater = op == EspOpcode.FLASH_DEFL_BEGIN ? new Inflater() : null;
        answer(op, 0, new byte[0], 0);
    }

    private void data(int op, byte[] data, int checksum) throws IOException {
        if (vanishAfterBlocks >= 0 && dataBlocks == vanishAfterBlocks) {
            if (fakeEnd != null) {
                fakeEnd.vanish();
            } else {
                vanishAfterBlocks = -2;
            }
            return;
        }
        dataBlocks++;
        int length = word(data, 0);
        byte[] block = Arrays.copyOfRange(data, 16, data.length);
        if (length != block.length || EspPacket.checksum(block, 0, block.length) != checksum) {
            answer(op, 0, new byte[0], 0x07);
            return;
        }
        byte[] bytes = block;
        if (op == EspOpcode.FLASH_DEFL_DATA) {
            if (inflater == null) {
                answer(op, 0, new byte[0], 0x0B);
                return;
            }
            inflater.setInput(block);
            ByteArrayOutputStream inflated = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = inflater.inflate(buffer)) > 0) {
                    inflated.write(buffer, 0, n);
                }
            } catch (DataFormatException e) {
                answer(op, 0, new byte[0], 0x0B);
                return;
            }
            bytes = inflated.toByteArray();
        }
        for (byte b : bytes) {
            if (writeOffset >= writeLimit) {
                answer(op, 0, new byte[0], 0x08);
                return;
            }
            flash[(int) writeOffset] &= b; // NOR: a write only clears bits
            if (writeOffset == corruptAddress && corruptTimes > 0) {
                flash[(int) writeOffset] ^= 0x01;
                corruptTimes--;
            }
            writeOffset++;
        }
        answer(op, 0, new byte[0], 0);
    }

    private void answer(int op, int value, byte[] result, int error) throws IOException {
        if (baud > answersLostAbove && dataBlocks >= lossFromBlock) {
            return;
        }
        byte[] packet = new byte[EspPacket.HEADER_LENGTH + result.length + EspRomProtocol.ROM_STATUS_BYTES];
        packet[0] = 1;
        packet[1] = (byte) op;
        int size = result.length + EspRomProtocol.ROM_STATUS_BYTES;
        packet[2] = (byte) size;
        packet[3] = (byte) (size >> 8);
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (value >>> (8 * i));
        }
        System.arraycopy(result, 0, packet, EspPacket.HEADER_LENGTH, result.length);
        packet[EspPacket.HEADER_LENGTH + result.length] = (byte) (error == 0 ? 0 : 1);
        packet[EspPacket.HEADER_LENGTH + result.length + 1] = (byte) error;
        byte[] framed = Slip.frame(packet, packet.length);
        synchronized (out) {
            out.write(framed);
            out.flush();
        }
    }

    private static int word(byte[] data, int offset) {
        return (int) EspPacket.u32(data, offset);
    }
}
