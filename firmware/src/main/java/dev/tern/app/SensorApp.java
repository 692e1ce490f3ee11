package dev.tern.app;

import dev.tern.hal.Board;
import dev.tern.hal.Console;
import dev.tern.hal.Firmware;
import dev.tern.hal.Sensors;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.Counters;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;
import dev.tern.mqtt.client.TraceLine;
import dev.tern.mqtt.session.Millis;
import dev.tern.mqtt.session.RestoreReport;
import dev.tern.mqtt.session.SessionStatus;

/**
 * The sensor application: the firmware every Tern board runs (manifest attribute
 * {@code Tern-Firmware: dev.tern.app.SensorApp}).
 *
 * <p>Boot reads the config page ({@link ConfigPage}, {@link AppConfig}), prints the banner
 * (firmware version, board, config in effect, session restore status), builds the MQTT engine
 * on the board's transport and session storage, and subscribes to {@code <prefix>/cmd/#}. Each
 * {@link #step} reads typed console lines, samples the sensors that are due and publishes each
 * reading at its sensor's QoS to its topic, polls the engine, runs commands, and flushes the log.
 * Nothing in a step allocates.
 *
 * <p>Payload of a reading, ASCII JSON: {@code {"seq":17,"t":123456,"v":21.43}}: seq counts the
 * sensor's readings from 1 since boot, t is the board clock in millis, v the value (temperature
 * in degrees C and humidity in % with two decimals, pressure in Pa). A reading the engine
 * refuses (outgoing table or offline queue full) keeps its seq and is taken again on the next
 * step, so a subscriber sees a gap only for a message the engine lost (none at QoS 1 and 2) and
 * a repeat only for a QoS 1 duplicate. The sequence counters are kept in the engine's session
 * and saved in the same flash write that accepts each QoS 1/2 reading, so a reboot neither repeats
 * nor skips a QoS 1/2 seq (a QoS 0 reading's seq is saved with the next save, so after a reboot a
 * QoS 0 seq may repeat; t restarts with the board clock).
 *
 * <p>Commands, typed on the console (one per line) or published to {@code <prefix>/cmd} (payload:
 * the command line) or {@code <prefix>/cmd/<command>} (payload: its arguments): {@code help},
 * {@code status} (over MQTT also published to {@code <prefix>/status}), {@code qos <sensor> <0|1|2>},
 * {@code interval <sensor> <ms>}, {@code trace on|off}, {@code reset} (or {@code reboot}),
 * {@code bootloader}.
 */
public final class SensorApp implements Firmware, MqttListener, PacketTrace {

    private static final int LOG_RING_BYTES = 8192;
    private static final int MAX_COMMAND = 128;
    private static final int COMMAND_QUEUE = 4;
    private static final int NONE = 0;
    private static final int RESET = 1;
    private static final int BOOTLOADER = 2;
    /** Value decimals by sensor id: centi-degrees, centi-percent, pascals. */
    private static final int[] DECIMALS = {2, 2, 0};

    private static final byte[] HELP = Ascii.bytes("help");
    private static final byte[] STATUS = Ascii.bytes("status");
    private static final byte[] RESET_COMMAND = Ascii.bytes("reset");
    private static final byte[] REBOOT = Ascii.bytes("reboot");
    private static final byte[] BOOTLOADER_COMMAND = Ascii.bytes("bootloader");
    private static final byte[] QOS = Ascii.bytes("qos");
    private static final byte[] INTERVAL = Ascii.bytes("interval");
    private static final byte[] TRACE = Ascii.bytes("trace");
    private static final byte[] ON = Ascii.bytes("on");
    private static final byte[] OFF = Ascii.bytes("off");
    private static final byte[][] SENSOR_NAMES = {
        Ascii.bytes(AppConfig.SENSOR_NAMES[0]), Ascii.bytes(AppConfig.SENSOR_NAMES[1]), Ascii.bytes(AppConfig.SENSOR_NAMES[2]),
    };

