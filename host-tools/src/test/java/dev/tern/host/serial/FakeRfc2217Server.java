package dev.tern.host.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An RFC 2217 server in this JVM, on 127.0.0.1, for one client: it agrees to COM-PORT, answers
 * each command with its value (or stays silent for the values in {@code silentControls}), and
 * records the raw bytes and the decoded data and commands it received.
 */
final class FakeRfc2217Server implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    private final boolean comPort;
    private final List<Integer> silentControls;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final List<String> commands = new ArrayList<>();
    private volatile Socket client;

    private FakeRfc2217Server(boolean comPort, List<Integer> silentControls) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        this.comPort = comPort;
        this.silentControls = silentControls;
        this.thread = new Thread(this::serve, "fake rfc2217 server");
        thread.setDaemon(true);
        thread.start();
    }

    static FakeRfc2217Server start() throws IOException {
        return new FakeRfc2217Server(true, List.of());
    }

    /** Does not answer SET-CONTROL with these values, as ser2net does not when a pty has no modem lines. */
    static FakeRfc2217Server silentOn(Integer... controls) throws IOException {
        return new FakeRfc2217Server(true, List.of(controls));
    }

    /** Refuses COM-PORT (IAC DONT 44). */
    static FakeRfc2217Server refusingComPort() throws IOException {
        return new FakeRfc2217Server(false, List.of());
    }

    String url() {
        return "rfc2217://127.0.0.1:" + server.getLocalPort();
    }

    /** Sends raw bytes to the client (already telnet-encoded). */
    void send(byte[] bytes) throws IOException {
        OutputStream out = awaitClient().getOutputStream();
        synchronized (this) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Closes the client's connection, as a server that stopped would. */
    void dropClient() throws IOException {
        awaitClient().close();
    }

    /** Ends the connection with a TCP reset (SO_LINGER 0), as a server killed with unread bytes does. */
    void resetClient() throws IOException {
        Socket client = awaitClient();
        client.setSoLinger(true, 0);
        client.close();
    }

    synchronized byte[] raw() {
        return raw.toByteArray();
    }

    synchronized byte[] data() {
        return data.toByteArray();
    }

    /** Commands received, as "command value..." e.g. "1 [0, 1, -62, 0]". */
    synchronized List<String> commands() {
        return new ArrayList<>(commands);
    }

    private Socket awaitClient() throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (client == null) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no client connected");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return client;
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            client = socket;
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            synchronized (this) {
                out.write(new byte[] {(byte) 0xFF, (byte) (comPort ? Telnet.DO : Telnet.DONT), (byte) Telnet.OPTION_COM_PORT});
                out.flush();
            }
            TelnetDecoder decoder = new TelnetDecoder(new TelnetDecoder.Listener() {
                @Override
                public void onNegotiation(int verb, int option) {
                    // agreed or not, this server has nothing more to say about options
                }

                @Override
                public void onSubnegotiation(int option, byte[] bytes, int length) {
                    byte[] command = Arrays.copyOf(bytes, length);
                    synchronized (FakeRfc2217Server.this) {
                        commands.add((command[0] & 0xFF) + " " + Arrays.toString(Arrays.copyOfRange(command, 1, length)));
                    }
                    if (command[0] == Telnet.SET_CONTROL && silentControls.contains(command[1] & 0xFF)) {
                        return;
                    }
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    answer.write(0xFF);
                    answer.write(Telnet.SB);
                    answer.write(Telnet.OPTION_COM_PORT);
                    answer.write((command[0] & 0xFF) + Telnet.SERVER_OFFSET);
                    for (int i = 1; i < length; i++) {
                        answer.write(command[i]);
                        if ((command[i] & 0xFF) == 0xFF) {
                            answer.write(0xFF);
                        }
                    }
                    answer.write(0xFF);
                    answer.write(Telnet.SE);
                    try {
                        synchronized (FakeRfc2217Server.this) {
                            out.write(answer.toByteArray());
                            out.flush();
                        }
                    } catch (IOException e) {
                        // the client went away; the test sees it from its side
                    }
                }
            });
            byte[] buffer = new byte[4096];
            byte[] decoded = new byte[buffer.length];
            int got;
            while ((got = in.read(buffer)) >= 0) {
                synchronized (this) {
                    raw.write(buffer, 0, got);
                }
                int count = decoder.decode(buffer, 0, got, decoded, 0);
                synchronized (this) {
                    data.write(decoded, 0, count);
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket = client;
        if (socket != null) {
            socket.close();
        }
    }
}
