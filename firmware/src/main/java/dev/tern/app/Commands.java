package dev.tern.app;

import dev.tern.hal.Console;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.MqttClient;

/**
 * The console commands job of the sensor application: lines typed on the console and lines that
 * came over MQTT ({@link CommandInbox}) run here: {@code help}, {@code status} (over MQTT also
 * published to {@code <prefix>/status}), {@code qos <sensor> <0|1|2>},
 * {@code interval <sensor> <ms>}, {@code trace on|off}, {@code reset} (or {@code reboot}),
 * {@code bootloader}. Reset and bootloader are only asked for ({@link #pendingAction()}): the
 * application hands over to the board once the step is done.
 */
final class Commands {

    static final int MAX_COMMAND = 128;
    static final int NONE = 0;
    static final int RESET = 1;
    static final int BOOTLOADER = 2;

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

    private final Log log;
    private final CommandInbox inbox;
    private final Readings readings;
    private final MqttLink link;
    private final StatusLine statusLine = new StatusLine();
    private final byte[] consoleChunk = new byte[64];
    private final byte[] typed = new byte[MAX_COMMAND];
    private final int[] tokenStart = new int[3];
    private final int[] tokenLength = new int[3];
    private int typedLength;
    private boolean typedOverflow;
    private int pendingAction = NONE;
    private Console console;
    private AppConfig config;
    private String version = FirmwareVersion.UNKNOWN;
    private long now;

    Commands(Log log, CommandInbox inbox, Readings readings, MqttLink link) {
        this.log = log;
        this.inbox = inbox;
        this.readings = readings;
        this.link = link;
    }

    /** At boot: where lines are typed (null: no console), the settings the commands change, the version status shows. */
    void start(Console console, AppConfig config, String version) {
        this.console = console;
        this.config = config;
        this.version = version;
    }

    /** {@link #NONE}, or {@link #RESET} or {@link #BOOTLOADER} once such a command ran. */
    int pendingAction() {
        return pendingAction;
    }

    /** Runs each complete line typed on the console since the last step: the work done. */
    int readConsole(long nowMillis) {
        if (console == null) {
            return 0;
        }
        now = nowMillis;
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

    /** Runs the commands that came over MQTT, until one asks for a reset or the bootloader: the work done. */
    int runInbox(long nowMillis) {
        now = nowMillis;
        int work = 0;
        while (!inbox.isEmpty() && NONE == pendingAction) {
            byte[] line = inbox.first();
            int length = inbox.firstLength();
            inbox.removeFirst();
            execute(line, 0, length, true);
            work++;
        }
        return work;
    }

    /** Runs one command line; {@code remote} when it came over MQTT. */
    private void execute(byte[] line, int offset, int length, boolean remote) {
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
            status(remote);
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

    private void status(boolean remote) {
        MqttClient client = link.client();
        int length = statusLine.format(version, client, readings, config, log);
        log.begin(Log.INFO, "cmd").bytes(statusLine.bytes(), 0, length).end();
        if (remote && client != null) {
            byte[] topic = link.statusTopic();
            int result = client.publish(topic, 0, topic.length, statusLine.bytes(), 0, length, 1, false);
            if (result < 0 && ClientStatus.QUEUED != result) {
                log.begin(Log.WARN, "cmd").text("status not published: ").text(ClientStatus.name(result)).end();
            }
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
            readings.setQos(sensor, (int) value);
        } else {
            readings.setInterval(sensor, (int) value, now);
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
}
