package dev.tern.testsupport.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy on loopback between an MQTT client and a broker that sees every packet and can cut
 * the connection at a chosen packet boundary: before a packet is forwarded (it never arrives) or
 * right after (it arrives, its answer never comes back). It can also drop one packet and keep the
 * connection open (a packet lost without the connection noticing: what an acknowledgement timer
 * is for). Rules fire once. It can also forward packets one byte at a time, to exercise
 * incremental decoding.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start("127.0.0.1", broker.port())) {
 *     proxy.cutAfter(p -> p.direction() == Direction.TO_BROKER && p.type() == PacketType.PUBLISH);
 *     // connect the client to 127.0.0.1:proxy.port() ...
 *     proxy.awaitCuts(1, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * A cut half-closes both sockets (so what was forwarded is delivered), drains what is still in
 * flight without forwarding it, then closes: the client and the broker each see the connection end.
 */
public final class FaultProxy implements AutoCloseable {

    /** What a rule does with the packet that matched. */
    enum Fault {
        /** Cut instead of forwarding it. */
        CUT_BEFORE,
        /** Forward it, then cut. */
        CUT_AFTER,
        /** Do not forward it; the connection stays open and carries on with the next packet. */
        DROP
    }

    record Rule(Predicate<SeenPacket> matches, Fault fault) {
    }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<ProxiedConnection> connections = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<SeenPacket> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private final List<SeenPacket> dropped = new CopyOnWriteArrayList<>();
    private volatile boolean byteByByte;
    private volatile boolean closed;

    private FaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port forwarding to {@code targetHost:targetPort}. */
    public static FaultProxy start(String targetHost, int targetPort) {
        try {
            return new FaultProxy(targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("fault proxy could not listen on loopback", e);
        }
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts once, after forwarding the first packet that matches. */
    public FaultProxy cutAfter(Predicate<SeenPacket> matches) {
        return addRule(new Rule(matches, Fault.CUT_AFTER));
    }

    /** Cuts once, instead of forwarding the first packet that matches. */
    public FaultProxy cutBefore(Predicate<SeenPacket> matches) {
        return addRule(new Rule(matches, Fault.CUT_BEFORE));
    }

    /**
     * Swallows the first packet that matches, once: it is not forwarded, the connection stays
     * open and the packets after it flow as before. It still appears in {@link #seen()}, and in
     * {@link #dropped()}.
     */
    public FaultProxy dropOnce(Predicate<SeenPacket> matches) {
        return addRule(new Rule(matches, Fault.DROP));
    }

    private FaultProxy addRule(Rule rule) {
        synchronized (rules) {
            rules.add(rule);
        }
        return this;
    }

    /** Forwards every packet one byte per write (each flushed) instead of whole. */
    public FaultProxy byteByByte(boolean enabled) {
        this.byteByByte = enabled;
        return this;
    }

    /** Cuts every open connection now. */
    public void cutAll() {
        for (ProxiedConnection connection : connections) {
            if (connection.cut()) {
                cuts.incrementAndGet();
            }
        }
    }

    /** Every packet forwarded, cut on or dropped so far, in the order the proxy saw them. */
    public List<SeenPacket> seen() {
        return List.copyOf(seen);
    }

    public int cuts() {
        return cuts.get();
    }

    /** Every packet a {@link #dropOnce} rule swallowed, in order. */
    public List<SeenPacket> dropped() {
        return List.copyOf(dropped);
    }

    public int connectionsAccepted() {
        return connections.size();
    }

    /** Waits, bounded, until {@code count} cuts have happened; false on timeout. */
    public boolean awaitCuts(int count, Duration timeout) {
        return Waiting.until(() -> cuts.get() >= count, timeout);
    }

    /** Waits, bounded, until {@code count} packets have been dropped; false on timeout. */
    public boolean awaitDrops(int count, Duration timeout) {
        return Waiting.until(() -> dropped.size() >= count, timeout);
    }

    /** Waits, bounded, until a packet matching {@code matches} has been seen; false on timeout. */
    public boolean awaitPacket(Predicate<SeenPacket> matches, Duration timeout) {
        return Waiting.until(() -> seen.stream().anyMatch(matches), timeout);
    }

    /** Called by a connection for each whole packet: records it and says what fault to apply, or null. */
    Fault onPacket(SeenPacket packet) {
        seen.add(packet);
        synchronized (rules) {
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                if (rule.matches().test(packet)) {
                    rules.remove(i);
                    if (rule.fault() == Fault.DROP) {
                        dropped.add(packet);
                    } else {
                        cuts.incrementAndGet();
                    }
                    return rule.fault();
                }
            }
        }
        return null;
    }

    boolean byteByByteEnabled() {
        return byteByByte;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket broker = new Socket(targetHost, targetPort);
                ProxiedConnection connection = new ProxiedConnection(this, connections.size() + 1, client, broker);
                connections.add(connection);
                connection.start();
            } catch (SocketException e) {
                return; // listener closed
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("fault proxy: could not reach " + targetHost + ":" + targetPort + ": " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (ProxiedConnection connection : connections) {
            connection.closeNow();
        }
        try {
            acceptor.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
