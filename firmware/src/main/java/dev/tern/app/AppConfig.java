package dev.tern.app;

import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.codec.ProtocolLevel;

/**
 * The sensor application's settings: compiled defaults, overridden by the config page's
 * {@code key=value} lines ({@link ConfigPage}), then {@link #resolve resolved} (defaults that
 * depend on other keys). Made and filled at boot; the steady state only reads it, except for the
 * console commands {@code qos} and {@code interval}, which change one int.
 *
 * <pre>
 *   key                          default                  values
 *   device.id                    tern-&lt;unique id&gt;       1..64 chars, no '/', '+', '#'
 *                                (the board id where the board has no unique id)
 *   broker.host                  127.0.0.1                host name or address
 *   broker.port                  1883                     1..65535
 *   mqtt.clientId                device.id                1..64 chars
 *   topic.prefix                 tern/&lt;mqtt.clientId&gt;
 *   mqtt.keepAlive               60                       seconds, 0..65535 (0: off)
 *   mqtt.cleanSession            false                    true/false (also 1/0, on/off, yes/no)
 *   mqtt.version                 5                        5 or 3.1.1
 *   mqtt.sessionExpiry           never                    seconds, 0..4294967295, or never (MQTT 5 only)
 *   mqtt.topicAliases            engine default (4)       0..64 (MQTT 5 only; 0: full topic names)
 *   mqtt.outgoingSlots           engine default (16)      1..1024   engine sizing, MqttConfig
 *   mqtt.incomingQos2Slots       engine default (256)     1..1024
 *   mqtt.maxPacketSize           engine default (1024)    128..65535
 *   mqtt.offlineQueueBytes       engine default (4096)    0..1048576
 *   mqtt.ackTimeout              engine default (10000)   millis, 100..3600000
 *   mqtt.reconnectMin            engine default (500)     millis, 1..86400000
 *   mqtt.reconnectMax            engine default (30000)   millis, 1..86400000
 *   topic.prefix                 tern/&lt;device.id&gt;         a topic name, no '+', '#', no trailing '/'
 *   cmd.qos                      2                        QoS of the &lt;prefix&gt;/cmd/# subscription
 *   sensor.&lt;name&gt;.enabled       true                     name: temperature, humidity, pressure
 *   sensor.&lt;name&gt;.qos           1, 0, 2 (in that order)  0..2
 *   sensor.&lt;name&gt;.interval      5000                     millis, 10..86400000 (alias: interval_ms)
 *   sensor.&lt;name&gt;.topic         &lt;prefix&gt;/&lt;name&gt;          a topic name
 *   log.trace                    true                     the packet trace on the console
 *   log.level                    info                     error, warn, info, debug (or E, W, I, D)
 * </pre>
 */
public final class AppConfig {

    public static final int SENSORS = 3;
    /** Sensor names by {@link dev.tern.hal.Sensors} id. */
    static final String[] SENSOR_NAMES = {"temperature", "humidity", "pressure"};

    /** Line statuses of {@link #set}. */
    public static final int OK = 0;
    public static final int UNKNOWN_KEY = ConfigPage.UNKNOWN_KEY;
    public static final int BAD_VALUE = ConfigPage.BAD_VALUE;

    private static final int MAX_ID_LENGTH = 64;

    public String deviceId;
    public String brokerHost = "127.0.0.1";
    public int brokerPort = 1883;
    /** Null until resolved: then device.id unless set. */
    public String clientId;
    /** Null until resolved: then tern/&lt;device.id&gt; unless set. */
    public String topicPrefix;
    public int commandQos = 2;
    public boolean trace = true;
    public int logLevel = Log.INFO;
    /** Engine sizing and tuning: MqttConfig's defaults unless a key overrides them. */
    public final MqttConfig mqtt = new MqttConfig();

    public final boolean[] sensorEnabled = {true, true, true};
    public final int[] sensorQos = {1, 0, 2};
    public final int[] sensorIntervalMillis = {5000, 5000, 5000};
    /** Null entries until resolved: then &lt;prefix&gt;/&lt;name&gt; unless set. */
    public final String[] sensorTopic = new String[SENSORS];

