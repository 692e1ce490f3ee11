package dev.tern.app;

import dev.tern.hal.Board;
import dev.tern.hal.FailureReason;
import dev.tern.hal.Transport;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;
import dev.tern.mqtt.client.TraceLine;
import dev.tern.mqtt.session.RestoreReport;
import dev.tern.mqtt.session.SessionStatus;

/**
 * The MQTT wiring of the sensor application: builds the engine on the board's transport and
 * session storage (the engine's default sizing if the configured one is refused), subscribes to
 * {@code <prefix>/cmd/#}, polls it, and tells the log what the engine reports: connections,
 * deliveries, failed attempts and saves, the restored session and, with trace on, every packet.
 * Command messages go to the {@link CommandInbox}.
 */
final class MqttLink implements MqttListener, PacketTrace {

    private final Log log;
    private final CommandInbox inbox;
    private final TraceLine traceLine = new TraceLine();
    private MqttClient client;
    /** The board's transport when it can say why it failed (a TLS one does), else null. */
    private FailureReason failureReason;
    private String brokerLabel = "";
    /** "MQTT 5" or "MQTT 3.1.1": the protocol the engine speaks, for the connection lines. */
    private String protocolLabel = "";
    private byte[] statusTopic = new byte[0];
    /** Connections lost as far as the log has told: the engine does not report failed attempts itself. */
    private long reportedLost;
    private long reportedStorageFailures;

    MqttLink(Log log, CommandInbox inbox) {
        this.log = log;
        this.inbox = inbox;
    }

    /** At boot: builds the engine, logs the restored session, subscribes to commands and starts connecting. */
    void start(Board board, AppConfig config, long now) {
        inbox.listenOn(Utf8Text.bytes(config.topicPrefix + "/cmd"));
        statusTopic = Utf8Text.bytes(config.topicPrefix + "/status");
        brokerLabel = config.brokerHost + ":" + config.brokerPort;
        protocolLabel = "MQTT " + AppConfig.versionName(config.mqtt.protocolVersion);
        client = build(board, config, config.mqtt);
        if (client == null) {
            MqttConfig fallback = new MqttConfig();
            fallback.clientId = config.mqtt.clientId;
            fallback.cleanSession = config.mqtt.cleanSession;
            fallback.keepAliveSeconds = config.mqtt.keepAliveSeconds;
            fallback.protocolVersion = config.mqtt.protocolVersion;
            fallback.sessionExpirySeconds = config.mqtt.sessionExpirySeconds;
            fallback.outgoingTopicAliases = config.mqtt.outgoingTopicAliases;
            log.line(Log.WARN, "mqtt", "trying the engine's default sizing");
            client = build(board, config, fallback);
        }
        if (client == null) {
            log.line(Log.ERROR, "mqtt", "no MQTT: readings are not published");
            return;
        }
        logRestore();
        byte[] filter = Utf8Text.bytes(config.topicPrefix + "/cmd/#");
        int subscribed = client.subscribe(filter, 0, filter.length, config.commandQos);
        if (subscribed < 0) {
            log.line(Log.ERROR, "mqtt", "cannot subscribe to " + config.topicPrefix + "/cmd/#: " + ClientStatus.name(subscribed));
        }
        log.line(Log.INFO, "mqtt", "connecting to " + brokerLabel + " as " + config.clientId + " with " + protocolLabel
                + (config.mqtt.cleanSession ? " (clean session)" : " (persistent session)"));
        client.start(now);
    }

    private MqttClient build(Board board, AppConfig config, MqttConfig engineConfig) {
        try {
            Transport transport = board.transport(config.brokerHost, config.brokerPort);
            failureReason = transport instanceof FailureReason ? (FailureReason) transport : null;
            return new MqttClient(engineConfig, transport, board.sessionStorage(), this, this);
        } catch (IllegalArgumentException e) {
            log.line(Log.ERROR, "mqtt", "engine configuration refused: " + e.getMessage());
            return null;
        }
    }

