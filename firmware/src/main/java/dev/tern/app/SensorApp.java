package dev.tern.app;

import dev.tern.hal.Board;
import dev.tern.hal.Console;
import dev.tern.hal.Firmware;
import dev.tern.mqtt.client.MqttClient;

/**
 * The sensor application: the firmware every Tern board runs (manifest attribute
 * {@code Tern-Firmware: dev.tern.app.SensorApp}). It boots and steps four parts, one job each:
 * <ul>
 * <li>{@link ConfigLoader}: the config page over the compiled defaults ({@link AppConfig});
 * <li>{@link CredentialsLoader}: the credentials region (TLS CA, device chain and key), checked;
 * <li>{@link Readings}: sampling the sensors and publishing each reading (payload format there);
 * <li>{@link Commands}: console and MQTT commands ({@link CommandInbox}, {@link StatusLine});
 * <li>{@link MqttLink}: the engine on the board's transport and storage, and what it reports.
 * </ul>
 * Boot prints the banner (firmware version, board, config in effect, session restore status),
 * starts the engine and subscribes to {@code <prefix>/cmd/#}. Each {@link #step} runs typed
 * console lines, takes the due readings, polls the engine, runs MQTT commands and flushes the
 * log. Nothing in a step allocates: every part makes its buffers when the application is made.
 */
public final class SensorApp implements Firmware {

    private static final int LOG_RING_BYTES = 8192;

    private final Log log = new Log(LOG_RING_BYTES);
    private final ConfigLoader configLoader = new ConfigLoader();
    private final CredentialsLoader credentialsLoader = new CredentialsLoader();
    private final CommandInbox inbox = new CommandInbox(log);
    private final Readings readings = new Readings(log);
    private final MqttLink link = new MqttLink(log, inbox);
    private final Commands commands = new Commands(log, inbox, readings, link);
    private Board board;
    private Console console;
    private AppConfig config;
    private String version = FirmwareVersion.UNKNOWN;
    private boolean halted;
    private long now;

    // ------------------------------------------------------------------ boot

    @Override
    public void boot(Board board) {
        this.board = board;
        console = board.console();
        now = board.millis();
        log.time(now);
        version = FirmwareVersion.read();
        config = configLoader.load(board);
        log.level(config.logLevel);
        log.trace(config.trace);

        log.line(Log.INFO, "boot", "Tern sensor firmware " + version);
        log.line(Log.INFO, "boot", "board " + board.boardId() + ", device " + config.deviceId);
        configLoader.report(config, log);
        credentialsLoader.load(board);
        credentialsLoader.report(log);
        readings.start(config, board.sensors(), now);
        link.start(board, config, now);
        readings.resume(link.client());
        commands.start(console, config, version);
        log.line(Log.INFO, "boot", "ready (type help for commands)");
        log.flush(console);
    }

    // ------------------------------------------------------------------ steady state

    @Override
    public int step(long nowMillis) {
        if (halted) {
            return 0;
        }
        now = nowMillis;
        log.time(nowMillis);
        int work = commands.readConsole(nowMillis);
        work += readings.sample(nowMillis);
        work += link.poll(nowMillis);
        work += commands.runInbox(nowMillis);
        if (Commands.NONE != commands.pendingAction()) {
            finish(commands.pendingAction());
            return work + 1;
        }
        if (log.flush(console) > 0) {
            work++;
        }
        return work;
    }

    /** Reset or bootloader: say goodbye, end the session's connection cleanly, hand over to the board. */
    private void finish(int action) {
        halted = true;
        link.disconnect(now);
        for (int i = 0; i < 100 && log.pending() > 0; i++) {
            log.flush(console);
        }
        if (Commands.BOOTLOADER == action) {
            board.enterBootloader();
        } else {
            board.reset();
        }
    }

    // ------------------------------------------------------------------ for tests and the board

    /** The firmware version the banner showed. */
    public String version() {
        return version;
    }

    /** The engine, or null when none could be built. */
    public MqttClient client() {
        return link.client();
    }

    /** Readings of sensor {@code id} accepted by the engine since boot (the last seq). */
    public long sequence(int id) {
        return readings.sequence(id);
    }

    public AppConfig config() {
        return config;
    }
}