    private final Log log = new Log(LOG_RING_BYTES);
    private final TraceLine traceLine = new TraceLine();
    private final ConfigPage page = new ConfigPage();
    private Board board;
    private Console console;
    private Sensors sensors;
    private AppConfig config;
    private MqttClient client;
    private String version = FirmwareVersion.UNKNOWN;
    private String brokerLabel = "";
    private int sensorCount;
    private boolean halted;
    private int pendingAction = NONE;
    private long now;
    /** Connections lost as far as the log has told: the engine does not report failed attempts itself. */
    private long reportedLost;
    private long reportedStorageFailures;

    // ---- readings
    private final byte[][] sensorTopics = new byte[AppConfig.SENSORS][];
    private final long[] sequence = new long[AppConfig.SENSORS];
    private static final int SEQUENCE_BYTES = 8;
    private final int[] nextDue = new int[AppConfig.SENSORS];
    private final boolean[] heldBack = new boolean[AppConfig.SENSORS];
    private final boolean[] unavailable = new boolean[AppConfig.SENSORS];
    private final byte[] payload = new byte[96];

    // ---- commands
    private byte[] commandTopic = new byte[0];
    private byte[] statusTopic = new byte[0];
    private final byte[] consoleChunk = new byte[64];
    private final byte[] typed = new byte[MAX_COMMAND];
    private int typedLength;
    private boolean typedOverflow;
    private final byte[][] queued = new byte[COMMAND_QUEUE][MAX_COMMAND];
    private final int[] queuedLength = new int[COMMAND_QUEUE];
    private int queueHead;
    private int queueSize;
    private final int[] tokenStart = new int[3];
    private final int[] tokenLength = new int[3];
    private final byte[] statusText = new byte[320];

    // ------------------------------------------------------------------ boot

    @Override
    public void boot(Board board) {
        this.board = board;
        console = board.console();
        sensors = board.sensors();
        now = board.millis();
        log.time(now);
        version = FirmwareVersion.read();
        config = new AppConfig(board.boardId(), board.uniqueId());
        int pageStatus = page.read(board.configPage(), config);
        if (ConfigPage.isFailure(pageStatus)) {
            config = new AppConfig(board.boardId(), board.uniqueId());
        }
        config.resolve();
        log.level(config.logLevel);
        log.trace(config.trace);

        log.line(Log.INFO, "boot", "Tern sensor firmware " + version);
        log.line(Log.INFO, "boot", "board " + board.boardId() + ", device " + config.deviceId);
        logConfigPage(pageStatus);
        String[] settings = config.describe();
        for (int i = 0; i < settings.length; i++) {
            log.line(Log.INFO, "cfg", settings[i]);
        }
        startReadings();
        startMqtt();
        restoreSequences();
        log.line(Log.INFO, "boot", "ready (type help for commands)");
        log.flush(console);
    }

    private void logConfigPage(int pageStatus) {
        if (ConfigPage.OK == pageStatus) {
            log.line(Log.INFO, "cfg", "config page OK: " + page.applied() + " settings applied");
        } else if (ConfigPage.BLANK == pageStatus) {
            log.line(Log.INFO, "cfg", "config page blank: compiled defaults in effect");
        } else {
            log.line(Log.ERROR, "cfg", "config page corrupt (" + ConfigPage.name(pageStatus)
                    + "): ignored, compiled defaults in effect; write it again with tern flash --set or --config");
        }
        for (int i = 0; i < page.warningCount() && i < ConfigPage.MAX_WARNINGS; i++) {
            String line = page.warningLine(i);
            int status = page.warningStatus(i);
            int equals = line.indexOf('=');
            String key = equals > 0 ? line.substring(0, equals).trim() : line;
            if (ConfigPage.UNKNOWN_KEY == status) {
                log.line(Log.WARN, "cfg", "unknown key " + key + " ignored (line \"" + line + "\")");
            } else if (ConfigPage.BAD_VALUE == status) {
                log.line(Log.WARN, "cfg", "bad value for " + key + ", default kept (line \"" + line + "\")");
            } else {
                log.line(Log.WARN, "cfg", "not a key=value line, ignored: \"" + line + "\"");
            }
        }
        if (page.warningCount() > ConfigPage.MAX_WARNINGS) {
            log.line(Log.WARN, "cfg", (page.warningCount() - ConfigPage.MAX_WARNINGS) + " more lines ignored");
        }
    }

