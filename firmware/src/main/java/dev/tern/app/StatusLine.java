package dev.tern.app;

import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.Counters;
import dev.tern.mqtt.client.MqttClient;

/**
 * The {@code status} command's one line, formatted into a buffer made once: version, engine state,
 * MQTT version and counters, each sensor's last seq and QoS, and the log lines dropped.
 */
final class StatusLine {

    private final byte[] text = new byte[352];

    byte[] bytes() {
        return text;
    }

    /** Formats the line into {@link #bytes()}: its length. {@code client} is null without MQTT. */
    int format(String version, MqttClient client, Readings readings, AppConfig config, Log log) {
        byte[] b = text;
        int limit = b.length;
        int n = Ascii.putString(b, 0, limit, "version=");
        n = Ascii.putString(b, n, limit, version);
        n = Ascii.putString(b, n, limit, " state=");
        n = Ascii.putString(b, n, limit, client == null ? "off" : stateName(client.state()));
        n = Ascii.putString(b, n, limit, " mqtt.version=");
        n = Ascii.putString(b, n, limit, AppConfig.versionName(config.mqtt.protocolVersion));
        if (client != null) {
            Counters c = client.counters();
            n = Ascii.putString(b, n, limit, " inflight=");
            n = Ascii.putLong(b, n, limit, client.inflight());
            n = Ascii.putString(b, n, limit, " queued=");
            n = Ascii.putLong(b, n, limit, client.queued());
            n = Ascii.putString(b, n, limit, " published=");
            n = Ascii.putLong(b, n, limit, c.published);
            n = Ascii.putString(b, n, limit, " acknowledged=");
            n = Ascii.putLong(b, n, limit, c.acknowledged);
            n = Ascii.putString(b, n, limit, " resent=");
            n = Ascii.putLong(b, n, limit, c.resent);
            n = Ascii.putString(b, n, limit, " refused=");
            n = Ascii.putLong(b, n, limit, c.refused);
            n = Ascii.putString(b, n, limit, " reconnects=");
            n = Ascii.putLong(b, n, limit, c.reconnects);
            n = Ascii.putString(b, n, limit, " lost=");
            n = Ascii.putLong(b, n, limit, c.connectionsLost);
            n = Ascii.putString(b, n, limit, " last=");
            n = Ascii.putString(b, n, limit, ClientStatus.name(client.lastStatus()));
        }
        for (int i = 0; i < AppConfig.SENSORS; i++) {
            n = Ascii.putString(b, n, limit, " ");
            n = Ascii.putString(b, n, limit, AppConfig.SENSOR_NAMES[i]);
            n = Ascii.putString(b, n, limit, ".seq=");
            n = Ascii.putLong(b, n, limit, readings.sequence(i));
            n = Ascii.putString(b, n, limit, ",qos=");
            n = Ascii.putLong(b, n, limit, config.sensorQos[i]);
        }
        n = Ascii.putString(b, n, limit, " log.dropped=");
        return Ascii.putLong(b, n, limit, log.dropped());
    }

    private static String stateName(int state) {
        switch (state) {
            case MqttClient.STATE_STOPPED: return "stopped";
            case MqttClient.STATE_WAITING: return "waiting";
            case MqttClient.STATE_CONNECTING: return "connecting";
            case MqttClient.STATE_CONNACK_PENDING: return "connack-pending";
            case MqttClient.STATE_CONNECTED: return "connected";
            default: return "unknown";
        }
    }
}