    public AppConfig(String boardId) {
        this(boardId, "");
    }

    /** Defaults for a board: its unique id names the device (and so the client id), else its board id. */
    public AppConfig(String boardId, String uniqueId) {
        if (uniqueId != null && uniqueId.length() > 0) {
            deviceId = "tern-" + uniqueId;
        } else {
            deviceId = boardId == null || 0 == boardId.length() ? "tern" : boardId;
        }
        mqtt.cleanSession = false;
        mqtt.protocolVersion = ProtocolLevel.V5;
    }

    /** Applies one setting: {@link #OK}, {@link #UNKNOWN_KEY} or {@link #BAD_VALUE} (the value is then kept). */
    public int set(String key, String value) {
        if (key.startsWith("sensor.")) {
            return setSensor(key, value);
        }
        if ("device.id".equals(key)) {
            if (!isIdentifier(value)) {
                return BAD_VALUE;
            }
            deviceId = value;
            return OK;
        }
        if ("broker.host".equals(key)) {
            if (0 == value.length() || value.indexOf(' ') >= 0 || value.indexOf(0) >= 0) {
                return BAD_VALUE;
            }
            brokerHost = value;
            return OK;
        }
        if ("mqtt.clientId".equals(key)) {
            // the client id also names the default topic prefix (tern/<clientId>): an identifier
            if (!isIdentifier(value)) {
                return BAD_VALUE;
            }
            clientId = value;
            return OK;
        }
        if ("topic.prefix".equals(key)) {
            if (!isTopicName(value)) {
                return BAD_VALUE;
            }
            topicPrefix = value;
            return OK;
        }
        if ("mqtt.cleanSession".equals(key)) {
            int flag = parseBoolean(value);
            if (flag < 0) {
                return BAD_VALUE;
            }
            mqtt.cleanSession = 1 == flag;
            return OK;
        }
        if ("mqtt.version".equals(key)) {
            int level = parseVersion(value);
            if (level < 0) {
                return BAD_VALUE;
            }
            mqtt.protocolVersion = level;
            return OK;
        }
        if ("mqtt.sessionExpiry".equals(key)) {
            long seconds = "never".equals(value) ? MqttConfig.SESSION_NEVER_EXPIRES : Ascii.parseUnsigned32(value);
            if (Ascii.NOT_A_NUMBER == seconds) {
                return BAD_VALUE;
            }
            mqtt.sessionExpirySeconds = seconds;
            return OK;
        }
        if ("log.trace".equals(key)) {
            int flag = parseBoolean(value);
            if (flag < 0) {
                return BAD_VALUE;
            }
            trace = 1 == flag;
            return OK;
        }
        if ("log.level".equals(key)) {
            int level = Log.parseLevel(value);
            if (level < 0) {
                return BAD_VALUE;
            }
            logLevel = level;
            return OK;
        }
        return setNumber(key, value);
    }

