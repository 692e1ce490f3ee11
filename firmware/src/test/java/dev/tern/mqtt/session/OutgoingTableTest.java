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
        assertEquals(SessionStatus.INVALID_PACKET_ID, table.reserve(0, 1, QosStates.QOS1_PUBLISH_SEND, 0));
        assertEquals(SessionStatus.INVALID_PACKET_ID, table.reserve(65536, 1, QosStates.QOS1_PUBLISH_SEND, 0));
        assertEquals(SessionStatus.INVALID_QOS, table.reserve(1, 3, QosStates.QOS1_PUBLISH_SEND, 0));
        assertEquals(SessionStatus.INVALID_STATE, table.reserve(1, 1, QosStates.FREE, 0));
        assertEquals(SessionStatus.INVALID_STATE, table.reserve(1, 2, QosStates.PUBREL_PENDING, 0));
        assertEquals(SessionStatus.PACKET_TOO_LARGE, table.add(1, 1, QosStates.QOS1_PUBLISH_SEND, 0, new byte[17], 0, 17));
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
        int slot = table.reserve(8, 2, QosStates.QOS2_PUBLISH_SEND, 3);
        System.arraycopy(PACKET, 0, table.slab(), table.packetOffset(slot), PACKET.length);
        assertEquals(SessionStatus.OK, table.setPacketLength(slot, PACKET.length));
        assertEquals(SessionStatus.PACKET_TOO_LARGE, table.setPacketLength(slot, 17));
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
    }
}
