package dev.tern.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.Optional;

/** One client connection through the {@link FaultProxy}: a pump thread per direction. */
final class ProxiedConnection {

    private static final int DRAIN_MILLIS = 2000;

    private final FaultProxy proxy;
    private final int number;
    private final Socket client;
    private final Socket broker;
    private final Object cutLock = new Object();
    private boolean cut;
    private int directionsEnded;

    ProxiedConnection(FaultProxy proxy, int number, Socket client, Socket broker) {
        this.proxy = proxy;
        this.number = number;
        this.client = client;
        this.broker = broker;
    }

    void start() {
        startPump(Direction.TO_BROKER, client, broker);
        startPump(Direction.TO_CLIENT, broker, client);
    }

    private void startPump(Direction direction, Socket from, Socket to) {
        Thread pump = new Thread(() -> pump(direction, from, to),
                "fault-proxy-" + number + "-" + direction.name().toLowerCase());
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(Direction direction, Socket from, Socket to) {
        byte[] buffer = new byte[1 << 16];
        int filled = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    endOfStream(to);
                    return;
                }
                filled += read;
                int start = 0;
                while (true) {
                    Optional<Integer> length = proxy.framesTls() ? TlsRecords.recordLength(buffer, start, filled - start)
                            : MqttFrames.packetLength(buffer, start, filled - start);
                    if (length.isEmpty() || length.get() > filled - start) {
                        break;
                    }
                    byte[] packet = Arrays.copyOfRange(buffer, start, start + length.get());
                    start += length.get();
                    if (!(proxy.framesTls() ? forwardRecord(direction, packet, out) : forward(direction, packet, out))) {
                        return;
                    }
                }
                System.arraycopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                if (filled == buffer.length) {
                    throw new IOException("packet or record larger than the proxy buffer (" + buffer.length + " bytes)");
                }
            }
        } catch (IOException e) {
            closeNow();
        }
    }

    /** Forwards one TLS record unless the link is dark that way; false once the connection is cut. */
    private boolean forwardRecord(Direction direction, byte[] record, OutputStream out) throws IOException {
        synchronized (cutLock) {
            if (cut) {
                return false;
            }
        }
        if (proxy.losing(direction)) {
            proxy.countLost();
            return true;
        }
        out.write(record);
        out.flush();
        return true;
    }

    /** Forwards one packet unless a rule cuts or drops it here; false once the connection is cut. */
    private boolean forward(Direction direction, byte[] packet, OutputStream out) throws IOException {
        synchronized (cutLock) {
            if (cut) {
                return false;
            }
        }
        SeenPacket seen = new SeenPacket(number, direction, PacketType.ofFirstByte(packet[0] & 0xFF),
                packet[0] & 0x0F, MqttFrames.packetId(packet), packet);
        FaultProxy.Rule rule = proxy.onPacket(seen);
        FaultProxy.Fault fault = rule == null ? null : rule.fault();
        if (fault == FaultProxy.Fault.CUT_BEFORE) {
            cut();
            return false;
        }
        if (fault == FaultProxy.Fault.DROP) {
            return true;
        }
        if (proxy.losing(direction)) {
            proxy.countLost();
            return true;
        }
        if (fault == FaultProxy.Fault.DELAY) {
            pause(rule.amount());
        }
        int length = packet.length;
        if (fault == FaultProxy.Fault.CUT_INSIDE) {
            length = (int) Math.max(1, Math.min(packet.length - 1, rule.amount()));
        }
        boolean cutting = fault == FaultProxy.Fault.CUT_AFTER || fault == FaultProxy.Fault.CUT_INSIDE;
        if (cutting && !markCut()) {
            return false;
        }
        // from here a CUT_AFTER connection forwards nothing else: the answer to this packet,
        // which can only exist once the packet is written, never passes the other way
        if (proxy.byteByByteEnabled() || fault == FaultProxy.Fault.SPLIT) {
            for (int i = 0; i < length; i++) {
                out.write(packet[i]);
                out.flush();
            }
        } else {
            out.write(packet, 0, length);
            out.flush();
        }
        if (fault != FaultProxy.Fault.CUT_INSIDE) {
            proxy.forwarded(seen);
        }
        if (cutting) {
            finishCut();
            return false;
        }
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void endOfStream(Socket to) {
        // pass the half-close on, so each side sees the other's end of stream
        boolean bothEnded;
        synchronized (cutLock) {
            directionsEnded++;
            bothEnded = directionsEnded == 2;
        }
        try {
            to.shutdownOutput();
        } catch (IOException e) {
            closeNow();
        }
        if (bothEnded) {
            closeNow();
        }
    }

    /**
     * Ends the connection at a packet boundary: what was forwarded is delivered (FIN, not RST),
     * nothing more is forwarded. True when this call made the cut.
     */
    boolean cut() {
        if (!markCut()) {
            return false;
        }
        finishCut();
        return true;
    }

    /** Stops all forwarding; true when this call did it. */
    private boolean markCut() {
        synchronized (cutLock) {
            if (cut) {
                return false;
            }
            cut = true;
            return true;
        }
    }

    /** Half-closes both sides now and closes them after a drain period. */
    private void finishCut() {
        halfClose(client);
        halfClose(broker);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeNow();
        }, "fault-proxy-" + number + "-close");
        closer.setDaemon(true);
        closer.start();
    }

    private static void halfClose(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // already closed
        }
    }

    void closeNow() {
        synchronized (cutLock) {
            cut = true;
        }
        try {
            client.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            broker.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
