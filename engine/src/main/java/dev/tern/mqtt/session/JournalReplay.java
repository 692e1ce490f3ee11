package dev.tern.mqtt.session;

import dev.tern.hal.NonVolatileStorage;

/**
 * Rebuilds a session from the journal: finds the newest unit, then replays every committed
 * transaction from the unit its header names as base, in log order. A transaction is checked
 * to its COMMIT first and applied only then; a CHECKPOINT empties the session before it, a DELTA
 * before the first checkpoint is skipped. Whatever is dropped is counted in the {@link RestoreReport}.
 */
final class JournalReplay {

    static final int NO_CHECKPOINT = 1;

    private final NonVolatileStorage storage;
    private final UnitHeader header;
    private final JournalCursor cursor;
    private final JournalWriter writer;
    private final byte[] field = new byte[Session.APPLICATION_DATA_LENGTH];
    private int pendingDropped;
    private boolean offlineDidNotFit;
    private int endSlot;
    private int endSequence;
    private int endOffset;
    private int headSlot;
    private int headSequence;
    private boolean anyUnit;
    private boolean allBlank;

    JournalReplay(NonVolatileStorage storage, UnitHeader header, JournalCursor cursor, JournalWriter writer) {
        this.storage = storage;
        this.header = header;
        this.cursor = cursor;
        this.writer = writer;
    }

    /** Whether the last {@link #findHead} saw a valid journal unit header. */
    boolean anyUnit() {
        return anyUnit;
    }

    int headSequence() {
        return headSequence;
    }

    int headSlot() {
        return headSlot;
    }

    /**
     * Finds the unit with the highest sequence and takes its retired list into the writer: OK or
     * STORAGE_ERROR. {@link #anyUnit} and {@link #allBlank} say what the region holds.
     */
    int findHead() {
        anyUnit = false;
        allBlank = true;
        for (int slot = 0; slot < writer.units(); slot++) {
            int status = header.read(slot);
            if (SessionStatus.STORAGE_ERROR == status) {
                return status;
            }
            allBlank &= header.wasBlank();
            if (UnitHeader.VALID == status && (!anyUnit || header.sequence() - headSequence > 0)) {
                anyUnit = true;
                headSlot = slot;
                headSequence = header.sequence();
            }
        }
        writer.startEmpty(anyUnit ? headSequence : 0);
        if (anyUnit) {
            header.read(headSlot);
            for (int index = 0; index < header.retiredCount(); index++) {
                writer.retire(header.retiredSlot(index));
            }
            writer.continueAt(headSlot, headSequence, headSequence, writer.unitSize());
        }
        return SessionStatus.OK;
    }

    /** Whether every unit's header bytes read 0xFF (after {@link #findHead}). */
    boolean allBlank() {
        return allBlank;
    }

    /** Whether the last {@link #replay} found any committed transaction. */
    boolean anyCommitted() {
        return endSlot >= 0;
    }

    /**
     * Replays the journal into the (emptied) session after {@link #findHead}; with a null session
     * it only finds where the log ends. OK when a checkpoint was applied, NO_CHECKPOINT when none
     * was committed, or STORAGE_ERROR. Leaves the writer after the last committed transaction (a
     * fresh unit when other bytes follow it) with the newest checkpoint's units live.
     */
    int replay(Session session, RestoreReport report) {
        if (null != session) {
            session.clear();
        }
        pendingDropped = 0;
        header.read(headSlot);
        cursor.start(headSlot, headSequence, header.baseSequence());
        endSlot = -1;
        int checkpointSlot = 0;
        int checkpointSequence = 0;
        boolean checkpointApplied = false;
        while (true) {
            int type = cursor.next();
            if (JournalCursor.END == type) {
                break;
            }
            if (SessionStatus.STORAGE_ERROR == type) {
                return type;
            }
            if (JournalCursor.BAD_CRC == type || JournalCursor.BAD_FRAME == type) {
                pendingDropped++;
                skipBad(type);
            } else if (JournalFormat.BEGIN != type || 1 != cursor.bodyLength()) {
                cursor.skip(); // a record of a transaction whose start was dropped (counted there)
            } else {
                int kind = readByte(cursor.bodyAddress());
                int markSlot = cursor.slot();
                int markSequence = cursor.sequence();
                int markOffset = cursor.offset();
                int checked = checkTransaction();
                if (checked < 0) {
                    return checked;
                }
                if (0 == checked) {
                    pendingDropped++;
                    continue;
                }
                if (JournalFormat.CHECKPOINT == kind) {
                    report.clear(); // whatever was dropped before a checkpoint is superseded by it
                } else {
                    report.countBadCrc(pendingDropped);
                }
                pendingDropped = 0;
                endSlot = cursor.slot();
                endSequence = cursor.sequence();
                endOffset = cursor.offset();
                if (JournalFormat.CHECKPOINT == kind) {
                    checkpointApplied = true;
                    checkpointSlot = markSlot;
                    checkpointSequence = markSequence;
                    if (null != session) {
                        session.clear();
                    }
                }
                if (checkpointApplied && null != session) {
                    cursor.moveTo(markSlot, markSequence, markOffset);
                    int applied = apply(session, report);
                    if (SessionStatus.OK != applied) {
                        return applied;
                    }
                }
                cursor.moveTo(endSlot, endSequence, endOffset);
            }
        }
        report.countTornTail(pendingDropped);
        return placeWriter(checkpointApplied, checkpointSlot, checkpointSequence);
    }

