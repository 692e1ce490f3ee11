package dev.tern.mqtt.session;

import dev.tern.hal.NonVolatileStorage;

/**
 * Keeps a {@link Session} in NOR flash as a journal: each save appends the changes since the last
 * one as a small transaction of records; when the free units run low a checkpoint (the whole
 * session, streamed record by record from RAM) is written into fresh units, after which the units
 * before it may be erased, one erase only when a unit is needed. Full design, format and
 * algorithms: docs/session-journal.md; byte layouts: {@link JournalFormat}.
 *
 * <pre>
 *  region = ring of erase units:  [hdr|records...][hdr|records...][hdr|rec..|FF..][free][free]...
 *                                  ^ base: unit of the newest committed checkpoint      ^ head
 *  transaction = BEGIN(kind) record* COMMIT(count)   (each record: type, length, body, crc32)
 * </pre>
 *
 * <ul>
 * <li>Commit rule: a transaction counts only when its COMMIT record, written last, reads back
 * with a good CRC; restore applies committed transactions only, so one save is all or nothing.
 * <li>Checkpoint rule: a delta is written only if it leaves room for the largest checkpoint this
 * configuration can produce; otherwise the save writes a checkpoint instead, starting in a fresh
 * unit. Live units (base to head) are never erased; a power cut anywhere leaves the previous
 * committed state or the new one.
 * <li>Restore: the unit with the highest sequence names the base in its header; every committed
 * transaction from there is replayed in order (a checkpoint first empties the session). What is
 * dropped is counted in {@link #report()}: torn tail, bad CRC, does not fit, legacy imported.
 * <li>Wear: every program is read back, every erase blank-checked; a unit that fails is retired
 * (listed in later unit headers, at most {@link JournalFormat#MAX_RETIRED}); when the good units
 * cannot hold two checkpoints, save returns FLASH_WORN.
 * <li>RAM: fixed at the first restore or save (the client's constructor), the same for any region
 * size: the CRC-32 table (1 KB), scratch buffers of at most 48 bytes, and a shadow of 9 bytes per
 * outgoing slot and 4 per incoming QoS 2 id: 2,856 bytes counted at the virtual board's sizing.
 * </ul>
 */
public final class SessionStore {

    private final NonVolatileStorage storage;
    private final JournalWriter writer;
    private final JournalReplay replay;
    private final JournalEmitter emitter;
    private final JournalWriter sizingWriter;
    private final JournalEmitter sizingEmitter;
    private final LegacyStoreReader legacy;
    /** FLASH_WORN was returned: every later save returns it too, until the next boot re-reads the flash. */
    private boolean worn;
    private final RestoreReport report = new RestoreReport();
    private final RestoreReport scanReport = new RestoreReport();
    private boolean scanned;
    private int legacySlotToErase = -1;
    private int sizedOutgoing = -1;
    private int sizedPacket;
    private int sizedIncoming;
    private int sizedOffline;
    private int sizedAssignedId;
    private int checkpointUnits;
    private boolean checkpointing;

    public SessionStore(NonVolatileStorage storage) {
        if (null == storage) {
            throw new IllegalArgumentException("storage=null");
        }
        int pageSize = storage.pageSize();
        if (pageSize < JournalFormat.HEADER_LENGTH + 4 * JournalFormat.RECORD_OVERHEAD + 64
                || storage.size() % pageSize != 0) {
            throw new IllegalArgumentException("pageSize=" + pageSize);
        }
        if (storage.size() / pageSize < 2 || storage.size() / pageSize > 0xFFFF) {
            throw new IllegalArgumentException("size=" + storage.size());
        }
        this.storage = storage;
        Crc32 crc = new Crc32();
        UnitHeader header = new UnitHeader(storage, crc);
        writer = new JournalWriter(storage, crc, header);
        replay = new JournalReplay(storage, header, new JournalCursor(storage, crc, header), writer);
        emitter = new JournalEmitter(writer);
        sizingWriter = new JournalWriter(storage, crc, header);
        sizingEmitter = new JournalEmitter(sizingWriter);
        legacy = new LegacyStoreReader(storage, crc);
    }

