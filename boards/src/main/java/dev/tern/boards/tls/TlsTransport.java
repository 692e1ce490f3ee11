package dev.tern.boards.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import org.bouncycastle.util.IPAddress;

import dev.tern.hal.FailureReason;
import dev.tern.hal.Transport;

/**
 * The {@link Transport} HAL over TLS on a non-blocking TCP socket: the JDK's SSLEngine, driven by
 * the engine's polls. {@link #connect()} opens the socket and runs the handshake a step per call
 * (IN_PROGRESS until it finishes, so the engine's connect timeout bounds it); read and write move
 * application bytes through the engine. The board verifies the broker ({@link BrokerTrust}: CA,
 * host name with SNI, validity at the board's time, optional pin) and presents its device
 * certificate when it has one. Why a call failed is {@link #lastFailure()}, a {@link TlsStatus}.
 *
 * <p>One SSLContext per transport: its session cache lets a reconnect resume the session.
 * Buffers are made at the first connect, sized by the SSLEngine, and kept.
 */
public final class TlsTransport implements Transport, FailureReason {

    private final String host;
    private final int port;
    private final TlsSettings settings;
    private final BrokerTrust trust;
    private final SSLContext context;
    private SocketChannel channel;
    private SSLEngine engine;
    private boolean established;
    /** The last session established, read by other threads (a summary). */
    private volatile TlsSession lastSession;
    private boolean peerClosed;
    private int lastFailure = TlsStatus.OK;
    /** Received records not yet decrypted; kept in write mode (position = bytes held). */
    private ByteBuffer netIn;
    /** Records made but not yet taken by the socket; write mode. */
    private ByteBuffer netOut;
    /** Decrypted bytes the engine has not read yet; write mode. */
    private ByteBuffer appIn;
    /** The engine's bytes to encrypt: copied in per write (no per-call ByteBuffer.wrap). */
    private ByteBuffer appOut;
    private final ByteBuffer empty = ByteBuffer.allocate(0);
    private int connects;
    private int handshakes;
    private long wireBytesSent;
    private long wireBytesReceived;

    public TlsTransport(String host, int port, TlsSettings settings) {
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.trust = new BrokerTrust(settings.credentials(), settings.time());
        this.context = settings.context(trust);
    }

