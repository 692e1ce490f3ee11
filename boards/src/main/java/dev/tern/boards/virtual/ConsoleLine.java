package dev.tern.boards.virtual;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * The board's UART and the wire to the host: a receive FIFO and a transmit FIFO on the board's
 * side, the {@link LineEndpoint} on the host's, and one pump thread between them that paces the
 * bytes to the baud rate ({@link BytePacer}, both directions) and injects {@link LineFaults}.
 * The line lives from {@link VirtualBoard#start} to {@link VirtualBoard#close}: a power cut
 * stops the board, not the host's cable, so a host stays connected across resets.
 *
 * <p>Reaction: a real ROM bootloader polls its USART's data-ready flag and answers within
 * microseconds, so the line adds no lag of its own beyond the wire time. The pump hands a burst's
 * last byte over when it has crossed (by the pacer's absolute schedule), spinning for the last
 * {@value #SPIN_NANOS} ns rather than trusting a park to wake on time; the board thread waiting for
 * bytes is woken at once ({@link #awaitReceived}), the pump is woken when the board queues an
 * answer ({@link #transmit}), and while a host owes an answer the pump polls the host's side every
 * {@value #HOT_POLL_NANOS} ns for {@value #HOT_WINDOW_NANOS} ns, then every {@value
 * #IDLE_PARK_NANOS} ns. {@link #stats()} says where the time between the bursts went ({@link
 * ExchangeTimer}).
 *
 * <pre>
 *  host --endpoint--> [pace, faults] --> rx FIFO --> board (bootloader or firmware console)
 *  host <--endpoint-- [pace, faults] <-- tx FIFO <-- board
 * </pre>
 */
final class ConsoleLine implements AutoCloseable {

    /** Bytes each FIFO holds; a host that sends more waits (TCP or pty flow control). */
    static final int FIFO_BYTES = 64 * 1024;
    private static final int CHUNK = 4096;
    private static final long IDLE_PARK_NANOS = 500_000;
    /** While a burst crosses, its bytes are handed over in batches this far apart at most (its last byte on time). */
    private static final long BATCH_NANOS = 500_000;
    /** After an answer went to the host: how often, and how long, the host's side is polled for its next bytes. */
    private static final long HOT_POLL_NANOS = 20_000;
    private static final long HOT_WINDOW_NANOS = 20_000_000;
    /**
     * A park wakes this late (timer slack, scheduling: a park of 1-25 us took 100-140 us on the 2-core
     * bench machine), so the last stretch of a burst is waited out spinning.
     */
    private static final long SPIN_NANOS = 150_000;
    private static final long STOP_TIMEOUT_MS = 5_000;

    private final LineEndpoint endpoint;
    private final ByteRing rx = new ByteRing(FIFO_BYTES);
    private final ByteRing tx = new ByteRing(FIFO_BYTES);
    private final int bitsPerByte;
    private BytePacer rxPacer;
    private BytePacer txPacer;
    private volatile int baud;
    /** A baud rate the pump switches to once the transmit side is empty; 0 when none. */
    private volatile int pendingBaud;
    private final LineFaults.Injector rxFaults;
    private final LineFaults.Injector txFaults;
    private final Thread pump;
    private final ExchangeTimer exchanges = new ExchangeTimer();
    /** The board thread waiting in {@link #awaitReceived}, or null. */
    private volatile Thread receiver;
    /** When the last answer was handed to the host: the pump polls hot for a while after it. */
    private long answeredAt;
    /** When the board queued bytes into an empty transmit FIFO: its UART starts sending then, not when the pump looks. */
    private volatile long transmitQueuedAt;

    private final byte[] rxStage = new byte[CHUNK];
    private final byte[] rxDelivered = new byte[CHUNK];
    private int rxStagePos;
    private int rxStageEnd;
    private final byte[] txStage = new byte[CHUNK];
    private int txStagePos;
    private int txStageEnd;

    /** Wire time of the bytes that crossed, both directions, each at the rate in force as it crossed. */
    private long wireNanos;

    private volatile boolean listening;
    private volatile boolean stopping;
    private volatile IOException failure;

    ConsoleLine(final LineEndpoint endpoint, final int baud, final int bitsPerByte, final LineFaults faults) {
        this.endpoint = endpoint;
        this.bitsPerByte = bitsPerByte;
        this.baud = baud;
        this.rxPacer = new BytePacer(baud, bitsPerByte);
        this.txPacer = new BytePacer(baud, bitsPerByte);
        this.rxFaults = faults.injector(0);
        this.txFaults = faults.injector(1);
        this.transmitQueuedAt = System.nanoTime();
        this.answeredAt = transmitQueuedAt - HOT_WINDOW_NANOS; // no answer yet: no hot polling
        this.pump = new Thread(this::pumpLoop, "tern-virtual-board-line");
        this.pump.setDaemon(true);
    }

    void start() {
        pump.start();
    }

    String url() {
        return endpoint.url();
    }

    /** Whether the board takes bytes: while unpowered, what the host sends is lost. */
    void listening(final boolean on) {
        listening = on;
        if (!on) {
            rx.clear();
        }
    }

    /** The board side: bytes from the host, up to {@code length}; 0 when none came. */
    int receive(final byte[] into, final int offset, final int length) {
        return rx.take(into, offset, length);
    }

    /**
     * The board side: waits until bytes from the host are there to {@link #receive}, or
     * {@code maxNanos} passed (a UART's receive interrupt, not a poll: the pump wakes the waiter).
     */
    void awaitReceived(final long maxNanos) {
        receiver = Thread.currentThread();
        if (rx.size() == 0) {
            LockSupport.parkNanos(this, maxNanos);
        }
        receiver = null;
    }

    /** The board side: queues bytes for the host; the count taken (0 when the FIFO is full). */
    int transmit(final byte[] from, final int offset, final int length) {
        if (tx.size() == 0) {
            transmitQueuedAt = System.nanoTime();
        }
        final int taken = tx.put(from, offset, length);
        if (taken > 0) {
            LockSupport.unpark(pump);
        }
        return taken;
    }

    /** The rate the line is paced to now (0: not paced). */
    int baud() {
        return baud;
    }

    /**
     * Paces the line to {@code newBaud} from the moment everything queued for the host has left at
     * the old rate (a UART's rate change, as the ESP32 loader's CHANGE_BAUDRATE does after its answer).
     * Returns once switched, or false when it has not within {@code timeoutMillis}.
     */
    boolean changeBaud(final int newBaud, final long timeoutMillis) {
        if (newBaud <= 0) {
            throw new IllegalArgumentException("baud=" + newBaud);
        }
        pendingBaud = newBaud;
        LockSupport.unpark(pump);
        final long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (pendingBaud != 0) {
            if (System.nanoTime() - deadline >= 0 || stopping) {
                return false;
            }
            LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
        return true;
    }

    /** Empties the receive FIFO (a reset restarts the UART). */
    void discardReceived() {
        rx.clear();
    }

    /** Empties the transmit FIFO (a power cut loses what was not sent). */
    void discardTransmit() {
        tx.clear();
    }

    /** Bytes waiting in the transmit FIFO. */
    int transmitPending() {
        return tx.size();
    }

    LineStats stats() {
        synchronized (this) {
            return new LineStats(rxFaults.bytes(), rxFaults.dropped(), rxFaults.flipped(),
                    txFaults.bytes(), txFaults.dropped(), txFaults.flipped(), wireNanos, exchanges.totals());
        }
    }

    /** The endpoint's failure that stopped the pump, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        stopping = true;
        LockSupport.unpark(pump);
        try {
            pump.join(STOP_TIMEOUT_MS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoint.close();
    }

    private void pumpLoop() {
        try {
            while (!stopping) {
                final long now = System.nanoTime();
                switchBaudWhenDrained();
                final boolean moved = receiveFromHost(now) | transmitToHost(now);
                if (!moved) {
                    final long burstEnd = nanosUntilBurstsCrossed(now);
                    if (burstEnd <= SPIN_NANOS) {
                        Thread.onSpinWait(); // a burst's last byte is about to cross: a park would wake late
                    } else if (burstEnd != Long.MAX_VALUE) {
                        LockSupport.parkNanos(this, Math.min(BATCH_NANOS, burstEnd - SPIN_NANOS));
                    } else {
                        LockSupport.parkNanos(this, now - answeredAt < HOT_WINDOW_NANOS ? HOT_POLL_NANOS : IDLE_PARK_NANOS);
                    }
                }
            }
        } catch (final IOException e) {
            failure = e;
        }
    }

    /**
     * Nanoseconds until the bytes waiting in either direction have all crossed; MAX_VALUE when none
     * wait, or when they wait for room (a board that does not read its input is not spun for).
     */
    private long nanosUntilBurstsCrossed(final long now) {
        long until = Long.MAX_VALUE;
        if (rxStagePos < rxStageEnd && rx.free() > 0) {
            until = rxPacer.nanosUntilCrossed(now, rxStageEnd - rxStagePos);
        }
        final int waiting = Math.min(tx.size(), txStage.length);
        if (txStagePos == txStageEnd && waiting > 0) {
            until = Math.min(until, txPacer.nanosUntilCrossed(now, waiting));
        }
        return until;
    }

    private void switchBaudWhenDrained() {
        final int wanted = pendingBaud;
        if (wanted != 0 && tx.size() == 0 && txStagePos == txStageEnd && txPacer.nanosUntilCrossed(System.nanoTime(), 0) == 0) {
            rxPacer = new BytePacer(wanted, bitsPerByte);
            txPacer = new BytePacer(wanted, bitsPerByte);
            baud = wanted;
            pendingBaud = 0;
        }
    }

    private boolean receiveFromHost(final long now) throws IOException {
        if (rxStagePos == rxStageEnd) {
            rxStagePos = 0;
            rxStageEnd = endpoint.read(rxStage, 0, rxStage.length);
            if (rxStageEnd == 0) {
                rxPacer.idle();
                return false;
            }
            exchanges.hostBytesSeen(now);
        }
        final int allowed = Math.min(rxPacer.allowance(now, rxStageEnd - rxStagePos), rx.free());
        int delivered = 0;
        synchronized (this) {
            for (int i = 0; i < allowed; i++) {
                final int b = rxFaults.apply(rxStage[rxStagePos + i], baud);
                if (b != LineFaults.Injector.DROPPED) {
                    rxDelivered[delivered++] = (byte) b;
                }
            }
            wireNanos += allowed * rxPacer.nanosPerByte();
        }
        rxPacer.sent(allowed);
        rxStagePos += allowed;
        if (listening && rx.put(rxDelivered, 0, delivered) > 0) {
            final Thread waiting = receiver;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
        if (allowed > 0 && rxStagePos == rxStageEnd) {
            exchanges.hostBurstDelivered(now, rxPacer.allCrossedAt());
        }
        return allowed > 0;
    }

    private boolean transmitToHost(final long now) throws IOException {
        if (txStagePos == txStageEnd) {
            final int waiting = tx.size();
            if (waiting == 0) {
                txPacer.idle();
                return false;
            }
            txPacer.begin(Math.min(now, transmitQueuedAt));
            exchanges.replyStarted(txPacer.allCrossedAt());
            final int allowed = txPacer.allowance(now, Math.min(waiting, txStage.length));
            if (allowed == 0) {
                return false;
            }
            final int taken = tx.take(txStage, 0, allowed);
            txPacer.sent(taken);
            txStagePos = 0;
            txStageEnd = 0;
            synchronized (this) {
                for (int i = 0; i < taken; i++) {
                    final int b = txFaults.apply(txStage[i], baud);
                    if (b != LineFaults.Injector.DROPPED) {
                        txStage[txStageEnd++] = (byte) b;
                    }
                }
                wireNanos += taken * txPacer.nanosPerByte();
            }
        }
        final int written = endpoint.write(txStage, txStagePos, txStageEnd - txStagePos);
        txStagePos += written;
        if (written > 0 && txStagePos == txStageEnd && tx.size() == 0) {
            answeredAt = now;
            exchanges.replyDelivered(now, txPacer.allCrossedAt());
        }
        return written > 0;
    }
}