    private void startReadings() {
        sensorCount = Math.min(AppConfig.SENSORS, sensors == null ? 0 : sensors.count());
        for (int i = 0; i < AppConfig.SENSORS; i++) {
            sensorTopics[i] = Utf8Text.bytes(config.sensorTopic[i]);
            sequence[i] = 0;
            nextDue[i] = (int) now;
        }
        if (sensorCount < AppConfig.SENSORS) {
            log.line(Log.WARN, "app", "the board has " + sensorCount + " of " + AppConfig.SENSORS + " sensors");
        }
    }

    private void startMqtt() {
        commandTopic = Utf8Text.bytes(config.topicPrefix + "/cmd");
        statusTopic = Utf8Text.bytes(config.topicPrefix + "/status");
        brokerLabel = config.brokerHost + ":" + config.brokerPort;
        client = buildClient(config.mqtt);
        if (client == null) {
            MqttConfig fallback = new MqttConfig();
            fallback.clientId = config.mqtt.clientId;
            fallback.cleanSession = config.mqtt.cleanSession;
            fallback.keepAliveSeconds = config.mqtt.keepAliveSeconds;
            log.line(Log.WARN, "mqtt", "trying the engine's default sizing");
            client = buildClient(fallback);
        }
        if (client == null) {
            log.line(Log.ERROR, "mqtt", "no MQTT: readings are not published");
            return;
        }
        int restore = client.restoreStatus();
        if (SessionStatus.OK == restore) {
            log.line(Log.INFO, "session", "restored: " + client.inflight() + " messages in flight, "
                    + client.queued() + " queued");
        } else if (SessionStatus.STORE_EMPTY == restore) {
            log.line(Log.INFO, "session", "none stored: starting a new one");
        } else {
            log.line(Log.WARN, "session", "stored session unusable (" + ClientStatus.name(restore) + "): starting a new one");
        }
        logRestoreReport(client.restoreReport());
        byte[] filter = Utf8Text.bytes(config.topicPrefix + "/cmd/#");
        int subscribed = client.subscribe(filter, 0, filter.length, config.commandQos);
        if (subscribed < 0) {
            log.line(Log.ERROR, "mqtt", "cannot subscribe to " + config.topicPrefix + "/cmd/#: " + ClientStatus.name(subscribed));
        }
        log.line(Log.INFO, "mqtt", "connecting to " + brokerLabel + " as " + config.clientId
                + (config.mqtt.cleanSession ? " (clean session)" : " (persistent session)"));
        client.start(now);
    }

    /**
     * Logs what the session restore dropped and why (see {@link RestoreReport}); nothing when it
     * dropped and imported nothing.
     */
    void logRestoreReport(RestoreReport report) {
        String line = restoreReportLine(report);
        if (line != null) {
            log.line(report.droppedAnything() ? Log.WARN : Log.INFO, "session", line);
        }
    }

    /** The console text for a restore report, or null when there is nothing to say. */
    static String restoreReportLine(RestoreReport report) {
        if (report.tornTail() == 0 && report.badCrc() == 0 && report.doesNotFit() == 0 && report.legacyImported() == 0) {
            return null;
        }
        return "restore dropped " + report.tornTail() + " torn save(s) at the tail (cut by power), "
                + report.badCrc() + " save(s) with a bad CRC, " + report.doesNotFit()
                + " record(s) this configuration cannot hold"
                + (report.legacyImported() > 0 ? "; imported the previous store format" : "");
    }