    private void logRestore() {
        int restore = client.restoreStatus();
        if (SessionStatus.OK == restore) {
            log.line(Log.INFO, "session", "restored: " + client.inflight() + " messages in flight, "
                    + client.queued() + " queued");
        } else if (SessionStatus.STORE_EMPTY == restore) {
            log.line(Log.INFO, "session", "none stored: starting a new one");
        } else {
            log.line(Log.WARN, "session", "stored session unusable (" + ClientStatus.name(restore) + "): starting a new one");
        }
        RestoreReport report = client.restoreReport();
        String line = restoreReportLine(report);
        if (line != null) {
            log.line(report.droppedAnything() ? Log.WARN : Log.INFO, "session", line);
        }
    }

    /** The console text for a restore report (see {@link RestoreReport}), or null when there is nothing to say. */
    static String restoreReportLine(RestoreReport report) {
        if (report.tornTail() == 0 && report.badCrc() == 0 && report.doesNotFit() == 0 && report.legacyImported() == 0) {
            return null;
        }
        return "restore dropped " + report.tornTail() + " torn save(s) at the tail (cut by power), "
                + report.badCrc() + " save(s) with a bad CRC, " + report.doesNotFit()
                + " record(s) this configuration cannot hold"
                + (report.legacyImported() > 0 ? "; imported the previous store format" : "");
    }

    /** The engine, or null when none could be built. */
    MqttClient client() {
        return client;
    }

    /** {@code <prefix>/status}, where a status asked for over MQTT is published. */
    byte[] statusTopic() {
        return statusTopic;
    }

    /** Polls the engine and logs failed connection attempts and saves: the work done. */
    int poll(long now) {
        if (client == null) {
            return 0;
        }
        int work = client.poll(now);
        reportFailedAttempts();
        reportStorageFailures();
        return work;
    }

    /** Ends the connection cleanly (DISCONNECT), before a reset or the bootloader. */
    void disconnect(long now) {
        if (client != null) {
            client.disconnect(now);
        }
    }

    private void reportFailedAttempts() {
        long lost = client.counters().connectionsLost;
        if (lost != reportedLost) {
            reportedLost = lost;
            withReason(log.begin(Log.WARN, "mqtt").text("cannot connect to ").text(brokerLabel).text(" (")
                    .text(ClientStatus.name(client.lastStatus()))).text("), trying again").end();
        }
    }

    /** Appends ": TLS_UNTRUSTED_BROKER" to the line where the transport says why it failed. */
    private Log withReason(Log line) {
        int reason = failureReason == null ? FailureReason.NONE : failureReason.lastFailure();
        return FailureReason.NONE == reason ? line : line.text(": ").text(failureReason.failureName(reason));
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

    // ------------------------------------------------------------------ engine callbacks

    @Override
    public void onMessage(IncomingMessage message) {
        inbox.offer(message);
    }

    @Override
    public void onUnsubscribed(int packetId, int reasonCode) {
    }

    @Override
    public void onReceiveComplete(int packetId) {
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
            log.begin(Log.INFO, "mqtt").text("connected to ").text(brokerLabel).text(" (").text(protocolLabel)
                    .text(sessionPresent ? ", session present)" : ", new session)").end();
            if (ClientStatus.OK != status) {
                // up, but with a warning (the broker's assigned client id could not be kept, say)
                log.begin(Log.WARN, "mqtt").text("connected with ").text(ClientStatus.name(status)).end();
            }
        } else {
            reportedLost = client == null ? 0 : client.counters().connectionsLost;
            withReason(log.begin(Log.WARN, "mqtt").text("disconnected from ").text(brokerLabel).text(" (")
                    .text(ClientStatus.name(status))).text(")").end();
        }
    }

    @Override
    public void onPacket(boolean sent, int type, int packetId, int qos, boolean dup, int length) {
        if (log.traceOn()) {
            int n = traceLine.format(sent, type, packetId, qos, dup, length);
            log.begin(Log.TRACE, "mqtt").bytes(traceLine.bytes(), 0, n).end();
        }
    }
}
