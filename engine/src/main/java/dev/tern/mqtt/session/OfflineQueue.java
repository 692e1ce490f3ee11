package dev.tern.mqtt.session;

/**
 * Publish requests made while offline, first in first out, as length-prefixed records in a byte
 * ring of fixed size. A record may wrap around the end of the ring.
 *
 * <pre>
 *  record:
 *  +-----------+-------+-------------+-------------------+-------------------------+-----------+
 *  | length    | flags | topicLength | topic             | expiry (flags bit 3)    | payload   |
 *  | u16 BE    | u8    | u16 BE      | topicLength bytes | seconds u32, queued u32 | the rest  |
 *  +-----------+-------+-------------+-------------------+-------------------------+-----------+
 *   length = bytes after the length field = 3 + topicLength (+ 8) + payloadLength
 *   flags  = bit 3: has a Message Expiry Interval, bit 2: retain, bits 1-0: QoS
 *   expiry = the seconds left as of "queued" (int millis of this boot's clock); 0 seconds marks
 *            a message found expired. A record without bit 3 (every record written before
 *            expiry existed) never expires.
 *
 *  ring:  [ ... free ... | oldest record | record | newest record | ... free ... ]
 *                          ^ head                                  ^ tail (mod capacity)
 * </pre>
 *
 * Message Expiry (3.3.2.3.3): {@link #dropExpired(int)} drops and counts expired messages before
 * the oldest is sent, {@link #peekExpirySeconds(int)} gives the interval left for its PUBLISH. A
 * board has no real-time clock: after a restore (a reboot) every restored message restarts its
 * interval from the first time the queue sees the new boot's clock (a {@code now}), so the wait
 * before the reboot is not counted. Elapsed times are int millis compared unsigned: call
 * {@link #dropExpired(int)} at least every 37 days (it rebases waits longer than 12 days).
 */
public final class OfflineQueue {

    /** When full, refuse the new record (SESSION_OFFLINE_QUEUE_FULL); the default. */
    public static final int REFUSE = 0;
    /** When full, drop whole oldest records until the new one fits (counted). */
    public static final int DROP_OLDEST = 1;

    /** Bytes before the topic: length, flags, topic length. */
    public static final int RECORD_HEADER_LENGTH = 5;
    private static final int MAX_LENGTH_FIELD = 0xFFFF;
    private static final int RETAIN_FLAG = 0x04;
    private static final int QOS_MASK = 0x03;
    private static final int EXPIRY_FLAG = 0x08;
    /** Expiry seconds u32 and queued-at millis u32, after the topic of a record with {@link #EXPIRY_FLAG}. */
    public static final int EXPIRY_FIELDS_LENGTH = 8;
    /** The largest Message Expiry Interval (a four-byte integer). */
    public static final long MAX_EXPIRY_SECONDS = 0xFFFFFFFFL;
    /** Waits this long are folded into the seconds left, so elapsed int millis never wrap (12.4 days). */
    private static final long REBASE_MILLIS = 1L << 30;

    private final byte[] ring;
    private final int policy;
    private int head;
    private int used;
    private int count;
    private int pushes;
    private int pops;
    private long dropped;
    private long refused;
    private long expired;
    /** Restored records carry queued-at times of an earlier boot's clock: restart them at the next {@code now}. */
    private boolean clocksFromEarlierBoot;

    public OfflineQueue(int capacityBytes, int policy) {
        if (capacityBytes < RECORD_HEADER_LENGTH) {
            throw new IllegalArgumentException("capacityBytes=" + capacityBytes);
        }
        if (REFUSE != policy && DROP_OLDEST != policy) {
            throw new IllegalArgumentException("policy=" + policy);
        }
        ring = new byte[capacityBytes];
        this.policy = policy;
    }

    /**
     * Appends a publish request: OK, SESSION_OFFLINE_QUEUE_FULL (policy REFUSE, counted),
     * OFFLINE_RECORD_TOO_LARGE (larger than the whole ring, counted as refused) or SESSION_INVALID_QOS.
     */
    public int push(int qos, boolean retain, byte[] topic, int topicOffset, int topicLength,
            byte[] payload, int payloadOffset, int payloadLength) {
        return push(qos, retain, topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, 0, 0);
    }

