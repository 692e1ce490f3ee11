package dev.tern.host.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.tern.boards.definition.Parity;

/**
 * {@code rfc2217://host:port}: a serial port served by a telnet server with the Com Port Control
 * option (RFC 2217), as ser2net's {@code telnet(rfc2217)} accepter serves it. Baud, format, flow
 * control and DTR/RTS travel as telnet subnegotiations; the server drives the real lines.
 *
 * <p>A reader thread takes everything the server sends: data bytes go to a buffer that
 * {@link #read} empties, answers to commands are matched to the command waiting for them, so
 * an answer arriving in the middle of data loses no data byte.
 */
public final class Rfc2217Link implements SerialLink {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** How long a command waits for the server's answer. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
    static final int BUFFER_SIZE = 64 * 1024;

    private final String name;
    private final Socket socket;
    private final OutputStream out;
    private final TelnetDecoder decoder;
    private final Thread reader;

    /** Guards the state below; never held while writing to the socket. */
    private final ReentrantLock lock = new ReentrantLock();
    /** One writer on the socket at a time: data, commands and negotiation replies. */
    private final Object sendLock = new Object();
    /** Negotiation replies the decoder asked for, sent by the reader thread once it let go of {@link #lock}. */
    private final ByteArrayOutputStream replies = new ByteArrayOutputStream();
    private final Condition changed = lock.newCondition();
    /** Received data, a ring: {@code count} bytes from {@code head}. */
    private final byte[] ring = new byte[BUFFER_SIZE];
    private int head;
    private int count;
    private String goneReason;
    private boolean closed;
    // telnet option state, per option: what we said and what was agreed
    private final boolean[] willSent = new boolean[256];
    private final boolean[] doSent = new boolean[256];
    private final boolean[] localEnabled = new boolean[256];
    private final boolean[] refused = new boolean[256];
    // the last answer to each Com Port command: its value and how many answers came so far
    private final long[] answerValue = new long[Telnet.COMMAND_COUNT];
    private final int[] answerCount = new int[Telnet.COMMAND_COUNT];

    private Rfc2217Link(String name, Socket socket) throws IOException {
        this.name = name;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.decoder = new TelnetDecoder(new Answers());
        InputStream in = socket.getInputStream();
        this.reader = new Thread(() -> readLoop(in), "rfc2217 reader " + name);
        reader.setDaemon(true);
    }

