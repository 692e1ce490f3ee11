package dev.tern.host.serial;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.tern.boards.definition.Parity;
import jssc.SerialPort;

/**
 * A device path ({@code /dev/ttyUSB0}, {@code /dev/ttyACM0}, a socat pseudo-terminal) through
 * jssc.
 *
 * <p><b>Reads.</b> jssc has no blocking read with a timeout: its {@code readBytes(n, timeout)}
 * spins on the clock, and its native {@code readBytes(n)} blocks until n bytes came, with no way to
 * wake it. So a read asks the driver how many bytes wait (FIONREAD), takes them, and otherwise
 * sleeps {@value #FIRST_POLL_MICROS} µs for the first {@value #HOT_POLL_MILLIS} ms of the read,
 * then doubles the sleep up to {@value #MAX_POLL_MILLIS} ms: an answer that comes within a
 * bootloader's command time (the ACK after a 256-byte block, 23 ms at 115200) is seen within a
 * tenth of a millisecond (a park wakes late: on the 2-core bench machine a park of 1 to 25 µs
 * returned after 100-125 µs, median, and one of 100 µs after 210 µs), and a
 * quiet line costs at most a few hundred wake-ups a second. (Doubling from the start cost a flash
 * about 2.8 ms a command: an ACK 23 ms on came while the reader slept its 4 ms.)
 *
 * <p><b>Vanishing.</b> When the device goes away (adapter unplugged, socat ended) the kernel hangs
 * the open file up and FIONREAD fails with EIO; a read or write then ends with
 * {@link PortGoneException}.
 *
 * <p><b>Exclusive use.</b> jssc sets TIOCEXCL, which refuses a second open to other users but not
 * to root. So the link also holds an fcntl lock on a lock file named after the device's real path
 * in the temporary folder ({@code /tmp/tern-port_dev_ttyACM0.lock}): a second tern, in this JVM
 * or another, is told the port is busy whoever runs it. (Not a lock on the device itself: Java
 * cannot open a terminal with O_NOCTTY, and a session leader, such as a JVM that is a
 * container's first process, would take the port as its controlling terminal and be killed by
 * SIGHUP when the port vanishes.)
 *
 * <p><b>Modem lines.</b> DTR and RTS are set with TIOCMSET; a pseudo-terminal has no modem lines
 * and the ioctl fails. That failure is what {@link #setDtr} reports; the path (a
 * {@code /dev/pts/N} device) only picks the wording of the message and {@link #hasModemLines()}.
 */
public final class JsscLink implements SerialLink {

    static final long FIRST_POLL_MICROS = 25;
    static final long HOT_POLL_MILLIS = 250;
    static final long MAX_POLL_MILLIS = 4;

    private final String name;
    private final SerialPort port;
    private final FileChannel lockChannel;
    private final boolean pseudoTerminal;
    /** Native calls share it; close takes it alone so no call runs on a closed handle. */
    private final ReentrantReadWriteLock handle = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private volatile LineSettings settings;
    private boolean dtr = true;
    private boolean rts = true;

    private JsscLink(String name, SerialPort port, FileChannel lockChannel, boolean pseudoTerminal) {
        this.name = name;
        this.port = port;
        this.lockChannel = lockChannel;
        this.pseudoTerminal = pseudoTerminal;
    }

    /** Opens the device with its current line settings; {@link #configure} sets them. */
    public static JsscLink open(String device) throws IOException {
        SerialPort port = new SerialPort(device);
        try {
            port.openPort();
        } catch (jssc.SerialPortException e) {
            throw openFailure(device, e);
        }
        FileChannel lockChannel = null;
        try {
            lockChannel = openLockFile(device);
            if (lockChannel != null && lockChannel.tryLock() == null) {
                throw busy(device, null);
            }
            return new JsscLink(device, port, lockChannel, isPseudoTerminal(device));
        } catch (OverlappingFileLockException e) {
            closeAfterFailure(port, lockChannel);
            throw busy(device, e);
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(port, lockChannel);
            throw e;
        }
    }