    /**
     * As {@link #push(int, boolean, byte[], int, int, byte[], int, int)} with a Message Expiry
     * Interval of {@code expirySeconds} (0: none, else 1..{@link #MAX_EXPIRY_SECONDS}) counted from
     * {@code now} (int millis); a message with one takes {@link #EXPIRY_FIELDS_LENGTH} more bytes.
     */
    public int push(int qos, boolean retain, byte[] topic, int topicOffset, int topicLength,
            byte[] payload, int payloadOffset, int payloadLength, long expirySeconds, int now) {
        if (qos < 0 || qos > 2) {
            return SessionStatus.SESSION_INVALID_QOS;
        }
        if (expirySeconds < 0 || expirySeconds > MAX_EXPIRY_SECONDS) {
            throw new IllegalArgumentException("expirySeconds=" + expirySeconds);
        }
        boolean expires = 0 != expirySeconds;
        if (expires) {
            restartClocksIfFromEarlierBoot(now);
        }
        long recordLength = (long) RECORD_HEADER_LENGTH + topicLength + (expires ? EXPIRY_FIELDS_LENGTH : 0) + payloadLength;
        if (recordLength > ring.length || recordLength - 2 > MAX_LENGTH_FIELD) {
            refused++;
            return SessionStatus.OFFLINE_RECORD_TOO_LARGE;
        }
        int length = (int) recordLength;
        if (length > ring.length - used) {
            if (REFUSE == policy) {
                refused++;
                return SessionStatus.SESSION_OFFLINE_QUEUE_FULL;
            }
            while (length > ring.length - used) {
                pop();
                dropped++;
            }
        }
        int tail = wrap(head + used);
        int bodyLength = length - 2;
        tail = putByte(tail, bodyLength >>> 8);
        tail = putByte(tail, bodyLength);
        tail = putByte(tail, (expires ? EXPIRY_FLAG : 0) | (retain ? RETAIN_FLAG : 0) | qos);
        tail = putByte(tail, topicLength >>> 8);
        tail = putByte(tail, topicLength);
        tail = putBytes(tail, topic, topicOffset, topicLength);
        if (expires) {
            tail = putInt(tail, (int) expirySeconds);
            tail = putInt(tail, now);
        }
        putBytes(tail, payload, payloadOffset, payloadLength);
        used += length;
        count++;
        pushes++;
        return SessionStatus.OK;
    }

    /** Removes the oldest record: OK or OFFLINE_QUEUE_EMPTY. */
    public int pop() {
        if (0 == count) {
            return SessionStatus.OFFLINE_QUEUE_EMPTY;
        }
        int length = recordLengthAt(head);
        head = wrap(head + length);
        used -= length;
        count--;
        pops++;
        return SessionStatus.OK;
    }

    /** Takes back the newest record (one that could not be stored, say): OK or OFFLINE_QUEUE_EMPTY. */
    public int removeNewest() {
        if (0 == count) {
            return SessionStatus.OFFLINE_QUEUE_EMPTY;
        }
        int position = head;
        int kept = 0;
        for (int index = 0; index < count - 1; index++) {
            int length = recordLengthAt(position);
            position = wrap(position + length);
            kept += length;
        }
        used = kept;
        count--;
        pushes--; // taken back: as if never pushed
        return SessionStatus.OK;
    }

    public boolean isEmpty() {
        return 0 == count;
    }

    public int count() {
        return count;
    }

    public int usedBytes() {
        return used;
    }

    public int capacityBytes() {
        return ring.length;
    }

    /** The oldest record's QoS, or OFFLINE_QUEUE_EMPTY. */
    public int peekQos() {
        return 0 == count ? SessionStatus.OFFLINE_QUEUE_EMPTY : byteAt(head + 2) & QOS_MASK;
    }

    /** The oldest record's retain flag (false when empty). */
    public boolean peekRetain() {
        return 0 != count && 0 != (byteAt(head + 2) & RETAIN_FLAG);
    }

    /** The oldest record's topic length, or OFFLINE_QUEUE_EMPTY. */
    public int peekTopicLength() {
        return 0 == count ? SessionStatus.OFFLINE_QUEUE_EMPTY : topicLengthAt(head);
    }

    /** The oldest record's payload length, or OFFLINE_QUEUE_EMPTY. */
    public int peekPayloadLength() {
        if (0 == count) {
            return SessionStatus.OFFLINE_QUEUE_EMPTY;
        }
        return recordLengthAt(head) - (payloadAt(head) - head);
    }

    /**
     * Drops the oldest messages while their Message Expiry Interval has run out at {@code now}
     * (counted in {@link #expiredCount()}), and marks later ones that have run out, to be dropped
     * when they become the oldest: none is ever sent. Returns the number dropped.
     */
    public int dropExpired(int now) {
        restartClocksIfFromEarlierBoot(now);
        int position = head;
        for (int index = 0; index < count; index++) {
            if (hasExpiry(position)) {
                ageExpiry(position, now);
            }
            position = wrap(position + recordLengthAt(position));
        }
        int droppedNow = 0;
        while (0 != count && hasExpiry(head) && 0 == secondsLeftAt(head)) {
            pop();
            expired++;
            droppedNow++;
        }
        return droppedNow;
    }