    /**
     * Bytes of half the region that no session image can use: the previous A/B format's area
     * header. Kept so {@link #maxImageLength()} means what it meant (the boards' sizing uses it).
     */
    public static final int HEADER_LENGTH = LegacyStoreReader.AREA_HEADER_LENGTH;

    /**
     * An upper bound of the session image this region can hold: half the region less
     * {@link #HEADER_LENGTH} (a checkpoint takes more bytes than the image, and two must fit). The
     * exact check for a configuration is {@link #fits(Session)}.
     */
    public int maxImageLength() {
        return storage.size() / storage.pageSize() / 2 * storage.pageSize() - HEADER_LENGTH;
    }

    /**
     * OK when the region holds the largest checkpoint this session's configuration can produce
     * twice over (the live one and the next), on the units not retired; else SESSION_TOO_LARGE,
     * or FLASH_WORN when retired units are the reason.
     */
    public int fits(Session session) {
        sizeFor(session);
        if (checkpointUnits < 0) {
            return SessionStatus.SESSION_TOO_LARGE;
        }
        if (2 * checkpointUnits > writer.units()) {
            return SessionStatus.SESSION_TOO_LARGE;
        }
        return 2 * checkpointUnits > writer.units() - writer.retiredCount() ? SessionStatus.FLASH_WORN : SessionStatus.OK;
    }

    /** Units the largest checkpoint of the session's configuration takes (-1: larger than the region). */
    public int checkpointUnits(Session session) {
        sizeFor(session);
        return checkpointUnits;
    }

    /** What the last restore dropped and why. */
    public RestoreReport report() {
        return report;
    }

    /**
     * Whether a checkpoint is being written now: true only while {@link #save} writes one, so
     * seen from inside a flash operation (a bench that cuts power there asks).
     */
    public boolean checkpointing() {
        return checkpointing;
    }

    /** Erases done by this store since construction (the wear it caused). */
    public long erases() {
        return writer.erases();
    }

    /** Bytes programmed by this store since construction. */
    public long bytesProgrammed() {
        return writer.bytesProgrammed();
    }

    /**
     * Makes every change since the last OK save durable: OK; or SESSION_TOO_LARGE, STORAGE_ERROR,
     * FLASH_WORN with nothing marked as written, so the next save writes all of it again. FLASH_WORN
     * stays: once the store has said the flash is worn, it claims no durability until the next boot.
     */
    public int save(Session session) {
        if (worn) {
            return SessionStatus.FLASH_WORN; // once said, said until the next boot: no durability is claimed
        }
        sizeFor(session);
        if (!scanned) {
            // never write before knowing where the log ends and which units are live
            int status = scan(null, scanReport);
            if (SessionStatus.OK != status && JournalReplay.NO_CHECKPOINT != status) {
                return SessionStatus.STORAGE_ERROR;
            }
            emitter.invalidate();
        }
        int fit = fits(session);
        if (SessionStatus.OK != fit) {
            worn = SessionStatus.FLASH_WORN == fit;
            return fit;
        }
        boolean checkpoint = emitter.needsCheckpoint(session);
        if (!checkpoint) {
            if (!emitter.hasChanges(session)) {
                return SessionStatus.OK;
            }
            writer.startDryRun();
            int measured = emitter.writeDelta(session);
            int opened = writer.endDryRun();
            checkpoint = SessionStatus.OK != measured || opened > writer.freeUnits() - reservedUnits();
        }
        int status;
        checkpointing = checkpoint;
        try {
            status = checkpoint ? emitter.writeCheckpoint(session) : emitter.writeDelta(session);
        } finally {
            checkpointing = false;
        }
        if (SessionStatus.OK != status) {
            writer.abandon();
            worn = SessionStatus.FLASH_WORN == status;
            return SessionStatus.FLASH_WORN == status || SessionStatus.SESSION_TOO_LARGE == status
                    ? status : SessionStatus.STORAGE_ERROR;
        }
        writer.committed();
        emitter.snapshot(session);
        if (checkpoint && legacySlotToErase >= 0) {
            writer.eraseFreeUnit(legacySlotToErase); // the imported copy must never come back
            legacySlotToErase = -1;
        }
        return SessionStatus.OK;
    }

