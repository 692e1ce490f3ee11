package dev.tern.bench.wirebytes;

import dev.tern.bench.MqttVersion;
import dev.tern.mqtt.client.MqttConfig;

/** How the engine is set up for a row: MQTT 3.1.1, MQTT 5 with no topic alias, MQTT 5 with its outgoing aliases. */
enum WireVariant {
    V3_1_1("3.1.1", MqttVersion.V3_1_1, 0),
    V5("5, no alias", MqttVersion.V5, 0),
    /** The engine's default number of outgoing aliases; it uses them once the broker allows any (mosquitto: 10). */
    V5_ALIAS("5, topic alias", MqttVersion.V5, new MqttConfig().outgoingTopicAliases);

    private final String label;
    private final MqttVersion mqtt;
    private final int aliases;

    WireVariant(String label, MqttVersion mqtt, int aliases) {
        this.label = label;
        this.mqtt = mqtt;
        this.aliases = aliases;
    }

    String label() {
        return label;
    }

    MqttVersion mqtt() {
        return mqtt;
    }

    MqttConfig applyTo(MqttConfig config) {
        mqtt.applyTo(config);
        config.outgoingTopicAliases = aliases;
        return config;
    }
}
