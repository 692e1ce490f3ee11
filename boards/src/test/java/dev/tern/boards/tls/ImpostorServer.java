package dev.tern.boards.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on loopback that presents a certificate of the test's choosing: a man in the
 * middle with its own certificate, a broker with the wrong name, an expired or self-signed one.
 * It counts the application bytes it receives: a board that refused it sends none.
 */
final class ImpostorServer implements AutoCloseable {

    private final SSLServerSocket listener;
    private final Thread acceptor;
    private final AtomicInteger applicationBytes = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    private ImpostorServer(SSLServerSocket listener) {
        this.listener = listener;
        this.acceptor = new Thread(this::serve, "impostor-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static ImpostorServer start(CertifiedKey identity) throws Exception {
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", identity.privateKey(), password, identity.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new ImpostorServer(listener);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Bytes that came through a finished handshake: what a board that was fooled would send. */
    int applicationBytes() {
        return applicationBytes.get();
    }

    int accepted() {
        return accepted.get();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                accepted.incrementAndGet();
                socket.setSoTimeout(5000);
                ((SSLSocket) socket).startHandshake();
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[1024];
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    applicationBytes.addAndGet(read);
                }
            } catch (IOException e) {
                // the board refused the handshake, or the listener closed: the next one, if any
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
