package dev.tern.host.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code span a page cites as code: {@code `Class`}, {@code `Class#member`},
 * {@code `Class.member()`} (arguments may be written or left out), {@code `Outer.Nested`} and
 * {@code `dev.tern.pkg.Class`}. A name counts as a class when it starts with an upper-case letter
 * followed by a lower-case letter or a digit ({@code MqttConfig}, {@code An3155Client}), so
 * constants and words in capitals ({@code QOS_2}, {@code MQTT}) are not read as classes.
 */
record CodeReference(String type, List<String> members) {

    private static final String CLASS = "[A-Z][a-z0-9]\\w*";
    private static final Pattern REFERENCE = Pattern.compile(
            "((?:[a-z][a-z0-9_]*\\.)*" + CLASS + ")((?:\\." + CLASS + ")*)(?:[#.]([A-Za-z_]\\w*))?(?:\\(.*\\))?");

    /** The reference this span makes, if it is one. */
    static Optional<CodeReference> parse(final String span) {
        final Matcher m = REFERENCE.matcher(span);
        if (!m.matches()) {
            return Optional.empty();
        }
        final List<String> members = new ArrayList<>();
        if (!m.group(2).isEmpty()) {
            members.addAll(Arrays.asList(m.group(2).substring(1).split("\\.")));
        }
        if (m.group(3) != null) {
            members.add(m.group(3));
        }
        return Optional.of(new CodeReference(m.group(1), List.copyOf(members)));
    }
}
