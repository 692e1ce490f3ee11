package dev.tern.boards.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A server that speaks only TLS 1.0 or only TLS 1.1: to any ClientHello it answers with a
 * ServerHello of that version (RFC 2246 / RFC 4346 section 7.4.1.3), as a server limited to it
 * does. The JDK of the test cannot play that server itself (it disables TLS 1.0 and 1.1), so the
 * bytes are written here.
 */
final class OldTlsServer implements AutoCloseable {

    /** The minor version byte of TLS 1.0 (wire version 3.1) and TLS 1.1 (3.2). */
    static final int TLS10 = 1;
    static final int TLS11 = 2;

    private final byte[] serverHello;
    private final ServerSocket listener;

    private OldTlsServer(int minorVersion) throws IOException {
        serverHello = serverHello(minorVersion);
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(this::serve, "old-tls-" + listener.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** A server answering with TLS 1.{@code minorVersion - 1}: {@link #TLS10} or {@link #TLS11}. */
    static OldTlsServer start(int minorVersion) throws IOException {
        return new OldTlsServer(minorVersion);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                if (in.read(buffer) > 0) { // the ClientHello (its content does not matter to this server)
                    OutputStream out = socket.getOutputStream();
                    out.write(serverHello);
                    out.flush();
                    while (in.read(buffer) > 0) {
                        continue; // until the client gives up
                    }
                }
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private static byte[] serverHello(int minorVersion) {
        byte[] hello = new byte[5 + 4 + 38];
        int at = 0;
        hello[at++] = 0x16;                  // record: handshake
        hello[at++] = 0x03;
        hello[at++] = (byte) minorVersion;   // record version
        hello[at++] = 0x00;
        hello[at++] = 42;                    // record length: 4 + 38
        hello[at++] = 0x02;                  // handshake: server_hello
        hello[at++] = 0x00;
        hello[at++] = 0x00;
        hello[at++] = 38;                    // handshake length
        hello[at++] = 0x03;
        hello[at++] = (byte) minorVersion;   // server_version
        for (int i = 0; i < 32; i++) {
            hello[at++] = (byte) (i + 1);    // random
        }
        hello[at++] = 0x00;                  // session id length 0
        hello[at++] = 0x00;
        hello[at++] = 0x2F;                  // TLS_RSA_WITH_AES_128_CBC_SHA
        hello[at] = 0x00;                    // compression: null
        return hello;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