    /**
     * The lock file of {@code device}, open for writing; null when another user's file cannot be
     * opened (TIOCEXCL still keeps that user's tern out, root excepted).
     */
    static FileChannel openLockFile(String device) throws IOException {
        Path real = Path.of(device).toRealPath();
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "tern-port" + real.toString().replace('/', '_') + ".lock");
        try {
            return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (java.nio.file.AccessDeniedException e) {
            return null;
        }
    }

    /** Whether {@code device} resolves to a pseudo-terminal ({@code /dev/pts/N}). */
    public static boolean isPseudoTerminal(String device) {
        try {
            return Path.of(device).toRealPath().startsWith("/dev/pts/");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void closeAfterFailure(SerialPort port, FileChannel lockChannel) {
        try {
            port.closePort();
        } catch (jssc.SerialPortException ignored) {
            // the failure being reported matters more
        }
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // same
            }
        }
    }

    static SerialPortException openFailure(String device, jssc.SerialPortException e) {
        String type = String.valueOf(e.getExceptionType());
        if (jssc.SerialPortException.TYPE_PORT_BUSY.equals(type)) {
            return busy(device, e);
        }
        if (jssc.SerialPortException.TYPE_PORT_NOT_FOUND.equals(type)) {
            return new PortNotFoundException(device, "no such port " + device
                    + "; run 'tern ports' to list the ports present", e);
        }
        if (jssc.SerialPortException.TYPE_PERMISSION_DENIED.equals(type)) {
            return new SerialPortException(device, "no permission to open " + device
                    + "; add yourself to the group that owns it (usually dialout: sudo usermod -aG dialout $USER, then log in again)", e);
        }
        if (jssc.SerialPortException.TYPE_INCORRECT_SERIAL_PORT.equals(type)) {
            return new PortNotFoundException(device, device + " is not a serial port (it has no terminal settings)"
                    + "; run 'tern ports' to list the ports present", e);
        }
        return new SerialPortException(device, "cannot open " + device + ": " + type, e);
    }

    private static PortBusyException busy(String device, Exception cause) {
        return new PortBusyException(device, device + " is in use by another program (a monitor or flasher?); close it and retry", cause);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void configure(LineSettings newSettings) throws IOException {
        if (!StandardBauds.isStandard(newSettings.baud())) {
            throw new SerialPortException(name, name + ": " + newSettings.baud()
                    + " baud is not a rate a serial device can be set to here; use one of " + StandardBauds.list());
        }
        withHandle(() -> {
            boolean applied = port.setParams(newSettings.baud(), newSettings.dataBits(), newSettings.stopBits(),
                    parity(newSettings.parity()), rts, dtr);
            // jssc answers false when setting DTR/RTS after the line fails, as on a pseudo-terminal,
            // which takes the baud but forces 8 bits and no parity
            if (!applied && !pseudoTerminal) {
                throw new SerialPortException(name, name + ": the driver refused " + newSettings
                        + "; does the adapter support that format?");
            }
            if (!port.setFlowControlMode(flowControl(newSettings.flowControl()))) {
                throw new SerialPortException(name, name + ": the driver refused flow control " + newSettings.flowControl().key());
            }
            return 0;
        });
        settings = newSettings;
    }

    /** The settings last configured, or null. */
    LineSettings settings() {
        return settings;
    }

    private static int parity(Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.PARITY_NONE;
            case EVEN -> SerialPort.PARITY_EVEN;
            case ODD -> SerialPort.PARITY_ODD;
        };
    }