    private MqttClient buildClient(MqttConfig engineConfig) {
        try {
            return new MqttClient(engineConfig, board.transport(config.brokerHost, config.brokerPort),
                    board.sessionStorage(), this, this);
        } catch (IllegalArgumentException e) {
            log.line(Log.ERROR, "mqtt", "engine configuration refused: " + e.getMessage());
            return null;
        }
    }

    // ------------------------------------------------------------------ steady state

    @Override
    public int step(long nowMillis) {
        if (halted) {
            return 0;
        }
        now = nowMillis;
        log.time(nowMillis);
        int work = readConsole();
        work += sample();
        if (client != null) {
            work += client.poll(nowMillis);
            reportFailedAttempts();
            reportStorageFailures();
        }
        work += runQueuedCommands();
        if (NONE != pendingAction) {
            finish();
            return work + 1;
        }
        if (log.flush(console) > 0) {
            work++;
        }
        return work;
    }

    private void reportFailedAttempts() {
        long lost = client.counters().connectionsLost;
        if (lost != reportedLost) {
            reportedLost = lost;
            log.begin(Log.WARN, "mqtt").text("cannot connect to ").text(brokerLabel).text(" (")
                    .text(ClientStatus.name(client.lastStatus())).text("), trying again").end();
        }
    }

    /** The engine backs off while saves fail, so this is at most a line per retry. */
    private void reportStorageFailures() {
        long failures = client.counters().storageFailures;
        if (failures != reportedStorageFailures) {
            reportedStorageFailures = failures;
            if (SessionStatus.FLASH_WORN == client.lastStoreStatus()) {
                log.begin(Log.ERROR, "session").text("session flash worn out (").number(failures)
                        .text(" failed saves): too few sound erase units left; QoS 1/2 readings are refused,"
                                + " nothing is claimed stored. Move the session region or replace the part").end();
            } else {
                log.begin(Log.ERROR, "session").text("session not stored (").number(failures)
                        .text(" failed saves): QoS 1/2 held back, retrying").end();
            }
        }
    }

    /** Takes each due reading and publishes it; a refused one stays due with its seq. */
    private int sample() {
        int work = 0;
        int time = (int) now;
        for (int i = 0; i < sensorCount; i++) {
            if (!config.sensorEnabled[i] || !Millis.isDue(nextDue[i], time)) {
                continue;
            }
            int value = sensors.read(i, now);
            if (Sensors.UNAVAILABLE == value) {
                if (!unavailable[i]) {
                    unavailable[i] = true;
                    log.begin(Log.WARN, "app").text(AppConfig.SENSOR_NAMES[i]).text(" sensor does not answer").end();
                }
                nextDue[i] = time + config.sensorIntervalMillis[i];
                continue;
            }
            unavailable[i] = false;
            if (client == null) {
                sequence[i]++;
                nextDue[i] = time + config.sensorIntervalMillis[i];
                continue;
            }
            long seq = sequence[i] + 1;
            int length = formatReading(seq, value, DECIMALS[i]);
            int qos = config.sensorQos[i];
            // the new seq goes into the session first, so the save that accepts a QoS 1/2 message
            // (or queues it) stores both in one write: a reboot neither repeats nor skips it
            storeSequence(i, seq);
            int result = client.publish(sensorTopics[i], 0, sensorTopics[i].length, payload, 0, length, qos, false);
            if (result >= 0 || ClientStatus.QUEUED == result) {
                sequence[i] = seq;
                nextDue[i] = time + config.sensorIntervalMillis[i];
                if (heldBack[i]) {
                    heldBack[i] = false;
                    log.begin(Log.INFO, "app").text(AppConfig.SENSOR_NAMES[i]).text(" readings flow again").end();
                }
                log.begin(Log.DEBUG, "app").text(AppConfig.SENSOR_NAMES[i]).text(" ").bytes(payload, 0, length)
                        .text(" qos=").number(qos).text(ClientStatus.QUEUED == result ? " queued" : " sent").end();
                work++;
            } else if (!heldBack[i]) {
                storeSequence(i, sequence[i]); // refused: not saved, and the seq is taken again
                heldBack[i] = true;
                log.begin(Log.WARN, "app").text(AppConfig.SENSOR_NAMES[i]).text(" reading seq=").number(seq)
                        .text(" held back (").text(ClientStatus.name(result)).text("): retried each step").end();
            }
        }
        return work;
    }

