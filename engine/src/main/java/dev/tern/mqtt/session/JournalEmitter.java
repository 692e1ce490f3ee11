package dev.tern.mqtt.session;

/**
 * Turns a session into journal records: a CHECKPOINT (the whole session) or a DELTA (what
 * changed since the last committed save). It keeps a shadow of what is on flash: per outgoing
 * slot the packet id, the record's send sequence (a replaced record has a new one) and its durable
 * phase; the incoming QoS 2 ids; the offline queue's push/pop counters; the next packet id; the
 * application data; the assigned client id's change count. The shadow changes only after a COMMIT is on flash ({@link #snapshot}).
 */
final class JournalEmitter {

    private static final int SCRATCH = 32;
    private static final int ALL_STORED = 0;
    private static final int NEW_STORED = 1;
    private static final int RELEASED = 2;

    private final JournalWriter writer;
    private final byte[] scratch = new byte[SCRATCH];
    private final byte[] applicationData = new byte[Session.APPLICATION_DATA_LENGTH];
    private int[] outgoingIds = new int[0];
    private int[] outgoingSequences = new int[0];
    private byte[] outgoingPhases = new byte[0];
    private char[] incomingIds = new char[0];
    private int incomingCount;
    private int offlinePushes;
    private int offlinePops;
    private int offlineCount;
    private int nextId;
    private int assignedIdChanges;
    private boolean valid;
    private Session shadowed;

    JournalEmitter(JournalWriter writer) {
        this.writer = writer;
    }

    /** Sizes the shadow for the session's configuration (once: the client's constructor). */
    void sizeFor(Session session) {
        if (session != shadowed) {
            valid = false; // the shadow describes another session object: compare nothing with it
            shadowed = session;
        }
        int outgoing = session.outgoing().capacity();
        if (outgoingIds.length != outgoing) {
            outgoingIds = new int[outgoing];
            outgoingSequences = new int[outgoing];
            outgoingPhases = new byte[outgoing];
            valid = false;
        }
        if (incomingIds.length != session.incoming().capacity()) {
            incomingIds = new char[session.incoming().capacity()];
            valid = false;
        }
    }

    /** Forgets the shadow: the next save writes a checkpoint. */
    void invalidate() {
        valid = false;
    }

    /** Whether the next save must be a checkpoint (no shadow, or a change a delta cannot say). */
    boolean needsCheckpoint(Session session) {
        if (!valid) {
            return true;
        }
        OutgoingTable outgoing = session.outgoing();
        for (int slot = 0; slot < outgoingIds.length; slot++) {
            if (isSameRecord(outgoing, slot)) {
                int was = outgoingPhases[slot];
                int now = JournalFormat.phase(outgoing.state(slot));
                if (was != now && !(JournalFormat.PHASE_QOS2_PUBLISH == was && JournalFormat.PHASE_PUBREL == now)) {
                    return true;
                }
            }
        }
        return newOfflineRecords(session.offlineQueue()) < 0;
    }

    /** Whether anything differs from the shadow. */
    boolean hasChanges(Session session) {
        OutgoingTable outgoing = session.outgoing();
        for (int slot = 0; slot < outgoingIds.length; slot++) {
            boolean live = 0 != outgoing.packetId(slot);
            if (live != (0 != outgoingIds[slot]) || (live && !isSameRecord(outgoing, slot))
                    || (live && outgoingPhases[slot] != JournalFormat.phase(outgoing.state(slot)))) {
                return true;
            }
        }
        IncomingQos2Table incoming = session.incoming();
        if (incoming.size() != incomingCount) {
            return true;
        }
        for (int index = 0; index < incomingCount; index++) {
            if (QosStates.FREE == incoming.stateOf(incomingIds[index])) {
                return true;
            }
        }
        OfflineQueue queue = session.offlineQueue();
        return queue.pushCount() != offlinePushes || queue.popCount() != offlinePops
                || session.packetIds().nextCandidate() != nextId
                || session.assignedClientId().changes() != assignedIdChanges
                || applicationDataChanged(session);
    }

    /** The shadow becomes the session: call only once its transaction is committed. */
    void snapshot(Session session) {
        OutgoingTable outgoing = session.outgoing();
        for (int slot = 0; slot < outgoingIds.length; slot++) {
            outgoingIds[slot] = outgoing.packetId(slot);
            outgoingSequences[slot] = outgoing.sendSequence(slot);
            outgoingPhases[slot] = (byte) JournalFormat.phase(outgoing.state(slot));
        }
        IncomingQos2Table incoming = session.incoming();
        incomingCount = incoming.size();
        for (int index = 0; index < incomingCount; index++) {
            incomingIds[index] = (char) incoming.packetIdAt(index);
        }
        OfflineQueue queue = session.offlineQueue();
        offlinePushes = queue.pushCount();
        offlinePops = queue.popCount();
        offlineCount = queue.count();
        nextId = session.packetIds().nextCandidate();
        System.arraycopy(session.applicationData(), 0, applicationData, 0, applicationData.length);
        assignedIdChanges = session.assignedClientId().changes();
        valid = true;
    }

