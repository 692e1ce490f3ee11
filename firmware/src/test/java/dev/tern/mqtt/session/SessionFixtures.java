package dev.tern.mqtt.session;

import java.util.Arrays;

/** Sessions with known contents, shared by the store and image tests. */
final class SessionFixtures {

    static final int OUTGOING = 4;
    static final int MAX_PACKET = 48;
    static final int INCOMING = 4;
    static final int OFFLINE_BYTES = 96;

    private SessionFixtures() {
    }

    static Session emptySession() {
        return new Session(OUTGOING, MAX_PACKET, INCOMING, OFFLINE_BYTES, OfflineQueue.REFUSE);
    }

    /** A session in every part: records in several states, incoming ids, a wrapped offline queue. */
    static Session fullSession(int generation) {
        Session session = emptySession();
        int[] states = {QosStates.PUBACK_PENDING, QosStates.PUBREL_SEND, QosStates.SUBACK_PENDING,
            QosStates.QOS2_PUBLISH_RESEND};
        int[] qos = {1, 2, 1, 2};
        for (int index = 0; index < OUTGOING; index++) {
            byte[] packet = packet(generation * 10 + index, 10 + index * 7);
            int slot = session.outgoing().add(100 * generation + index + 1, qos[index], states[index], 0,
                    packet, 0, packet.length);
            if (slot < 0) {
                throw new AssertionError(SessionStatus.name(slot));
            }
        }
        for (int index = 0; index < INCOMING - generation % 2; index++) {
            session.incoming().store(1000 * generation + index + 7);
        }
        OfflineQueue queue = session.offlineQueue();
        byte[] topic = "t/g".getBytes();
        for (int index = 0; index < 6; index++) {
            byte[] payload = packet(generation + index, 11 + index % 3);
            queue.push(index % 3, 0 == index % 2, topic, 0, topic.length, payload, 0, payload.length);
            if (queue.count() > 3) {
                queue.pop(); // moves the head so later records wrap around the ring end
            }
        }
        session.packetIds().restoreNextCandidate(40000 + generation);
        return session;
    }

    static byte[] packet(int seed, int length) {
        byte[] packet = new byte[length];
        for (int index = 0; index < length; index++) {
            packet[index] = (byte) (seed * 31 + index * 7);
        }
        packet[0] = 0x32;
        return packet;
    }

    /** The session's image bytes: equal images mean equal sessions. */
    static byte[] image(Session session) {
        byte[] buffer = new byte[session.maxImageLength()];
        int length = SessionImage.encode(session, buffer, 0, buffer.length);
        if (length < 0) {
            throw new AssertionError(SessionStatus.name(length));
        }
        return Arrays.copyOf(buffer, length);
    }
}