    /**
     * The sensors' sequence counters live in the engine's session (its application data, 8 bytes
     * big-endian per sensor), saved with every session save: restored here after a reboot.
     */
    private void restoreSequences() {
        if (client == null) {
            return;
        }
        byte[] data = client.applicationData();
        for (int i = 0; i < AppConfig.SENSORS; i++) {
            long seq = 0;
            for (int b = 0; b < SEQUENCE_BYTES; b++) {
                seq = (seq << 8) | (data[i * SEQUENCE_BYTES + b] & 0xFF);
            }
            sequence[i] = seq;
        }
        log.begin(Log.INFO, "app").text("sequence numbers resume after temperature=").number(sequence[0])
                .text(" humidity=").number(sequence[1]).text(" pressure=").number(sequence[2]).end();
    }

    private void storeSequence(int sensor, long seq) {
        byte[] data = client.applicationData();
        for (int b = SEQUENCE_BYTES - 1; b >= 0; b--) {
            data[sensor * SEQUENCE_BYTES + b] = (byte) seq;
            seq >>>= 8;
        }
    }

    /** {"seq":17,"t":123456,"v":21.43} into {@link #payload}: its length. */
    private int formatReading(long seq, int value, int decimals) {
        int limit = payload.length;
        int n = Ascii.putString(payload, 0, limit, "{\"seq\":");
        n = Ascii.putLong(payload, n, limit, seq);
        n = Ascii.putString(payload, n, limit, ",\"t\":");
        n = Ascii.putLong(payload, n, limit, now);
        n = Ascii.putString(payload, n, limit, ",\"v\":");
        n = Ascii.putFixed(payload, n, limit, value, decimals);
        return Ascii.putByte(payload, n, limit, '}');
    }

    // ------------------------------------------------------------------ commands

    private int readConsole() {
        if (console == null) {
            return 0;
        }
        int work = 0;
        int n;
        while ((n = console.read(consoleChunk, 0, consoleChunk.length)) > 0) {
            work++;
            for (int i = 0; i < n; i++) {
                byte b = consoleChunk[i];
                if ('\n' == b || '\r' == b) {
                    if (typedOverflow) {
                        log.line(Log.WARN, "cmd", "line too long, ignored");
                    } else if (typedLength > 0) {
                        execute(typed, 0, typedLength, false);
                    }
                    typedLength = 0;
                    typedOverflow = false;
                } else if (typedLength < MAX_COMMAND) {
                    typed[typedLength++] = b;
                } else {
                    typedOverflow = true;
                }
            }
        }
        return work;
    }

    private int runQueuedCommands() {
        int work = 0;
        while (queueSize > 0 && NONE == pendingAction) {
            int index = queueHead;
            queueHead = (queueHead + 1) % COMMAND_QUEUE;
            queueSize--;
            execute(queued[index], 0, queuedLength[index], true);
            work++;
        }
        return work;
    }

