package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SessionImageTest {

    @Test
    void encodesAnEmptySessionAsItsHeader() {
        byte[] image = SessionFixtures.image(SessionFixtures.emptySession());
        assertArrayEquals(new byte[] {
            0x00, 0x01,             // next packet id: 1
            0x00, 0x00,             // outgoing records
            0x00, 0x00,             // incoming ids
            0x00, 0x00,             // offline records
            0x00, 0x00, 0x00, 0x00, // offline bytes
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // application data: 32 bytes, all 0
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        }, image);
    }

    @Test
    void encodesAnOutgoingRecordAndAnIncomingId() {
        Session session = SessionFixtures.emptySession();
        session.outgoing().add(0x1234, 2, QosStates.PUBREC_PENDING, 0, new byte[] {0x34, 0x02}, 0, 2);
        session.incoming().store(0x0102);
        session.packetIds().restoreNextCandidate(0x1235);
        session.applicationData()[0] = 0x2A;
        session.applicationData()[31] = 0x07;
        assertArrayEquals(new byte[] {
            0x12, 0x35,             // next packet id
            0x00, 0x01,             // one outgoing record
            0x00, 0x01,             // one incoming id
            0x00, 0x00,             // offline records
            0x00, 0x00, 0x00, 0x00, // offline bytes
            0x2A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // application data: first byte 0x2A
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07, //   ... last byte 0x07
            0x12, 0x34,             // packet id
            0x02,                   // QoS 2
            0x06,                   // PUBREC_PENDING
            0x00, 0x02,             // packet length
            0x34, 0x02,             // the packet
            0x01, 0x02,             // incoming id
        }, SessionFixtures.image(session));
    }

    @Test
    void applicationDataSurvivesARoundTripAndAClear() {
        Session saved = SessionFixtures.emptySession();
        saved.applicationData()[5] = 99;
        Session restored = SessionFixtures.emptySession();
        byte[] image = SessionFixtures.image(saved);
        assertEquals(SessionStatus.OK, SessionImage.decode(image, 0, image.length, restored));
        assertEquals(99, restored.applicationData()[5]);
        restored.clear();
        assertEquals(0, restored.applicationData()[5]);
    }

    @Test
    void decodesWhatItEncoded() {
        Session saved = SessionFixtures.fullSession(2);
        byte[] image = SessionFixtures.image(saved);
        Session restored = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, SessionImage.decode(image, 0, image.length, restored));
        assertArrayEquals(image, SessionFixtures.image(restored));
    }

    @Test
    void refusesAnImageLargerThanTheLimit() {
        Session session = SessionFixtures.fullSession(1);
        assertEquals(SessionStatus.SESSION_TOO_LARGE, SessionImage.encode(session, new byte[1000], 0, 20));
    }

    @Test
    void rejectsATruncatedOrInconsistentImageAndLeavesTheSessionEmpty() {
        byte[] image = SessionFixtures.image(SessionFixtures.fullSession(1));
        for (int length = 0; length < image.length; length++) {
            Session session = SessionFixtures.fullSession(3);
            assertEquals(SessionStatus.STORE_CORRUPT, SessionImage.decode(image, 0, length, session), "length " + length);
            assertEquals(0, session.outgoing().size());
            assertEquals(0, session.incoming().size());
        }
        image[SessionImage.HEADER_LENGTH + 3] = QosStates.FREE; // a record in no state
        assertEquals(SessionStatus.STORE_CORRUPT, SessionImage.decode(image, 0, image.length, SessionFixtures.emptySession()));
    }
}