    // ------------------------------------------------------------------ transactions

    int writeCheckpoint(Session session) {
        int status = writer.begin(JournalFormat.CHECKPOINT);
        status = ok(status) ? writeNextId(session) : status;
        status = ok(status) ? writeApplicationData(session) : status;
        if (ok(status) && session.assignedClientId().length() > 0) {
            status = writeAssignedClientId(session);
        }
        OutgoingTable outgoing = session.outgoing();
        for (int index = 0; index < outgoing.size() && ok(status); index++) {
            status = writeAdded(outgoing, outgoing.slotInSendOrder(index));
        }
        status = ok(status) ? writeIds(JournalFormat.INCOMING_STORED, session.incoming(), ALL_STORED) : status;
        OfflineQueue queue = session.offlineQueue();
        status = ok(status) ? writeOfflineBytes(queue, 0, queue.usedBytes()) : status;
        return ok(status) ? writer.commit() : status;
    }

    int writeDelta(Session session) {
        int status = writer.begin(JournalFormat.DELTA);
        OutgoingTable outgoing = session.outgoing();
        for (int slot = 0; slot < outgoingIds.length && ok(status); slot++) {
            if (0 != outgoingIds[slot] && !isSameRecord(outgoing, slot)) {
                status = writeId(JournalFormat.OUTGOING_REMOVED, outgoingIds[slot]);
            } else if (0 != outgoingIds[slot]
                    && outgoingPhases[slot] != JournalFormat.phase(outgoing.state(slot))) {
                status = writeId(JournalFormat.OUTGOING_PUBREC, outgoingIds[slot]);
            }
        }
        for (int index = 0; index < outgoing.size() && ok(status); index++) {
            int slot = outgoing.slotInSendOrder(index);
            if (!isSameRecord(outgoing, slot)) {
                status = writeAdded(outgoing, slot);
            }
        }
        status = ok(status) ? writeIds(JournalFormat.INCOMING_RELEASED, session.incoming(), RELEASED) : status;
        status = ok(status) ? writeIds(JournalFormat.INCOMING_STORED, session.incoming(), NEW_STORED) : status;
        OfflineQueue queue = session.offlineQueue();
        int popped = Math.min(queue.popCount() - offlinePops, offlineCount);
        if (ok(status) && popped > 0) {
            status = writeId(JournalFormat.OFFLINE_POPPED, popped);
        }
        if (ok(status)) {
            int keptBytes = 0;
            for (int index = 0; index < offlineCount - popped; index++) {
                keptBytes += queue.recordLengthFrom(keptBytes);
            }
            status = writeOfflineBytes(queue, keptBytes, queue.usedBytes() - keptBytes);
        }
        if (ok(status) && session.packetIds().nextCandidate() != nextId) {
            status = writeNextId(session);
        }
        if (ok(status) && applicationDataChanged(session)) {
            status = writeApplicationData(session);
        }
        if (ok(status) && session.assignedClientId().changes() != assignedIdChanges) {
            status = writeAssignedClientId(session);
        }
        return ok(status) ? writer.commit() : status;
    }

    /**
     * Walks the records of the largest checkpoint the configuration can produce through a dry-run
     * writer: the units it opens (the caller starts and ends the dry run).
     */
    int writeLargestCheckpoint(int outgoingCapacity, int maxPacketSize, int incomingCapacity, int offlineBytes,
            int assignedIdRoom) {
        int status = writer.begin(JournalFormat.CHECKPOINT);
        status = ok(status) ? record(JournalFormat.NEXT_ID, null, 0, 2) : status;
        status = ok(status) ? record(JournalFormat.APPLICATION_DATA, null, 0, Session.APPLICATION_DATA_LENGTH) : status;
        if (ok(status) && assignedIdRoom > 0) {
            status = record(JournalFormat.ASSIGNED_CLIENT_ID, null, 0, assignedIdRoom);
        }
        for (int index = 0; index < outgoingCapacity && ok(status); index++) {
            status = record(JournalFormat.OUTGOING_ADDED, null, 0, 4 + maxPacketSize);
        }
        for (int left = 2 * incomingCapacity; left > 0 && ok(status); ) {
            int room = writer.roomForBody(left, 2) & ~1;
            status = room < 0 ? room : record(JournalFormat.INCOMING_STORED, null, 0, room);
            left -= room;
        }
        status = ok(status) ? writeOfflineBytes(null, 0, offlineBytes) : status;
        return ok(status) ? writer.commit() : status;
    }

    // ------------------------------------------------------------------ records

    private boolean applicationDataChanged(Session session) {
        byte[] now = session.applicationData();
        for (int index = 0; index < applicationData.length; index++) {
            if (now[index] != applicationData[index]) {
                return true;
            }
        }
        return false;
    }

