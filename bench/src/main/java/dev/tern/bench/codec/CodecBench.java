package dev.tern.bench.codec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import dev.tern.bench.ResultLine;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;

/**
 * {@code bench/run codec [--quick]}: JMH runs {@link CodecBenchmarks} (Tern's codec and Paho's
 * wire classes, PUBLISH QoS 1 with 64 payload bytes and PUBACK, encode and decode; Tern's MQTT 5
 * PUBLISH with two properties against its 3.1.1 one) with the GC profiler, and prints ns/op
 * (mean and its 99.9% error) and bytes allocated per op. Quick: 1 fork, 1 warm-up and 2 measured
 * iterations of 1 s; full: 2 forks, 3 warm-ups and 5 measured of 2 s.
 */
public final class CodecBench {

    static final String USAGE = "[--quick] [--forks N] [--iterations N] [--seconds S]";
    private static final List<String> PACKETS = List.of("Publish", "Puback");
    private static final List<String> OPERATIONS = List.of("Encode", "Decode");

    private CodecBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run codec " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        int forks;
        int iterations;
        int seconds;
        boolean quick;
        try {
            SuiteArguments arguments = SuiteArguments.parse(args, "forks", "iterations", "seconds");
            quick = arguments.quick();
            forks = (int) arguments.number("forks", 1, 2);
            iterations = (int) arguments.number("iterations", 2, 5);
            seconds = (int) arguments.number("seconds", 1, 2);
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("codec", e, USAGE);
        }
        int warmups = quick ? 1 : 3;
        System.out.println("codec" + (quick ? " (quick)" : "") + ": JMH, " + forks + " fork(s), " + warmups + " warm-up + "
                + iterations + " measured iterations of " + seconds + " s, -prof gc; PUBLISH QoS 1, "
                + CodecVectors.PAYLOAD_LENGTH + "-byte payload, " + CodecVectors.PUBLISH_LENGTH + " bytes on the wire");
        Options options = new OptionsBuilder()
                .include(CodecBenchmarks.class.getName() + "\\.")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            Result<?> primary = run.getPrimaryResult();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            figures.put(name, new Figure(primary.getScore(), primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()));
        }
        Table table = new Table("packet", "op", "tern ns/op", "±", "tern B/op", "paho ns/op", "±", "paho B/op", "paho/tern time");
        Map<String, Object> json = new LinkedHashMap<>();
        for (String packet : PACKETS) {
            for (String operation : OPERATIONS) {
                Figure tern = figures.get("tern" + operation + packet);
                Figure paho = figures.get("paho" + operation + packet);
                table.row(packet.toUpperCase(), operation.toLowerCase(), oneDecimal(tern.nanos), oneDecimal(tern.error),
                        whole(tern.bytes), oneDecimal(paho.nanos), oneDecimal(paho.error), whole(paho.bytes),
                        oneDecimal(paho.nanos / tern.nanos));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("tern", tern.json());
                entry.put("paho", paho.json());
                json.put(packet.toLowerCase() + "_" + operation.toLowerCase(), entry);
            }
        }
        table.print(System.out);
        Table v5 = new Table("packet", "op", "tern 3.1.1 ns/op", "tern 5 ns/op", "±", "tern 5 B/op", "5/3.1.1 time");
        for (String operation : OPERATIONS) {
            Figure v311 = figures.get("tern" + operation + "Publish");
            Figure tern5 = figures.get("tern5" + operation + "Publish");
            v5.row("PUBLISH", operation.toLowerCase(), oneDecimal(v311.nanos), oneDecimal(tern5.nanos),
                    oneDecimal(tern5.error), whole(tern5.bytes), oneDecimal(tern5.nanos / v311.nanos));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("tern5", tern5.json());
            json.put("publish5_" + operation.toLowerCase(), entry);
        }
        System.out.println("MQTT 5 PUBLISH: Message Expiry Interval and Topic Alias, " + CodecVectors.PUBLISH5_LENGTH
                + " bytes on the wire; decode includes reading the expiry");
        v5.print(System.out);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", "codec");
        result.put("quick", quick);
        result.put("forks", forks);
        result.put("warmups", warmups);
        result.put("iterations", iterations);
        result.put("iteration_seconds", seconds);
        result.put("payload_bytes", CodecVectors.PAYLOAD_LENGTH);
        result.put("figures", json);
        System.out.println(ResultLine.of(result));
        return SuiteArguments.EXIT_OK;
    }

    static String oneDecimal(double value) {
        return Double.isNaN(value) ? "n/a" : String.valueOf(Math.round(value * 10) / 10.0);
    }

    static String whole(double value) {
        return Double.isNaN(value) ? "n/a" : String.valueOf(Math.round(value));
    }

    /** One benchmark's mean ns/op, its error (99.9%), and bytes allocated per op. */
    record Figure(double nanos, double error, double bytes) {
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ns_per_op", Math.round(nanos * 100) / 100.0);
            out.put("error_ns", Double.isNaN(error) ? null : Math.round(error * 100) / 100.0);
            out.put("bytes_per_op", Double.isNaN(bytes) ? null : Math.round(bytes * 10) / 10.0);
            return out;
        }
    }
}