    /**
     * Loads the newest committed state into the session, keeping what is valid (see
     * {@link #report()}): OK; or, with the session empty, STORE_EMPTY (nothing was ever
     * committed), STORE_CORRUPT (nothing valid) or STORAGE_ERROR.
     */
    public int restore(Session session) {
        sizeFor(session);
        report.clear();
        session.clear();
        int status = scan(session, report);
        if (SessionStatus.STORAGE_ERROR == status) {
            session.clear();
            return status;
        }
        if (SessionStatus.OK == status) {
            if (report.droppedAnything()) {
                emitter.invalidate(); // what was dropped is still on flash: write the whole session next
            } else {
                emitter.snapshot(session);
            }
            return SessionStatus.OK;
        }
        emitter.invalidate();
        session.clear();
        status = importLegacy(session);
        if (SessionStatus.OK == status || SessionStatus.STORAGE_ERROR == status) {
            return status;
        }
        if (replay.allBlank() || (replay.anyUnit() && !replay.anyCommitted() && !report.droppedAnything())) {
            return SessionStatus.STORE_EMPTY;
        }
        return SessionStatus.STORE_CORRUPT;
    }

    /**
     * Free units a delta must leave: room for the next checkpoint, plus one spare when the region
     * has it, so a free unit that fails its erase does not leave the checkpoint short.
     */
    private int reservedUnits() {
        int spare = writer.units() - writer.retiredCount() - 2 * checkpointUnits;
        return checkpointUnits + Math.min(1, spare);
    }

    private int scan(Session session, RestoreReport into) {
        scanned = false;
        legacySlotToErase = -1;
        int status = replay.findHead();
        if (SessionStatus.OK != status) {
            return status;
        }
        if (replay.anyUnit()) {
            status = replay.replay(session, into);
            if (SessionStatus.STORAGE_ERROR == status) {
                return status;
            }
        } else {
            status = JournalReplay.NO_CHECKPOINT;
        }
        scanned = true;
        if (JournalReplay.NO_CHECKPOINT == status && null == session) {
            protectLegacyCopy();
        }
        return status;
    }

    /** A copy in the previous A/B format: loaded, then journaled by the next save (a checkpoint). */
    private int importLegacy(Session session) {
        int area = legacy.newestArea();
        if (area < 0) {
            return SessionStatus.STORAGE_ERROR == area ? area : SessionStatus.STORE_CORRUPT;
        }
        int status = legacy.load(area, session, report);
        if (SessionStatus.OK != status) {
            session.clear();
            return status;
        }
        report.countLegacyImported();
        protectLegacyCopy();
        return SessionStatus.OK;
    }

    /** Keeps the newest legacy copy's units out of reach until the first checkpoint commits. */
    private void protectLegacyCopy() {
        int area = legacy.newestArea();
        if (area < 0) {
            return;
        }
        int pages = legacy.pagesPerArea();
        writer.protectLegacy(area * pages + pages - 1, pages);
        legacySlotToErase = area * pages;
    }

    private void sizeFor(Session session) {
        emitter.sizeFor(session);
        OutgoingTable outgoing = session.outgoing();
        if (sizedOutgoing == outgoing.capacity() && sizedPacket == outgoing.maxPacketSize()
                && sizedIncoming == session.incoming().capacity()
                && sizedOffline == session.offlineQueue().capacityBytes()
                && sizedAssignedId == session.assignedClientId().room()) {
            return;
        }
        sizedOutgoing = outgoing.capacity();
        sizedPacket = outgoing.maxPacketSize();
        sizedIncoming = session.incoming().capacity();
        sizedOffline = session.offlineQueue().capacityBytes();
        sizedAssignedId = session.assignedClientId().room();
        sizingWriter.startEmpty(0);
        sizingWriter.startDryRun();
        int status = sizingEmitter.writeLargestCheckpoint(sizedOutgoing, sizedPacket, sizedIncoming, sizedOffline,
                sizedAssignedId);
        int units = sizingWriter.endDryRun();
        checkpointUnits = SessionStatus.OK == status ? units : -1;
    }
}
