package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.codec.PacketType;

/** The packet-trace lines, exactly as the tutorial prints the handshake. */
class TraceLineTest {

    private final TraceLine line = new TraceLine();

    private String format(boolean sent, int type, int id, int qos, boolean dup, int length) {
        int n = line.format(sent, type, id, qos, dup, length);
        assertEquals(n, line.length());
        return new String(line.bytes(), 0, n, StandardCharsets.US_ASCII);
    }

    @Test
    void publishLineHasIdQosDupAndSize() {
        assertEquals("send: publish (id=17, qos=2, dup=0, 42 B)", format(true, PacketType.PUBLISH, 17, 2, false, 42));
        assertEquals("receive: publish (id=65535, qos=1, dup=1, 7 B)",
                format(false, PacketType.PUBLISH, 65535, 1, true, 7));
    }

    @Test
    void qos0PublishLineHasNoId() {
        assertEquals("send: publish (qos=0, dup=0, 9 B)", format(true, PacketType.PUBLISH, 0, 0, false, 9));
    }

    @Test
    void acknowledgementLinesHaveOnlyTheId() {
        assertEquals("receive: pubrec (id=17)", format(false, PacketType.PUBREC, 17, 0, false, 4));
        assertEquals("send: pubrel (id=17)", format(true, PacketType.PUBREL, 17, 0, false, 4));
        assertEquals("receive: pubcomp (id=17)", format(false, PacketType.PUBCOMP, 17, 0, false, 4));
        assertEquals("send: subscribe (id=3)", format(true, PacketType.SUBSCRIBE, 3, 1, false, 12));
    }

    @Test
    void packetsWithoutIdAreJustTheName() {
        assertEquals("send: pingreq", format(true, PacketType.PINGREQ, 0, 0, false, 2));
        assertEquals("receive: connack", format(false, PacketType.CONNACK, 0, 0, false, 4));
        assertEquals("send: connect", format(true, PacketType.CONNECT, 0, 0, false, 20));
    }

    @Test
    void longestLineFitsAndTheBufferIsReused() {
        String longest = format(false, PacketType.PUBLISH, 65535, 2, true, 268_435_460);
        assertEquals("receive: publish (id=65535, qos=2, dup=1, 268435460 B)", longest);
        assertEquals("send: pingreq", format(true, PacketType.PINGREQ, 0, 0, false, 2));
    }

    @Test
    void engineTracesTheQos2HandshakeInTheTutorialsForm() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        int id = h.publish("t", "x".repeat(35), 2); // 2 (header) + 3 (topic) + 2 (id) + 35 = 42 B
        h.poll();
        h.receive(Packets.pubrec(id));
        h.receive(Packets.pubcomp(id));
        assertEquals(List.of(
                "send: connect",
                "receive: connack",
                "send: publish (id=1, qos=2, dup=0, 42 B)",
                "receive: pubrec (id=1)",
                "send: pubrel (id=1)",
                "receive: pubcomp (id=1)"), h.trace.lines);
    }
}
