package dev.tern.host.cli;

import java.util.Locale;
import java.util.Map;

/** The little JSON the commands print with {@code --json}: strings quoted, numbers and booleans as they are. */
public final class Json {

    private Json() {
    }

    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** An object of the entries in order; Number and Boolean values unquoted, anything else as a string. */
    public static String object(Map<String, ?> entries) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, ?> entry : entries.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            Object value = entry.getValue();
            json.append(quote(entry.getKey())).append(':')
                    .append(value instanceof Number || value instanceof Boolean ? value.toString() : quote(String.valueOf(value)));
        }
        return json.append('}').toString();
    }
}
