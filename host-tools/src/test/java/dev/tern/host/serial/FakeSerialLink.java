package dev.tern.host.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory serial link for unit tests: two ends joined back to back
 * ({@link #pair(String)}), what one writes the other reads. {@link #vanish()} makes both ends
 * fail as an unplugged adapter does; modem lines are recorded when {@code withModemLines}.
 */
public final class FakeSerialLink implements SerialLink {

    private final String name;
    private final Pipe incoming;
    private final Pipe outgoing;
    private final boolean modemLines;
    private volatile LineSettings settings;
    private volatile boolean dtr;
    private volatile boolean rts;
    private final java.util.List<String> modemLog = new java.util.concurrent.CopyOnWriteArrayList<>();

    private FakeSerialLink(String name, Pipe incoming, Pipe outgoing, boolean modemLines) {
        this.name = name;
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.modemLines = modemLines;
    }

    /** Two joined ends; index 0 is the host's, index 1 the board's. No modem lines. */
    public static FakeSerialLink[] pair(String name) {
        return pair(name, false);
    }

    public static FakeSerialLink[] pair(String name, boolean withModemLines) {
        Pipe toBoard = new Pipe();
        Pipe toHost = new Pipe();
        return new FakeSerialLink[] {
            new FakeSerialLink(name, toHost, toBoard, withModemLines),
            new FakeSerialLink(name + " (board end)", toBoard, toHost, withModemLines)
        };
    }

    /** Both directions fail from now on with {@link PortGoneException}. */
    public void vanish() {
        incoming.vanish();
        outgoing.vanish();
    }

    public LineSettings settings() {
        return settings;
    }

    public boolean dtr() {
        return dtr;
    }

    public boolean rts() {
        return rts;
    }

    /** Every DTR and RTS change in order: {@code DTR=1}, {@code RTS=0}. */
    public java.util.List<String> modemLog() {
        return java.util.List.copyOf(modemLog);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void configure(LineSettings newSettings) {
        settings = newSettings;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        return incoming.read(name, buffer, offset, length, timeout);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        outgoing.write(name, buffer, offset, length);
    }

    @Override
    public void discardInput() {
        incoming.clear();
    }

    @Override
    public boolean hasModemLines() {
        return modemLines;
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
        if (!modemLines) {
            throw new LineControlUnsupportedException(name, name + ": no DTR line");
        }
        dtr = asserted;
        modemLog.add("DTR=" + (asserted ? 1 : 0));
    }

    @Override
    public void setRts(boolean asserted) throws IOException {
        if (!modemLines) {
            throw new LineControlUnsupportedException(name, name + ": no RTS line");
        }
        rts = asserted;
        modemLog.add("RTS=" + (asserted ? 1 : 0));
    }

    @Override
    public void close() {
        vanish();
    }

    /** One direction: a growing buffer read from its start. */
    private static final class Pipe {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private byte[] readable = new byte[0];
        private int readPosition;
        private boolean gone;

        void write(String name, byte[] buffer, int offset, int length) throws IOException {
            lock.lock();
            try {
                if (gone) {
                    throw new PortGoneException(name, name + ": the port vanished");
                }
                pending.write(buffer, offset, length);
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        int read(String name, byte[] buffer, int offset, int length, Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            lock.lock();
            try {
                while (true) {
                    if (gone) {
                        throw new PortGoneException(name, name + ": the port vanished");
                    }
                    if (readPosition == readable.length && pending.size() > 0) {
                        readable = pending.toByteArray();
                        readPosition = 0;
                        pending.reset();
                    }
                    int available = readable.length - readPosition;
                    if (available > 0) {
                        int count = Math.min(available, length);
                        System.arraycopy(readable, readPosition, buffer, offset, count);
                        readPosition += count;
                        return count;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 || length == 0) {
                        return 0;
                    }
                    try {
                        arrived.await(remaining, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return 0;
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        void clear() {
            lock.lock();
            try {
                readable = new byte[0];
                readPosition = 0;
                pending.reset();
            } finally {
                lock.unlock();
            }
        }

        void vanish() {
            lock.lock();
            try {
                gone = true;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
