package dev.tern.mqtt.session;

import static dev.tern.mqtt.session.QosActions.*;
import static dev.tern.mqtt.session.QosEvents.*;
import static dev.tern.mqtt.session.QosStates.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every (state, event) pair of {@link QosTransitions#next}, listed explicitly: a new state or event
 * fails {@link #tableListsEveryStateAndEveryEvent} until its row or column is decided here.
 */
class QosTransitionsTest {

    private static final int[][] TABLE = {
            row(FREE,
                    /* PUBLISH_SENT          */ to(FREE, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(FREE, NONE),
                    /* PUBREC_RECEIVED       */ to(FREE, SEND_PUBREL),
                    /* PUBREL_SENT           */ to(FREE, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(FREE, NONE),
                    /* SUBSCRIBE_SENT        */ to(FREE, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(FREE, NONE),
                    /* UNSUBSCRIBE_SENT      */ to(FREE, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(FREE, NONE),
                    /* ACK_TIMEOUT_RESEND    */ to(FREE, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(FREE, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(FREE, NONE),
                    /* SESSION_RESUMED       */ to(FREE, NONE),
                    /* SESSION_LOST          */ to(FREE, NONE),
                    /* QOS1_PUBLISH_RECEIVED */ to(FREE, DELIVER_SEND_PUBACK),
                    /* QOS2_PUBLISH_RECEIVED */ to(PUBREL_PENDING, STORE_DELIVER_SEND_PUBREC),
                    /* PUBREL_RECEIVED       */ to(FREE, SEND_PUBCOMP)),
            row(QOS1_PUBLISH_SEND,
                    /* PUBLISH_SENT          */ to(PUBACK_PENDING, AWAIT_ACK),
                    /* PUBACK_RECEIVED       */ to(QOS1_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(QOS1_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* PUBREL_SENT           */ to(QOS1_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(QOS1_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(QOS1_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(QOS1_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(QOS1_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(QOS1_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(QOS1_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(QOS1_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(QOS1_PUBLISH_SEND, NONE),
                    /* SESSION_RESUMED       */ to(QOS1_PUBLISH_SEND, SEND_PUBLISH),
                    /* SESSION_LOST          */ to(QOS1_PUBLISH_SEND, SEND_PUBLISH),
                    /* QOS1_PUBLISH_RECEIVED */ to(QOS1_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(QOS1_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(QOS1_PUBLISH_SEND, ILLEGAL_EVENT)),
            row(QOS1_PUBLISH_RESEND,
                    /* PUBLISH_SENT          */ to(PUBACK_PENDING, AWAIT_ACK),
                    /* PUBACK_RECEIVED       */ to(FREE, COMPLETE),
                    /* PUBREC_RECEIVED       */ to(QOS1_PUBLISH_RESEND, PROTOCOL_ERROR),
                    /* PUBREL_SENT           */ to(QOS1_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(QOS1_PUBLISH_RESEND, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(QOS1_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(QOS1_PUBLISH_RESEND, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(QOS1_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(QOS1_PUBLISH_RESEND, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(QOS1_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(QOS1_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(QOS1_PUBLISH_RESEND, NONE),
                    /* SESSION_RESUMED       */ to(QOS1_PUBLISH_RESEND, RESEND_PUBLISH_DUP),
                    /* SESSION_LOST          */ to(QOS1_PUBLISH_SEND, REPUBLISH_AS_NEW),
                    /* QOS1_PUBLISH_RECEIVED */ to(QOS1_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(QOS1_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(QOS1_PUBLISH_RESEND, ILLEGAL_EVENT)),
            row(PUBACK_PENDING,
                    /* PUBLISH_SENT          */ to(PUBACK_PENDING, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(FREE, COMPLETE),
                    /* PUBREC_RECEIVED       */ to(PUBACK_PENDING, PROTOCOL_ERROR),
                    /* PUBREL_SENT           */ to(PUBACK_PENDING, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(PUBACK_PENDING, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(PUBACK_PENDING, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(PUBACK_PENDING, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(PUBACK_PENDING, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(PUBACK_PENDING, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(QOS1_PUBLISH_RESEND, RESEND_PUBLISH_DUP),
                    /* ACK_TIMEOUT_RECONNECT */ to(PUBACK_PENDING, CLOSE_CONNECTION),
                    /* CONNECTION_LOST       */ to(PUBACK_PENDING, NONE),
                    /* SESSION_RESUMED       */ to(QOS1_PUBLISH_RESEND, RESEND_PUBLISH_DUP),
                    /* SESSION_LOST          */ to(QOS1_PUBLISH_SEND, REPUBLISH_AS_NEW),
                    /* QOS1_PUBLISH_RECEIVED */ to(PUBACK_PENDING, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(PUBACK_PENDING, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(PUBACK_PENDING, ILLEGAL_EVENT)),
            row(QOS2_PUBLISH_SEND,
                    /* PUBLISH_SENT          */ to(PUBREC_PENDING, AWAIT_ACK),
                    /* PUBACK_RECEIVED       */ to(QOS2_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(QOS2_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* PUBREL_SENT           */ to(QOS2_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(QOS2_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(QOS2_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(QOS2_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(QOS2_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(QOS2_PUBLISH_SEND, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(QOS2_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(QOS2_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(QOS2_PUBLISH_SEND, NONE),
                    /* SESSION_RESUMED       */ to(QOS2_PUBLISH_SEND, SEND_PUBLISH),
                    /* SESSION_LOST          */ to(QOS2_PUBLISH_SEND, SEND_PUBLISH),
                    /* QOS1_PUBLISH_RECEIVED */ to(QOS2_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(QOS2_PUBLISH_SEND, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(QOS2_PUBLISH_SEND, ILLEGAL_EVENT)),
            row(QOS2_PUBLISH_RESEND,
                    /* PUBLISH_SENT          */ to(PUBREC_PENDING, AWAIT_ACK),
                    /* PUBACK_RECEIVED       */ to(QOS2_PUBLISH_RESEND, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(PUBREL_SEND, SEND_PUBREL),
                    /* PUBREL_SENT           */ to(QOS2_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(QOS2_PUBLISH_RESEND, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(QOS2_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(QOS2_PUBLISH_RESEND, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(QOS2_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(QOS2_PUBLISH_RESEND, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(QOS2_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(QOS2_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(QOS2_PUBLISH_RESEND, NONE),
                    /* SESSION_RESUMED       */ to(QOS2_PUBLISH_RESEND, RESEND_PUBLISH_DUP),
                    /* SESSION_LOST          */ to(QOS2_PUBLISH_SEND, REPUBLISH_AS_NEW),
                    /* QOS1_PUBLISH_RECEIVED */ to(QOS2_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(QOS2_PUBLISH_RESEND, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(QOS2_PUBLISH_RESEND, ILLEGAL_EVENT)),
            row(PUBREC_PENDING,
                    /* PUBLISH_SENT          */ to(PUBREC_PENDING, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(PUBREC_PENDING, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(PUBREL_SEND, SEND_PUBREL),
                    /* PUBREL_SENT           */ to(PUBREC_PENDING, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(PUBREC_PENDING, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(PUBREC_PENDING, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(PUBREC_PENDING, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(PUBREC_PENDING, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(PUBREC_PENDING, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(QOS2_PUBLISH_RESEND, RESEND_PUBLISH_DUP),
                    /* ACK_TIMEOUT_RECONNECT */ to(PUBREC_PENDING, CLOSE_CONNECTION),
                    /* CONNECTION_LOST       */ to(PUBREC_PENDING, NONE),
                    /* SESSION_RESUMED       */ to(QOS2_PUBLISH_RESEND, RESEND_PUBLISH_DUP),
                    /* SESSION_LOST          */ to(QOS2_PUBLISH_SEND, REPUBLISH_AS_NEW),
                    /* QOS1_PUBLISH_RECEIVED */ to(PUBREC_PENDING, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(PUBREC_PENDING, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(PUBREC_PENDING, ILLEGAL_EVENT)),
            row(PUBREL_SEND,
                    /* PUBLISH_SENT          */ to(PUBREL_SEND, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(PUBREL_SEND, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(PUBREL_SEND, NONE),
                    /* PUBREL_SENT           */ to(PUBCOMP_PENDING, AWAIT_ACK),
                    /* PUBCOMP_RECEIVED      */ to(PUBREL_SEND, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(PUBREL_SEND, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(PUBREL_SEND, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(PUBREL_SEND, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(PUBREL_SEND, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(PUBREL_SEND, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(PUBREL_SEND, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(PUBREL_SEND, NONE),
                    /* SESSION_RESUMED       */ to(PUBREL_SEND, SEND_PUBREL),
                    /* SESSION_LOST          */ to(FREE, COMPLETE),
                    /* QOS1_PUBLISH_RECEIVED */ to(PUBREL_SEND, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(PUBREL_SEND, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(PUBREL_SEND, ILLEGAL_EVENT)),
            row(PUBREL_RESEND,
                    /* PUBLISH_SENT          */ to(PUBREL_RESEND, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(PUBREL_RESEND, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(PUBREL_RESEND, NONE),
                    /* PUBREL_SENT           */ to(PUBCOMP_PENDING, AWAIT_ACK),
                    /* PUBCOMP_RECEIVED      */ to(FREE, COMPLETE),
                    /* SUBSCRIBE_SENT        */ to(PUBREL_RESEND, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(PUBREL_RESEND, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(PUBREL_RESEND, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(PUBREL_RESEND, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(PUBREL_RESEND, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(PUBREL_RESEND, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(PUBREL_RESEND, NONE),
                    /* SESSION_RESUMED       */ to(PUBREL_RESEND, RESEND_PUBREL),
                    /* SESSION_LOST          */ to(FREE, COMPLETE),
                    /* QOS1_PUBLISH_RECEIVED */ to(PUBREL_RESEND, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(PUBREL_RESEND, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(PUBREL_RESEND, ILLEGAL_EVENT)),
            row(PUBCOMP_PENDING,
                    /* PUBLISH_SENT          */ to(PUBCOMP_PENDING, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(PUBCOMP_PENDING, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(PUBCOMP_PENDING, NONE),
                    /* PUBREL_SENT           */ to(PUBCOMP_PENDING, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(FREE, COMPLETE),
                    /* SUBSCRIBE_SENT        */ to(PUBCOMP_PENDING, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(PUBCOMP_PENDING, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(PUBCOMP_PENDING, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(PUBCOMP_PENDING, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(PUBREL_RESEND, RESEND_PUBREL),
                    /* ACK_TIMEOUT_RECONNECT */ to(PUBCOMP_PENDING, CLOSE_CONNECTION),
                    /* CONNECTION_LOST       */ to(PUBCOMP_PENDING, NONE),
                    /* SESSION_RESUMED       */ to(PUBREL_RESEND, RESEND_PUBREL),
                    /* SESSION_LOST          */ to(FREE, COMPLETE),
                    /* QOS1_PUBLISH_RECEIVED */ to(PUBCOMP_PENDING, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(PUBCOMP_PENDING, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(PUBCOMP_PENDING, ILLEGAL_EVENT)),
            row(SUBSCRIBE_SEND,
                    /* PUBLISH_SENT          */ to(SUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(SUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(SUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* PUBREL_SENT           */ to(SUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(SUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(SUBACK_PENDING, AWAIT_ACK),
                    /* SUBACK_RECEIVED       */ to(SUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(SUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(SUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(SUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(SUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(SUBSCRIBE_SEND, NONE),
                    /* SESSION_RESUMED       */ to(SUBSCRIBE_SEND, SEND_SUBSCRIBE),
                    /* SESSION_LOST          */ to(SUBSCRIBE_SEND, SEND_SUBSCRIBE),
                    /* QOS1_PUBLISH_RECEIVED */ to(SUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(SUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(SUBSCRIBE_SEND, ILLEGAL_EVENT)),
            row(SUBACK_PENDING,
                    /* PUBLISH_SENT          */ to(SUBACK_PENDING, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(SUBACK_PENDING, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(SUBACK_PENDING, PROTOCOL_ERROR),
                    /* PUBREL_SENT           */ to(SUBACK_PENDING, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(SUBACK_PENDING, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(SUBACK_PENDING, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(FREE, COMPLETE),
                    /* UNSUBSCRIBE_SENT      */ to(SUBACK_PENDING, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(SUBACK_PENDING, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(SUBACK_PENDING, CLOSE_CONNECTION),
                    /* ACK_TIMEOUT_RECONNECT */ to(SUBACK_PENDING, CLOSE_CONNECTION),
                    /* CONNECTION_LOST       */ to(FREE, FAIL_REQUEST),
                    /* SESSION_RESUMED       */ to(FREE, FAIL_REQUEST),
                    /* SESSION_LOST          */ to(FREE, FAIL_REQUEST),
                    /* QOS1_PUBLISH_RECEIVED */ to(SUBACK_PENDING, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(SUBACK_PENDING, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(SUBACK_PENDING, ILLEGAL_EVENT)),
            row(UNSUBSCRIBE_SEND,
                    /* PUBLISH_SENT          */ to(UNSUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(UNSUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(UNSUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* PUBREL_SENT           */ to(UNSUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(UNSUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(UNSUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(UNSUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(UNSUBACK_PENDING, AWAIT_ACK),
                    /* UNSUBACK_RECEIVED     */ to(UNSUBSCRIBE_SEND, PROTOCOL_ERROR),
                    /* ACK_TIMEOUT_RESEND    */ to(UNSUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(UNSUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(UNSUBSCRIBE_SEND, NONE),
                    /* SESSION_RESUMED       */ to(UNSUBSCRIBE_SEND, SEND_UNSUBSCRIBE),
                    /* SESSION_LOST          */ to(UNSUBSCRIBE_SEND, SEND_UNSUBSCRIBE),
                    /* QOS1_PUBLISH_RECEIVED */ to(UNSUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(UNSUBSCRIBE_SEND, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(UNSUBSCRIBE_SEND, ILLEGAL_EVENT)),
            row(UNSUBACK_PENDING,
                    /* PUBLISH_SENT          */ to(UNSUBACK_PENDING, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(UNSUBACK_PENDING, PROTOCOL_ERROR),
                    /* PUBREC_RECEIVED       */ to(UNSUBACK_PENDING, PROTOCOL_ERROR),
                    /* PUBREL_SENT           */ to(UNSUBACK_PENDING, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(UNSUBACK_PENDING, PROTOCOL_ERROR),
                    /* SUBSCRIBE_SENT        */ to(UNSUBACK_PENDING, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(UNSUBACK_PENDING, PROTOCOL_ERROR),
                    /* UNSUBSCRIBE_SENT      */ to(UNSUBACK_PENDING, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(FREE, COMPLETE),
                    /* ACK_TIMEOUT_RESEND    */ to(UNSUBACK_PENDING, CLOSE_CONNECTION),
                    /* ACK_TIMEOUT_RECONNECT */ to(UNSUBACK_PENDING, CLOSE_CONNECTION),
                    /* CONNECTION_LOST       */ to(UNSUBSCRIBE_SEND, NONE),
                    /* SESSION_RESUMED       */ to(UNSUBSCRIBE_SEND, SEND_UNSUBSCRIBE),
                    /* SESSION_LOST          */ to(UNSUBSCRIBE_SEND, SEND_UNSUBSCRIBE),
                    /* QOS1_PUBLISH_RECEIVED */ to(UNSUBACK_PENDING, ILLEGAL_EVENT),
                    /* QOS2_PUBLISH_RECEIVED */ to(UNSUBACK_PENDING, ILLEGAL_EVENT),
                    /* PUBREL_RECEIVED       */ to(UNSUBACK_PENDING, ILLEGAL_EVENT)),
            row(PUBREL_PENDING,
                    /* PUBLISH_SENT          */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* PUBACK_RECEIVED       */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* PUBREC_RECEIVED       */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* PUBREL_SENT           */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* PUBCOMP_RECEIVED      */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* SUBSCRIBE_SENT        */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* SUBACK_RECEIVED       */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* UNSUBSCRIBE_SENT      */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* UNSUBACK_RECEIVED     */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RESEND    */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* ACK_TIMEOUT_RECONNECT */ to(PUBREL_PENDING, ILLEGAL_EVENT),
                    /* CONNECTION_LOST       */ to(PUBREL_PENDING, NONE),
                    /* SESSION_RESUMED       */ to(PUBREL_PENDING, NONE),
                    /* SESSION_LOST          */ to(FREE, RELEASE),
                    /* QOS1_PUBLISH_RECEIVED */ to(PUBREL_PENDING, DELIVER_SEND_PUBACK),
                    /* QOS2_PUBLISH_RECEIVED */ to(PUBREL_PENDING, SEND_PUBREC),
                    /* PUBREL_RECEIVED       */ to(FREE, RELEASE_SEND_PUBCOMP)),
    };

    private static int[] row(int state, int... results) {
        int[] row = new int[results.length + 1];
        row[0] = state;
        System.arraycopy(results, 0, row, 1, results.length);
        return row;
    }

    private static int to(int nextState, int action) {
        return QosTransitions.result(nextState, action);
    }

    private static String describe(int result) {
        return QosStates.name(QosTransitions.nextState(result)) + " / " + QosActions.name(QosTransitions.action(result));
    }

    @Test
    void tableListsEveryStateAndEveryEvent() {
        assertEquals(QosStates.COUNT, TABLE.length, "one row per state");
        for (int state = 0; state < QosStates.COUNT; state++) {
            assertEquals(state, TABLE[state][0], "rows in state order");
            assertEquals(QosEvents.COUNT + 1, TABLE[state].length, "every event listed for " + QosStates.name(state));
            assertFalse("UNKNOWN".equals(QosStates.name(state)));
        }
        for (int event = 0; event < QosEvents.COUNT; event++) {
            assertFalse("UNKNOWN".equals(QosEvents.name(event)));
        }
    }

    @TestFactory
    List<DynamicTest> everyStateEventPairGivesTheListedNextStateAndAction() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] row : TABLE) {
            int state = row[0];
            for (int event = 0; event < QosEvents.COUNT; event++) {
                int expected = row[event + 1];
                int e = event;
                tests.add(DynamicTest.dynamicTest(
                        QosStates.name(state) + " + " + QosEvents.name(event) + " -> " + describe(expected),
                        () -> assertEquals(describe(expected), describe(QosTransitions.next(state, e)))));
            }
        }
        return tests;
    }

    @Test
    void neverResendsPublishAfterPubrec() {
        int[] afterPubrec = {PUBREL_SEND, PUBREL_RESEND, PUBCOMP_PENDING};
        for (int state : afterPubrec) {
            for (int event = 0; event < QosEvents.COUNT; event++) {
                int result = QosTransitions.next(state, event);
                int action = QosTransitions.action(result);
                assertFalse(QosStates.holdsPublish(QosTransitions.nextState(result)), describe(result));
                assertTrue(SEND_PUBLISH != action && RESEND_PUBLISH_DUP != action && REPUBLISH_AS_NEW != action,
                        describe(result));
            }
        }
    }

    @Test
    void protocolErrorsCloseWithoutChangingTheState() {
        for (int state = 0; state < QosStates.COUNT; state++) {
            for (int event = 0; event < QosEvents.COUNT; event++) {
                int result = QosTransitions.next(state, event);
                int action = QosTransitions.action(result);
                if (PROTOCOL_ERROR == action || ILLEGAL_EVENT == action || CLOSE_CONNECTION == action) {
                    assertEquals(state, QosTransitions.nextState(result), describe(result));
                }
            }
        }
    }

    @Test
    void resendsPubrelNotPublishAfterReconnect() {
        int state = QosTransitions.nextState(QosTransitions.next(QOS2_PUBLISH_SEND, PUBLISH_SENT));
        state = QosTransitions.nextState(QosTransitions.next(state, PUBREC_RECEIVED));
        state = QosTransitions.nextState(QosTransitions.next(state, PUBREL_SENT));
        state = QosTransitions.nextState(QosTransitions.next(state, CONNECTION_LOST));
        int resumed = QosTransitions.next(state, SESSION_RESUMED);
        assertEquals(describe(to(PUBREL_RESEND, RESEND_PUBREL)), describe(resumed));
    }

    @Test
    void rejectsPubackForQos2AndPubrecForQos1AndPubcompBeforePubrel() {
        assertEquals(PROTOCOL_ERROR, QosTransitions.action(QosTransitions.next(PUBREC_PENDING, PUBACK_RECEIVED)));
        assertEquals(PROTOCOL_ERROR, QosTransitions.action(QosTransitions.next(PUBACK_PENDING, PUBREC_RECEIVED)));
        assertEquals(PROTOCOL_ERROR, QosTransitions.action(QosTransitions.next(PUBREC_PENDING, PUBCOMP_RECEIVED)));
        assertEquals(PROTOCOL_ERROR, QosTransitions.action(QosTransitions.next(PUBREL_SEND, PUBCOMP_RECEIVED)));
    }

    @Test
    void resultPacksNextStateAndAction() {
        int result = QosTransitions.result(PUBCOMP_PENDING, ILLEGAL_EVENT);
        assertEquals(PUBCOMP_PENDING, QosTransitions.nextState(result));
        assertEquals(ILLEGAL_EVENT, QosTransitions.action(result));
        assertTrue(result >= 0, "results never look like a negative status");
    }

    @Test
    void unknownStateIsAProgrammingError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> QosTransitions.next(QosStates.COUNT, PUBLISH_SENT));
        assertEquals("state=15", error.getMessage());
    }

    @Test
    void unknownEventIsIllegal() {
        assertEquals(ILLEGAL_EVENT, QosTransitions.action(QosTransitions.next(PUBACK_PENDING, QosEvents.COUNT)));
    }
}