    private int setNumber(String key, String value) {
        long n = Ascii.parseInt(value);
        if ("broker.port".equals(key)) {
            return inRange(n, 1, 65535) ? ok(brokerPort = (int) n) : BAD_VALUE;
        }
        if ("mqtt.keepAlive".equals(key)) {
            return inRange(n, 0, 65535) ? ok(mqtt.keepAliveSeconds = (int) n) : BAD_VALUE;
        }
        if ("cmd.qos".equals(key)) {
            return inRange(n, 0, 2) ? ok(commandQos = (int) n) : BAD_VALUE;
        }
        if ("mqtt.topicAliases".equals(key)) {
            return inRange(n, 0, 64) ? ok(mqtt.outgoingTopicAliases = (int) n) : BAD_VALUE;
        }
        if ("mqtt.outgoingSlots".equals(key)) {
            return inRange(n, 1, 1024) ? ok(mqtt.outgoingSlots = (int) n) : BAD_VALUE;
        }
        if ("mqtt.incomingQos2Slots".equals(key)) {
            return inRange(n, 1, 1024) ? ok(mqtt.incomingQos2Slots = (int) n) : BAD_VALUE;
        }
        if ("mqtt.maxPacketSize".equals(key)) {
            return inRange(n, 128, 65535) ? ok(mqtt.maxPacketSize = (int) n) : BAD_VALUE;
        }
        if ("mqtt.offlineQueueBytes".equals(key)) {
            return inRange(n, 0, 1 << 20) ? ok(mqtt.offlineQueueBytes = (int) n) : BAD_VALUE;
        }
        if ("mqtt.ackTimeout".equals(key)) {
            return inRange(n, 100, 3600000) ? ok(mqtt.ackTimeoutMillis = (int) n) : BAD_VALUE;
        }
        if ("mqtt.reconnectMin".equals(key)) {
            return inRange(n, 1, 86400000) ? ok(mqtt.reconnectMinMillis = (int) n) : BAD_VALUE;
        }
        if ("mqtt.reconnectMax".equals(key)) {
            return inRange(n, 1, 86400000) ? ok(mqtt.reconnectMaxMillis = (int) n) : BAD_VALUE;
        }
        return UNKNOWN_KEY;
    }

    private int setSensor(String key, String value) {
        int sensor = -1;
        int nameEnd = key.indexOf('.', 7);
        if (nameEnd > 7) {
            sensor = sensorIndex(key.substring(7, nameEnd));
        }
        if (sensor < 0) {
            return UNKNOWN_KEY;
        }
        String field = key.substring(nameEnd + 1);
        if ("enabled".equals(field)) {
            int flag = parseBoolean(value);
            if (flag < 0) {
                return BAD_VALUE;
            }
            sensorEnabled[sensor] = 1 == flag;
            return OK;
        }
        if ("qos".equals(field)) {
            long n = Ascii.parseInt(value);
            return inRange(n, 0, 2) ? ok(sensorQos[sensor] = (int) n) : BAD_VALUE;
        }
        if ("interval".equals(field) || "interval_ms".equals(field)) {
            long n = Ascii.parseInt(value);
            return inRange(n, 10, 86400000) ? ok(sensorIntervalMillis[sensor] = (int) n) : BAD_VALUE;
        }
        if ("topic".equals(field)) {
            if (!isTopicName(value)) {
                return BAD_VALUE;
            }
            sensorTopic[sensor] = value;
            return OK;
        }
        return UNKNOWN_KEY;
    }

    /** Fills in the defaults that depend on other keys, and the engine's client id. */
    public void resolve() {
        if (clientId == null) {
            clientId = deviceId;
        }
        if (topicPrefix == null) {
            topicPrefix = "tern/" + clientId;
        }
        for (int i = 0; i < SENSORS; i++) {
            if (sensorTopic[i] == null) {
                sensorTopic[i] = topicPrefix + "/" + SENSOR_NAMES[i];
            }
        }
        mqtt.clientId = Utf8Text.bytes(clientId);
        if (mqtt.reconnectMaxMillis < mqtt.reconnectMinMillis) {
            // each key was in range, the pair is not: the engine would refuse to start (no MQTT at all)
            mqtt.reconnectMaxMillis = mqtt.reconnectMinMillis;
        }
    }