    /** Runs one command line; {@code remote} when it came over MQTT. */
    void execute(byte[] line, int offset, int length, boolean remote) {
        int tokens = tokenize(line, offset, length);
        if (0 == tokens) {
            return;
        }
        int start = tokenStart[0];
        int count = tokenLength[0];
        log.begin(Log.INFO, "cmd").text(remote ? "mqtt> " : "> ").bytes(line, offset, length).end();
        if (Ascii.equals(line, start, count, HELP)) {
            log.line(Log.INFO, "cmd", "status | qos <sensor> <0|1|2> | interval <sensor> <ms> | trace on|off"
                    + " | reset | reboot | bootloader | help");
            log.line(Log.INFO, "cmd", "sensors: temperature humidity pressure; over MQTT: <prefix>/cmd or <prefix>/cmd/<command>");
        } else if (Ascii.equals(line, start, count, STATUS)) {
            int statusLength = formatStatus();
            log.begin(Log.INFO, "cmd").bytes(statusText, 0, statusLength).end();
            if (remote && client != null) {
                int result = client.publish(statusTopic, 0, statusTopic.length, statusText, 0, statusLength, 1, false);
                if (result < 0 && ClientStatus.QUEUED != result) {
                    log.begin(Log.WARN, "cmd").text("status not published: ").text(ClientStatus.name(result)).end();
                }
            }
        } else if (Ascii.equals(line, start, count, RESET_COMMAND) || Ascii.equals(line, start, count, REBOOT)) {
            log.line(Log.INFO, "cmd", "resetting");
            pendingAction = RESET;
        } else if (Ascii.equals(line, start, count, BOOTLOADER_COMMAND)) {
            log.line(Log.INFO, "cmd", "entering the bootloader");
            pendingAction = BOOTLOADER;
        } else if (Ascii.equals(line, start, count, QOS) || Ascii.equals(line, start, count, INTERVAL)) {
            setSensorValue(line, tokens, Ascii.equals(line, start, count, QOS));
        } else if (Ascii.equals(line, start, count, TRACE) && 2 == tokens
                && (Ascii.equals(line, tokenStart[1], tokenLength[1], ON) || Ascii.equals(line, tokenStart[1], tokenLength[1], OFF))) {
            log.trace(Ascii.equals(line, tokenStart[1], tokenLength[1], ON));
            log.begin(Log.INFO, "cmd").text("trace ").text(log.traceOn() ? "on" : "off").end();
        } else {
            log.begin(Log.WARN, "cmd").text("unknown command ").bytes(line, start, count).text(" (type help)").end();
        }
    }

    private void setSensorValue(byte[] line, int tokens, boolean qos) {
        int sensor = -1;
        if (3 == tokens) {
            for (int i = 0; i < AppConfig.SENSORS; i++) {
                if (Ascii.equals(line, tokenStart[1], tokenLength[1], SENSOR_NAMES[i])) {
                    sensor = i;
                }
            }
        }
        long value = 3 == tokens ? Ascii.parseInt(line, tokenStart[2], tokenLength[2]) : Ascii.NOT_A_NUMBER;
        boolean valid = qos ? value >= 0 && value <= 2 : value >= 10 && value <= 86400000;
        if (sensor < 0 || Ascii.NOT_A_NUMBER == value || !valid) {
            log.line(Log.WARN, "cmd", qos ? "usage: qos <temperature|humidity|pressure> <0|1|2>"
                    : "usage: interval <temperature|humidity|pressure> <10..86400000 ms>");
            return;
        }
        if (qos) {
            config.sensorQos[sensor] = (int) value;
        } else {
            config.sensorIntervalMillis[sensor] = (int) value;
            nextDue[sensor] = (int) now + (int) value;
        }
        log.begin(Log.INFO, "cmd").text(AppConfig.SENSOR_NAMES[sensor]).text(qos ? " qos " : " interval ")
                .number(value).text(qos ? "" : " ms").end();
    }

    /** Splits on spaces into at most three tokens ({@link #tokenStart}); the last takes the rest. */
    private int tokenize(byte[] line, int offset, int length) {
        int end = offset + length;
        int tokens = 0;
        int i = offset;
        while (i < end && tokens < 3) {
            while (i < end && ' ' == line[i]) {
                i++;
            }
            if (i == end) {
                break;
            }
            int start = i;
            if (2 == tokens) {
                i = end;
                while (i > start && ' ' == line[i - 1]) {
                    i--;
                }
            } else {
                while (i < end && ' ' != line[i]) {
                    i++;
                }
            }
            tokenStart[tokens] = start;
            tokenLength[tokens] = i - start;
            tokens++;
        }
        return tokens;
    }

