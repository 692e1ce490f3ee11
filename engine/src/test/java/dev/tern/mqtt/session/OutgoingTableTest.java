package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutgoingTableTest {

    private static final byte[] PACKET = {0x32, 0x05, 0x00, 0x01, 'a', 0x00, 0x07};

    private final OutgoingTable table = new OutgoingTable(3, 16);

    private int add(int packetId, int state) {
        return table.add(packetId, QosStates.holdsPublish(state) && state >= QosStates.QOS2_PUBLISH_SEND ? 2 : 1,
                state, 0, PACKET, 0, PACKET.length);
    }

    @Test
    void storesThePacketBytesInTheRecordsSlot() {
        int slot = add(7, QosStates.QOS1_PUBLISH_SEND);
        assertEquals(slot, table.find(7));
        assertEquals(PACKET.length, table.packetLength(slot));
        byte[] stored = Arrays.copyOfRange(table.slab(), table.packetOffset(slot), table.packetOffset(slot) + PACKET.length);
        assertArrayEquals(PACKET, stored);
        assertEquals(QosStates.QOS1_PUBLISH_SEND, table.state(slot));
        assertEquals(1, table.qos(slot));
    }

    @Test
    void saysFullInsteadOfDroppingARecord() {
        add(1, QosStates.QOS1_PUBLISH_SEND);
        add(2, QosStates.QOS1_PUBLISH_SEND);
        add(3, QosStates.QOS1_PUBLISH_SEND);
        assertTrue(table.isFull());
        assertEquals(SessionStatus.TABLE_FULL, add(4, QosStates.QOS1_PUBLISH_SEND));
        assertEquals(3, table.size());
    }

    @Test
    void refusesAnIdThatIsAlreadyLive() {
        add(9, QosStates.SUBACK_PENDING);
        assertEquals(SessionStatus.PACKET_ID_IN_USE, add(9, QosStates.QOS1_PUBLISH_SEND));
    }

    @Test
    void refusesBadIdsQosStatesAndOversizedPackets() {
        assertEquals(SessionStatus.SESSION_INVALID_PACKET_ID, table.reserve(0, 1, QosStates.QOS1_PUBLISH_SEND, 0, 1));
        assertEquals(SessionStatus.SESSION_INVALID_PACKET_ID, table.reserve(65536, 1, QosStates.QOS1_PUBLISH_SEND, 0, 1));
        assertEquals(SessionStatus.SESSION_INVALID_QOS, table.reserve(1, 3, QosStates.QOS1_PUBLISH_SEND, 0, 1));
        assertEquals(SessionStatus.INVALID_STATE, table.reserve(1, 1, QosStates.FREE, 0, 1));
        assertEquals(SessionStatus.INVALID_STATE, table.reserve(1, 2, QosStates.PUBREL_PENDING, 0, 1));
        assertEquals(SessionStatus.SESSION_PACKET_TOO_LARGE, table.reserve(1, 1, QosStates.QOS1_PUBLISH_SEND, 0, 17));
        assertEquals(SessionStatus.SESSION_PACKET_TOO_LARGE, table.add(1, 1, QosStates.QOS1_PUBLISH_SEND, 0, new byte[17], 0, 17));
        assertEquals(0, table.size());
    }

    @Test
    void findsNothingForAnUnknownOrZeroId() {
        add(5, QosStates.QOS1_PUBLISH_SEND);
        assertEquals(SessionStatus.NOT_FOUND, table.find(6));
        assertEquals(SessionStatus.NOT_FOUND, table.find(0));
    }

    @Test
    void transitionsAndReleasesACompletedRecord() {
        int slot = add(5, QosStates.QOS1_PUBLISH_SEND);
        int sent = table.transition(slot, QosEvents.PUBLISH_SENT);
        assertEquals(QosActions.AWAIT_ACK, QosTransitions.action(sent));
        assertEquals(QosStates.PUBACK_PENDING, table.state(slot));
        int acked = table.onEvent(5, QosEvents.PUBACK_RECEIVED);
        assertEquals(QosActions.COMPLETE, QosTransitions.action(acked));
        assertEquals(SessionStatus.NOT_FOUND, table.find(5));
        assertEquals(0, table.size());
    }

    @Test
    void keepsTheRecordOnAProtocolError() {
        int slot = add(5, QosStates.PUBREC_PENDING);
        assertEquals(QosActions.PROTOCOL_ERROR, QosTransitions.action(table.onEvent(5, QosEvents.PUBACK_RECEIVED)));
        assertEquals(QosStates.PUBREC_PENDING, table.state(slot));
    }

    @Test
    void treatsAnAckForAnUnknownIdAsStateFree() {
        assertEquals(QosTransitions.result(QosStates.FREE, QosActions.NONE),
                table.onEvent(44, QosEvents.PUBACK_RECEIVED));
        assertEquals(QosTransitions.result(QosStates.FREE, QosActions.SEND_PUBREL),
                table.onEvent(44, QosEvents.PUBREC_RECEIVED));
    }

    @Test
    void iteratesInOriginalSendOrderAfterReleasesAndSlotReuse() {
        add(10, QosStates.PUBACK_PENDING);
        add(11, QosStates.PUBREC_PENDING);
        add(12, QosStates.PUBCOMP_PENDING);
        table.release(table.find(10));
        add(13, QosStates.PUBACK_PENDING); // takes slot 0, but is newest
        int[] ids = new int[table.size()];
        for (int index = 0; index < table.size(); index++) {
            ids[index] = table.packetId(table.slotInSendOrder(index));
        }
        assertArrayEquals(new int[] {11, 12, 13}, ids);
        assertTrue(table.sendSequence(table.find(11)) < table.sendSequence(table.find(13)));
    }

    @Test
    void findsTheEarliestDeadlineAcrossTheClockWrap() {
        int a = add(1, QosStates.PUBACK_PENDING);
        int b = add(2, QosStates.PUBACK_PENDING);
        int c = add(3, QosStates.QOS1_PUBLISH_SEND); // no deadline runs while unsent
        table.setDeadline(a, Integer.MIN_VALUE + 5); // just after the wrap
        table.setDeadline(b, Integer.MAX_VALUE - 5); // just before it: earlier
        table.setDeadline(c, Integer.MAX_VALUE - 100);
        assertEquals(b, table.earliestDeadlineSlot());
    }

    @Test
    void hasNoDeadlineWhenNothingAwaitsAnAck() {
        add(1, QosStates.QOS2_PUBLISH_SEND);
        assertEquals(SessionStatus.NOT_FOUND, table.earliestDeadlineSlot());
    }

    @Test
    void letsTheClientEncodeStraightIntoAReservedSlot() {
        int slot = table.reserve(8, 2, QosStates.QOS2_PUBLISH_SEND, 3, PACKET.length);
        System.arraycopy(PACKET, 0, table.slab(), table.packetOffset(slot), PACKET.length);
        assertEquals(PACKET.length, table.packetLength(slot));
        assertEquals(3, table.epoch(slot));
        table.setEpoch(slot, 4);
        assertEquals(4, table.epoch(slot));
    }

    @Test
    void countsPublishesSentAgainAsNewWhenTheSessionIsLost() {
        add(1, QosStates.PUBACK_PENDING);
        add(2, QosStates.PUBREC_PENDING);
        add(3, QosStates.PUBCOMP_PENDING);
        for (int index = table.size() - 1; index >= 0; index--) {
            table.transition(table.slotInSendOrder(index), QosEvents.SESSION_LOST);
        }
        assertEquals(2, table.republishedCount());
        assertEquals(QosStates.QOS1_PUBLISH_SEND, table.state(table.find(1)));
        assertEquals(QosStates.QOS2_PUBLISH_SEND, table.state(table.find(2)));
        assertEquals(SessionStatus.NOT_FOUND, table.find(3), "PUBREL phase completes: the broker owned it");
    }

    @Test
    void clearFreesEveryRecord() {
        add(1, QosStates.PUBACK_PENDING);
        add(2, QosStates.PUBACK_PENDING);
        table.clear();
        assertEquals(0, table.size());
        assertEquals(SessionStatus.NOT_FOUND, table.find(1));
        assertTrue(add(2, QosStates.PUBACK_PENDING) >= 0);
    }

    @Test
    void rejectsABadConfiguration() {
        assertEquals("capacity=0", assertThrows(IllegalArgumentException.class, () -> new OutgoingTable(0, 16)).getMessage());
        assertEquals("maxPacketSize=65536",
                assertThrows(IllegalArgumentException.class, () -> new OutgoingTable(1, 65536)).getMessage());
        assertEquals("poolBytes=15 is less than maxPacketSize=16",
                assertThrows(IllegalArgumentException.class, () -> new OutgoingTable(4, 16, 15)).getMessage());
    }

    // ---- the shared pool: 8 records, 40 bytes, packets up to 16 bytes

    private final OutgoingTable pooled = new OutgoingTable(8, 16, 40);

    /** A record whose packet is {@code length} bytes, all of them {@code id}: the slot or the status. */
    private int addToPool(int id, int length) {
        byte[] packet = new byte[length];
        Arrays.fill(packet, (byte) id);
        return pooled.add(id, 1, QosStates.QOS1_PUBLISH_SEND, 0, packet, 0, length);
    }

    private void assertPacket(int id, int length) {
        int slot = pooled.find(id);
        assertEquals(length, pooled.packetLength(slot), "length of " + id);
        for (int i = 0; i < length; i++) {
            assertEquals((byte) id, pooled.slab()[pooled.packetOffset(slot) + i], "byte " + i + " of " + id);
        }
    }

    @Test
    void poolRefusesAPacketWhenTooFewBytesAreFreeThoughSlotsAre() {
        assertTrue(addToPool(1, 16) >= 0);
        assertTrue(addToPool(2, 16) >= 0);
        assertEquals(8, pooled.freeBytes());
        assertEquals(false, pooled.hasRoomFor(9));
        assertEquals(SessionStatus.TABLE_FULL, addToPool(3, 9));
        assertEquals(2, pooled.size());
        assertTrue(addToPool(3, 8) >= 0, "exactly the free bytes fit");
        assertEquals(0, pooled.freeBytes());
        assertPacket(1, 16);
        assertPacket(2, 16);
        assertPacket(3, 8);
    }

    @Test
    void poolClosesHolesSoThatAnyPacketFitsWhileEnoughBytesAreFree() {
        addToPool(1, 10);
        addToPool(2, 10);
        addToPool(3, 10);
        pooled.release(pooled.find(1));   // a hole at the bottom
        pooled.release(pooled.find(3));   // and room at the top, neither 16 bytes long
        assertTrue(pooled.hasRoomFor(16));
        assertTrue(addToPool(4, 16) >= 0);
        assertTrue(addToPool(5, 14) >= 0);
        assertEquals(0, pooled.freeBytes());
        assertPacket(2, 10);
        assertPacket(4, 16);
        assertPacket(5, 14);
        assertTrue(pooled.packetOffset(pooled.find(2)) < pooled.packetOffset(pooled.find(4))
                && pooled.packetOffset(pooled.find(4)) < pooled.packetOffset(pooled.find(5)), "offsets follow send order");
    }

    @Test
    void poolKeepsEveryPacketIntactThroughManyAddsAndReleases() {
        java.util.Random random = new java.util.Random(11);
        java.util.Map<Integer, Integer> live = new java.util.HashMap<>();
        int nextId = 1;
        for (int round = 0; round < 5_000; round++) {
            if (!live.isEmpty() && (random.nextBoolean() || pooled.isFull())) {
                int id = live.keySet().stream().skip(random.nextInt(live.size())).findFirst().orElseThrow();
                pooled.release(pooled.find(id));
                live.remove(id);
            } else {
                int length = 1 + random.nextInt(16);
                int id = nextId++ % 200 + 1;
                if (live.containsKey(id)) {
                    continue;
                }
                boolean room = pooled.hasRoomFor(length);
                int slot = addToPool(id, length);
                assertEquals(room, slot >= 0, "hasRoomFor agrees with add");
                if (slot >= 0) {
                    live.put(id, length);
                }
            }
            int used = 0;
            for (java.util.Map.Entry<Integer, Integer> entry : live.entrySet()) {
                assertPacket(entry.getKey(), entry.getValue());
                used += entry.getValue();
            }
            assertEquals(40 - used, pooled.freeBytes());
        }
    }
}
