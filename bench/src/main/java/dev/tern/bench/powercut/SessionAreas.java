package dev.tern.bench.powercut;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

import dev.tern.boards.definition.Region;
import dev.tern.hal.NonVolatileStorage;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.session.Session;
import dev.tern.mqtt.session.SessionStatus;
import dev.tern.mqtt.session.SessionStore;

/**
 * Looks at the two copies of the engine's session in the virtual board's flash file while the
 * board is off: each is blank, valid, or torn (written in part: a save the power cut stopped).
 * Each copy is checked by the firmware's own {@link SessionStore}, given a view of the region
 * in which the other copy is blank.
 */
final class SessionAreas {

    enum Copy { BLANK, VALID, TORN }

    private static final long FLASH_BASE = 0x0800_0000L;

    private SessionAreas() {
    }

    /** The state of copy A and copy B. */
    static Copy[] inspect(Path flashFile, Region sessionRegion) throws IOException {
        byte[] region = new byte[(int) sessionRegion.size()];
        try (RandomAccessFile file = new RandomAccessFile(flashFile.toFile(), "r")) {
            file.seek(sessionRegion.address() - FLASH_BASE);
            file.readFully(region);
        }
        int half = region.length / 2;
        Copy[] copies = new Copy[2];
        for (int area = 0; area < 2; area++) {
            byte[] view = new byte[region.length];
            Arrays.fill(view, (byte) 0xFF);
            System.arraycopy(region, area * half, view, area * half, half);
            copies[area] = classify(view, half);
        }
        return copies;
    }

    private static Copy classify(byte[] view, int pageSize) {
        MqttConfig sizing = new MqttConfig();
        Session session = new Session(64, 4096, 64, 16_384, sizing.offlineQueuePolicy);
        int status = new SessionStore(new ReadOnlyFlash(view, pageSize)).restore(session);
        if (status == SessionStatus.STORE_EMPTY) {
            return Copy.BLANK;
        }
        return status == SessionStatus.STORE_CORRUPT ? Copy.TORN : Copy.VALID;
    }

    /** A byte array seen as flash; nothing is written to it. */
    private record ReadOnlyFlash(byte[] cells, int pageSize) implements NonVolatileStorage {
        @Override
        public int size() {
            return cells.length;
        }

        @Override
        public int read(int address, byte[] destination, int offset, int length) {
            System.arraycopy(cells, address, destination, offset, length);
            return OK;
        }

        @Override
        public int program(int address, byte[] source, int offset, int length) {
            return HARDWARE_ERROR;
        }

        @Override
        public int erase(int pageIndex) {
            return HARDWARE_ERROR;
        }
    }
}