    /** The status line into {@link #statusText}: its length. */
    private int formatStatus() {
        byte[] b = statusText;
        int limit = b.length;
        int n = Ascii.putString(b, 0, limit, "version=");
        n = Ascii.putString(b, n, limit, version);
        n = Ascii.putString(b, n, limit, " state=");
        n = Ascii.putString(b, n, limit, client == null ? "off" : stateName(client.state()));
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
            n = Ascii.putLong(b, n, limit, sequence[i]);
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

    /** Reset or bootloader: say goodbye, end the session's connection cleanly, hand over to the board. */
    private void finish() {
        int action = pendingAction;
        pendingAction = NONE;
        halted = true;
        if (client != null) {
            client.disconnect(now);
        }
        for (int i = 0; i < 100 && log.pending() > 0; i++) {
            log.flush(console);
        }
        if (BOOTLOADER == action) {
            board.enterBootloader();
        } else {
            board.reset();
        }
    }

    // ------------------------------------------------------------------ engine callbacks

    @Override
    public void onMessage(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength,
                          int qos, boolean retain) {
        if (!Ascii.startsWith(buffer, topicOffset, topicLength, commandTopic)) {
            return;
        }
        int rest = topicLength - commandTopic.length;
        if (rest > 0 && '/' != buffer[topicOffset + commandTopic.length]) {
            return; // <prefix>/cmdfoo is not ours
        }
        if (COMMAND_QUEUE == queueSize) {
            log.line(Log.WARN, "cmd", "command queue full: an MQTT command was dropped");
            return;
        }
        int index = (queueHead + queueSize) % COMMAND_QUEUE;
        byte[] line = queued[index];
        int n = 0;
        if (rest > 1) {
            n = Ascii.putBytes(line, n, MAX_COMMAND, buffer, topicOffset + commandTopic.length + 1, rest - 1);
            if (payloadLength > 0) {
                n = Ascii.putByte(line, n, MAX_COMMAND, ' ');
            }
        }
        n = Ascii.putBytes(line, n, MAX_COMMAND, buffer, payloadOffset, payloadLength);
        queuedLength[index] = n;
        queueSize++;
    }

    @Override
    public void onPublishComplete(int packetId, int status) {
        if (ClientStatus.OK == status) {
            log.begin(Log.DEBUG, "mqtt").text("delivered id=").number(packetId).end();
        } else {
            log.begin(Log.WARN, "mqtt").text("message id=").number(packetId).text(" not delivered (")
                    .text(ClientStatus.name(status)).text(")").end();
        }
    }

    @Override
    public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
        if (0x80 == grantedQos) {
            log.line(Log.ERROR, "mqtt", "the broker refused the command subscription");
        } else {
            log.begin(Log.INFO, "mqtt").text("subscribed to commands (granted qos ").number(grantedQos).text(")").end();
        }
    }

    @Override
    public void onConnectionChanged(boolean connected, boolean sessionPresent, int status) {
        if (connected) {
            log.begin(Log.INFO, "mqtt").text("connected to ").text(brokerLabel)
                    .text(sessionPresent ? " (session present)" : " (new session)").end();
        } else {
            reportedLost = client == null ? 0 : client.counters().connectionsLost;
            log.begin(Log.WARN, "mqtt").text("disconnected from ").text(brokerLabel).text(" (")
                    .text(ClientStatus.name(status)).text(")").end();
        }
    }

    @Override
    public void onPacket(boolean sent, int type, int packetId, int qos, boolean dup, int length) {
        if (log.traceOn()) {
            int n = traceLine.format(sent, type, packetId, qos, dup, length);
            log.begin(Log.TRACE, "mqtt").bytes(traceLine.bytes(), 0, n).end();
        }
    }

    // ------------------------------------------------------------------ for tests and the board

    /** The firmware version the banner showed. */
    public String version() {
        return version;
    }

    /** The engine, or null when none could be built. */
    public MqttClient client() {
        return client;
    }

    /** Readings of sensor {@code id} accepted by the engine since boot (the last seq). */
    public long sequence(int id) {
        return sequence[id];
    }

    public AppConfig config() {
        return config;
    }
}
