package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class PacketIdAllocatorTest {

    private final OutgoingTable table = new OutgoingTable(4, 8);
    private final PacketIdAllocator ids = new PacketIdAllocator(table);

    private void live(int packetId) {
        table.add(packetId, 1, QosStates.PUBACK_PENDING, 0, new byte[2], 0, 2);
    }

    @Test
    void startsAtOneAndCountsUp() {
        assertEquals(1, ids.allocate());
        assertEquals(2, ids.allocate());
        assertEquals(3, ids.nextCandidate());
    }

    @Test
    void wrapsFrom65535ToOneSkippingZero() {
        ids.restoreNextCandidate(65535);
        assertEquals(65535, ids.allocate());
        assertEquals(1, ids.allocate());
    }

    @Test
    void skipsIdsLiveInTheTableIncludingSubscribeIds() {
        live(1);
        table.add(2, 1, QosStates.SUBACK_PENDING, 0, new byte[2], 0, 2);
        table.add(3, 0, QosStates.UNSUBACK_PENDING, 0, new byte[2], 0, 2);
        assertEquals(4, ids.allocate());
    }

    @Test
    void skipsLiveIdsAfterAWrapAround() {
        live(1);
        live(2);
        ids.restoreNextCandidate(65534);
        assertEquals(65534, ids.allocate());
        assertEquals(65535, ids.allocate());
        assertEquals(3, ids.allocate());
    }

    @Test
    void neverCollidesWithARestoredSession() {
        Session session = SessionFixtures.fullSession(1); // live ids 101..104, next candidate 40001
        session.packetIds().restoreNextCandidate(101);
        assertEquals(105, session.packetIds().allocate());
    }

    @Test
    void restartsAtOneForAnInvalidRestoredId() {
        ids.restoreNextCandidate(0);
        assertEquals(1, ids.nextCandidate());
        ids.restoreNextCandidate(70000);
        assertEquals(1, ids.nextCandidate());
    }

    @Tag("slow") // about 2 s or more
    @Test
    void saysAllIdsInUseWhenEveryCandidateIsLive() {
        OutgoingTable huge = new OutgoingTable(65535, 2);
        for (int packetId = 1; packetId <= 65535; packetId++) {
            huge.reserve(packetId, 1, QosStates.PUBACK_PENDING, 0, 0);
        }
        PacketIdAllocator allocator = new PacketIdAllocator(huge);
        assertEquals(SessionStatus.ALL_IDS_IN_USE, allocator.allocate());
        huge.release(huge.find(30000));
        assertEquals(30000, allocator.allocate());
    }
}