    @Override
    public int connect() {
        try {
            if (channel == null) {
                open();
            }
            if (!channel.isConnected() && !channel.finishConnect()) {
                return IN_PROGRESS;
            }
        } catch (IOException e) {
            return fail(TlsStatus.TLS_CONNECT_FAILED);
        }
        if (established) {
            return CONNECTED;
        }
        return handshake();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (channel == null) {
            return FAILED;
        }
        if (!established) {
            return 0;
        }
        try {
            flush();
            if (appIn.position() == 0 && !peerClosed) {
                decrypt();
            }
        } catch (SSLException e) {
            return fail(TlsFailures.classify(e, false));
        } catch (IOException e) {
            return fail(TlsStatus.TLS_BROKEN);
        }
        if (appIn.position() > 0) {
            appIn.flip();
            int count = Math.min(length, appIn.remaining());
            appIn.get(buffer, offset, count);
            appIn.compact();
            return count;
        }
        if (peerClosed) {
            return lastFailure == TlsStatus.OK ? CLOSED : FAILED;
        }
        return 0;
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        if (channel == null) {
            return FAILED;
        }
        if (!established) {
            return 0;
        }
        try {
            if (flush() > 0) {
                return 0; // the socket still holds earlier records: the link is full
            }
            appOut.clear();
            appOut.put(buffer, offset, Math.min(length, appOut.capacity())).flip();
            SSLEngineResult result = engine.wrap(appOut, netOut);
            if (SSLEngineResult.Status.CLOSED == result.getStatus()) {
                return fail(TlsStatus.TLS_BROKEN);
            }
            flush();
            return result.bytesConsumed();
        } catch (SSLException e) {
            return fail(TlsFailures.classify(e, false));
        } catch (IOException e) {
            return fail(TlsStatus.TLS_BROKEN);
        }
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        if (established && !peerClosed) {
            try {
                // close_notify, best effort: the broker then knows the end was meant
                engine.closeOutbound();
                engine.wrap(empty, netOut);
                flush();
            } catch (IOException ignored) {
                // closing either way
            }
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
        channel = null;
        engine = null;
        established = false;
    }

    @Override
    public int lastFailure() {
        return lastFailure;
    }

    @Override
    public String failureName(int status) {
        return TlsStatus.name(status);
    }

    /** TCP connections attempted. */
    public int connects() {
        return connects;
    }

    /** Handshakes finished. */
    public int handshakes() {
        return handshakes;
    }

    /** Bytes written to and read from the socket (records, handshakes included) since this transport was made. */
    public long wireBytesSent() {
        return wireBytesSent;
    }

    public long wireBytesReceived() {
        return wireBytesReceived;
    }

    /** The negotiated protocol ("TLSv1.3"), or "" before the first handshake. */
    public String protocol() {
        return engine == null || !established ? "" : engine.getSession().getProtocol();
    }

    /** The last session this transport established (any thread may ask), or null before the first. */
    public TlsSession lastSession() {
        return lastSession;
    }

    /** The negotiated cipher suite, or "" before the first handshake. */
    public String cipherSuite() {
        return engine == null || !established ? "" : engine.getSession().getCipherSuite();
    }

    /** Bytes this transport keeps in its four buffers (0 before the first connect). */
    public int bufferBytes() {
        return netIn == null ? 0 : netIn.capacity() + netOut.capacity() + appIn.capacity() + appOut.capacity();
    }

    private void open() throws IOException {
        connects++;
        lastFailure = TlsStatus.OK;
        trust.clearFailure();
        peerClosed = false;
        established = false;
        engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(settings.protocols().toArray(new String[0]));
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name must be in the broker's certificate
        if (!IPAddress.isValid(host) && sniAllows(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        if (netIn == null) {
            int packet = engine.getSession().getPacketBufferSize();
            int application = engine.getSession().getApplicationBufferSize();
            // direct: the socket copies a heap buffer through a per-thread direct one it grows now and then
            netIn = ByteBuffer.allocateDirect(packet);
            netOut = ByteBuffer.allocateDirect(packet);
            appIn = ByteBuffer.allocate(application);
            appOut = ByteBuffer.allocate(application);
        }
        netIn.clear();
        netOut.clear();
        appIn.clear();
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress(host, port));
        engine.beginHandshake();
    }

    /** SNI carries DNS names only (RFC 6066): a name it cannot carry (an underscore, say) is checked all the same, unsent. */
    private static boolean sniAllows(String host) {
        try {
            new SNIHostName(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** As far as the network allows: CONNECTED once the handshake finished, IN_PROGRESS, or FAILED. */
    private int handshake() {
        try {
            while (true) {
                if (flush() > 0) {
                    return IN_PROGRESS;
                }
                HandshakeStatus status = engine.getHandshakeStatus();
                switch (status) {
                    case NEED_TASK:
                        runTasks();
                        break;
                    case NEED_WRAP:
                        if (SSLEngineResult.Status.CLOSED == engine.wrap(empty, netOut).getStatus()) {
                            flush();
                            return fail(failureOr(TlsStatus.TLS_HANDSHAKE_FAILED));
                        }
                        break;
                    case NEED_UNWRAP:
                    case NEED_UNWRAP_AGAIN:
                        int step = unwrapStep();
                        if (step == 0) {
                            return IN_PROGRESS;
                        }
                        if (step < 0) {
                            return fail(failureOr(TlsStatus.TLS_TRUNCATED));
                        }
                        break;
                    default: // NOT_HANDSHAKING, FINISHED
                        established = true;
                        handshakes++;
                        lastSession = TlsSession.of(engine.getSession(), host);
                        return CONNECTED;
                }
            }
        } catch (SSLException e) {
            sendAlert();
            return fail(failureOr(TlsFailures.classify(e, true)));
        } catch (IOException e) {
            return fail(alertBeforeTheEnd());
        }
    }

    /**
     * The socket broke in the handshake: a broker that refuses the board's certificate sends an
     * alert and closes, and the board's next write may meet the reset first. The alert may still
     * be readable: its name, else TLS_TRUNCATED.
     */
    private int alertBeforeTheEnd() {
        try {
            while (receive() > 0) {
                continue; // what the kernel still holds
            }
        } catch (IOException ignored) {
            // reset: what was read before is in netIn
        }
        try {
            while (netIn.position() > 0) {
                netIn.flip();
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                netIn.compact();
                if (SSLEngineResult.Status.OK != result.getStatus()) {
                    break;
                }
                runTasks();
            }
        } catch (SSLException alert) {
            return failureOr(TlsFailures.classify(alert, true));
        }
        return failureOr(TlsStatus.TLS_TRUNCATED);
    }

    /**
     * One unwrap in the handshake: 1 when it moved on, 0 when it waits for bytes, -1 when the
     * connection ended or the broker closed TLS.
     */
    private int unwrapStep() throws IOException {
        netIn.flip();
        SSLEngineResult result = engine.unwrap(netIn, appIn);
        netIn.compact();
        switch (result.getStatus()) {
            case OK:
                return 1;
            case BUFFER_UNDERFLOW:
                int read = receive();
                return read < 0 ? -1 : read == 0 ? 0 : 1;
            case CLOSED:
                return -1;
            default: // BUFFER_OVERFLOW: no application data comes before the handshake ends
                throw new SSLException("application data during the handshake overflowed " + appIn.capacity() + " bytes");
        }
    }

    /**
     * Decrypts what has arrived into appIn, as many records as fit, answering post-handshake
     * messages (tickets, key updates) on the way.
     */
    private void decrypt() throws IOException {
        while (true) {
            // no unwrap on an empty buffer: each SSLEngine call allocates, and most polls find nothing
            if (netIn.position() == 0 && !received()) {
                return;
            }
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, appIn);
            netIn.compact();
            HandshakeStatus status = result.getHandshakeStatus();
            if (HandshakeStatus.NEED_TASK == status) {
                runTasks();
            }
            if (HandshakeStatus.NEED_WRAP == engine.getHandshakeStatus()) {
                engine.wrap(empty, netOut);
                flush();
            }
            switch (result.getStatus()) {
                case OK:
                    break; // on to the next record: the engine takes a short read for "no more now"
                case CLOSED:
                    peerClosed = true; // close_notify: a clean end
                    return;
                case BUFFER_OVERFLOW:
                    return; // appIn full: the engine reads it first
                default: // BUFFER_UNDERFLOW: a partial record; wait for the rest
                    if (!received()) {
                        return;
                    }
            }
        }
    }

    /** Whether bytes came; at the end of the stream it marks the peer closed (and, without close_notify, truncated). */
    private boolean received() throws IOException {
        int read = receive();
        if (read < 0) {
            peerClosed = true;
            // the socket ended without close_notify, perhaps inside a record
            lastFailure = TlsStatus.TLS_TRUNCATED;
        }
        return read > 0;
    }

    private int receive() throws IOException {
        int read = channel.read(netIn);
        if (read > 0) {
            wireBytesReceived += read;
        }
        return read;
    }

    /** Writes what the socket takes; the bytes still held. */
    private int flush() throws IOException {
        if (netOut.position() == 0) {
            return 0;
        }
        netOut.flip();
        wireBytesSent += channel.write(netOut);
        netOut.compact();
        return netOut.position();
    }

    private void runTasks() {
        // the engine's delegated tasks (certificate checks, key exchange) run here, on the poll thread
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    /** After a failed handshake the engine may hold an alert for the broker: send it, best effort. */
    private void sendAlert() {
        try {
            engine.closeOutbound();
            engine.wrap(empty, netOut);
            flush();
        } catch (IOException ignored) {
            // the connection is going either way
        }
    }

    private int failureOr(int status) {
        return trust.failure() != TlsStatus.OK ? trust.failure() : status;
    }

    private int fail(int status) {
        lastFailure = status;
        close();
        return FAILED;
    }
}
