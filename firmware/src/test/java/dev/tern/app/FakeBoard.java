package dev.tern.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tern.hal.Board;
import dev.tern.hal.Console;
import dev.tern.hal.NonVolatileStorage;
import dev.tern.hal.Sensors;
import dev.tern.hal.Transport;
import dev.tern.hal.testing.FlashFake;

/**
 * A board in memory for the sensor app's tests: a console that captures output and takes typed
 * input, sensors with settable values, flash fakes for the config page and the session store,
 * and whatever transport the test gives. Nothing here allocates per call, so the allocation test
 * can drive the app through it.
 */
final class FakeBoard implements Board {

    final String id;
    final FakeConsole console = new FakeConsole();
    final FakeSensors sensors = new FakeSensors();
    final FlashFake configPage = new FlashFake(1, 4096);
    final FlashFake sessionStorage = new FlashFake(16, 4096);
    final FlashFake credentials = new FlashFake(2, 4096);
    Transport transport;
    String transportHost;
    int transportPort;
    int transportsMade;
    long clock;
    int resets;
    int bootloaderEntries;

    FakeBoard(String id, Transport transport) {
        this.id = id;
        this.transport = transport;
    }

    /** Writes a config page of {@code key=value} lines, as tern flash --set does. */
    FakeBoard config(String... lines) {
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append(line).append('\n');
        }
        byte[] page = ConfigPage.encodePage(body.toString(), configPage.pageSize());
        configPage.erase(0);
        configPage.program(0, page, 0, page.length);
        return this;
    }

    @Override
    public String boardId() {
        return id;
    }

    /** None, unless a test sets one: the firmware then names itself after the board id. */
    String uniqueId = "";

    @Override
    public String uniqueId() {
        return uniqueId;
    }

    @Override
    public long millis() {
        return clock;
    }

    @Override
    public Transport transport(String host, int port) {
        transportHost = host;
        transportPort = port;
        transportsMade++;
        return transport;
    }

    @Override
    public NonVolatileStorage sessionStorage() {
        return sessionStorage;
    }

    @Override
    public NonVolatileStorage configPage() {
        return configPage;
    }

    /** Writes the credentials region as tern flash --ca ... does. */
    FakeBoard credentials(byte[] region) {
        credentials.erase(0);
        credentials.erase(1);
        credentials.program(0, region, 0, region.length);
        return this;
    }

    @Override
    public NonVolatileStorage credentials() {
        return credentials;
    }

    @Override
    public Console console() {
        return console;
    }

    @Override
    public Sensors sensors() {
        return sensors;
    }

    @Override
    public void reset() {
        resets++;
    }

    @Override
    public void enterBootloader() {
        bootloaderEntries++;
    }

    /** Output in a ring (the newest bytes win); input typed by the test. */
    static final class FakeConsole implements Console {
        private final byte[] output = new byte[1 << 20];
        private long written;
        private final byte[] input = new byte[4096];
        private int inputStart;
        private int inputEnd;

        @Override
        public int write(byte[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                output[(int) (written++ % output.length)] = buffer[offset + i];
            }
            return length;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = Math.min(length, inputEnd - inputStart);
            System.arraycopy(input, inputStart, buffer, offset, n);
            inputStart += n;
            if (inputStart == inputEnd) {
                inputStart = 0;
                inputEnd = 0;
            }
            return n;
        }

        /** Types bytes on the console without allocating. */
        void type(byte[] bytes) {
            System.arraycopy(bytes, 0, input, inputEnd, bytes.length);
            inputEnd += bytes.length;
        }

        void type(String line) {
            type((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        long written() {
            return written;
        }

        /** Every line written so far (the ring must not have wrapped), without line ends. */
        List<String> lines() {
            if (written > output.length) {
                throw new IllegalStateException("console ring wrapped");
            }
            String text = new String(output, 0, (int) written, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\r\n", -1)) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            return lines;
        }

        /** The messages (after "tag: ") of the lines of one level letter and tag. */
        List<String> messages(char level, String tag) {
            List<String> result = new ArrayList<>();
            for (String line : lines()) {
                String[] parts = line.split(" ", 3);
                if (parts.length == 3 && parts[0].equals(String.valueOf(level)) && parts[2].startsWith(tag + ": ")) {
                    result.add(parts[2].substring(tag.length() + 2));
                }
            }
            return result;
        }
    }

    /** Three sensors; each read returns the set value plus the number of reads so far. */
    static final class FakeSensors implements Sensors {
        final int[] values = {2315, 4520, 101325};
        final int[] reads = new int[3];

        @Override
        public int count() {
            return 3;
        }

        @Override
        public int read(int id, long nowMillis) {
            return values[id] == UNAVAILABLE ? UNAVAILABLE : values[id] + reads[id]++;
        }
    }
}
