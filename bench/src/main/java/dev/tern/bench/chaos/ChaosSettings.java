package dev.tern.bench.chaos;

import java.time.Duration;

import dev.tern.bench.MqttVersion;

/**
 * One chaos run: which way, at which QoS, how many numbered messages, how many cuts to aim for
 * (the slots are spaced so that somewhat more are armed), the seed of every random choice, and
 * the time after which the run stops by itself (what has not arrived by then counts as lost), and
 * the MQTT version the engine speaks (the peer, Paho, speaks 3.1.1).
 */
public record ChaosSettings(Flow flow, int qos, int messages, int cuts, long seed, Duration timeout, boolean delays,
                            MqttVersion mqtt) {

    public ChaosSettings {
        if (qos < 0 || qos > 2 || messages < 1 || cuts < 0 || mqtt == null) {
            throw new IllegalArgumentException("qos=" + qos + " messages=" + messages + " cuts=" + cuts);
        }
    }
}