    /**
     * The oldest message's Message Expiry Interval left at {@code now}, for its PUBLISH (3.3.2.3.3):
     * 1.. seconds, 0 when it has none, OFFLINE_QUEUE_EMPTY, or OFFLINE_MESSAGE_EXPIRED (call
     * {@link #dropExpired(int)} first).
     */
    public long peekExpirySeconds(int now) {
        if (0 == count) {
            return SessionStatus.OFFLINE_QUEUE_EMPTY;
        }
        if (!hasExpiry(head)) {
            return 0;
        }
        restartClocksIfFromEarlierBoot(now);
        long left = secondsLeftAt(head) - elapsedMillis(head, now) / 1000;
        return left > 0 ? left : SessionStatus.OFFLINE_MESSAGE_EXPIRED;
    }

    /** Messages dropped because their Message Expiry Interval ran out. */
    public long expiredCount() {
        return expired;
    }

    /** Copies the oldest record's topic: its length, OFFLINE_QUEUE_EMPTY or BUFFER_TOO_SMALL. */
    public int copyPeekTopic(byte[] destination, int offset) {
        int length = peekTopicLength();
        if (length < 0) {
            return length;
        }
        return copyOut(head + RECORD_HEADER_LENGTH, length, destination, offset);
    }

    /** Copies the oldest record's payload: its length, OFFLINE_QUEUE_EMPTY or BUFFER_TOO_SMALL. */
    public int copyPeekPayload(byte[] destination, int offset) {
        int length = peekPayloadLength();
        if (length < 0) {
            return length;
        }
        return copyOut(payloadAt(head), length, destination, offset);
    }

    /** Copies every record, oldest first, as one run of bytes: the count of bytes or BUFFER_TOO_SMALL. */
    public int copyContents(byte[] destination, int offset) {
        return copyOut(head, used, destination, offset);
    }

    /**
     * Replaces the contents with records copied by {@link #copyContents}: OK, SESSION_DOES_NOT_FIT
     * (more bytes than the ring), or STORE_CORRUPT (the bytes are not whole records; queue left empty).
     */
    public int restore(byte[] source, int offset, int length) {
        clear();
        if (length > ring.length) {
            return SessionStatus.SESSION_DOES_NOT_FIT;
        }
        int records = 0;
        int position = 0;
        while (position < length) {
            if (length - position < RECORD_HEADER_LENGTH) {
                return SessionStatus.STORE_CORRUPT;
            }
            int recordLength = 2 + (((source[offset + position] & 0xFF) << 8) | (source[offset + position + 1] & 0xFF));
            int topicLength = ((source[offset + position + 3] & 0xFF) << 8) | (source[offset + position + 4] & 0xFF);
            int flags = source[offset + position + 2] & 0xFF;
            if (recordLength > length - position || fixedLength(flags, topicLength) > recordLength
                    || (flags & QOS_MASK) > 2) {
                return SessionStatus.STORE_CORRUPT;
            }
            position += recordLength;
            records++;
        }
        System.arraycopy(source, offset, ring, 0, length);
        used = length;
        count = records;
        pushes += records;
        clocksFromEarlierBoot = records > 0;
        return SessionStatus.OK;
    }

    /** Empties the queue; the records count as popped (see {@link #popCount()}). */
    public void clear() {
        pops += count;
        head = 0;
        used = 0;
        count = 0;
    }

    /**
     * Records pushed since construction, less those taken back by {@link #removeNewest}: with
     * {@link #popCount()} it tells the session store which records are new since its last save
     * (the difference is exact across int wrap-around).
     */
    public int pushCount() {
        return pushes;
    }

    /** Records popped, dropped or cleared since construction. */
    public int popCount() {
        return pops;
    }

    /** The length of the record that starts {@code position} bytes after the oldest record's start. */
    public int recordLengthFrom(int position) {
        return recordLengthAt(head + position);
    }

    /**
     * Copies {@code length} queue bytes starting {@code position} bytes after the oldest record's
     * start (the store streams the queue to flash this way): the count, or BUFFER_TOO_SMALL.
     */
    public int copyBytes(int position, byte[] destination, int offset, int length) {
        if (position < 0 || length < 0 || position + length > used) {
            return SessionStatus.BUFFER_TOO_SMALL;
        }
        return copyOut(head + position, length, destination, offset);
    }

    /**
     * Appends raw record bytes at the tail without counting records (a restore streams records in
     * pieces; {@link #recountRawRecords()} counts them afterwards): OK or SESSION_DOES_NOT_FIT.
     */
    public int appendRaw(byte[] source, int offset, int length) {
        if (length > ring.length - used) {
            return SessionStatus.SESSION_DOES_NOT_FIT;
        }
        putBytes(wrap(head + used), source, offset, length);
        used += length;
        return SessionStatus.OK;
    }

