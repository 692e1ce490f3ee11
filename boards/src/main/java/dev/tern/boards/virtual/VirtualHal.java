package dev.tern.boards.virtual;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.tern.app.CredentialsRegion;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.Region;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.flash.FlashRegion;
import dev.tern.boards.tls.RegionCredentials;
import dev.tern.boards.tls.TlsCredentials;
import dev.tern.boards.tls.TlsSettings;
import dev.tern.boards.tls.TlsSession;
import dev.tern.boards.tls.TlsTransport;
import dev.tern.hal.Board;
import dev.tern.hal.Console;
import dev.tern.hal.FailureReason;
import dev.tern.hal.NonVolatileStorage;
import dev.tern.hal.Sensors;
import dev.tern.hal.Transport;

/**
 * The HAL as one run of a firmware sees it. Bound to: {@link SocketTransport} (non-blocking
 * TCP) or, when the board has TLS settings, {@link TlsTransport} for {@link #transport}, {@link FlashRegion} views of the
 * definition's session, config and credentials regions (through {@link #throughRun}: a power cut during a flash operation ends the run
 * with {@link BoardStopped}, the firmware does not get to run on), the console line's FIFOs, {@link SimulatedSensors}. Once the run is over
 * (reset, bootloader, power cut), every call throws {@link BoardStopped}, and the transports
 * it opened are closed.
 */
final class VirtualHal implements Board {

    /** {@link #restartRequest()}: none. */
    static final int NONE = 0;
    /** The firmware called {@link #reset()}. */
    static final int RESET = 1;
    /** The firmware called {@link #enterBootloader()}. */
    static final int BOOTLOADER = 2;
    /** A halted CPU (see {@link TransportTap}) that nobody powers off runs on after this long. */
    private static final long HALT_LIMIT_NANOS = 30_000_000_000L;

    private final String boardId;
    private final String uniqueId;
    private final BoardRun run;
    private final ConsoleLine line;
    private final long startNanos;
    private final FlashRegion session;
    private final FlashRegion config;
    private final FlashRegion credentials;
    private final Sensors sensors;
    private final TlsSettings tls;
    private final boolean plainWhileNoCredentials;
    private final Sensors checkedSensors = new CheckedSensors();
    private final Console console = new LineConsole();
    private final List<Transport> transports = new ArrayList<>();
    /** The last TLS transport the firmware asked for: what the board's TLS settled on. */
    private volatile TlsTransport lastTls;
    private volatile boolean live = true;
    private int restart = NONE;
    private final Supplier<TransportTap> tap;

    VirtualHal(final BoardDefinition definition, final String uniqueId, final BoardRun run, final ConsoleLine line,
               final long sensorSeed, final long startNanos, final TlsSettings tls, final boolean plainWhileNoCredentials,
               final Supplier<TransportTap> tap) {
        this.boardId = definition.id();
        this.uniqueId = uniqueId;
        this.run = run;
        this.line = line;
        this.startNanos = startNanos;
        this.session = regionView(definition.sessionPages());
        this.config = regionView(definition.configPage());
        this.credentials = regionView(definition.credentialsRegion());
        this.sensors = new SimulatedSensors(sensorSeed);
        this.tls = tls;
        this.plainWhileNoCredentials = plainWhileNoCredentials;
        this.tap = tap;
    }

    private FlashRegion regionView(final Region region) {
        return new FlashRegion(run.deviceHolding(region.address(), region.size()), region, this::throughRun);
    }

    /** The gate of this run's flash views: live check, the run's flash lock and power rules. */
    private void throughRun(final FlashMemory device, final FlashRegion.Operation operation) throws IOException {
        check();
        run.withFlash(device, flash -> {
            operation.run(flash);
            return null;
        });
    }

    /** What the firmware asked for, {@link #NONE}, {@link #RESET} or {@link #BOOTLOADER}. */
    int restartRequest() {
        return restart;
    }

    /** The run is over: later calls throw, the connections close. */
    void end() {
        live = false;
        synchronized (transports) {
            for (final Transport transport : transports) {
                transport.close();
            }
            transports.clear();
        }
    }

    void check() {
        if (!live) {
            throw new BoardStopped("the firmware's run is over (reset, bootloader or power cut)");
        }
        run.check();
    }

    @Override
    public String boardId() {
        check();
        return boardId;
    }

