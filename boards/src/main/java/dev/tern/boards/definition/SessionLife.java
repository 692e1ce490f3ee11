package dev.tern.boards.definition;

import java.nio.charset.StandardCharsets;

import dev.tern.mqtt.session.JournalFormat;
import dev.tern.mqtt.session.Session;

/**
 * How long a board's session region lasts under the sensor firmware's load: {@value #SENSORS}
 * sensors, one reading a second each, every reading one PUBLISH the engine sends. A unit wears out
 * after the device's endurance in erase cycles; the journal walks round the region, so in the long
 * run every unit is erased at the same rate: (erases per message) / (units).
 *
 * <p>{@link #project} is the analytic figure ({@code tern boards ID}): bytes per message from
 * {@link JournalFormat#bytesPerMessage} and the sensor's sequence record, perfect spreading, plus the checkpoint overhead (see
 * {@link #unitsWrittenPerUnitOfDeltas}). The bench measures erases per message instead and uses
 * {@link #years(double, double)} with the measured spread.
 */
public final class SessionLife {

    public static final int SENSORS = 3;
    /** Julian year. */
    public static final double SECONDS_PER_YEAR = 365.25 * 24 * 3600;
    /** {@value #SENSORS} sensors at one reading a second. */
    public static final double MESSAGES_PER_YEAR = SENSORS * SECONDS_PER_YEAR;

    /**
     * The sensor firmware's longest typical reading (SensorApp): topic {@code tern/<device>/<sensor>}
     * with the default device id {@code tern-} + a 96-bit unique id in hex, the longest sensor name,
     * and the JSON payload five years into a run (seq 157,788,000; t in ms since boot).
     */
    public static final String SENSOR_TOPIC = "tern/tern-0123456789abcdef01234567/temperature";
    public static final String SENSOR_PAYLOAD = "{\"seq\":157788000,\"t\":157788000000,\"v\":21.43}";

    /**
     * Journal bytes the sensor firmware adds to each message's add transaction: it stores the
     * reading's sequence number in the session's application data before the publish, so one
     * APPLICATION_DATA record goes with every message (SensorApp.storeSequence).
     */
    public static final int SENSOR_SEQUENCE_RECORD = JournalFormat.RECORD_OVERHEAD + Session.APPLICATION_DATA_LENGTH;

    private SessionLife() {
    }

    /** Bytes of the whole PUBLISH packet at QoS 1 or 2 (a packet id), as the journal stores it. */
    public static int publishLength(final int topicLength, final int payloadLength) {
        final int remaining = 2 + topicLength + 2 + payloadLength;
        int lengthBytes = 1;
        for (int rest = remaining >>> 7; rest > 0; rest >>>= 7) {
            lengthBytes++;
        }
        return 1 + lengthBytes + remaining;
    }

    /** {@link #publishLength} of the sensor firmware's typical reading. */
    public static int sensorPublishLength() {
        return publishLength(SENSOR_TOPIC.getBytes(StandardCharsets.UTF_8).length,
                SENSOR_PAYLOAD.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * Years until a unit erased {@code unitErasesPerMessage} times per message (on average over a
     * lap) and already {@code lead} erases ahead of the mean reaches {@code endurance}:
     * {@code (endurance - lead) / (unitErasesPerMessage * MESSAGES_PER_YEAR)}.
     */
    public static double years(final double endurance, final double unitErasesPerMessage, final double lead) {
        if (unitErasesPerMessage <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, endurance - lead) / (unitErasesPerMessage * MESSAGES_PER_YEAR);
    }

    /** {@link #years(double, double, double)} with no lead (perfect spreading). */
    public static double years(final double endurance, final double unitErasesPerMessage) {
        return years(endurance, unitErasesPerMessage, 0);
    }

    /** The analytic projection for {@code board} with the engine publishing the sensor readings at {@code qos}. */
    public static Projection project(final BoardDefinition board, final int qos) {
        final int publishLength = sensorPublishLength();
        final int bytesPerMessage = JournalFormat.bytesPerMessage(qos, true, publishLength) + SENSOR_SEQUENCE_RECORD;
        final int units = board.sessionEraseUnits();
        final int pageSize = board.sessionPageSize();
        final int checkpointUnits = checkpointUnits(board);
        // a record never crosses a unit's end: up to one PUBLISH record is left blank at each end
        final int usable = pageSize - JournalFormat.HEADER_LENGTH - (JournalFormat.RECORD_OVERHEAD + 4 + publishLength);
        final double overhead = unitsWrittenPerUnitOfDeltas(units, checkpointUnits);
        final double erasesPerMessage = usable <= 0 ? Double.POSITIVE_INFINITY : (double) bytesPerMessage / usable * overhead;
        final double unitErasesPerMessage = erasesPerMessage / units;
        return new Projection(qos, publishLength, bytesPerMessage, units, pageSize, checkpointUnits,
                board.sessionEndurance(), unitErasesPerMessage, years(board.sessionEndurance(), unitErasesPerMessage));
    }

    /**
     * Units the head moves per unit of deltas: a checkpoint is due once the live units leave fewer
     * than C + 1 free, so a cycle moves U - C - 1 units; of them one holds the idle sensor's small
     * checkpoint and one is left part-filled when the checkpoint starts in a fresh unit. Infinite
     * when the region holds no room for deltas.
     */
    static double unitsWrittenPerUnitOfDeltas(final int units, final int checkpointUnits) {
        final int cycle = units - checkpointUnits - 1;
        final int deltas = cycle - 2;
        return deltas <= 0 ? Double.POSITIVE_INFINITY : (double) cycle / deltas;
    }

    /** C: units the largest checkpoint of the board's engine sizing takes in its region (the store's own dry run). */
    static int checkpointUnits(final BoardDefinition board) {
        return board.engine().checkpointUnits((int) board.sessionPages().size(), board.sessionPageSize());
    }

    /** The analytic figures of one QoS on one board. */
    public record Projection(int qos, int publishLength, int bytesPerMessage, int units, int unitSize,
                             int checkpointUnits, int endurance, double unitErasesPerMessage, double years) {
    }
}