    /** The settings in effect as {@code key=value} lines, for the boot banner. */
    public String[] describe() {
        String[] lines = new String[22];
        int n = 0;
        lines[n++] = "device.id=" + deviceId;
        lines[n++] = "broker.host=" + brokerHost + " broker.port=" + brokerPort;
        lines[n++] = "mqtt.clientId=" + clientId + " mqtt.keepAlive=" + mqtt.keepAliveSeconds
                + " mqtt.cleanSession=" + mqtt.cleanSession;
        lines[n++] = "mqtt.version=" + versionName(mqtt.protocolVersion) + " mqtt.sessionExpiry="
                + (MqttConfig.SESSION_NEVER_EXPIRES == mqtt.sessionExpirySeconds ? "never" : Long.toString(mqtt.sessionExpirySeconds))
                + " mqtt.topicAliases=" + mqtt.outgoingTopicAliases;
        lines[n++] = "mqtt.outgoingSlots=" + mqtt.outgoingSlots + " mqtt.incomingQos2Slots=" + mqtt.incomingQos2Slots
                + " mqtt.maxPacketSize=" + mqtt.maxPacketSize + " mqtt.offlineQueueBytes=" + mqtt.offlineQueueBytes;
        lines[n++] = "mqtt.ackTimeout=" + mqtt.ackTimeoutMillis + " mqtt.reconnectMin=" + mqtt.reconnectMinMillis
                + " mqtt.reconnectMax=" + mqtt.reconnectMaxMillis;
        lines[n++] = "topic.prefix=" + topicPrefix + " cmd.qos=" + commandQos;
        for (int i = 0; i < SENSORS; i++) {
            lines[n++] = "sensor." + SENSOR_NAMES[i] + ": enabled=" + sensorEnabled[i] + " qos=" + sensorQos[i]
                    + " interval=" + sensorIntervalMillis[i] + " topic=" + sensorTopic[i];
        }
        lines[n++] = "log.trace=" + trace + " log.level=" + Log.levelName(logLevel);
        String[] result = new String[n];
        System.arraycopy(lines, 0, result, 0, n);
        return result;
    }

    /** The MQTT protocol level for a {@code mqtt.version} value ("5", "3.1.1"), or -1. */
    static int parseVersion(String value) {
        if ("5".equals(value)) {
            return ProtocolLevel.V5;
        }
        if ("3.1.1".equals(value)) {
            return ProtocolLevel.V3_1_1;
        }
        return -1;
    }

    /** How {@code mqtt.version} writes a protocol level: "5" or "3.1.1". */
    public static String versionName(int protocolLevel) {
        return ProtocolLevel.V5 == protocolLevel ? "5" : "3.1.1";
    }

    /**
     * What a key accepts, for the console's bad-value warning, where the words are short; null for
     * the other keys (tern flash says what each key accepts before the page is written).
     */
    public static String acceptedValues(String key) {
        if ("mqtt.version".equals(key)) {
            return "5 or 3.1.1";
        }
        if ("mqtt.sessionExpiry".equals(key)) {
            return "seconds 0..4294967295 or never";
        }
        if ("mqtt.topicAliases".equals(key)) {
            return "0..64";
        }
        return null;
    }

    /** The sensor id for a name, or -1. */
    public static int sensorIndex(String name) {
        for (int i = 0; i < SENSORS; i++) {
            if (SENSOR_NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** 1 for true, 0 for false, -1 for neither. */
    static int parseBoolean(String value) {
        if ("true".equals(value) || "1".equals(value) || "on".equals(value) || "yes".equals(value)) {
            return 1;
        }
        if ("false".equals(value) || "0".equals(value) || "off".equals(value) || "no".equals(value)) {
            return 0;
        }
        return -1;
    }

    private static boolean inRange(long value, long min, long max) {
        return Ascii.NOT_A_NUMBER != value && value >= min && value <= max;
    }

    private static int ok(int ignored) {
        return OK;
    }

    private static boolean isIdentifier(String value) {
        return value.length() > 0 && value.length() <= MAX_ID_LENGTH && value.indexOf('/') < 0
                && value.indexOf('+') < 0 && value.indexOf('#') < 0 && value.indexOf(' ') < 0 && value.indexOf(0) < 0;
    }

    /** A Topic Name the engine accepts: no wildcards, and no U+0000, which no MQTT string may hold [MQTT-1.5.3-2]. */
    private static boolean isTopicName(String value) {
        return value.length() > 0 && value.length() <= 200 && value.indexOf('+') < 0 && value.indexOf('#') < 0
                && value.indexOf(0) < 0 && !value.endsWith("/");
    }
}
