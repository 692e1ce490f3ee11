package dev.tern.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A TCP proxy on loopback between an MQTT client and a broker that sees every packet and can cut
 * the connection at a chosen packet boundary: before a packet is forwarded (it never arrives) or
 * right after (it arrives, its answer never comes back). It can also drop one packet and keep the
 * connection open (a packet lost without the connection noticing: what an acknowledgement timer
 * is for). Rules fire once. It can also forward packets one byte at a time, to exercise
 * incremental decoding, cut inside a packet (the first bytes of it arrive, then the connection
 * ends), hold one packet back for a while (a slow link), and split one packet into single bytes.
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
 *
 * <p>For a network outage, {@link #loseAll(Direction, boolean)} silently loses every packet one way
 * while the connection stays open (a link gone dark: nobody is told), and
 * {@link #refuseConnections(boolean)} resets new connections at once, before any byte reaches the
 * broker, until it is turned off again.
 *
 * <p>In front of a TLS listener ({@link #startForTls}) the proxy cannot read the packets: it frames
 * TLS records instead, and only the outage (losing, refusing) and {@link #cutAll()} work; a rule
 * about packets is refused, and {@link #lost()} counts records.
 */
public final class FaultProxy implements AutoCloseable {

    /** What a rule does with the packet that matched. */
    enum Fault {
        /** Cut instead of forwarding it. */
        CUT_BEFORE,
        /** Forward it, then cut. */
        CUT_AFTER,
        /** Do not forward it; the connection stays open and carries on with the next packet. */
        DROP,
        /** Forward only its first {@link Rule#amount()} bytes, then cut: a cut at a byte offset. */
        CUT_INSIDE,
        /** Wait {@link Rule#amount()} milliseconds, then forward it (and what follows it that way). */
        DELAY,
        /** Forward it one byte per write (each flushed). */
        SPLIT
    }

    /** @param amount bytes forwarded for CUT_INSIDE, milliseconds for DELAY, else 0 */
    record Rule(Predicate<SeenPacket> matches, Fault fault, long amount) {
        Rule(Predicate<SeenPacket> matches, Fault fault) {
            this(matches, fault, 0);
        }
    }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<ProxiedConnection> connections = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<SeenPacket> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger delays = new AtomicInteger();
    private final AtomicInteger splits = new AtomicInteger();
    private final List<SeenPacket> dropped = new CopyOnWriteArrayList<>();
    private volatile boolean byteByByte;
    private volatile boolean recording = true;
    private volatile Consumer<SeenPacket> forwardedListener = packet -> { };
    private volatile boolean closed;
    private volatile boolean refusing;
    private volatile boolean losingToBroker;
    private volatile boolean losingToClient;
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unreachable = new AtomicInteger();

    private final boolean tls;

    private FaultProxy(String targetHost, int targetPort, boolean tls) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.tls = tls;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port forwarding to {@code targetHost:targetPort}. */
    public static FaultProxy start(String targetHost, int targetPort) {
        return start(targetHost, targetPort, false);
    }

    /** A proxy in front of a TLS listener: it passes, loses and cuts whole TLS records. */
    public static FaultProxy startForTls(String targetHost, int targetPort) {
        return start(targetHost, targetPort, true);
    }

    private static FaultProxy start(String targetHost, int targetPort, boolean tls) {
        try {
            return new FaultProxy(targetHost, targetPort, tls);
        } catch (IOException e) {
            throw new UncheckedIOException("fault proxy could not listen on loopback", e);
        }
    }

    /** Whether this proxy frames TLS records ({@link #startForTls}) rather than MQTT packets. */
    public boolean framesTls() {
        return tls;
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

    /**
     * Cuts once inside the first packet that matches: its first {@code bytes} bytes are
     * forwarded (at least 1, at most all but its last byte), then the connection ends; the
     * receiver holds a partial packet it must throw away.
     */
    public FaultProxy cutInside(Predicate<SeenPacket> matches, int bytes) {
        return addRule(new Rule(matches, Fault.CUT_INSIDE, bytes));
    }

    /**
     * Holds the first packet that matches for {@code delay}, once, then forwards it; packets
     * behind it in the same direction wait too, as on a slow link. Counted in {@link #delays()}.
     */
    public FaultProxy delayOnce(Predicate<SeenPacket> matches, Duration delay) {
        return addRule(new Rule(matches, Fault.DELAY, delay.toMillis()));
    }

    /** Forwards the first packet that matches one byte per write, once. Counted in {@link #splits()}. */
    public FaultProxy splitOnce(Predicate<SeenPacket> matches) {
        return addRule(new Rule(matches, Fault.SPLIT));
    }

    /** Removes the rules that have not fired yet; returns how many there were. */
    public int clearRules() {
        synchronized (rules) {
            int pending = rules.size();
            rules.clear();
            return pending;
        }
    }

    /** How many rules wait for their packet. */
    public int pendingRules() {
        synchronized (rules) {
            return rules.size();
        }
    }

    private FaultProxy addRule(Rule rule) {
        if (tls) {
            throw new IllegalStateException("a rule about MQTT packets needs a proxy that can read them: this one"
                    + " passes TLS records (only loseAll, refuseConnections and cutAll work)");
        }
        synchronized (rules) {
            rules.add(rule);
        }
        return this;
    }

    /**
     * Whether {@link #seen()} keeps every packet (the default); a long run turns it off so the
     * list does not grow without bound. Rules still see every packet.
     */
    public FaultProxy recording(boolean enabled) {
        this.recording = enabled;
        return this;
    }

    /**
     * Called on a pump thread for every packet once it was forwarded whole (not for one cut
     * before or inside, or dropped): what the other side can have read.
     */
    public FaultProxy onForwarded(Consumer<SeenPacket> listener) {
        this.forwardedListener = listener;
        return this;
    }

    void forwarded(SeenPacket packet) {
        forwardedListener.accept(packet);
    }

    /** Forwards every packet one byte per write (each flushed) instead of whole. */
    public FaultProxy byteByByte(boolean enabled) {
        this.byteByByte = enabled;
        return this;
    }

    /**
     * While on, each new connection is reset as soon as it is accepted (the broker never sees it),
     * as when the network between the client and the broker is down. Counted in {@link #refused()}.
     */
    public FaultProxy refuseConnections(boolean enabled) {
        this.refusing = enabled;
        return this;
    }

    /**
     * While on, every packet travelling {@code direction} is lost: not forwarded, with the
     * connection left open and nobody told. Counted in {@link #lost()}; rules see them first.
     */
    public FaultProxy loseAll(Direction direction, boolean enabled) {
        if (direction == Direction.TO_BROKER) {
            losingToBroker = enabled;
        } else {
            losingToClient = enabled;
        }
        return this;
    }

    boolean losing(Direction direction) {
        return direction == Direction.TO_BROKER ? losingToBroker : losingToClient;
    }

    void countLost() {
        lost.incrementAndGet();
    }

    /** Packets lost by {@link #loseAll} so far. */
    public int lost() {
        return lost.get();
    }

    /** Connections reset by {@link #refuseConnections(boolean)} so far. */
    public int refused() {
        return refused.get();
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

    /** Cuts so far: rules that cut (before, after or inside a packet) and {@link #cutAll()}. */
    public int cuts() {
        return cuts.get();
    }

    /** Packets held back by {@link #delayOnce} so far. */
    public int delays() {
        return delays.get();
    }

    /** Packets split into single bytes by {@link #splitOnce} so far. */
    public int splits() {
        return splits.get();
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

    /** Called by a connection for each whole packet: records it and says which rule applies, or null. */
    Rule onPacket(SeenPacket packet) {
        if (recording) {
            seen.add(packet);
        }
        synchronized (rules) {
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                if (rule.matches().test(packet)) {
                    rules.remove(i);
                    switch (rule.fault()) {
                        case DROP -> dropped.add(packet);
                        case DELAY -> delays.incrementAndGet();
                        case SPLIT -> splits.incrementAndGet();
                        default -> cuts.incrementAndGet();
                    }
                    return rule;
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
                if (refusing) {
                    refused.incrementAndGet();
                    refuse(client);
                    continue;
                }
                Socket broker;
                try {
                    broker = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    // the broker is down (a restart): the client sees its connection reset, as it would
                    // without the proxy, and tries again; this loop carries on
                    unreachable.incrementAndGet();
                    refuse(client);
                    continue;
                }
                ProxiedConnection connection = new ProxiedConnection(this, connections.size() + 1, client, broker);
                connections.add(connection);
                connection.start();
            } catch (IOException e) {
                if (closed) {
                    return; // listener closed
                }
            }
        }
    }

    /** Connections reset because the broker did not accept the proxy's connection (it was down). */
    public int brokerUnreachable() {
        return unreachable.get();
    }

    private void refuse(Socket client) {
        try (client) {
            client.setSoLinger(true, 0); // a reset, not an orderly end: nothing was ever there
        } catch (IOException ignored) {
            // gone already
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
