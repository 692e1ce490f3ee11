package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The demo board's config page, as the {@code key=value} settings 'tern flash --set' writes. */
final class BoardSettings {

    /** With the fault proxy, the board retries at least this often, so it is back within 2 s of a fault's end. */
    static final int RECONNECT_MAX_MILLIS = 2000;

    private BoardSettings() {
    }

    /**
     * @param brokerHost     where the board connects: the broker, or the fault proxy in front of it
     * @param throughProxy   the story: the board reconnects quickly after each fault
     * @param intervalMillis between two readings of each sensor
     * @param mqttVersion    the protocol the board speaks: 5 or 3.1.1
     */
    static List<String> of(String brokerHost, int brokerPort, String device, boolean throughProxy, QosPlan plan,
            int intervalMillis, String mqttVersion) {
        List<String> settings = new ArrayList<>(List.of("broker.host=" + brokerHost, "broker.port=" + brokerPort,
                "device.id=" + device, "topic.prefix=" + topicPrefix(device), "mqtt.version=" + mqttVersion, "log.trace=true"));
        if (throughProxy) {
            settings.add("mqtt.reconnectMax=" + RECONNECT_MAX_MILLIS);
        }
        settings.addAll(plan.settings());
        for (String sensor : plan.sensors()) {
            settings.add("sensor." + sensor + ".interval=" + intervalMillis);
        }
        return settings;
    }

    /** A new device id ("demo-9d351d"): each run's readings on topics of their own, its sessions its own. */
    static String newDevice() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "demo-" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt()});
    }

    /** Where the device publishes its readings (one topic per sensor below it). */
    static String topicPrefix(String device) {
        return "tern/" + device;
    }
}
