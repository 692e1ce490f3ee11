package dev.tern.bench.wirebytes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tern.bench.ResultLine;
import dev.tern.bench.Spread;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.testsupport.MosquittoBroker;

/**
 * {@code bench/run wirebytes [--quick]}: bytes on the wire per sensor reading (the firmware's
 * topic and payload), acknowledgements included, at QoS 0, 1 and 2, for the engine in MQTT 3.1.1,
 * in MQTT 5 without topic aliases, and in MQTT 5 with its outgoing aliases, against mosquitto.
 * Counted by a transport between the engine and its socket ({@link CountingTransport}), so each
 * row shows what the engine really sent: the version its CONNECT carried is printed beside it.
 * Exit 1 when a run failed.
 */
public final class WireBytesBench {

    static final String USAGE = "[--quick] [--readings N] [--qos 0,1,2]";
    private static final long TIMEOUT_MILLIS = 60_000;

    private WireBytesBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run wirebytes " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        SuiteArguments arguments;
        int readings;
        List<Integer> qosLevels;
        try {
            arguments = SuiteArguments.parse(args, "readings", "qos");
            readings = (int) arguments.number("readings", 100, 1_000);
            qosLevels = arguments.qosLevels();
            if (readings < 1) {
                throw new IllegalArgumentException("--readings must be at least 1: " + readings);
            }
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("wirebytes", e, USAGE);
        }
        System.out.println("wirebytes" + (arguments.quick() ? " (quick)" : "") + ": " + readings
                + " readings per row, one at a time, topic " + new String(SensorReading.topic(),
                java.nio.charset.StandardCharsets.US_ASCII) + ", payload like "
                + new String(SensorReading.payload(17, 117_000), java.nio.charset.StandardCharsets.US_ASCII)
                + ", mosquitto on 127.0.0.1");
        List<WireBytesRun.Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            for (int qos : qosLevels) {
                for (WireVariant variant : WireVariant.values()) {
                    try {
                        results.add(WireBytesRun.run(variant, qos, readings, broker.host(), broker.port(), TIMEOUT_MILLIS));
                    } catch (RuntimeException e) {
                        failures.add(variant.label() + " qos " + qos + ": " + e.getMessage());
                        System.out.println("  " + variant.label() + " qos " + qos + ": FAILED " + e.getMessage());
                    }
                }
            }
        }
        print(results, failures, arguments.quick(), readings);
        return failures.isEmpty() ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
    }

    private static void print(List<WireBytesRun.Result> results, List<String> failures, boolean quick, int readings) {
        Table table = new Table("mqtt", "qos", "CONNECT spoke", "out B/reading", "in B/reading", "total B/reading",
                "vs 3.1.1", "payload B", "topic B");
        List<Object> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (WireBytesRun.Result r : results) {
            WireBytesRun.Result base = find(results, WireVariant.V3_1_1, r.qos());
            String ratio = base == null ? "-" : Spread.format(r.perReading() / base.perReading(), 3);
            table.row(r.variant().label(), r.qos(), spoke(r.connectVersion()), Spread.format((double) r.bytesOut() / readings, 1),
                    Spread.format((double) r.bytesIn() / readings, 1), Spread.format(r.perReading(), 1), ratio,
                    Spread.format((double) r.payloadBytes() / readings, 1), r.topicBytes());
            if (r.variant().mqtt().level() != r.connectVersion()) {
                notes.add(r.variant().label() + " qos " + r.qos() + ": the engine's CONNECT said " + spoke(r.connectVersion())
                        + ", not " + r.variant().mqtt().label() + " (the engine does not speak it on the wire yet)");
            }
            WireBytesRun.Result plain = find(results, WireVariant.V5, r.qos());
            if (r.variant() == WireVariant.V5_ALIAS && plain != null && r.bytesOut() >= plain.bytesOut()) {
                notes.add("5 qos " + r.qos() + ": no fewer bytes with aliases than without (the engine sent no topic alias)");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("mqtt", r.variant().label());
            row.put("qos", r.qos());
            row.put("connectVersion", r.connectVersion());
            row.put("bytesOut", r.bytesOut());
            row.put("bytesIn", r.bytesIn());
            row.put("bytesPerReading", Math.round(r.perReading() * 10) / 10.0);
            row.put("ratioTo311", base == null ? null : Math.round(r.perReading() / base.perReading() * 1000) / 1000.0);
            row.put("payloadBytes", r.payloadBytes());
            row.put("topicBytes", r.topicBytes());
            rows.add(row);
        }
        System.out.println();
        table.print(System.out);
        System.out.println("out: PUBLISH (and PUBREL at QoS 2) from the engine; in: PUBACK, or PUBREC and PUBCOMP, from"
                + " the broker; from the CONNACK to the last completion, each reading completed before the next");
        for (String note : notes) {
            System.out.println("note: " + note);
        }
        if (!failures.isEmpty()) {
            System.out.println("FAILED: " + String.join("; ", failures));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", "wirebytes");
        result.put("quick", quick);
        result.put("ok", failures.isEmpty());
        result.put("readings", readings);
        result.put("rows", rows);
        result.put("notes", notes);
        result.put("failures", failures);
        System.out.println(ResultLine.of(result));
    }

    private static String spoke(int version) {
        return ProtocolLevel.V5 == version ? "5" : ProtocolLevel.V3_1_1 == version ? "3.1.1" : "?(" + version + ")";
    }

    static WireBytesRun.Result find(List<WireBytesRun.Result> results, WireVariant variant, int qos) {
        for (WireBytesRun.Result r : results) {
            if (r.variant() == variant && r.qos() == qos) {
                return r;
            }
        }
        return null;
    }
}
