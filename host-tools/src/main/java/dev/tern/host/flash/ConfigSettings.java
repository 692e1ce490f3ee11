package dev.tern.host.flash;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tern.app.AppConfig;
import dev.tern.app.ConfigPage;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.Suggestions;
import dev.tern.host.cli.TernException;

/**
 * The settings for the board's config page: {@code --config FILE} lines, then {@code --set}
 * (which override), each checked as the firmware will read it ({@link AppConfig#set}), so an
 * unknown key or a bad value is refused before the port is touched (exit 2).
 */
final class ConfigSettings {

    private final Map<String, String> settings = new LinkedHashMap<>();

    private ConfigSettings() {
    }

    static ConfigSettings of(Path configFile, List<String> sets, String boardId) {
        ConfigSettings config = new ConfigSettings();
        AppConfig check = new AppConfig(boardId);
        if (configFile != null) {
            String text = new String(FlashImage.readFile(configFile, "config file"), StandardCharsets.UTF_8);
            int number = 0;
            for (String line : text.split("\n", -1)) {
                number++;
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                config.add(check, trimmed, configFile + " line " + number);
            }
        }
        for (String set : sets) {
            config.add(check, set, "--set " + set);
        }
        return config;
    }

    private void add(AppConfig check, String setting, String where) {
        int equals = setting.indexOf('=');
        if (equals <= 0) {
            throw new TernException(ExitCodes.USAGE, where + ": not a key=value setting");
        }
        String key = setting.substring(0, equals).trim();
        String value = setting.substring(equals + 1).trim();
        int result = check.set(key, value);
        if (AppConfig.UNKNOWN_KEY == result) {
            throw new TernException(ExitCodes.USAGE, where + ": unknown config key '" + key + "'"
                    + Suggestions.didYouMean(key, ConfigKeys.names()) + "; the keys: " + ConfigKeys.summary()
                    + " (docs/sensor-firmware.md); nothing was flashed");
        }
        if (AppConfig.BAD_VALUE == result) {
            String accepted = ConfigKeys.accepted(key);
            throw new TernException(ExitCodes.USAGE, where + ": bad value '" + value + "' for " + key
                    + (accepted == null ? "" : ": expected " + accepted) + Suggestions.didYouMean(value, ConfigKeys.choices(key))
                    + "; nothing was flashed");
        }
        settings.remove(key); // a later setting moves to the end, where it wins on the board too
        settings.put(key, value);
    }

    boolean isEmpty() {
        return settings.isEmpty();
    }

    int size() {
        return settings.size();
    }

    /** The page as the firmware reads it: header, {@code key=value} lines, 0xFF to the end. */
    byte[] encodePage(int pageSize) {
        StringBuilder lines = new StringBuilder();
        settings.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        try {
            return ConfigPage.encodePage(lines.toString(), pageSize);
        } catch (IllegalArgumentException e) {
            throw new TernException(ExitCodes.USAGE, e.getMessage());
        }
    }
}
