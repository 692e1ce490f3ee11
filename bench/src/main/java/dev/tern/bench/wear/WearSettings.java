package dev.tern.bench.wear;

import java.time.Duration;

import dev.tern.bench.MqttVersion;
import dev.tern.boards.definition.BoardDefinition;

/**
 * One cell of the wear suite: a board, a QoS, a direction ({@code outgoing}: the engine publishes;
 * else a broker-side publisher sends to the engine), how many messages, and whether each reading's
 * sequence number goes into the session's application data before its publish, as the sensor
 * firmware does (one more record per message, at QoS 0 too), in the MQTT version the engine speaks.
 */
record WearSettings(BoardDefinition board, int qos, boolean outgoing, int messages, boolean sensorSequence,
                    Duration timeout, MqttVersion mqtt) {

    String direction() {
        return outgoing ? "engine->broker" : "broker->engine";
    }
}
