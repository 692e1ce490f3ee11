package dev.tern.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tern.testsupport.BrokerKind;

/**
 * A suite's command line: {@code --quick} and {@code --name value} (or {@code --name=value})
 * options. Unknown options are a usage error (exit 2), reported by {@link #usageError}.
 */
public final class SuiteArguments {

    public static final int EXIT_OK = 0;
    public static final int EXIT_GUARANTEE_BROKEN = 1;
    public static final int EXIT_USAGE = 2;

    private final boolean quick;
    private final Map<String, String> options;

    private SuiteArguments(boolean quick, Map<String, String> options) {
        this.quick = quick;
        this.options = options;
    }

    /** Parses {@code args}; throws IllegalArgumentException naming a malformed argument. */
    public static SuiteArguments parse(String[] args, String... known) {
        boolean quick = false;
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--quick".equals(arg)) {
                quick = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!java.util.List.of(known).contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: --quick, --"
                        + String.join(", --", known) + ")");
            }
            options.put(name, value);
        }
        return new SuiteArguments(quick, options);
    }

    public boolean quick() {
        return quick;
    }

    /** The option's value as a long, or {@code quickDefault} / {@code fullDefault}. */
    public long number(String name, long quickDefault, long fullDefault) {
        String value = options.get(name);
        if (value == null) {
            return quick ? quickDefault : fullDefault;
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number: " + value);
        }
    }

    /** The option's value, or {@code fallback}. */
    public String text(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** {@code --qos}: comma-separated levels of 0, 1 and 2; all three by default. */
    public List<Integer> qosLevels() {
        List<Integer> levels = new ArrayList<>();
        for (String q : text("qos", "0,1,2").split(",")) {
            try {
                int qos = Integer.parseInt(q.trim());
                if (qos < 0 || qos > 2) {
                    throw new NumberFormatException();
                }
                levels.add(qos);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--qos takes 0, 1 and 2: " + q);
            }
        }
        return levels;
    }

    /** {@code --broker}: mosquitto (the default) or hivemq. */
    public BrokerKind broker() {
        String name = text("broker", "mosquitto");
        for (BrokerKind kind : BrokerKind.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--broker is mosquitto or hivemq: " + name);
    }

    /** {@code --mqtt}: 3.1.1 (the default), 5, or both (3.1.1 then 5). */
    public List<MqttVersion> mqttVersions() {
        return MqttVersion.parseOption(text("mqtt", MqttVersion.V3_1_1.label()));
    }

    /** True when {@code args} ask for the suite's help (then print it and exit 0). */
    public static boolean wantsHelp(String[] args) {
        return java.util.Arrays.asList(args).contains("--help");
    }

    /** Prints the usage error to stderr and returns {@link #EXIT_USAGE}. */
    public static int usageError(String suite, IllegalArgumentException e, String usage) {
        System.err.println(suite + ": " + e.getMessage());
        System.err.println("usage: bench/run " + suite + " " + usage);
        return EXIT_USAGE;
    }
}
