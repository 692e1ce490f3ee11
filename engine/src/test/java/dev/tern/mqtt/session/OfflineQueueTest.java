package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OfflineQueueTest {

    private static final byte[] TOPIC = "a/b".getBytes();

    private static int push(OfflineQueue queue, int qos, boolean retain, int payloadLength, int seed) {
        byte[] payload = new byte[payloadLength];
        Arrays.fill(payload, (byte) seed);
        return queue.push(qos, retain, TOPIC, 0, TOPIC.length, payload, 0, payload.length);
    }

    private static byte[] peekPayload(OfflineQueue queue) {
        byte[] buffer = new byte[64];
        int length = queue.copyPeekPayload(buffer, 0);
        return Arrays.copyOf(buffer, length);
    }

    @Test
    void returnsRecordsFirstInFirstOut() {
        OfflineQueue queue = new OfflineQueue(64, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.OK, push(queue, 1, true, 4, 1));
        assertEquals(SessionStatus.OK, push(queue, 2, false, 3, 2));
        assertEquals(2, queue.count());
        assertEquals(1, queue.peekQos());
        assertTrue(queue.peekRetain());
        byte[] topic = new byte[8];
        assertEquals(3, queue.copyPeekTopic(topic, 0));
        assertArrayEquals(TOPIC, Arrays.copyOf(topic, 3));
        assertArrayEquals(new byte[] {1, 1, 1, 1}, peekPayload(queue));
        assertEquals(SessionStatus.OK, queue.pop());
        assertEquals(2, queue.peekQos());
        assertFalse(queue.peekRetain());
        assertArrayEquals(new byte[] {2, 2, 2}, peekPayload(queue));
        assertEquals(SessionStatus.OK, queue.pop());
        assertTrue(queue.isEmpty());
    }

    @Test
    void refusesWhenFullByDefaultAndCountsIt() {
        OfflineQueue queue = new OfflineQueue(30, OfflineQueue.REFUSE); // one record is 5 + 3 + 10 = 18
        assertEquals(SessionStatus.OK, push(queue, 1, false, 10, 1));
        assertEquals(SessionStatus.SESSION_OFFLINE_QUEUE_FULL, push(queue, 1, false, 10, 2));
        assertEquals(1, queue.refusedCount());
        assertEquals(1, queue.count());
        assertArrayEquals(new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, peekPayload(queue));
    }

    @Test
    void dropsWholeOldestRecordsUntilTheNewOneFits() {
        OfflineQueue queue = new OfflineQueue(40, OfflineQueue.DROP_OLDEST);
        push(queue, 0, false, 2, 1); // 10 bytes
        push(queue, 0, false, 2, 2); // 10
        push(queue, 0, false, 2, 3); // 10
        assertEquals(SessionStatus.OK, push(queue, 0, false, 17, 4)); // 25 bytes: drops 1 and 2
        assertEquals(2, queue.droppedCount());
        assertEquals(2, queue.count());
        assertArrayEquals(new byte[] {3, 3}, peekPayload(queue));
    }

    @Test
    void refusesARecordLargerThanTheWholeRing() {
        OfflineQueue queue = new OfflineQueue(20, OfflineQueue.DROP_OLDEST);
        push(queue, 0, false, 2, 1);
        assertEquals(SessionStatus.OFFLINE_RECORD_TOO_LARGE, push(queue, 0, false, 13, 2));
        assertEquals(1, queue.count(), "nothing dropped for a record that can never fit");
        assertEquals(0, queue.droppedCount());
        assertEquals(1, queue.refusedCount());
    }

    @Test
    void readsRecordsThatWrapAroundTheRingEnd() {
        OfflineQueue queue = new OfflineQueue(32, OfflineQueue.REFUSE);
        for (int round = 0; round < 20; round++) {
            assertEquals(SessionStatus.OK, push(queue, round % 3, 0 == round % 2, 7 + round % 5, round));
            byte[] expected = new byte[7 + round % 5];
            Arrays.fill(expected, (byte) round);
            assertEquals(round % 3, queue.peekQos());
            byte[] topic = new byte[3];
            assertEquals(3, queue.copyPeekTopic(topic, 0));
            assertArrayEquals(TOPIC, topic);
            assertArrayEquals(expected, peekPayload(queue), "round " + round);
            assertEquals(SessionStatus.OK, queue.pop());
        }
    }

    @Test
    void saysEmptyAndBufferTooSmall() {
        OfflineQueue queue = new OfflineQueue(32, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.OFFLINE_QUEUE_EMPTY, queue.pop());
        assertEquals(SessionStatus.OFFLINE_QUEUE_EMPTY, queue.peekQos());
        assertEquals(SessionStatus.OFFLINE_QUEUE_EMPTY, queue.copyPeekPayload(new byte[4], 0));
        push(queue, 1, false, 5, 1);
        assertEquals(SessionStatus.BUFFER_TOO_SMALL, queue.copyPeekPayload(new byte[4], 0));
        assertEquals(SessionStatus.SESSION_INVALID_QOS, push(queue, 3, false, 1, 1));
    }

    @Test
    void restoresWhatItCopiedOutAcrossTheWrap() {
        OfflineQueue queue = new OfflineQueue(32, OfflineQueue.REFUSE);
        push(queue, 0, false, 8, 1);
        push(queue, 0, false, 8, 2);
        queue.pop();
        push(queue, 2, true, 8, 3); // wraps
        byte[] contents = new byte[32];
        int length = queue.copyContents(contents, 0);
        OfflineQueue restored = new OfflineQueue(32, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.OK, restored.restore(contents, 0, length));
        assertEquals(2, restored.count());
        assertArrayEquals(new byte[] {2, 2, 2, 2, 2, 2, 2, 2}, peekPayload(restored));
        restored.pop();
        assertEquals(2, restored.peekQos());
        assertTrue(restored.peekRetain());
    }

    @Test
    void refusesToRestoreBytesThatAreNotWholeRecords() {
        OfflineQueue queue = new OfflineQueue(32, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.STORE_CORRUPT, queue.restore(new byte[] {0, 9, 0, 0, 1}, 0, 5));
        assertTrue(queue.isEmpty());
        assertEquals(SessionStatus.SESSION_DOES_NOT_FIT, queue.restore(new byte[40], 0, 40));
    }

    @Test
    void rejectsABadConfiguration() {
        assertEquals("policy=2",
                assertThrows(IllegalArgumentException.class, () -> new OfflineQueue(32, 2)).getMessage());
        assertEquals("capacityBytes=4",
                assertThrows(IllegalArgumentException.class, () -> new OfflineQueue(4, 0)).getMessage());
    }

    @Test
    void removeNewestTakesBackOnlyTheLastRecordAlsoWhenItWraps() {
        OfflineQueue queue = new OfflineQueue(40, OfflineQueue.REFUSE); // records of 5 + 3 + 8 = 16 bytes
        push(queue, 1, false, 8, 1);
        push(queue, 1, false, 8, 2);
        queue.pop();
        push(queue, 2, false, 8, 3); // wraps around the end of the ring
        assertEquals(SessionStatus.OK, queue.removeNewest());
        assertEquals(1, queue.count());
        assertEquals(16, queue.usedBytes());
        assertArrayEquals(new byte[] {2, 2, 2, 2, 2, 2, 2, 2}, peekPayload(queue));
        assertEquals(SessionStatus.OK, push(queue, 0, false, 8, 4));
        queue.pop();
        assertArrayEquals(new byte[] {4, 4, 4, 4, 4, 4, 4, 4}, peekPayload(queue));
        queue.pop();
        assertEquals(SessionStatus.OFFLINE_QUEUE_EMPTY, queue.removeNewest());
    }
}