    private int placeWriter(boolean checkpointApplied, int checkpointSlot, int checkpointSequence) {
        if (endSlot < 0) {
            writer.continueAt(headSlot, headSequence, headSequence, writer.unitSize());
            return NO_CHECKPOINT;
        }
        int blank = cursor.blankFrom(endSlot, endOffset);
        if (SessionStatus.STORAGE_ERROR == blank) {
            return blank;
        }
        // units after the last commit hold only a torn transaction: free, erased when reached
        writer.continueAt(endSlot, endSequence, headSequence, SessionStatus.OK == blank ? endOffset : writer.unitSize());
        if (!checkpointApplied) {
            return NO_CHECKPOINT;
        }
        writer.setBase(checkpointSlot, checkpointSequence);
        return SessionStatus.OK;
    }

    /**
     * Reads from BEGIN to a matching COMMIT: 1 when committed (cursor after the COMMIT), 0 when not
     * (cursor where the next transaction may start), or STORAGE_ERROR.
     */
    private int checkTransaction() {
        cursor.skip();
        int records = 0;
        while (true) {
            int type = cursor.next();
            if (JournalCursor.END == type || JournalFormat.BEGIN == type) {
                return 0;
            }
            if (SessionStatus.STORAGE_ERROR == type) {
                return type;
            }
            if (JournalCursor.BAD_CRC == type || JournalCursor.BAD_FRAME == type) {
                skipBad(type);
                return 0;
            }
            if (JournalFormat.COMMIT == type) {
                boolean matches = 2 == cursor.bodyLength() && records == readU16(cursor.bodyAddress());
                cursor.skip();
                return matches ? 1 : 0;
            }
            records++;
            cursor.skip();
        }
    }

    private void skipBad(int type) {
        if (JournalCursor.BAD_CRC == type) {
            cursor.skip();
        } else {
            cursor.skipUnit();
        }
    }

    /** Applies a committed transaction from its BEGIN to its COMMIT: OK or STORAGE_ERROR. */
    private int apply(Session session, RestoreReport report) {
        offlineDidNotFit = false;
        cursor.next();
        cursor.skip();
        while (true) {
            int type = cursor.next();
            if (type < 0) {
                return SessionStatus.STORAGE_ERROR == type ? type : SessionStatus.STORE_CORRUPT;
            }
            if (JournalFormat.COMMIT == type) {
                break;
            }
            int status = applyRecord(type, session, report);
            if (SessionStatus.OK != status) {
                return status;
            }
            cursor.skip();
        }
        if (session.offlineQueue().recountRawRecords() > 0 || offlineDidNotFit) {
            report.countDoesNotFit();
        }
        return SessionStatus.OK;
    }

    private int applyRecord(int type, Session session, RestoreReport report) {
        int at = cursor.bodyAddress();
        int length = cursor.bodyLength();
        switch (type) {
            case JournalFormat.OUTGOING_ADDED:
                return length < 4 ? SessionStatus.OK : addOutgoing(session.outgoing(), at, length - 4, report);
            case JournalFormat.OUTGOING_PUBREC:
                if (2 == length) {
                    enterPubrelPhase(session.outgoing(), readU16(at));
                }
                return SessionStatus.OK;
            case JournalFormat.OUTGOING_REMOVED:
                if (2 == length) {
                    int slot = session.outgoing().find(readU16(at));
                    if (slot >= 0) {
                        session.outgoing().release(slot);
                    }
                }
                return SessionStatus.OK;
            case JournalFormat.INCOMING_STORED:
            case JournalFormat.INCOMING_RELEASED:
                return applyIncoming(type, session.incoming(), at, length, report);
            case JournalFormat.OFFLINE_BYTES:
                return appendOffline(session.offlineQueue(), at, length);
            case JournalFormat.OFFLINE_POPPED:
                if (2 == length) {
                    for (int count = readU16(at); count > 0; count--) {
                        session.offlineQueue().pop();
                    }
                }
                return SessionStatus.OK;
            case JournalFormat.NEXT_ID:
                if (2 == length) {
                    session.packetIds().restoreNextCandidate(readU16(at));
                }
                return SessionStatus.OK;
            case JournalFormat.APPLICATION_DATA:
                if (Session.APPLICATION_DATA_LENGTH == length) {
                    return read(at, session.applicationData(), 0, length);
                }
                return SessionStatus.OK;
            case JournalFormat.ASSIGNED_CLIENT_ID:
                return restoreAssignedClientId(session.assignedClientId(), at, length, report);
            default:
                return SessionStatus.OK; // a type this version does not know: nothing to apply
        }
    }

