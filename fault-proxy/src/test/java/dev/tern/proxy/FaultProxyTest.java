package dev.tern.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a tiny stand-in broker that answers each QoS 1 PUBLISH with a PUBACK. */
class FaultProxyTest {

    private static final byte[] PUBLISH_QOS1_ID_7 = {
        0x32,             // PUBLISH, DUP=0, QoS=1, RETAIN=0
        0x07,             // remaining length 7
        0x00, 0x01, 't',  // topic "t"
        0x00, 0x07,       // packet id 7
        'h', 'i'          // payload "hi"
    };
    private static final byte[] PUBACK_ID_7 = {
        0x40,             // PUBACK
        0x02,             // remaining length 2
        0x00, 0x07        // packet id 7
    };

    private ServerSocket brokerListener;
    private final List<byte[]> brokerReceived = new CopyOnWriteArrayList<>();
    private Thread brokerThread;

    @BeforeEach
    void startStandInBroker() throws IOException {
        brokerListener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        brokerThread = new Thread(this::serveOneClient, "stand-in-broker");
        brokerThread.setDaemon(true);
        brokerThread.start();
    }

    @AfterEach
    void stopStandInBroker() throws IOException, InterruptedException {
        brokerListener.close();
        brokerThread.join(5000);
    }

    private void serveOneClient() {
        try (Socket socket = brokerListener.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] packet = new byte[PUBLISH_QOS1_ID_7.length];
            while (readFully(in, packet)) {
                brokerReceived.add(packet.clone());
                out.write(PUBACK_ID_7);
                out.flush();
            }
        } catch (IOException e) {
            // the test decides what the broker should have seen
        }
    }

    @Test
    void forwardsPacketsBothWaysAndRecordsThemWithIds() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            byte[] answer = new byte[4];
            assertTrue(readFully(client.getInputStream(), answer), "no PUBACK came back through the proxy");
            assertArrayEquals(PUBACK_ID_7, answer);
            assertTrue(proxy.awaitPacket(p -> p.type() == PacketType.PUBACK, Duration.ofSeconds(5)));

            List<SeenPacket> seen = proxy.seen();
            assertEquals(2, seen.size(), seen.toString());
            assertEquals(Direction.TO_BROKER, seen.get(0).direction());
            assertEquals(PacketType.PUBLISH, seen.get(0).type());
            assertEquals(7, seen.get(0).packetId());
            assertEquals(1, seen.get(0).qos());
            assertEquals(false, seen.get(0).dup());
            assertEquals(Direction.TO_CLIENT, seen.get(1).direction());
            assertEquals(PacketType.PUBACK, seen.get(1).type());
            assertEquals(7, seen.get(1).packetId());
        }
    }

    @Test
    void cutAfterDeliversThePacketButNotItsAnswer() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            proxy.cutAfter(p -> p.type() == PacketType.PUBLISH);
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            assertEquals(-1, client.getInputStream().read(), "the client must see the connection end");
            assertTrue(proxy.awaitCuts(1, Duration.ofSeconds(5)));
            assertTrue(waitFor(() -> brokerReceived.size() == 1), "the broker must have the PUBLISH");
            assertArrayEquals(PUBLISH_QOS1_ID_7, brokerReceived.get(0));
        }
    }

    @Test
    void refusesNewConnectionsWhileTheOutageLastsThenForwardsAgain() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort())) {
            proxy.refuseConnections(true);
            try (Socket refused = connect(proxy)) {
                assertThrows(IOException.class, () -> {
                    refused.getOutputStream().write(PUBLISH_QOS1_ID_7);
                    if (refused.getInputStream().read() < 0) {
                        throw new IOException("ended");
                    }
                }, "a connection made during the outage must end before anything passes");
            }
            assertEquals(1, proxy.refused());
            assertEquals(List.of(), brokerReceived);

            proxy.refuseConnections(false);
            try (Socket client = connect(proxy)) {
                client.getOutputStream().write(PUBLISH_QOS1_ID_7);
                byte[] answer = new byte[4];
                assertTrue(readFully(client.getInputStream(), answer), "after the outage packets must flow again");
                assertArrayEquals(PUBACK_ID_7, answer);
            }
            assertEquals(1, proxy.refused());
        }
    }

    @Test
    void losesEveryPacketOneWayWhileTheLinkIsDarkAndKeepsTheConnection() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            proxy.loseAll(Direction.TO_CLIENT, true);
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);
            assertTrue(waitFor(() -> brokerReceived.size() == 1), "the way to the broker still works");
            assertTrue(waitFor(() -> proxy.lost() == 1), "the PUBACK must be lost");
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read(),
                    "nothing may come back, and the connection must not end");

            proxy.loseAll(Direction.TO_CLIENT, false);
            client.setSoTimeout(10_000);
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);
            byte[] answer = new byte[4];
            assertTrue(readFully(client.getInputStream(), answer), "once the link is back answers flow again");
            assertArrayEquals(PUBACK_ID_7, answer);
            assertEquals(1, proxy.lost());
        }
    }

    @Test
    void keepsAcceptingAfterTheBrokerWasDownForAWhile() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", port)) {
            try (Socket whileDown = connect(proxy)) {
                assertThrows(IOException.class, () -> {
                    if (whileDown.getInputStream().read() < 0) {
                        throw new IOException("ended");
                    }
                }, "with the broker down the client's connection must end");
            }
            assertEquals(1, proxy.brokerUnreachable());
            try (ServerSocket restarted = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 Socket client = connect(proxy);
                 Socket atBroker = accept(restarted)) {
                client.getOutputStream().write(PUBLISH_QOS1_ID_7);
                byte[] received = new byte[PUBLISH_QOS1_ID_7.length];
                assertTrue(readFully(atBroker.getInputStream(), received), "once the broker is back packets must pass");
                assertArrayEquals(PUBLISH_QOS1_ID_7, received);
            }
        }
    }

    private static Socket accept(ServerSocket listener) throws IOException {
        listener.setSoTimeout(10_000);
        Socket socket = listener.accept();
        socket.setSoTimeout(10_000);
        return socket;
    }

    @Test
    void cutBeforeNeverDeliversThePacket() throws IOException, InterruptedException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            proxy.cutBefore(p -> p.type() == PacketType.PUBLISH);
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            assertEquals(-1, client.getInputStream().read(), "the client must see the connection end");
            brokerThread.join(5000);
            assertEquals(List.of(), brokerReceived);
            assertEquals(1, proxy.cuts());
        }
    }

    @Test
    void dropOnceSwallowsOnePacketAndKeepsTheConnection() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            proxy.dropOnce(p -> p.type() == PacketType.PUBACK);
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);
            assertTrue(proxy.awaitDrops(1, Duration.ofSeconds(5)), "the first PUBACK was not dropped");
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            byte[] answer = new byte[4];
            assertTrue(readFully(client.getInputStream(), answer), "the second PUBACK must come through");
            assertArrayEquals(PUBACK_ID_7, answer);
            assertTrue(waitFor(() -> brokerReceived.size() == 2), "the broker must have both PUBLISH packets");
            assertEquals(2, proxy.seen().stream().filter(p -> p.type() == PacketType.PUBACK).count(),
                    "a dropped packet is still seen: " + proxy.seen());

            assertEquals(0, proxy.cuts(), "a drop is not a cut");
            assertEquals(1, proxy.connectionsAccepted());
            List<SeenPacket> dropped = proxy.dropped();
            assertEquals(1, dropped.size(), dropped.toString());
            assertEquals(Direction.TO_CLIENT, dropped.get(0).direction());
            assertEquals(7, dropped.get(0).packetId());
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read(),
                    "exactly one PUBACK reaches the client, and the connection stays open");
        }
    }

    @Test
    void byteByByteStillDeliversWholePackets() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort()).byteByByte(true);
             Socket client = connect(proxy)) {
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            byte[] answer = new byte[4];
            assertTrue(readFully(client.getInputStream(), answer));
            assertArrayEquals(PUBACK_ID_7, answer);
            assertArrayEquals(PUBLISH_QOS1_ID_7, brokerReceived.get(0));
        }
    }

    @Test
    void cutInsideDeliversTheFirstBytesOfThePacketThenEndsTheConnection() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            proxy.cutInside(p -> p.type() == PacketType.PUBACK, 3);
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            byte[] partial = new byte[3];
            assertTrue(readFully(client.getInputStream(), partial), "the first 3 bytes of the PUBACK arrive");
            assertArrayEquals(java.util.Arrays.copyOf(PUBACK_ID_7, 3), partial);
            assertEquals(-1, client.getInputStream().read(), "then the connection ends, the last byte never comes");
            assertEquals(1, proxy.cuts());
        }
    }

    @Test
    void cutInsideForwardsAtMostAllButTheLastByte() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            proxy.cutInside(p -> p.type() == PacketType.PUBACK, 1000);
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            byte[] partial = new byte[3];
            assertTrue(readFully(client.getInputStream(), partial));
            assertEquals(-1, client.getInputStream().read(), "a packet cut inside is never whole");
        }
    }

    @Test
    void delayOnceHoldsOnePacketThenForwardsIt() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            proxy.delayOnce(p -> p.type() == PacketType.PUBACK, Duration.ofMillis(200));
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            byte[] answer = new byte[4];
            assertTrue(readFully(client.getInputStream(), answer), "the delayed PUBACK still arrives");
            assertArrayEquals(PUBACK_ID_7, answer);
            assertEquals(1, proxy.delays());
            assertEquals(0, proxy.cuts(), "a delay is not a cut");
        }
    }

    @Test
    void splitOnceDeliversThePacketWhole() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            proxy.splitOnce(p -> p.type() == PacketType.PUBLISH);
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            byte[] answer = new byte[4];
            assertTrue(readFully(client.getInputStream(), answer));
            assertArrayEquals(PUBACK_ID_7, answer);
            assertArrayEquals(PUBLISH_QOS1_ID_7, brokerReceived.get(0));
            assertEquals(1, proxy.splits());
        }
    }

    @Test
    void clearRulesRemovesRulesThatHaveNotFired() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerListener.getLocalPort());
             Socket client = connect(proxy)) {
            proxy.cutAfter(p -> p.type() == PacketType.PUBLISH).recording(false);
            assertEquals(1, proxy.pendingRules());
            assertEquals(1, proxy.clearRules());
            client.getOutputStream().write(PUBLISH_QOS1_ID_7);

            byte[] answer = new byte[4];
            assertTrue(readFully(client.getInputStream(), answer), "no rule left to cut");
            assertEquals(0, proxy.cuts());
            assertEquals(List.of(), proxy.seen(), "nothing recorded with recording off");
        }
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static boolean readFully(InputStream in, byte[] into) throws IOException {
        int filled = 0;
        while (filled < into.length) {
            int read = in.read(into, filled, into.length - filled);
            if (read < 0) {
                return false;
            }
            filled += read;
        }
        return true;
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) {
        return Waiting.until(condition, Duration.ofSeconds(5));
    }
}
