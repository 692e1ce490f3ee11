package dev.tern.bench;

import java.util.List;

import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.codec.ProtocolLevel;

/**
 * The MQTT version a suite drives the engine (and, where they have one, the peers) in, chosen with
 * {@code --mqtt 3.1.1|5|both}; its label is also the sensor firmware's {@code mqtt.version} value.
 */
public enum MqttVersion {
    V3_1_1("3.1.1", ProtocolLevel.V3_1_1),
    V5("5", ProtocolLevel.V5);

    /** The {@code --mqtt} values a usage line shows. */
    public static final String OPTION = "--mqtt 3.1.1|5|both";

    private final String label;
    private final int level;

    MqttVersion(String label, int level) {
        this.label = label;
        this.level = level;
    }

    /** "3.1.1" or "5": table cells, worker arguments and the firmware's config value. */
    public String label() {
        return label;
    }

    /** The CONNECT Protocol Version byte, {@link MqttConfig#protocolVersion}. */
    public int level() {
        return level;
    }

    /** Sets the engine's protocol version; returns {@code config}. */
    public MqttConfig applyTo(MqttConfig config) {
        config.protocolVersion = level;
        return config;
    }

    /** Throws IllegalArgumentException unless {@code asked} is this version, which is all {@code who} speaks. */
    public void require(MqttVersion asked, String who) {
        if (asked != this) {
            throw new IllegalArgumentException(who + " speaks MQTT " + label + ", not " + asked.label);
        }
    }

    /** {@code 3.1.1}, {@code 5} or {@code both} (3.1.1 first, then 5). */
    public static List<MqttVersion> parseOption(String value) {
        if ("both".equals(value)) {
            return List.of(V3_1_1, V5);
        }
        return List.of(byLabel(value));
    }

    public static MqttVersion byLabel(String label) {
        for (MqttVersion version : values()) {
            if (version.label.equals(label)) {
                return version;
            }
        }
        throw new IllegalArgumentException("--mqtt is 3.1.1, 5 or both: " + label);
    }
}
