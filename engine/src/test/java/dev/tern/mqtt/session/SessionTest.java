package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionTest {

    @Test
    void sizesEveryPartFromItsConfiguration() {
        Session session = new Session(5, 100, 3, 256, OfflineQueue.DROP_OLDEST);
        assertEquals(5, session.outgoing().capacity());
        assertEquals(100, session.outgoing().maxPacketSize());
        assertEquals(3, session.incoming().capacity());
        assertEquals(256, session.offlineQueue().capacityBytes());
        assertEquals(SessionImage.HEADER_LENGTH + 5 * 106 + 3 * 2 + 256, session.maxImageLength());
    }

    @Test
    void clearStartsANewSession() {
        Session session = SessionFixtures.fullSession(1);
        session.clear();
        assertEquals(0, session.outgoing().size());
        assertEquals(0, session.incoming().size());
        assertTrue(session.offlineQueue().isEmpty());
        assertEquals(1, session.packetIds().nextCandidate());
    }

    @Test
    void aFullSessionImageFitsItsMaximum() {
        Session session = SessionFixtures.fullSession(1);
        assertTrue(SessionFixtures.image(session).length <= session.maxImageLength());
    }
}
