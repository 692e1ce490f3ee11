package dev.tern.app;

import dev.tern.hal.Board;

/**
 * The configuration job of the sensor application: at boot, the config page's settings over the
 * compiled defaults ({@link AppConfig}), compiled defaults alone when the page is corrupt, and the
 * console lines that say which settings are in effect and which page lines were ignored.
 */
final class ConfigLoader {

    private final ConfigPage page = new ConfigPage();
    private int pageStatus;

    /** Reads the board's config page into a new configuration, resolved. */
    AppConfig load(Board board) {
        AppConfig config = new AppConfig(board.boardId(), board.uniqueId());
        pageStatus = page.read(board.configPage(), config);
        if (ConfigPage.isFailure(pageStatus)) {
            config = new AppConfig(board.boardId(), board.uniqueId());
        }
        config.resolve();
        return config;
    }

    /** Logs how the page was taken (applied, blank or corrupt; its ignored lines), then each setting. */
    void report(AppConfig config, Log log) {
        if (ConfigPage.OK == pageStatus) {
            log.line(Log.INFO, "cfg", "config page OK: " + page.applied() + " settings applied");
        } else if (ConfigPage.BLANK == pageStatus) {
            log.line(Log.INFO, "cfg", "config page blank: compiled defaults in effect");
        } else {
            log.line(Log.ERROR, "cfg", "config page corrupt (" + ConfigPage.name(pageStatus)
                    + "): ignored, compiled defaults in effect; write it again with tern flash --set or --config");
        }
        reportWarnings(log);
        String[] settings = config.describe();
        for (int i = 0; i < settings.length; i++) {
            log.line(Log.INFO, "cfg", settings[i]);
        }
    }

    private void reportWarnings(Log log) {
        for (int i = 0; i < page.warningCount() && i < ConfigPage.MAX_WARNINGS; i++) {
            String line = page.warningLine(i);
            int status = page.warningStatus(i);
            int equals = line.indexOf('=');
            String key = equals > 0 ? line.substring(0, equals).trim() : line;
            if (ConfigPage.UNKNOWN_KEY == status) {
                log.line(Log.WARN, "cfg", "unknown key " + key + " ignored (line \"" + line + "\")");
            } else if (ConfigPage.BAD_VALUE == status) {
                String accepted = AppConfig.acceptedValues(key);
                // the accepted values before the line, which may be long enough to be cut at Log.MAX_LINE
                log.line(Log.WARN, "cfg", "bad value for " + key + (accepted == null ? "" : " (accepted: " + accepted + ")")
                        + ", default kept (line \"" + line + "\")");
            } else {
                log.line(Log.WARN, "cfg", "not a key=value line, ignored: \"" + line + "\"");
            }
        }
        if (page.warningCount() > ConfigPage.MAX_WARNINGS) {
            log.line(Log.WARN, "cfg", (page.warningCount() - ConfigPage.MAX_WARNINGS) + " more lines ignored");
        }
    }
}
