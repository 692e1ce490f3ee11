package dev.tern.boards.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tern.boards.definition.Region;
import dev.tern.mqtt.session.OfflineQueue;
import dev.tern.mqtt.session.OutgoingTable;
import dev.tern.mqtt.session.QosStates;
import dev.tern.mqtt.session.Session;
import dev.tern.mqtt.session.SessionStatus;
import dev.tern.mqtt.session.SessionStore;

/**
 * The engine's session journal on the virtual board's flash model worn past its endurance: a
 * QSPI NOR that reports failed cycles in its status register, and the STM32F7's internal flash,
 * whose failures are silent (bits that did not stick). Either way the store must retire what
 * fails and finally say FLASH_WORN; a save it answered OK must always restore: never a silent loss.
 */
class WornFlashSessionTest {

    private static final int UNITS = 12;
    private static final int UNIT_SIZE = 4096;
    private static final int ENDURANCE = 20;

    @TempDir
    Path folder;

    @Tag("slow")
    @ParameterizedTest(name = "part reports failures: {0}")
    @ValueSource(booleans = {true, false})
    void aWornRegionIsRetiredUnitByUnitThenSaysFlashWornAndNeverLosesAnOkSave(boolean reportsFailures) throws Exception {
        FlashGeometry geometry = FlashGeometry.uniform(0x90000000L, UNITS, UNIT_SIZE);
        Path file = folder.resolve("qspi.bin");
        PartModel part = new PartModel(FlashTiming.NONE, TimeFigure.TYPICAL, new FlashClock(TimingMode.ACCOUNTED),
                WearCounters.open(WearCounters.fileFor(file), UNITS), new WornCells(ENDURANCE, reportsFailures, 7));
        Random random = new Random(3);
        try (FlashMemory flash = FlashMemory.open(file, geometry, part)) {
            FlashRegion region = new FlashRegion(flash, new Region("session", 0x90000000L, (long) UNITS * UNIT_SIZE));
            SessionStore store = new SessionStore(region);
            Session session = newSession();
            assertEquals(SessionStatus.STORE_EMPTY, store.restore(session));
            TreeMap<Integer, byte[]> lastSaved = new TreeMap<>();
            int ok = 0;
            int failed = 0;
            int status = SessionStatus.OK;
            for (int save = 0; save < 20_000 && SessionStatus.FLASH_WORN != status; save++) {
                change(session, random);
                status = store.save(session);
                if (SessionStatus.OK == status) {
                    ok++;
                    lastSaved = contents(session);
                } else {
                    failed++;
                    assertTrue(SessionStatus.STORAGE_ERROR == status || SessionStatus.FLASH_WORN == status,
                            "status " + status);
                }
                if (save % 97 == 0) {
                    assertRestores(region, lastSaved);
                }
            }
            assertEquals(SessionStatus.FLASH_WORN, status, "the store said the flash is worn (" + ok + " OK saves, "
                    + failed + " failed)");
            assertTrue(failed > 0 && ok > 100, ok + " OK, " + failed + " failed");
            int mostErased = 0;
            for (int unit = 0; unit < UNITS; unit++) {
                mostErased = Math.max(mostErased, part.wear().count(unit));
            }
            assertTrue(mostErased > ENDURANCE, "the units were worn past their endurance: " + mostErased);
            assertEquals(SessionStatus.FLASH_WORN, store.save(session), "and it stays worn");
            assertRestores(region, lastSaved);
        }
    }

    private static Session newSession() {
        return new Session(16, 256, 2048, 8, 512, OfflineQueue.REFUSE);
    }

    /** Adds a QoS 1 record with random bytes, or completes the oldest one. */
    private static void change(Session session, Random random) {
        OutgoingTable outgoing = session.outgoing();
        if (outgoing.size() < 6 && (outgoing.size() == 0 || random.nextBoolean())) {
            byte[] packet = new byte[20 + random.nextInt(100)];
            random.nextBytes(packet);
            int id;
            do {
                id = 1 + random.nextInt(65535);
            } while (outgoing.find(id) >= 0);
            assertTrue(outgoing.add(id, 1, QosStates.QOS1_PUBLISH_SEND, 0, packet, 0, packet.length) >= 0);
        } else {
            outgoing.release(outgoing.slotInSendOrder(0));
        }
    }

    /** Packet id to packet bytes of every outgoing record. */
    private static TreeMap<Integer, byte[]> contents(Session session) {
        TreeMap<Integer, byte[]> records = new TreeMap<>();
        OutgoingTable outgoing = session.outgoing();
        for (int index = 0; index < outgoing.size(); index++) {
            int slot = outgoing.slotInSendOrder(index);
            byte[] bytes = new byte[outgoing.packetLength(slot)];
            System.arraycopy(outgoing.slab(), outgoing.packetOffset(slot), bytes, 0, bytes.length);
            records.put(outgoing.packetId(slot), bytes);
        }
        return records;
    }

    private static void assertRestores(FlashRegion region, TreeMap<Integer, byte[]> expected) {
        Session restored = newSession();
        assertEquals(SessionStatus.OK, new SessionStore(region).restore(restored));
        TreeMap<Integer, byte[]> actual = contents(restored);
        assertEquals(expected.keySet(), actual.keySet(), "the records of the last OK save");
        for (Integer id : expected.keySet()) {
            assertArrayEquals(expected.get(id), actual.get(id), "packet " + id);
        }
    }
}
