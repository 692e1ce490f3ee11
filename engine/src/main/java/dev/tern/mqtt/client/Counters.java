package dev.tern.mqtt.client;

/**
 * What the engine has done since it was built, as plain fields: readable at any time without
 * allocation (a board's telemetry or a test reads them directly).
 */
public final class Counters {
    /** PUBLISH packets sent for the first time (all QoS). */
    public long published;
    /** QoS 1 and 2 messages acknowledged (PUBACK or PUBCOMP). */
    public long acknowledged;
    /** PUBLISH (DUP=1) and PUBREL packets sent again, on a timer or after a reconnect. */
    public long resent;
    /** Messages sent again as new because the broker had lost the session (at least once). */
    public long republished;
    /** QoS 1/2 messages dropped because a clean session discarded them. */
    public long discarded;
    /** Messages received and delivered to the application. */
    public long delivered;
    /** Duplicate QoS 2 PUBLISH packets acknowledged again without a second delivery. */
    public long duplicatesSuppressed;
    /** publish() calls refused (table, queue or buffer full; too large). */
    public long refused;
    /** QoS 1/2 messages the broker refused with an MQTT 5 PUBACK or PUBREC of 0x80 or more. */
    public long refusedByBroker;
    /** Queued messages dropped because their Message Expiry Interval ran out before they could be sent. */
    public long expired;
    /** Offline messages dropped under DROP_OLDEST. */
    public long dropped;
    /** Connections made after the first. */
    public long reconnects;
    /** Connections that ended, for any reason. */
    public long connectionsLost;
    /** QoS 2 PUBLISH packets that found the incoming table full. */
    public long incomingTableFull;
    /** The most incoming QoS 2 ids awaiting PUBREL at once. */
    public long incomingHighWater;
    /**
     * QoS 1/2 PUBLISH packets left unacknowledged because the incoming table was full (that one and
     * every later one on the connection, to keep the order); the broker re-sends them after the
     * reconnect that follows once the table has drained.
     */
    public long heldBack;
    /** Session saves that failed. */
    public long storageFailures;
    /** Erase units the session store erased (its wear; 0 without storage). */
    public long storeErases;
    /** Bytes the session store programmed (0 without storage). */
    public long storeBytesProgrammed;
}
