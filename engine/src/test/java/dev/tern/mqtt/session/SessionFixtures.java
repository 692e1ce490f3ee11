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
            // every other message with a Message Expiry Interval (a record 8 bytes longer)
            queue.push(index % 3, 0 == index % 2, topic, 0, topic.length, payload, 0, payload.length,
                    0 == index % 2 ? 0 : 60 * index, 1000 * index);
            if (queue.count() > 3) {
                queue.pop(); // moves the head so later records wrap around the ring end
            }
        }
        session.packetIds().restoreNextCandidate(40000 + generation);
        return session;
    }

    /**
     * One engine-like step between two saves: a few of add a QoS 1/2 PUBLISH, move one record on
     * (QoS 2 to the PUBREL phase, or acknowledged and removed), store or release an incoming QoS 2
     * id, push or pop the offline queue, change the application data.
     */
    static void evolve(Session session, java.util.Random random) {
        OutgoingTable outgoing = session.outgoing();
        for (int op = 0; op < 3; op++) {
            switch (random.nextInt(6)) {
                case 0:
                case 1:
                    if (!outgoing.isFull()) {
                        int qos = 1 + random.nextInt(2);
                        byte[] bytes = packet(random.nextInt(100), 2 + random.nextInt(outgoing.maxPacketSize() - 1));
                        outgoing.add(session.packetIds().allocate(), qos,
                                1 == qos ? QosStates.QOS1_PUBLISH_SEND : QosStates.QOS2_PUBLISH_SEND, 0, bytes, 0, bytes.length);
                    }
                    break;
                case 2:
                    if (outgoing.size() > 0) {
                        int slot = outgoing.slotInSendOrder(random.nextInt(outgoing.size()));
                        int state = outgoing.state(slot);
                        if (QosStates.QOS2_PUBLISH_SEND == state) {
                            outgoing.transition(slot, QosEvents.PUBLISH_SENT);
                            outgoing.transition(slot, QosEvents.PUBREC_RECEIVED);
                        } else if (QosStates.PUBREL_SEND == state) {
                            outgoing.transition(slot, QosEvents.PUBREL_SENT);
                            outgoing.transition(slot, QosEvents.PUBCOMP_RECEIVED);
                        } else if (QosStates.QOS1_PUBLISH_SEND == state) {
                            outgoing.transition(slot, QosEvents.PUBLISH_SENT);
                            outgoing.transition(slot, QosEvents.PUBACK_RECEIVED);
                        }
                    }
                    break;
                case 3:
                    int id = 1 + random.nextInt(30);
                    if (QosStates.FREE == session.incoming().stateOf(id)) {
                        session.incoming().store(id);
                    } else {
                        session.incoming().release(id);
                    }
                    break;
                case 4:
                    OfflineQueue queue = session.offlineQueue();
                    if (random.nextBoolean() || queue.isEmpty()) {
                        byte[] topic = {'t', (byte) ('0' + random.nextInt(10))};
                        int seed = random.nextInt(100);
                        byte[] payload = packet(seed, 1 + random.nextInt(20));
                        // an odd seed: a Message Expiry Interval, with no extra draw from random
                        queue.push(random.nextInt(3), random.nextBoolean(), topic, 0, 2, payload, 0, payload.length,
                                seed % 2, 1000 * seed);
                    } else {
                        queue.pop();
                    }
                    break;
                default:
                    session.applicationData()[random.nextInt(Session.APPLICATION_DATA_LENGTH)] = (byte) random.nextInt();
                    break;
            }
        }
    }

    static byte[] packet(int seed, int length) {
        byte[] packet = new byte[length];
        for (int index = 0; index < length; index++) {
            packet[index] = (byte) (seed * 31 + index * 7);
        }
        packet[0] = 0x32;
        return packet;
    }

    /**
     * The image with each outgoing state replaced by its durable phase: what the journal keeps
     * (a SEND/PENDING/RESEND flip inside a phase is not written; a restored record counts as sent),
     * and the incoming ids sorted (the table keeps them in no particular order).
     */
    static byte[] durableImage(Session session) {
        byte[] image = image(session);
        int position = SessionImage.HEADER_LENGTH;
        for (int index = 0; index < session.outgoing().size(); index++) {
            image[position + 3] = (byte) JournalFormat.phase(image[position + 3]);
            position += SessionImage.RECORD_HEADER_LENGTH + SessionImage.getU16(image, position + 4);
        }
        int[] ids = new int[session.incoming().size()];
        for (int index = 0; index < ids.length; index++) {
            ids[index] = SessionImage.getU16(image, position + 2 * index);
        }
        Arrays.sort(ids);
        for (int index = 0; index < ids.length; index++) {
            SessionImage.putU16(image, position + 2 * index, ids[index]);
        }
        return image;
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