    private int addOutgoing(OutgoingTable outgoing, int at, int packetLength, RestoreReport report) {
        int status = read(at, field, 0, 4);
        if (SessionStatus.OK != status) {
            return status;
        }
        int packetId = JournalFormat.getU16(field, 0);
        int existing = outgoing.find(packetId);
        if (existing >= 0) {
            outgoing.release(existing); // cannot happen in a log this store wrote; the newer record wins
        }
        if (!outgoing.hasRoomFor(packetLength)) {
            report.countDoesNotFit();
            return SessionStatus.OK;
        }
        int slot = outgoing.reserve(packetId, field[2], field[3], 0, packetLength);
        if (slot < 0) {
            return SessionStatus.OK; // values no record can have: dropped like a bad record
        }
        status = read(at + 4, outgoing.slab(), outgoing.packetOffset(slot), packetLength);
        if (SessionStatus.OK != status) {
            return status;
        }
        return SessionStatus.OK;
    }

    private int restoreAssignedClientId(AssignedClientId id, int at, int length, RestoreReport report) {
        if (length > id.room()) {
            report.countDoesNotFit(); // a configuration without room for it (a client id of its own now, say)
            return SessionStatus.OK;
        }
        int status = read(at, id.bytes(), 0, length);
        if (SessionStatus.OK == status) {
            id.restored(length);
        }
        return status;
    }

    /** Moves a QoS 2 PUBLISH record to the PUBREL phase by the events that do it in the engine. */
    private static void enterPubrelPhase(OutgoingTable outgoing, int packetId) {
        int slot = outgoing.find(packetId);
        if (slot < 0 || JournalFormat.PHASE_QOS2_PUBLISH != JournalFormat.phase(outgoing.state(slot))) {
            return;
        }
        if (QosStates.PUBREC_PENDING != outgoing.state(slot)) {
            outgoing.transition(slot, QosEvents.PUBLISH_SENT);
        }
        outgoing.transition(slot, QosEvents.PUBREC_RECEIVED);
    }

    private int applyIncoming(int type, IncomingQos2Table incoming, int at, int length, RestoreReport report) {
        for (int done = 0; done + 1 < length; done += 2) {
            int status = read(at + done, field, 0, 2);
            if (SessionStatus.OK != status) {
                return status;
            }
            int packetId = JournalFormat.getU16(field, 0);
            if (JournalFormat.INCOMING_RELEASED == type) {
                incoming.release(packetId);
            } else if (SessionStatus.SESSION_INCOMING_TABLE_FULL == incoming.store(packetId)) {
                report.countDoesNotFit();
            }
        }
        return SessionStatus.OK;
    }

    private int appendOffline(OfflineQueue queue, int at, int length) {
        if (offlineDidNotFit) {
            return SessionStatus.OK;
        }
        for (int done = 0; done < length; done += field.length) {
            int chunk = Math.min(field.length, length - done);
            int status = read(at + done, field, 0, chunk);
            if (SessionStatus.OK != status) {
                return status;
            }
            if (SessionStatus.OK != queue.appendRaw(field, 0, chunk)) {
                offlineDidNotFit = true;
                return SessionStatus.OK;
            }
        }
        return SessionStatus.OK;
    }

    private int readByte(int address) {
        return SessionStatus.OK == read(address, field, 0, 1) ? field[0] & 0xFF : -1;
    }

    private int readU16(int address) {
        return SessionStatus.OK == read(address, field, 0, 2) ? JournalFormat.getU16(field, 0) : -1;
    }

    private int read(int address, byte[] destination, int offset, int length) {
        return NonVolatileStorage.OK == storage.read(address, destination, offset, length)
                ? SessionStatus.OK : SessionStatus.STORAGE_ERROR;
    }
}
