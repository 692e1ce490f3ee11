package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which QoS each of the sensor firmware's sensors publishes at in the demo:
 * {@code temperature=0,humidity=1,pressure=2} by default, so every QoS is seen.
 */
public final class QosPlan {

    /** The sensor firmware's sensors, in its order. */
    public static final List<String> SENSORS = List.of("temperature", "humidity", "pressure");
    public static final String DEFAULT = "temperature=0,humidity=1,pressure=2";

    private final Map<String, Integer> qosBySensor;

    private QosPlan(Map<String, Integer> qosBySensor) {
        this.qosBySensor = Collections.unmodifiableMap(qosBySensor);
    }

    public static QosPlan defaults() {
        return parse(DEFAULT);
    }

    /**
     * {@code sensor=qos[,sensor=qos...]}; sensors left out keep the default plan's QoS.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static QosPlan parse(String text) {
        Map<String, Integer> plan = new LinkedHashMap<>();
        for (String sensor : SENSORS) {
            plan.put(sensor, SENSORS.indexOf(sensor)); // 0, 1, 2: the default plan
        }
        for (String part : text.split(",")) {
            String item = part.trim();
            int equals = item.indexOf('=');
            String sensor = equals < 0 ? item : item.substring(0, equals).trim();
            if (!SENSORS.contains(sensor)) {
                throw new IllegalArgumentException("'" + item + "': no sensor '" + sensor + "' (the firmware has "
                        + String.join(", ", SENSORS) + ")");
            }
            String qos = equals < 0 ? "" : item.substring(equals + 1).trim();
            if (!qos.matches("[012]")) {
                throw new IllegalArgumentException("'" + item + "': QoS must be 0, 1 or 2, as in " + DEFAULT);
            }
            plan.put(sensor, Integer.parseInt(qos));
        }
        return new QosPlan(plan);
    }

    public List<String> sensors() {
        return SENSORS;
    }

    public int qos(String sensor) {
        return qosBySensor.get(sensor);
    }

    /** The config page settings that make the board publish this plan: {@code sensor.<name>.qos=N}. */
    public List<String> settings() {
        List<String> settings = new ArrayList<>();
        qosBySensor.forEach((sensor, qos) -> settings.add("sensor." + sensor + ".qos=" + qos));
        return settings;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        qosBySensor.forEach((sensor, qos) -> text.append(text.length() == 0 ? "" : ",").append(sensor).append('=').append(qos));
        return text.toString();
    }
}