    /**
     * Recounts the records after {@link #appendRaw}: the bytes after the last whole, well-formed
     * record are dropped. Returns the number of bytes dropped (0 when all were whole records).
     */
    public int recountRawRecords() {
        int position = 0;
        int records = 0;
        while (used - position >= RECORD_HEADER_LENGTH) {
            int recordLength = recordLengthFrom(position);
            int flags = byteAt(head + position + 2);
            if (recordLength > used - position || fixedLength(flags, topicLengthAt(head + position)) > recordLength
                    || (flags & QOS_MASK) > 2) {
                break;
            }
            position += recordLength;
            records++;
        }
        int droppedBytes = used - position;
        used = position;
        pushes += records - count;
        count = records;
        clocksFromEarlierBoot = records > 0;
        return droppedBytes;
    }

    /** Records dropped to make room (policy DROP_OLDEST). */
    public long droppedCount() {
        return dropped;
    }

    /** Records refused: queue full under REFUSE, or larger than the ring. */
    public long refusedCount() {
        return refused;
    }

    /** Bytes of a record before its payload. */
    private static int fixedLength(int flags, int topicLength) {
        return RECORD_HEADER_LENGTH + topicLength + (0 != (flags & EXPIRY_FLAG) ? EXPIRY_FIELDS_LENGTH : 0);
    }

    private int payloadAt(int position) {
        return position + fixedLength(byteAt(position + 2), topicLengthAt(position));
    }

    private boolean hasExpiry(int position) {
        return 0 != (byteAt(position + 2) & EXPIRY_FLAG);
    }

    private int expiryAt(int position) {
        return position + RECORD_HEADER_LENGTH + topicLengthAt(position);
    }

    private long secondsLeftAt(int position) {
        return intAt(expiryAt(position)) & 0xFFFFFFFFL;
    }

    private long elapsedMillis(int position, int now) {
        return (now - intAt(expiryAt(position) + 4)) & 0xFFFFFFFFL;
    }

    /** Marks the message expired (0 seconds left), or folds a long wait into its seconds left. */
    private void ageExpiry(int position, int now) {
        long left = secondsLeftAt(position);
        long elapsed = elapsedMillis(position, now);
        if (elapsed >= left * 1000) {
            putInt(wrap(expiryAt(position)), 0);
        } else if (elapsed >= REBASE_MILLIS) {
            long seconds = elapsed / 1000;
            int at = putInt(wrap(expiryAt(position)), (int) (left - seconds));
            putInt(at, intAt(expiryAt(position) + 4) + (int) (seconds * 1000));
        }
    }

    /** After a restore: every message's interval restarts at {@code now} (the board has no real-time clock). */
    private void restartClocksIfFromEarlierBoot(int now) {
        if (!clocksFromEarlierBoot) {
            return;
        }
        clocksFromEarlierBoot = false;
        int position = head;
        for (int index = 0; index < count; index++) {
            if (hasExpiry(position)) {
                putInt(wrap(expiryAt(position) + 4), now);
            }
            position = wrap(position + recordLengthAt(position));
        }
    }

    private int intAt(int position) {
        return (byteAt(position) << 24) | (byteAt(position + 1) << 16) | (byteAt(position + 2) << 8) | byteAt(position + 3);
    }

    private int putInt(int position, int value) {
        int at = putByte(position, value >>> 24);
        at = putByte(at, value >>> 16);
        at = putByte(at, value >>> 8);
        return putByte(at, value);
    }

    private int recordLengthAt(int position) {
        return 2 + ((byteAt(position) << 8) | byteAt(position + 1));
    }

    private int topicLengthAt(int position) {
        return (byteAt(position + 3) << 8) | byteAt(position + 4);
    }

    private int byteAt(int position) {
        return ring[wrap(position)] & 0xFF;
    }

    private int wrap(int position) {
        return position >= ring.length ? position - ring.length : position;
    }

    private int putByte(int position, int value) {
        ring[position] = (byte) value;
        return wrap(position + 1);
    }

    private int putBytes(int position, byte[] source, int offset, int length) {
        int firstRun = Math.min(length, ring.length - position);
        System.arraycopy(source, offset, ring, position, firstRun);
        System.arraycopy(source, offset + firstRun, ring, 0, length - firstRun);
        return wrap(position + length);
    }

    private int copyOut(int position, int length, byte[] destination, int offset) {
        if (offset < 0 || length > destination.length - offset) {
            return SessionStatus.BUFFER_TOO_SMALL;
        }
        int start = wrap(position);
        int firstRun = Math.min(length, ring.length - start);
        System.arraycopy(ring, start, destination, offset, firstRun);
        System.arraycopy(ring, 0, destination, offset + firstRun, length - firstRun);
        return length;
    }
}
