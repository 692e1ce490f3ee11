package dev.tern.bench.powercut;

import java.io.PrintStream;
import java.util.List;

import dev.tern.bench.Table;

/** The per-board power-cut tables: where the cuts landed and what the restores said; the guarantees. */
final class BoardCutTables {

    private BoardCutTables() {
    }

    static void print(List<BoardCutResult> results, PrintStream out) {
        Table cuts = new Table("board", "mqtt", "session region", "cuts", "in record program", "in unit erase",
                "in checkpoint (program/erase)", "between operations", "boots", "restored", "torn tail", "bad CRC",
                "does not fit", "erases", "erases/1k msgs", "max erases/unit", "flash busy s", "s");
        for (BoardCutResult r : results) {
            cuts.row(r.board(), r.mqtt().label(), r.device() + " " + r.units() + " x " + r.unitSize() / 1024 + "K", r.cuts().cuts(),
                    r.cuts().programs(), r.cuts().erases(),
                    r.cuts().checkpoints() + " (" + r.cuts().checkpointPrograms() + "/" + r.cuts().checkpointErases() + ")",
                    r.cuts().between(), r.boots(), r.restoresOk(), r.restores().tornTail(), r.restores().badCrc(),
                    r.restores().doesNotFit(), r.erases(), r.toMap().get("erasesPer1000Messages"), r.maxUnitErases(),
                    String.format("%.1f", r.flashBusyNanos() / 1e9), String.format("%.1f", r.seconds()));
        }
        cuts.print(out);
        out.println("  torn tail: uncommitted saves at the log's end (a cut inside a save), summed over boots; bad CRC:"
                + " earlier torn saves with committed saves after them, reported by every boot until a checkpoint"
                + " supersedes them; flash busy: the typical datasheet times, accounted, not slept");
        out.println();
        Table flows = new Table("board", "mqtt", "flow", "qos", "accepted", "uncertain (cut inside publish)", "received", "lost",
                "duplicated", "guarantee");
        for (BoardCutResult r : results) {
            for (Ledger.Check f : r.flows()) {
                flows.row(r.board(), r.mqtt().label(), f.flow(), f.qos(), f.accepted(), f.uncertain(), f.received(), f.lost(), f.duplicated(),
                        f.holds() ? (f.qos() == 2 ? "none lost, none duplicated" : "none lost")
                                : "BROKEN (lost " + f.firstLost() + ", unexpected " + f.unexpected() + ")");
            }
        }
        flows.print(out);
        out.println("  uncertain: the cut came inside publish(): may arrive, at most once at QoS 2. publisher -> engine"
                + " 'received' leaves out deliveries of a message the broker sent again after its own PUBREL for it"
                + " (mosquitto 2.0.11 after a failed PUBREL re-send; MQTT 4.3.3 forbids it; the engine had released the"
                + " id as it must): " + results.stream().map(r -> r.board() + " (" + r.mqtt().label() + ") " + r.resentByBrokerAfterPubrel())
                .reduce((a, b) -> a + ", " + b).orElse(""));
        for (BoardCutResult r : results) {
            if (!r.problems().isEmpty()) {
                out.println(r.board() + " (MQTT " + r.mqtt().label() + ") problems: " + r.problems());
            }
        }
    }
}
