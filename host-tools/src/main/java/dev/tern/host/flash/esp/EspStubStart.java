package dev.tern.host.flash.esp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Starts esptool's flasher stub as esptool's {@code run_stub} does: its text, then its data, each
 * with MEM_BEGIN and MEM_DATA blocks of {@link #RAM_BLOCK} bytes, then MEM_END jumping to its
 * entry; the stub says "OHAI" and from then on the client speaks {@link EspLoaderDialect#STUB}.
 */
final class EspStubStart {

    /** esptool's ESP_RAM_BLOCK. */
    static final int RAM_BLOCK = 0x1800;
    /** The stub's first frame, unasked. */
    static final byte[] GREETING = "OHAI".getBytes(StandardCharsets.US_ASCII);
    /** esptool reads the greeting with its default timeout. */
    private static final Duration GREETING_WAIT = Duration.ofSeconds(3);

    private EspStubStart() {
    }

    static void run(EspRomClient client, EspStub stub) throws IOException {
        upload(client, stub.text(), stub.textStart());
        if (stub.data().length > 0) {
            upload(client, stub.data(), stub.dataStart());
        }
        if (!client.memEndAndGreeting(stub.entry(), GREETING, GREETING_WAIT)) {
            throw new EspRomException("the flasher stub " + stub.file() + " did not start on " + client.port() + " (no OHAI within "
                    + GREETING_WAIT.toSeconds() + " s after MEM_END): reset the board into its download mode and flash again, with"
                    + " --no-stub to write through the ROM loader alone");
        }
        client.dialect(EspLoaderDialect.STUB);
    }

    private static void upload(EspRomClient client, byte[] segment, long address) throws IOException {
        int blocks = (segment.length + RAM_BLOCK - 1) / RAM_BLOCK;
        client.memBegin(segment.length, blocks, RAM_BLOCK, address);
        for (int seq = 0; seq < blocks; seq++) {
            int at = seq * RAM_BLOCK;
            client.memData(seq, segment, at, Math.min(RAM_BLOCK, segment.length - at), address + at);
        }
    }
}