    /** Connects to {@code host:port} and negotiates the Com Port option; {@code name} is the port as the user wrote it. */
    public static Rfc2217Link connect(String name, String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
        } catch (ConnectException | UnknownHostException | SocketTimeoutException e) {
            socket.close();
            throw new PortNotFoundException(name, name + ": cannot connect (" + e.getMessage()
                    + "); is the serial server (ser2net) running and listening there?", e);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        Rfc2217Link link = new Rfc2217Link(name, socket);
        try {
            link.reader.start();
            link.negotiate();
            return link;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private void negotiate() throws IOException {
        lock.lock();
        try {
            offer(Telnet.WILL, Telnet.OPTION_BINARY);
            offer(Telnet.DO, Telnet.OPTION_BINARY);
            offer(Telnet.WILL, Telnet.OPTION_SUPPRESS_GO_AHEAD);
            offer(Telnet.DO, Telnet.OPTION_SUPPRESS_GO_AHEAD);
            offer(Telnet.WILL, Telnet.OPTION_COM_PORT);
        } finally {
            lock.unlock();
        }
        sendReplies();
        lock.lock();
        try {
            long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
            while (!localEnabled[Telnet.OPTION_COM_PORT]) {
                if (refused[Telnet.OPTION_COM_PORT]) {
                    throw new SerialPortException(name, name + ": the server refused RFC 2217 (telnet COM-PORT-OPTION); "
                            + "in ser2net use the accepter 'telnet(rfc2217),tcp,PORT', or use socket:// for a raw port");
                }
                checkUsable();
                if (!await(deadline)) {
                    throw new SerialPortException(name, name + ": no RFC 2217 answer within " + CONNECT_TIMEOUT.toSeconds()
                            + " s; is it a raw TCP port? then use socket://" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void configure(LineSettings settings) throws IOException {
        long baud = command(Telnet.SET_BAUDRATE, settings.baud(), 4);
        long dataBits = command(Telnet.SET_DATASIZE, settings.dataBits(), 1);
        long parity = command(Telnet.SET_PARITY, parity(settings.parity()), 1);
        int stopSize = settings.stopBits() == 2 ? Telnet.STOPSIZE_2 : Telnet.STOPSIZE_1;
        long stopBits = command(Telnet.SET_STOPSIZE, stopSize, 1);
        long flow = command(Telnet.SET_CONTROL, flowControl(settings.flowControl()), 1);
        if (baud != settings.baud() || dataBits != settings.dataBits() || parity != parity(settings.parity())
                || stopBits != stopSize || flow != flowControl(settings.flowControl())) {
            throw new SerialPortException(name, name + ": asked for " + settings + ", the server set baud " + baud
                    + ", data size " + dataBits + ", parity code " + parity + ", stop size code " + stopBits
                    + ", flow code " + flow + "; can its serial port take that format?");
        }
    }

    private static int parity(Parity parity) {
        return switch (parity) {
            case NONE -> Telnet.PARITY_NONE;
            case ODD -> Telnet.PARITY_ODD;
            case EVEN -> Telnet.PARITY_EVEN;
        };
    }

    private static int flowControl(FlowControl flow) {
        return switch (flow) {
            case NONE -> Telnet.CONTROL_FLOW_NONE;
            case XON_XOFF -> Telnet.CONTROL_FLOW_XON_XOFF;
            case RTS_CTS -> Telnet.CONTROL_FLOW_HARDWARE;
        };
    }

    /**
     * Sends a Com Port command with a {@code size}-byte big-endian value and returns the value the
     * server answered with.
     *
     * @throws SerialPortException when no answer came in time
     */
    long command(int command, long value, int size) throws IOException {
        long answer = exchange(command, value, size);
        if (answer < 0) {
            throw new SerialPortException(name, name + ": no answer to " + Telnet.commandName(command) + " " + value
                    + " within " + ANSWER_TIMEOUT.toSeconds() + " s from the RFC 2217 server");
        }
        return answer;
    }

    /** Sends a Com Port command; the server's answer, or -1 when none came within {@link #ANSWER_TIMEOUT}. */
    private long exchange(int command, long value, int size) throws IOException {
        int answersBefore;
        lock.lock();
        try {
            checkUsable();
            answersBefore = answerCount[command];
        } finally {
            lock.unlock();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
        bytes.write(Telnet.IAC);
        bytes.write(Telnet.SB);
        bytes.write(Telnet.OPTION_COM_PORT);
        bytes.write(command);
        for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
            int b = (int) (value >>> shift) & 0xFF;
            bytes.write(b);
            if (b == Telnet.IAC) {
                // a 0xFF in a value is doubled as in data
                bytes.write(Telnet.IAC);
            }
        }
        bytes.write(Telnet.IAC);
        bytes.write(Telnet.SE);
        send(bytes.toByteArray(), bytes.size());
        lock.lock();
        try {
            long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            while (answerCount[command] == answersBefore) {
                checkUsable();
                if (!await(deadline)) {
                    return -1;
                }
            }
            return answerValue[command];
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        if (length == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (count == 0) {
                checkUsable();
                if (!await(deadline)) {
                    return 0;
                }
            }
            int taken = Math.min(length, count);
            int first = Math.min(taken, ring.length - head);
            System.arraycopy(ring, head, buffer, offset, first);
            System.arraycopy(ring, 0, buffer, offset + first, taken - first);
            head = (head + taken) % ring.length;
            count -= taken;
            changed.signalAll();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Data bytes received and not yet read. */
    int buffered() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        byte[] escaped = new byte[length * 2];
        int size = 0;
        for (int i = offset; i < offset + length; i++) {
            escaped[size++] = buffer[i];
            if ((buffer[i] & 0xFF) == Telnet.IAC) {
                escaped[size++] = buffer[i];
            }
        }
        lock.lock();
        try {
            checkUsable();
        } finally {
            lock.unlock();
        }
        send(escaped, size);
    }

    @Override
    public void discardInput() throws IOException {
        command(Telnet.PURGE_DATA, Telnet.PURGE_RECEIVE_BUFFER, 1);
        lock.lock();
        try {
            // everything before the answer was sent before the server purged
            head = 0;
            count = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasModemLines() {
        return true;
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
        int asked = asserted ? Telnet.CONTROL_DTR_ON : Telnet.CONTROL_DTR_OFF;
        checkControl("DTR", asked, exchange(Telnet.SET_CONTROL, asked, 1));
    }

    @Override
    public void setRts(boolean asserted) throws IOException {
        int asked = asserted ? Telnet.CONTROL_RTS_ON : Telnet.CONTROL_RTS_OFF;
        checkControl("RTS", asked, exchange(Telnet.SET_CONTROL, asked, 1));
    }

    private void checkControl(String line, int asked, long answered) throws LineControlUnsupportedException {
        if (answered < 0) {
            // ser2net stays silent when the line cannot be set (TIOCMSET fails on a pseudo-terminal)
            throw new LineControlUnsupportedException(name, name + ": the server did not confirm " + line + " within "
                    + ANSWER_TIMEOUT.toSeconds() + " s; its serial port may have no modem lines (a pseudo-terminal has none)"
                    + "; enter the bootloader another way (--enter console-command)");
        }
        if (answered != asked) {
            throw new LineControlUnsupportedException(name, name + ": the server did not set " + line
                    + " (asked SET-CONTROL " + asked + ", it answered " + answered + "); does its port have that line?");
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        socket.close();
    }

    @Override
    public String toString() {
        return name;
    }

    /** Called with the lock held. */
    private void checkUsable() throws PortGoneException {
        if (closed) {
            throw new PortGoneException(name, name + ": the port was closed");
        }
        if (goneReason != null) {
            throw new PortGoneException(name, name + ": " + goneReason);
        }
    }

    /** Waits for a change until {@code deadline}; false when the time is up. Called with the lock held. */
    private boolean await(long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        try {
            changed.await(remaining, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Called without {@link #lock}: a write that blocks on TCP must not stop the reader thread. */
    private void send(byte[] bytes, int length) throws IOException {
        synchronized (sendLock) {
            try {
                out.write(bytes, 0, length);
                out.flush();
            } catch (IOException e) {
                throw new PortGoneException(name, name + ": connection lost (" + e.getMessage() + ")", e);
            }
        }
    }

    /** Queues {@code IAC verb option}, remembering a WILL or DO we offered. Called with the lock held. */
    private void offer(int verb, int option) {
        if (verb == Telnet.WILL) {
            willSent[option] = true;
        } else if (verb == Telnet.DO) {
            doSent[option] = true;
        }
        replies.write(Telnet.IAC);
        replies.write(verb);
        replies.write(option);
    }

    /** Sends the queued negotiation bytes. Called without the lock. */
    private void sendReplies() throws IOException {
        byte[] pending;
        lock.lock();
        try {
            pending = replies.toByteArray();
            replies.reset();
        } finally {
            lock.unlock();
        }
        if (pending.length > 0) {
            send(pending, pending.length);
        }
    }

    /**
     * A server that stops while our negotiation bytes sit unread in its socket ends with a TCP
     * reset instead of a close (ser2net does, depending on timing): it is the server ending the
     * session all the same, and the user is told so.
     */
    private static boolean isReset(IOException e) {
        return e instanceof SocketException && e.getMessage() != null
                && e.getMessage().startsWith("Connection reset");
    }

    private void readLoop(InputStream in) {
        byte[] raw = new byte[4096];
        byte[] data = new byte[raw.length];
        String reason;
        try {
            while (true) {
                int got = in.read(raw);
                if (got < 0) {
                    reason = "the server closed the connection";
                    break;
                }
                lock.lock();
                try {
                    int decoded = decoder.decode(raw, 0, got, data, 0);
                    int stored = 0;
                    while (stored < decoded) {
                        // wait for room: TCP then holds the server back, nothing is dropped
                        while (count == ring.length && !closed) {
                            changed.await();
                        }
                        if (closed) {
                            return;
                        }
                        int chunk = Math.min(decoded - stored, ring.length - count);
                        for (int i = 0; i < chunk; i++) {
                            ring[(head + count + i) % ring.length] = data[stored + i];
                        }
                        count += chunk;
                        stored += chunk;
                        changed.signalAll();
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                sendReplies();
            }
        } catch (IOException e) {
            reason = isReset(e) ? "the server reset the connection" : "connection lost (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            reason = "interrupted";
        }
        lock.lock();
        try {
            goneReason = reason;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Negotiation and Com Port answers, called by the decoder on the reader thread with the lock held. */
    private final class Answers implements TelnetDecoder.Listener {

        @Override
        public void onNegotiation(int verb, int option) {
            switch (verb) {
                case Telnet.DO -> {
                    // the server asks us to use an option: binary, SGA and COM-PORT yes, others no
                    if (option == Telnet.OPTION_BINARY || option == Telnet.OPTION_SUPPRESS_GO_AHEAD || option == Telnet.OPTION_COM_PORT) {
                        if (!willSent[option]) {
                            offer(Telnet.WILL, option);
                        }
                        localEnabled[option] = true;
                    } else {
                        refuse(Telnet.WONT, option);
                    }
                }
                case Telnet.DONT -> {
                    // refused (an answer to our WILL) or switched off: acknowledge a switch-off only
                    if (localEnabled[option]) {
                        refuse(Telnet.WONT, option);
                    }
                    localEnabled[option] = false;
                    refused[option] = true;
                }
                case Telnet.WILL -> {
                    // the server offers an option: binary, SGA and its COM-PORT side accepted
                    if (option == Telnet.OPTION_BINARY || option == Telnet.OPTION_SUPPRESS_GO_AHEAD || option == Telnet.OPTION_COM_PORT) {
                        if (!doSent[option]) {
                            offer(Telnet.DO, option);
                        }
                    } else {
                        refuse(Telnet.DONT, option);
                    }
                }
                default -> {
                    // WONT: the server will not use the option; nothing to answer unless we asked, and we only ask once
                }
            }
            changed.signalAll();
        }

        private void refuse(int verb, int option) {
            replies.write(Telnet.IAC);
            replies.write(verb);
            replies.write(option);
        }

        @Override
        public void onSubnegotiation(int option, byte[] bytes, int length) {
            if (option != Telnet.OPTION_COM_PORT || length < 1) {
                return;
            }
            int command = (bytes[0] & 0xFF) - Telnet.SERVER_OFFSET;
            if (command < 0 || command >= Telnet.COMMAND_COUNT) {
                return;
            }
            long value = 0;
            for (int i = 1; i < length; i++) {
                value = value << 8 | (bytes[i] & 0xFF);
            }
            answerValue[command] = value;
            answerCount[command]++;
            changed.signalAll();
        }
    }
}
