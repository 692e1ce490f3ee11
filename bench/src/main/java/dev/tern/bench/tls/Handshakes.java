package dev.tern.bench.tls;

import dev.tern.bench.Spread;
import dev.tern.boards.tls.TlsSettings;
import dev.tern.boards.tls.TlsStatus;
import dev.tern.boards.tls.TlsTransport;
import dev.tern.hal.Transport;

/**
 * Handshake cost per connection: each round a new {@link TlsTransport} connects (a full
 * handshake), reads a moment (TLS 1.3 session tickets come after the handshake), closes and
 * connects again from the same transport (its SSLContext's session cache offers the session: a
 * resumed handshake when the broker takes it). Time from connect() to CONNECTED; bytes on the wire.
 */
final class Handshakes {

    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    /** One handshake: its time and bytes each way. */
    record Handshake(double millis, long sent, long received) {
    }

    /** Every round's figures of one kind (full or second connection). */
    static final class Figures {
        final Spread millis = new Spread();
        final Spread sent = new Spread();
        final Spread received = new Spread();
        String protocol = "";
        String cipherSuite = "";

        void add(Handshake h) {
            millis.add(h.millis());
            sent.add(h.sent());
            received.add(h.received());
        }
    }

    private Handshakes() {
    }

    /** {full, second} over {@code rounds} rounds. */
    static Figures[] measure(String host, int port, TlsSettings settings, int rounds) throws InterruptedException {
        Figures full = new Figures();
        Figures second = new Figures();
        for (int i = 0; i < rounds; i++) {
            TlsTransport tls = new TlsTransport(host, port, settings);
            full.add(handshake(tls));
            full.protocol = tls.protocol();
            full.cipherSuite = tls.cipherSuite();
            settle(tls);
            tls.close();
            second.add(handshake(tls));
            second.protocol = tls.protocol();
            second.cipherSuite = tls.cipherSuite();
            tls.close();
        }
        return new Figures[] {full, second};
    }

    /** Connects {@code tls} to CONNECTED, or throws naming the TLS failure. */
    static Handshake handshake(TlsTransport tls) {
        long sent = tls.wireBytesSent();
        long received = tls.wireBytesReceived();
        long start = System.nanoTime();
        int result;
        do {
            result = tls.connect();
        } while (Transport.IN_PROGRESS == result && System.nanoTime() - start < TIMEOUT_NANOS);
        if (Transport.CONNECTED != result) {
            throw new IllegalStateException("handshake failed: " + TlsStatus.name(tls.lastFailure()));
        }
        return new Handshake((System.nanoTime() - start) / 1e6, tls.wireBytesSent() - sent, tls.wireBytesReceived() - received);
    }

    /** Reads for a moment after the handshake (TLS 1.3 sends its session tickets then). */
    static void settle(TlsTransport tls) throws InterruptedException {
        byte[] buffer = new byte[256];
        for (int i = 0; i < 20; i++) {
            tls.read(buffer, 0, buffer.length);
            Thread.sleep(2);
        }
    }
}