    private boolean isSameRecord(OutgoingTable outgoing, int slot) {
        int packetId = outgoing.packetId(slot);
        return 0 != packetId && packetId == outgoingIds[slot] && outgoing.sendSequence(slot) == outgoingSequences[slot];
    }

    private int newOfflineRecords(OfflineQueue queue) {
        int popped = Math.min(queue.popCount() - offlinePops, offlineCount);
        return queue.count() - (offlineCount - popped);
    }

    private int writeAdded(OutgoingTable outgoing, int slot) {
        int length = outgoing.packetLength(slot);
        int status = writer.beginRecord(JournalFormat.OUTGOING_ADDED, 4 + length);
        if (!ok(status)) {
            return status;
        }
        JournalFormat.putU16(scratch, 0, outgoing.packetId(slot));
        scratch[2] = (byte) outgoing.qos(slot);
        scratch[3] = (byte) outgoing.state(slot);
        status = writer.body(scratch, 0, 4);
        status = ok(status) ? writer.body(outgoing.slab(), outgoing.packetOffset(slot), length) : status;
        return ok(status) ? writer.endRecord() : status;
    }

    private int writeId(int type, int value) {
        JournalFormat.putU16(scratch, 0, value);
        return record(type, scratch, 0, 2);
    }

    private int writeNextId(Session session) {
        return writeId(JournalFormat.NEXT_ID, session.packetIds().nextCandidate());
    }

    private int writeApplicationData(Session session) {
        return record(JournalFormat.APPLICATION_DATA, session.applicationData(), 0, Session.APPLICATION_DATA_LENGTH);
    }

    private int writeAssignedClientId(Session session) {
        AssignedClientId id = session.assignedClientId();
        return record(JournalFormat.ASSIGNED_CLIENT_ID, id.bytes(), 0, id.length());
    }

    private int record(int type, byte[] body, int offset, int length) {
        int status = writer.beginRecord(type, length);
        status = ok(status) ? writer.body(body, offset, length) : status;
        return ok(status) ? writer.endRecord() : status;
    }

    /**
     * Incoming ids, in records as long as the units allow: every id the table holds (ALL_STORED),
     * those the shadow does not hold (NEW_STORED), or the shadow's ids the table no longer holds (RELEASED).
     */
    private int writeIds(int type, IncomingQos2Table incoming, int which) {
        boolean released = RELEASED == which;
        int left = 0;
        int total = released ? incomingCount : incoming.size();
        for (int index = 0; index < total; index++) {
            left += isIdChange(incoming, which, index) ? 1 : 0;
        }
        int index = 0;
        while (left > 0) {
            int room = writer.roomForBody(2 * left, 2);
            if (room < 0) {
                return room;
            }
            int ids = room / 2;
            int status = writer.beginRecord(type, 2 * ids);
            int filled = 0;
            for (int written = 0; written < ids && ok(status); index++) {
                if (isIdChange(incoming, which, index)) {
                    JournalFormat.putU16(scratch, filled, released ? incomingIds[index] : incoming.packetIdAt(index));
                    filled += 2;
                    written++;
                    if (filled == SCRATCH || written == ids) {
                        status = writer.body(scratch, 0, filled);
                        filled = 0;
                    }
                }
            }
            status = ok(status) ? writer.endRecord() : status;
            if (!ok(status)) {
                return status;
            }
            left -= ids;
        }
        return SessionStatus.OK;
    }

    private boolean isIdChange(IncomingQos2Table incoming, int which, int index) {
        if (RELEASED == which) {
            return QosStates.FREE == incoming.stateOf(incomingIds[index]);
        }
        if (ALL_STORED == which) {
            return true;
        }
        int packetId = incoming.packetIdAt(index);
        for (int known = 0; known < incomingCount; known++) {
            if (packetId == incomingIds[known]) {
                return false;
            }
        }
        return true;
    }

    /** Queue bytes from {@code from} (0 = the oldest record's start), in records as long as the units allow. */
    private int writeOfflineBytes(OfflineQueue queue, int from, int length) {
        int position = from;
        int left = length;
        while (left > 0) {
            int room = writer.roomForBody(left, OfflineQueue.RECORD_HEADER_LENGTH);
            if (room < 0) {
                return room;
            }
            int status = writer.beginRecord(JournalFormat.OFFLINE_BYTES, room);
            for (int done = 0; done < room && ok(status); done += SCRATCH) {
                int chunk = Math.min(SCRATCH, room - done);
                if (null != queue) {
                    queue.copyBytes(position + done, scratch, 0, chunk);
                }
                status = writer.body(scratch, 0, chunk);
            }
            status = ok(status) ? writer.endRecord() : status;
            if (!ok(status)) {
                return status;
            }
            position += room;
            left -= room;
        }
        return SessionStatus.OK;
    }

    private static boolean ok(int status) {
        return SessionStatus.OK == status;
    }
}
