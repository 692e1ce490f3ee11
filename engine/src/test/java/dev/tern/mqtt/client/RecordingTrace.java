package dev.tern.mqtt.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every packet-trace line the engine produced, formatted by {@link TraceLine}. */
final class RecordingTrace implements PacketTrace {

    private final TraceLine line = new TraceLine();
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void onPacket(boolean sent, int type, int packetId, int qos, boolean dup, int length) {
        int n = line.format(sent, type, packetId, qos, dup, length);
        lines.add(new String(line.bytes(), 0, n, StandardCharsets.US_ASCII));
    }
}