    private static int flowControl(FlowControl flow) {
        return switch (flow) {
            case NONE -> SerialPort.FLOWCONTROL_NONE;
            case RTS_CTS -> SerialPort.FLOWCONTROL_RTSCTS_IN | SerialPort.FLOWCONTROL_RTSCTS_OUT;
            case XON_XOFF -> SerialPort.FLOWCONTROL_XONXOFF_IN | SerialPort.FLOWCONTROL_XONXOFF_OUT;
        };
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        if (length == 0) {
            return 0;
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long pauseNanos = TimeUnit.MICROSECONDS.toNanos(FIRST_POLL_MICROS);
        while (true) {
            int count = withHandle(() -> {
                int available = port.getInputBufferBytesCount();
                if (available <= 0) {
                    return 0;
                }
                // only what is there: jssc's native read would wait for the rest with no way out
                byte[] bytes = port.readBytes(Math.min(available, length));
                System.arraycopy(bytes, 0, buffer, offset, bytes.length);
                return bytes.length;
            });
            if (count > 0) {
                return count;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return 0;
            }
            LockSupport.parkNanos(Math.min(remaining, pauseNanos));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return 0;
            }
            if (System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(HOT_POLL_MILLIS)) {
                pauseNanos = Math.min(pauseNanos * 2, TimeUnit.MILLISECONDS.toNanos(MAX_POLL_MILLIS));
            }
        }
    }

    /** Bytes received and not yet read. */
    int available() throws IOException {
        return withHandle(port::getInputBufferBytesCount);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        byte[] bytes = offset == 0 && length == buffer.length ? buffer : java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        withHandle(() -> {
            if (!port.writeBytes(bytes)) {
                throw gone("the write failed", null);
            }
            return 0;
        });
    }

    @Override
    public void discardInput() throws IOException {
        withHandle(() -> {
            port.purgePort(SerialPort.PURGE_RXCLEAR);
            return 0;
        });
    }

    @Override
    public boolean hasModemLines() {
        return !pseudoTerminal;
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
        withHandle(() -> {
            if (!port.setDTR(asserted)) {
                throw noModemLine("DTR");
            }
            dtr = asserted;
            return 0;
        });
    }

    @Override
    public void setRts(boolean asserted) throws IOException {
        withHandle(() -> {
            if (!port.setRTS(asserted)) {
                throw noModemLine("RTS");
            }
            rts = asserted;
            return 0;
        });
    }

    private LineControlUnsupportedException noModemLine(String line) {
        if (pseudoTerminal) {
            return new LineControlUnsupportedException(name, name + " is a pseudo-terminal, which has no modem lines: "
                    + line + " cannot be set; enter the bootloader another way (--enter console-command, or BOOT0 by hand"
                    + " with --enter boot-pin-reset)");
        }
        return new LineControlUnsupportedException(name, name + ": the driver refused to set " + line
                + " (the adapter may not wire it); enter the bootloader another way (--enter console-command)");
    }

    /** A native call under the shared lock, its jssc failures turned into tern's. */
    private int withHandle(NativeCall call) throws IOException {
        handle.readLock().lock();
        try {
            if (closed) {
                throw gone("the port was closed", null);
            }
            return call.run();
        } catch (jssc.SerialPortException e) {
            // after a hang-up every call on the handle fails with EIO ("Input/output error")
            throw gone(String.valueOf(e.getExceptionType()), e);
        } finally {
            handle.readLock().unlock();
        }
    }

    private PortGoneException gone(String why, Exception cause) {
        String hint = Files.exists(Path.of(name)) ? "" : "; it is no longer there (unplugged?)";
        return new PortGoneException(name, name + ": the port vanished (" + why + ")" + hint, cause);
    }

    @Override
    public void close() throws IOException {
        handle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                port.closePort();
            } catch (jssc.SerialPortException e) {
                // a port that vanished closes with an error; it is closed all the same
            } finally {
                if (lockChannel != null) {
                    lockChannel.close();
                }
            }
        } finally {
            handle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    @FunctionalInterface
    private interface NativeCall {
        int run() throws IOException;
    }
}
