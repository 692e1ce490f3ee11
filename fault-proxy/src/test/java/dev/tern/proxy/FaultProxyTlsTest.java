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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy in front of a TLS listener: whole records pass, an outage loses whole records, rules are refused. */
@Timeout(30)
class FaultProxyTlsTest {

    private ServerSocket echoListener;
    private Thread echoThread;

    @BeforeEach
    void startEcho() throws IOException {
        echoListener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        echoThread = new Thread(() -> {
            try (Socket socket = echoListener.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[4096];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the test checks what came back
            }
        }, "echo");
        echoThread.setDaemon(true);
        echoThread.start();
    }

    @AfterEach
    void stopEcho() throws IOException, InterruptedException {
        echoListener.close();
        echoThread.join(5000);
    }

    @Test
    void aRecordSentInPiecesPassesWholeBothWays() throws IOException {
        try (FaultProxy proxy = FaultProxy.startForTls("127.0.0.1", echoListener.getLocalPort());
             Socket client = connect(proxy)) {
            byte[] record = record(300, (byte) 0x17);
            OutputStream out = client.getOutputStream();
            out.write(record, 0, 3); // the header itself split
            out.flush();
            out.write(record, 3, record.length - 3);
            out.flush();

            assertArrayEquals(record, readExactly(client.getInputStream(), record.length));
            assertEquals(0, proxy.lost());
            assertTrue(proxy.framesTls());
        }
    }

    @Test
    void aDarkLinkLosesWholeRecordsAndCountsThem() throws IOException {
        try (FaultProxy proxy = FaultProxy.startForTls("127.0.0.1", echoListener.getLocalPort());
             Socket client = connect(proxy)) {
            OutputStream out = client.getOutputStream();
            proxy.loseAll(Direction.TO_BROKER, true);
            out.write(record(40, (byte) 1));
            out.write(record(50, (byte) 2));
            out.flush();
            assertTrue(Waiting.until(() -> proxy.lost() == 2, Duration.ofSeconds(5)), "lost: " + proxy.lost());

            proxy.loseAll(Direction.TO_BROKER, false);
            byte[] after = record(20, (byte) 3);
            out.write(after);
            out.flush();
            // only the record sent after the outage comes back: nothing of the two lost ones
            assertArrayEquals(after, readExactly(client.getInputStream(), after.length));
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
        }
    }

    @Test
    void rulesAboutMqttPacketsAreRefusedOverTls() {
        try (FaultProxy proxy = FaultProxy.startForTls("127.0.0.1", echoListener.getLocalPort())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> proxy.dropOnce(p -> p.type() == PacketType.PUBCOMP));
            assertTrue(refused.getMessage().contains("passes TLS records"), refused.getMessage());
        }
    }

    /** A TLS 1.2-framed record: content type, version 3.3, length, then {@code length} bytes of {@code fill}. */
    private static byte[] record(int length, byte fill) {
        byte[] record = new byte[TlsRecords.HEADER_LENGTH + length];
        record[0] = 0x17;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (length >>> 8);
        record[4] = (byte) length;
        for (int i = TlsRecords.HEADER_LENGTH; i < record.length; i++) {
            record[i] = fill;
        }
        return record;
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int at = 0;
        while (at < length) {
            int read = in.read(bytes, at, length - at);
            if (read < 0) {
                throw new IOException("end of stream after " + at + " of " + length + " bytes");
            }
            at += read;
        }
        return bytes;
    }
}