    @Override
    public String uniqueId() {
        check();
        return uniqueId;
    }

    @Override
    public long millis() {
        check();
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    @Override
    public Transport transport(final String host, final int port) {
        check();
        final Transport transport = new CheckedTransport(tls == null ? new SocketTransport(host, port) : tlsTransport(host, port));
        synchronized (transports) {
            transports.add(transport);
        }
        return transport;
    }

    /**
     * TLS with the options' credentials, or, when they have none, with the board's credentials
     * region as a real board reads it: a blank or unusable region gives a transport that fails
     * at once and names why, and no connection is made.
     */
    private Transport tlsTransport(final String host, final int port) {
        if (tls.credentials() != null) {
            return lastTls = new TlsTransport(host, port, tls);
        }
        final CredentialsRegion region = new CredentialsRegion();
        final int status = region.read(credentials);
        if (CredentialsRegion.BLANK == status && plainWhileNoCredentials) {
            return new SocketTransport(host, port);
        }
        if (CredentialsRegion.OK != status) {
            return new UnusableCredentialsTransport(status);
        }
        final TlsCredentials fromRegion;
        try {
            fromRegion = RegionCredentials.of(region);
        } catch (IllegalArgumentException e) {
            return new UnusableCredentialsTransport(UnusableCredentialsTransport.UNPARSEABLE);
        }
        return lastTls = new TlsTransport(host, port, new TlsSettings(fromRegion, tls.time(), tls.protocols()));
    }

    /** The last TLS session the board established in this life, or null (none yet, or no TLS). */
    TlsSession lastTlsSession() {
        final TlsTransport transport = lastTls;
        return transport == null ? null : transport.lastSession();
    }

    @Override
    public NonVolatileStorage sessionStorage() {
        check();
        return session;
    }

    @Override
    public NonVolatileStorage configPage() {
        check();
        return config;
    }

    @Override
    public NonVolatileStorage credentials() {
        check();
        return credentials;
    }

    @Override
    public Console console() {
        check();
        return console;
    }

    @Override
    public Sensors sensors() {
        check();
        return checkedSensors;
    }

    /** The firmware is not stepped again; the board resets (sync window, then second stage). */
    @Override
    public void reset() {
        check();
        restart = RESET;
    }

    /** The firmware is not stepped again; the board enters the ROM bootloader (no window, no check). */
    @Override
    public void enterBootloader() {
        check();
        restart = BOOTLOADER;
    }

    private final class LineConsole implements Console {
        @Override
        public int write(final byte[] buffer, final int offset, final int length) {
            check();
            return line.transmit(buffer, offset, length);
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) {
            check();
            return line.receive(buffer, offset, length);
        }
    }

    private final class CheckedSensors implements Sensors {
        @Override
        public int count() {
            check();
            return sensors.count();
        }

        @Override
        public int read(final int id, final long nowMillis) {
            check();
            return sensors.read(id, nowMillis);
        }
    }

    /** The CPU stops where it is until the power goes (or, at the latest, {@link #HALT_LIMIT_NANOS}). */
    private void halt() {
        final long until = System.nanoTime() + HALT_LIMIT_NANOS;
        while (System.nanoTime() - until < 0) {
            check(); // throws once the power is cut or the board reset
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class CheckedTransport implements Transport, FailureReason {
        private final Transport socket;
        private boolean open;

        CheckedTransport(final Transport socket) {
            this.socket = socket;
        }

        @Override
        public int connect() {
            check();
            final int result = socket.connect();
            if (result == CONNECTED && !open) {
                open = true;
                final TransportTap watching = tap.get();
                if (watching != null) {
                    watching.connectionOpened();
                }
            }
            return result;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) {
            check();
            return socket.read(buffer, offset, length);
        }

        @Override
        public int write(final byte[] buffer, final int offset, final int length) {
            check();
            final int written = socket.write(buffer, offset, length);
            final TransportTap watching = tap.get();
            if (written > 0 && watching != null && watching.haltAfter(buffer, offset, written)) {
                halt();
            }
            return written;
        }

        @Override
        public void close() {
            open = false;
            socket.close();
        }

        @Override
        public int lastFailure() {
            return socket instanceof FailureReason reason ? reason.lastFailure() : NONE;
        }

        @Override
        public String failureName(final int status) {
            return socket instanceof FailureReason reason ? reason.failureName(status) : "";
        }
    }
}
