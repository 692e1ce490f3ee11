package dev.tern.host.cli;

import java.util.Optional;

/**
 * A setting and where it came from: typed ({@code source} null), an environment variable, or a
 * key of the profile ({@code tern.properties}), in that order of precedence.
 */
public record Setting(String value, String source) {

    /** The value typed, else the variable's, else the profile's {@code key}; empty when none sets it. */
    public static Optional<Setting> typedOrSaved(String typed, String variable, String key, HostContext context, Profile profile) {
        if (typed != null) {
            return Optional.of(new Setting(typed, null));
        }
        String fromEnvironment = context.environment().get(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(new Setting(fromEnvironment.strip(), variable));
        }
        return profile.value(key).map(value -> new Setting(value, profile.describe(key)));
    }
}
