package dev.tern.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.PacketTrace;

/** What the footprint suite counts, on things whose sizes are known. */
class FootprintCountsTest {

    @TempDir
    Path folder;

    @Tag("slow")
    @Test
    void theVirtualBoardsEngineHoldsAtLeastItsBuffersAndBothWalksAgreeWithoutThreads() {
        BoardDefinition board = new BoardLoader().load("virtual");
        MqttConfig config = board.engine().toConfig();
        config.clientId = new byte[] {'t'};
        MqttClient engine = new MqttClient(config, new QuietHal.NoTransport(),
                new QuietHal.ErasedFlash((int) board.sessionPages().size(), board.sessionPageSize()),
                new QuietHal.NoListener(), PacketTrace.NONE);
        long owned = RetainedHeap.ownedBy(engine);
        // the outgoing pool, the three packet buffers and the offline queue are arrays the engine holds
        long arrays = (long) config.poolBytes() + 3L * config.maxPacketSize + config.offlineQueueBytes;
        assertTrue(owned > arrays, "owned=" + owned + " arrays=" + arrays);
        assertEquals(RetainedHeap.jol(engine), owned, "the engine reaches no thread, class loader or class");
    }

    @Test
    void classBytesCountTheClassEntriesUncompressedAndTheJarFile() throws Exception {
        Path jar = folder.resolve("two.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "dev/tern/mqtt/A.class", 100);
            put(out, "dev/tern/hal/B.class", 30);
            put(out, "README.txt", 7);
        }
        assertEquals(new ClassBytes(1, 2, 130, Files.size(jar)), ClassBytes.of(jar, ""));
        assertEquals(new ClassBytes(1, 1, 100, 0), ClassBytes.of(jar, "dev/tern/mqtt/"));
    }

    @Test
    void namedClassesCountWithTheirNestedClassesAndNothingElse() throws Exception {
        Path jar = folder.resolve("codec.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "dev/tern/mqtt/codec/Properties.class", 100);
            put(out, "dev/tern/mqtt/codec/Properties$Cursor.class", 20);
            put(out, "dev/tern/mqtt/codec/PropertiesOther.class", 7);
            put(out, "dev/tern/mqtt/codec/AckCodec.class", 50);
            put(out, "dev/tern/mqtt/client/Properties.class", 9);
        }
        assertEquals(new ClassBytes(1, 2, 120, 0),
                ClassBytes.ofClasses(jar, "dev/tern/mqtt/codec/", java.util.List.of("Properties")));
    }

    private static void put(JarOutputStream out, String name, int bytes) throws Exception {
        out.putNextEntry(new JarEntry(name));
        out.write("x".repeat(bytes).getBytes(StandardCharsets.US_ASCII));
        out.closeEntry();
    }
}
