package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IncomingQos2TableTest {

    private final IncomingQos2Table table = new IncomingQos2Table(2);

    private int action(int packetId, int event) {
        int result = table.onEvent(packetId, event);
        return result < 0 ? result : QosTransitions.action(result);
    }

    @Test
    void deliversANewQos2PublishOnceAndAnswersDuplicatesWithPubrecOnly() {
        assertEquals(QosActions.STORE_DELIVER_SEND_PUBREC, action(5, QosEvents.QOS2_PUBLISH_RECEIVED));
        assertEquals(QosStates.PUBREL_PENDING, table.stateOf(5));
        assertEquals(QosActions.SEND_PUBREC, action(5, QosEvents.QOS2_PUBLISH_RECEIVED));
        assertEquals(1, table.size());
    }

    @Test
    void releasesTheIdOnPubrelAndTreatsTheNextPublishAsNew() {
        action(5, QosEvents.QOS2_PUBLISH_RECEIVED);
        assertEquals(QosActions.RELEASE_SEND_PUBCOMP, action(5, QosEvents.PUBREL_RECEIVED));
        assertEquals(QosStates.FREE, table.stateOf(5));
        assertEquals(QosActions.STORE_DELIVER_SEND_PUBREC, action(5, QosEvents.QOS2_PUBLISH_RECEIVED));
    }

    @Test
    void answersAnUnknownPubrelWithPubcomp() {
        assertEquals(QosActions.SEND_PUBCOMP, action(9, QosEvents.PUBREL_RECEIVED));
    }

    @Test
    void refusesPubrecWhenIncomingTableIsFull() {
        action(1, QosEvents.QOS2_PUBLISH_RECEIVED);
        action(2, QosEvents.QOS2_PUBLISH_RECEIVED);
        assertFalse(table.canStore(3));
        assertEquals(SessionStatus.SESSION_INCOMING_TABLE_FULL, action(3, QosEvents.QOS2_PUBLISH_RECEIVED));
        assertEquals(QosStates.FREE, table.stateOf(3));
        assertEquals(1, table.fullRefusals());
        assertTrue(table.canStore(2), "a duplicate of a stored id can still be answered");
        assertEquals(QosActions.SEND_PUBREC, action(2, QosEvents.QOS2_PUBLISH_RECEIVED));
        assertEquals(SessionStatus.SESSION_INCOMING_TABLE_FULL, table.store(4));
        assertEquals(2, table.fullRefusals());
    }

    @Test
    void acknowledgesQos1WithoutStoringAnything() {
        assertEquals(QosActions.DELIVER_SEND_PUBACK, action(4, QosEvents.QOS1_PUBLISH_RECEIVED));
        assertEquals(0, table.size());
    }

    @Test
    void keepsIdsOverAReconnectAndForgetsThemWhenTheSessionIsLost() {
        action(1, QosEvents.QOS2_PUBLISH_RECEIVED);
        assertEquals(QosActions.NONE, action(1, QosEvents.CONNECTION_LOST));
        assertEquals(QosActions.NONE, action(1, QosEvents.SESSION_RESUMED));
        assertEquals(QosStates.PUBREL_PENDING, table.stateOf(1));
        assertEquals(QosActions.RELEASE, action(1, QosEvents.SESSION_LOST));
        assertEquals(0, table.size());
    }

    @Test
    void refusesAnInvalidPacketId() {
        assertEquals(SessionStatus.SESSION_INVALID_PACKET_ID, table.onEvent(0, QosEvents.QOS2_PUBLISH_RECEIVED));
        assertEquals(SessionStatus.SESSION_INVALID_PACKET_ID, table.store(65536));
        assertEquals(SessionStatus.NOT_FOUND, table.release(3));
    }
}
